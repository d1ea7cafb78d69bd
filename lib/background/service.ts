/**
 * The background's request handlers. Pure of any entrypoint wiring so that
 * tests run it with fake-indexeddb and WXT's fakeBrowser.
 */
import { compileIndexAsync, COMPILER_VERSION } from '../matcher/compile';
import type { MatcherIndex, Pattern } from '../matcher/types';
import { rankClaims } from './rank';
import { checkFigures } from '../figures/check';
import { browser } from 'wxt/browser';
import {
  TRANSFER_CHARS,
  transferParts,
  type BackgroundApi,
  type CardData,
  type ClaimView,
  type Handlers,
  type MessageSender,
  type SiteState,
} from '../shared/protocol';
import { requestProblem, WEB_PAGE_REQUESTS } from '../model/requests';
import type { Entity, Pack } from '../model/schema';
import { SearchIndex } from './search';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from '../model/settings';
import { contentScriptTargets, entryForUrl, isEnabledFor, isHttpUrl, setSiteEnabled } from '../shared/sites';
import { MAX_BACKUP_BYTES, PackImportError, utf8Length, type Store } from './store';
import type { ClaimRow } from './db';
import type { ScriptingPort, TabAction } from './registration';

/** Settings that decide only where Factlens runs. */
const SITE_KEYS = new Set<keyof Settings>(['active', 'enabledByDefault', 'enabledFor', 'disabledFor']);

export interface BundledPack {
  pack: Pack;
  hash: string;
}

export interface ServiceDeps {
  store: Store;
  loadBundled: () => Promise<BundledPack>;
  /** The bundled pack's id and hash, cheaply (its manifest), to skip loading an unchanged pack. */
  bundledHash?: () => Promise<{ id: string; hash: string }>;
  scripting: ScriptingPort;
  /** Claims shown on a card before "more". */
  cardClaims?: number;
  /** Opens an extension page in a new tab. */
  openPage?: (path: string) => Promise<void>;
  /** Runs the card UI script in a tab's frame. */
  injectCard?: (tabId: number, frameId: number) => Promise<void>;
  /**
   * Brings open tabs in step after settings or packs change (`except`: the tab
   * that asked, which updates itself). Not awaited by the handlers.
   */
  applyToTabs?: (plan: (url: string) => TabAction, except?: number) => Promise<void>;
  /** Told of every saved change of the settings (the PDF links' listener follows its setting). */
  onSettings?: (settings: Settings) => void;
  /** The extension's own origin, "chrome-extension://<id>/" (default: runtime.getURL('/')). */
  extensionOrigin?: () => string;
}

/**
 * The most the compiled index of all packs may weigh, as JSON: every page
 * receives it, and holds it while it runs. The bundled pack's is about 0.4 MB.
 */
export const MAX_INDEX_BYTES = 8 * 1024 * 1024;
/** Patterns per message when a page receives its index (about 1 MB of JSON), the rest by index.part. */
export const INDEX_PART_PATTERNS = 10_000;

interface CompiledIndex {
  key: string;
  index: MatcherIndex;
  names: Record<string, string>;
  categories: Record<string, string[]>;
}

type IndexEntity = Pick<Entity, 'id' | 'name' | 'aliases' | 'context' | 'blockers' | 'categories'>;

/** Compiles in slices, so that the worker keeps answering while a large pack compiles. */
async function compile(entities: IndexEntity[]): Promise<Omit<CompiledIndex, 'key'>> {
  return {
    index: await compileIndexAsync(entities),
    names: Object.fromEntries(entities.map((e) => [e.id, e.name])),
    categories: Object.fromEntries(entities.map((e) => [e.id, e.categories])),
  };
}

const megabytes = (n: number) => (n / (1024 * 1024)).toFixed(1);

/** How long the background holds a text in transfer (a backup on its way) before it forgets it. */
const TRANSFER_TTL_MS = 5 * 60_000;
/** Texts in transfer at once. */
const MAX_TRANSFERS = 4;

