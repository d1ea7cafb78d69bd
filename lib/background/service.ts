/**
 * The background's request handlers. Pure of any entrypoint wiring so that
 * tests run it with fake-indexeddb and WXT's fakeBrowser.
 */
import { compileIndex, COMPILER_VERSION } from '../matcher/compile';
import type { MatcherIndex } from '../matcher/types';
import { rankClaims } from './rank';
import { checkFigures } from '../figures/check';
import { browser } from 'wxt/browser';
import type { BackgroundApi, CardData, ClaimView, Handlers, MessageSender, SiteState } from '../shared/protocol';
import { requestProblem, WEB_PAGE_REQUESTS } from '../model/requests';
import type { Pack } from '../model/schema';
import { SearchIndex } from './search';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from '../model/settings';
import { contentScriptTargets, entryForUrl, isEnabledFor, isHttpUrl, setSiteEnabled } from '../shared/sites';
import { type Store } from './store';
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
  /** The extension's own origin, "chrome-extension://<id>/" (default: runtime.getURL('/')). */
  extensionOrigin?: () => string;
}

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

export function createService(deps: ServiceDeps) {
  const { store, scripting } = deps;
  const lastOpen = new Map<number, number>();
  /** The last card served to each frame, for "card.opened": what the log keeps comes from here, not from the page. */
  const served = new Map<string, { at: number; data: CardData; context: string }>();
  let ready: Promise<void> | undefined;
  let indexCache:
    | { key: string; index: MatcherIndex; names: Record<string, string>; categories: Record<string, string[]> }
    | undefined;
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

  async function matcherIndex(): Promise<NonNullable<typeof indexCache>> {
    await ensureReady();
    const key = `c${COMPILER_VERSION}|${await store.packsKey()}`;
    if (indexCache?.key === key) return indexCache;
    const stored = await store.getKv<typeof indexCache>('matcher-index');
    if (stored?.key === key && stored.categories) return (indexCache = stored);
    const entities = await store.allEntities();
    indexCache = {
      key,
      index: compileIndex(entities),
      names: Object.fromEntries(entities.map((e) => [e.id, e.name])),
      categories: Object.fromEntries(entities.map((e) => [e.id, e.categories])),
    };
    await store.putKv('matcher-index', indexCache);
    return indexCache;
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
    return saved;
  }

  const handlers: Handlers<BackgroundApi> = {
    async 'index.get'() {
      const { key, index, names, categories } = await matcherIndex();
      const s = await store.getSettings();
      const hiddenCats = new Set(s.hiddenCategories);
      return {
        key,
        index,
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
    async 'packs.import'({ json }) {
      await ensureReady();
      const row = await store.importPack(json);
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
      return store.exportBackup();
    },
    async 'data.import'({ json }) {
      await ensureReady();
      const r = await store.importBackup(json);
      await scripting.sync(contentScriptTargets(r.settings));
      refreshTabs(r.settings);
      return { settings: r.settings, packs: await store.listPacks() };
    },
    async 'data.reset'() {
      return saveSettings(DEFAULT_SETTINGS);
    },
    async 'ui.loadCard'(_req, sender) {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !deps.injectCard) throw new Error('the card UI can only be loaded into a tab');
      await deps.injectCard(tabId, sender.frameId ?? 0);
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