/** The least time between two entity tabs opened from one tab's cards. */
const OPEN_INTERVAL_MS = 1500;
/** How long a served card may wait for its "card.opened" (the dwell, the card script's first load). */
const CARD_OPEN_WINDOW_MS = 30_000;
/** Frames whose last served card is remembered for the reading log (the oldest go first). */
const MAX_SERVED = 200;

const frameKey = (sender: MessageSender) => `${sender.tab?.id ?? -1}:${sender.frameId ?? 0}`;

/**
 * Checks every request before its handler: its payload against its schema
 * (lib/model/requests.ts), and its sender. A web page's content script may
 * ask only for what a page needs (WEB_PAGE_REQUESTS); settings, sites, packs,
 * backups and search answer the extension's own pages (and the background).
 */
function guarded(handlers: Handlers<BackgroundApi>, origin: () => string): Handlers<BackgroundApi> {
  const out = {} as Record<string, (payload: unknown, sender: MessageSender) => unknown>;
  for (const type of Object.keys(handlers) as (keyof BackgroundApi)[]) {
    const handler = handlers[type] as (payload: unknown, sender: MessageSender) => unknown;
    out[type] = async (payload, sender) => {
      const fromPage = sender.tab !== undefined && !(sender.url ?? '').startsWith(origin());
      if (fromPage && !WEB_PAGE_REQUESTS.has(type)) throw new Error(`"${type}" is not available to web pages`);
      const problem = requestProblem(type, payload);
      if (problem) throw new Error(`bad "${type}" request: ${problem}`);
      return handler(payload, sender);
    };
  }
  return out as unknown as Handlers<BackgroundApi>;
}

/**
 * Whether `err` from scripting.executeScript says the tab or frame is gone:
 * Chrome's "No tab with id: N" / "No frame with id N in tab M" / "Frame with ID
 * N was removed", Firefox's "Invalid tab ID: N" / "Frame not found, or missing
 * host permission".
 */
function targetGone(err: unknown): boolean {
  const m = err instanceof Error ? err.message : String(err);
  return /No tab with id|No frame with id|Frame with ID \d+ (?:was removed|is showing error page)|Invalid tab ID|Frame not found|The tab was closed/i.test(
    m,
  );
}

export function createService(deps: ServiceDeps) {
  const { store, scripting } = deps;
  const lastOpen = new Map<number, number>();
  /** The last card served to each frame, for "card.opened": what the log keeps comes from here, not from the page. */
  const served = new Map<string, { at: number; data: CardData; context: string }>();
  let ready: Promise<void> | undefined;
  let indexCache: CompiledIndex | undefined;
  /** Texts in transfer, by token: parts still to be read (an export) or still arriving (a restore). */
  const transfers = new Map<string, { parts: (string | undefined)[]; expires: number }>();
  const transfer = (token: string) => {
    const now = Date.now();
    for (const [k, v] of transfers) if (v.expires < now) transfers.delete(k);
    return transfers.get(token);
  };
  const hold = (token: string, parts: (string | undefined)[]) => {
    transfer(token);
    if (transfers.size >= MAX_TRANSFERS && !transfers.has(token))
      throw new Error('too many transfers at once: wait for one to finish');
    const held = { parts, expires: Date.now() + TRANSFER_TTL_MS };
    transfers.set(token, held);
    return held;
  };
  const LOST = 'the transfer was lost (Factlens may have restarted): try again';
  let building: { key: string; done: Promise<CompiledIndex> } | undefined;
  let searchCache: { key: string; index: SearchIndex } | undefined;

  /** Seeds the bundled pack if it is new or changed, once per worker lifetime. */
  function ensureReady(): Promise<void> {
    ready ??= (async () => {
      if (deps.bundledHash) {
        const { id, hash } = await deps.bundledHash();
        if ((await store.run(() => store.db.packs.get(id)))?.hash === hash) return;
      }
      const b = await deps.loadBundled();
      await store.seedBundled(b.pack, b.hash);
    })().catch((err) => {
      ready = undefined;
      throw err;
    });
    return ready;
  }

  const indexKey = async () => `c${COMPILER_VERSION}|${await store.packsKey()}`;

  /** Keeps a compiled index, in memory and in the database (a failed write costs a compile later, nothing else). */
  async function keepIndex(compiled: CompiledIndex): Promise<CompiledIndex> {
    indexCache = compiled;
    await store.putKv('matcher-index', compiled).catch((err: unknown) => {
      console.warn('Factlens: the compiled index could not be cached', err);
    });
    return compiled;
  }

  /** The index of the stored packs: cached, or compiled once however many pages ask at the same time. */
  async function matcherIndex(): Promise<CompiledIndex> {
    await ensureReady();
    const key = await indexKey();
    if (indexCache?.key === key) return indexCache;
    if (building?.key === key) return building.done;
    const done = (async () => {
      const stored = await store.getKv<CompiledIndex>('matcher-index');
      if (stored?.key === key && stored.categories) return (indexCache = stored);
      return keepIndex({ key, ...(await compile(await store.allEntities())) });
    })();
    building = { key, done };
    try {
      return await done;
    } finally {
      if (building?.done === done) building = undefined;
    }
  }

  /**
   * Refuses packs whose index, with the packs that stay (all but those of
   * the same ids, which they replace), would be over MAX_INDEX_BYTES; returns
   * the index they will make (entities in id order, as the store lists them),
   * to keep once they are written.
   */
  async function indexWith(packs: Pack[]): Promise<Omit<CompiledIndex, 'key'>> {
    const replaced = new Set(packs.map((p) => p.id));
    const staying = (await store.allEntities()).filter((e) => !replaced.has(e.pack));
    const entities: IndexEntity[] = [...staying, ...packs.flatMap((p) => p.entities)].sort((a, b) =>
      a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    const next = await compile(entities);
    const bytes = utf8Length(JSON.stringify(next.index));
    if (bytes > MAX_INDEX_BYTES)
      throw new PackImportError([
        `entities: with ${packs.length === 1 ? 'this pack' : 'these packs'} the index of names every page receives would be ${megabytes(bytes)} MB (${next.index.patterns.length} spellings), more than the ${megabytes(MAX_INDEX_BYTES)} MB Factlens allows; remove a pack or give fewer aliases (codes are compiled with their spelling variants)`,
      ]);
    return next;
  }

  async function searchIndex(): Promise<SearchIndex> {
    await ensureReady();
    const key = await store.packsKey();
    if (searchCache?.key === key) return searchCache.index;
    const index = new SearchIndex(await store.allEntities(), await store.allClaims());
    searchCache = { key, index };
    return index;
  }

  async function claimViews(claims: ClaimRow[], reasons?: Map<string, string[]>): Promise<ClaimView[]> {
    const sources = await store.sources();
    return claims.map((c) => {
      const source = sources.get(c.citation.source);
      if (!source) throw new Error(`claim "${c.id}" cites unknown source "${c.citation.source}"`);
      const { pack: _pack, ...claim } = c;
      const { pack: _spack, ...src } = source;
      return { ...claim, source: src, reasons: reasons?.get(c.id) };
    });
  }

  function siteState(s: Settings, url: string): SiteState {
    const ok = isHttpUrl(url);
    return {
      url,
      host: ok ? new URL(url).host : '',
      enabled: ok && isEnabledFor(s, url),
      active: s.active,
      enabledByDefault: s.enabledByDefault,
      unsupported: !ok,
    };
  }

  /**
   * Tells open tabs to catch up, without holding up the answer. With `before`,
   * only tabs whose state changed are touched when nothing but the site lists changed.
   */
  function refreshTabs(s: Settings, opts: { before?: Settings; except?: number } = {}): void {
    const { before, except } = opts;
    const sitesOnly =
      before &&
      (Object.keys(s) as (keyof Settings)[]).every(
        (k) => SITE_KEYS.has(k) || JSON.stringify(s[k]) === JSON.stringify(before[k]),
      );
    const plan = (url: string): TabAction => {
      const now = isEnabledFor(s, url);
      if (sitesOnly && now === isEnabledFor(before, url)) return 'keep';
      return now ? 'refresh' : 'teardown';
    };
    deps.applyToTabs?.(plan, except).catch((err) => console.warn('[Factlens] updating open tabs failed:', err));
  }

  async function saveSettings(next: Settings, except?: number): Promise<Settings> {
    const before = await store.getSettings();
    const saved = await store.putSettings(next);
    try {
      await scripting.sync(contentScriptTargets(saved));
    } catch (err) {
      // The browser refused the site list: keep the settings that it accepted, so the stored list
      // never says one thing while the registration does another.
      await store.putSettings(before);
      await scripting.sync(contentScriptTargets(before)).catch(() => undefined);
      throw new Error(
        `the browser refused the site list, nothing was changed: ${err instanceof Error ? err.message : err}`,
      );
    }
    refreshTabs(saved, { before, except });
    deps.onSettings?.(saved);
    return saved;
  }

  const handlers: Handlers<BackgroundApi> = {
    async 'index.get'() {
      const { key, index: whole, names, categories } = await matcherIndex();
      // A large index goes in parts: the first here, the rest by index.part.
      const parts = Math.ceil(whole.patterns.length / INDEX_PART_PATTERNS);
      const index = parts > 1 ? { ...whole, patterns: whole.patterns.slice(0, INDEX_PART_PATTERNS) } : whole;
      const s = await store.getSettings();
      const hiddenCats = new Set(s.hiddenCategories);
      return {
        key,
        index,
        ...(parts > 1 ? { parts } : {}),
        names,
        hiddenByCategory: hiddenCats.size
          ? Object.keys(categories).filter((id) => categories[id]!.every((c) => hiddenCats.has(c)))
          : [],
        settings: {
          markStyle: s.markStyle,
          firstMentionOnly: s.firstMentionOnly,
          dwellMs: s.dwellMs,
          theme: s.theme,
          hiddenEntities: s.hiddenEntities,
          hiddenCategories: s.hiddenCategories,
          readingLog: s.readingLog,
        },
      };
    },
    async 'card.get'({ entity, context }, sender) {
      await ensureReady();
      const e = await store.entity(entity);
      if (!e) throw new Error(`unknown entity "${entity}"`);
      const claims = await store.claimsOf(entity);
      const ranked = rankClaims(context, claims, { limit: claims.length });
      const top = ranked.slice(0, deps.cardClaims ?? 4);
      const reasons = new Map(top.map((r) => [r.claim.id, r.reasons]));
      const data: CardData = {
        entity: { id: e.id, name: e.name, type: e.type, description: e.description, categories: e.categories },
        claims: await claimViews(
          top.map((r) => r.claim as ClaimRow),
          reasons,
        ),
        total: claims.length,
        figures: context ? checkFigures(context, claims) : [],
      };
      if (sender.tab) {
        const key = frameKey(sender);
        served.delete(key);
        served.set(key, { at: Date.now(), data, context: context ?? '' });
        if (served.size > MAX_SERVED) served.delete(served.keys().next().value!);
      }
      return data;
    },
    async 'card.opened'({ entity, mention }, sender) {
      const key = frameKey(sender);
      const last = served.get(key);
      const url = sender.url ?? sender.tab?.url ?? '';
      if (!last || last.data.entity.id !== entity || Date.now() - last.at > CARD_OPEN_WINDOW_MS) return false;
      served.delete(key); // one entry per card served
      if (!isHttpUrl(url) || !(await store.getSettings()).readingLog) return false;
      const { data, context } = last;
      const u = new URL(url);
      u.hash = '';
      return store.appendLog({
        at: Date.now(),
        entity: data.entity.id,
        entityName: data.entity.name.slice(0, 300),
        claims: data.claims.map((c) => c.id),
        url: u.href.slice(0, 4096),
        host: u.host,
        title: (sender.tab?.title ?? '').slice(0, 300),
        // The mention only as the sentence the card was ranked on has it.
        mention: mention && context.includes(mention) ? mention : '',
        context: context.slice(0, 2000),
        differs: data.figures.filter((f) => !f.agrees).slice(0, 20),
      });
    },
    async 'log.list'() {
      return store.listLog();
    },
    async 'log.delete'(which) {
      return store.deleteLog(which);
    },
    async 'entity.get'({ id }) {
      await ensureReady();
      const e = await store.entity(id);
      if (!e) return null;
      return { entity: e, claims: await claimViews(await store.claimsOf(id)) };
    },
    async 'entity.hide'({ entity }, sender) {
      await ensureReady();
      if (!(await store.entity(entity))) throw new Error(`unknown entity "${entity}"`);
      const s = await store.getSettings();
      if (s.hiddenEntities.includes(entity)) return true as const;
      await saveSettings({ ...s, hiddenEntities: [...s.hiddenEntities, entity] }, sender.tab?.id);
      return true as const;
    },
    async search({ query, limit }) {
      return (await searchIndex()).search(query, limit);
    },
    async 'site.get'({ url }) {
      return siteState(await store.getSettings(), url);
    },
    async 'site.set'({ url, enabled }) {
      if (!isHttpUrl(url)) throw new Error(`Factlens runs only on http and https pages, not on "${url}"`);
      const s = await store.getSettings();
      let next = setSiteEnabled(s, url, enabled);
      // Switching a site on while paused also lifts the pause for it to take effect.
      if (enabled && !next.active) next = { ...next, active: true };
      if (enabled && !isEnabledFor(next, url)) next = { ...next, enabledFor: [...next.enabledFor, entryForUrl(url)] };
      return siteState(await saveSettings(next), url);
    },
    async 'settings.get'() {
      return store.getSettings();
    },
    async 'settings.set'({ patch }, sender) {
      const current = await store.getSettings();
      const merged = { ...current, ...patch };
      const checked = normaliseSettings(merged);
      const rejected = Object.keys(patch).filter(
        (k) =>
          JSON.stringify((checked as Record<string, unknown>)[k]) !==
          JSON.stringify((merged as Record<string, unknown>)[k]),
      );
      if (rejected.length) throw new Error(`invalid setting${rejected.length > 1 ? 's' : ''}: ${rejected.join(', ')}`);
      return saveSettings(checked, sender.tab?.id);
    },
    async 'packs.list'() {
      await ensureReady();
      return store.listPacks();
    },
    async 'sources.list'() {
      await ensureReady();
      return store.listSources();
    },
    async 'index.part'({ key, part }) {
      const { key: now, index } = await matcherIndex();
      if (now !== key) throw new Error('the index changed: ask for it again');
      const patterns: Pattern[] = index.patterns.slice(part * INDEX_PART_PATTERNS, (part + 1) * INDEX_PART_PATTERNS);
      if (part < 1 || !patterns.length) throw new Error(`the index has no part ${part}`);
      return { patterns };
    },
    async 'packs.import'({ json }) {
      await ensureReady();
      let next: Omit<CompiledIndex, 'key'> | undefined;
      const row = await store.importPack(json, async (packs) => {
        next = await indexWith(packs);
      });
      if (next) await keepIndex({ key: await indexKey(), ...next });
      refreshTabs(await store.getSettings());
      const info = (await store.listPacks()).find((p) => p.id === row.id);
      if (!info) throw new Error('the pack was stored but cannot be read back');
      return info;
    },
    async 'packs.remove'({ id }) {
      await store.removePack(id);
      refreshTabs(await store.getSettings());
      return store.listPacks();
    },
    async 'data.export'() {
      const parts = transferParts(await store.exportBackup());
      const token = crypto.randomUUID();
      hold(token, parts);
      return { token, parts: parts.length };
    },
    async 'transfer.get'({ token, part }) {
      const t = transfer(token);
      const text = t?.parts[part];
      if (!t || text === undefined) throw new Error(LOST);
      t.parts[part] = undefined;
      if (t.parts.every((p) => p === undefined)) transfers.delete(token);
      return text;
    },
    async 'transfer.put'({ token, part, parts, text }) {
      if (part >= parts) throw new Error(`part ${part} of ${parts}`);
      if (parts * TRANSFER_CHARS > MAX_BACKUP_BYTES + TRANSFER_CHARS)
        throw new Error(`${parts} parts is more than a backup may have`);
      const t = transfer(token) ?? hold(token, new Array<string | undefined>(parts).fill(undefined));
      if (t.parts.length !== parts) throw new Error(`the transfer has ${t.parts.length} parts, not ${parts}`);
      t.parts[part] = text;
      return true as const;
    },
    async 'data.import'(req) {
      let json: string;
      if ('token' in req) {
        const t = transfer(req.token);
        if (!t || t.parts.some((p) => p === undefined)) throw new Error(LOST);
        transfers.delete(req.token);
        json = t.parts.join('');
      } else json = req.json;
      await ensureReady();
      let next: Omit<CompiledIndex, 'key'> | undefined;
      const r = await store.importBackup(json, async (packs) => {
        next = await indexWith(packs);
      });
      if (next) await keepIndex({ key: await indexKey(), ...next });
      await scripting.sync(contentScriptTargets(r.settings));
      refreshTabs(r.settings);
      deps.onSettings?.(r.settings);
      return { settings: r.settings, packs: await store.listPacks() };
    },
    async 'data.reset'() {
      return saveSettings(DEFAULT_SETTINGS);
    },
    async 'ui.loadCard'(_req, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !deps.injectCard) throw new Error('the card UI can only be loaded into a tab');
      try {
        await deps.injectCard(tabId, sender.frameId ?? 0);
      } catch (err) {
        // The tab was closed, or the frame navigated away, while the card UI was on its way: nobody is left to
        // answer, and that is no failure (false: not loaded).
        if (targetGone(err)) return false;
        throw err;
      }
      return true;
    },
    async 'ui.open'({ entity }, sender) {
      if (!deps.openPage) return false;
      await ensureReady();
      if (!(await store.entity(entity))) throw new Error(`unknown entity "${entity}"`);
      // One tab per click: a page that presses "Open in Factlens" in a loop opens one tab.
      const key = sender.tab?.id ?? -1;
      const now = Date.now();
      if (now - (lastOpen.get(key) ?? -Infinity) < OPEN_INTERVAL_MS) return false;
      lastOpen.set(key, now);
      await deps.openPage(`/popup.html?entity=${encodeURIComponent(entity)}`);
      return true;
    },
  };

  return {
    handlers: guarded(handlers, deps.extensionOrigin ?? (() => browser.runtime.getURL('/'))),
    ensureReady,
    /**
     * Registers the content script for the stored settings (on install, update, start-up and
     * every wake). True when the registration was missing and has been made: the browser
     * dropped it (an update, a disable and enable, a Firefox restart), so open tabs need a catch-up.
     */
    async syncRegistration(): Promise<boolean> {
      return (await scripting.sync(contentScriptTargets(await store.getSettings()))) === true;
    },
    /**
     * Gives the content script to every open tab where Factlens runs and none is
     * running (after install, update and browser start; after syncRegistration, so
     * that a page loading meanwhile gets it from one or the other).
     */
    async catchUpTabs() {
      const s = await store.getSettings();
      await deps.applyToTabs?.((url) => (isEnabledFor(s, url) ? 'ensure' : 'keep'));
    },
  };
}
