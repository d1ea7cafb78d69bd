import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { FactlensDB } from '../../../lib/background/db';
import { call, serve, TRANSFER_CHARS, type BackgroundApi } from '../../../lib/shared/protocol';
import type { Targets } from '../../../lib/background/registration';
import { PackSchema } from '../../../lib/model/schema';
import { COMPILER_VERSION } from '../../../lib/matcher/compile';
import { createService, INDEX_PART_PATTERNS, MAX_INDEX_BYTES } from '../../../lib/background/service';
import { BUNDLED_PACK_ID, Store } from '../../../lib/background/store';
import { miniPack } from '../../fixtures/mini-pack';
import { bigPack } from '../../fixtures/big-pack';
import { fetchIndex } from '../../../lib/content/index-fetch';
import { exportBackup, restoreBackup } from '../../../lib/ui/transfer';
import { createMatcher } from '../../../lib/matcher/scan';

let n = 0;
let registered: (Targets | null)[];
let loads: number;

beforeEach(() => {
  fakeBrowser.reset();
  registered = [];
  loads = 0;
  const store = new Store(new FactlensDB(`svc-${++n}`));
  const service = createService({
    store,
    loadBundled: async () => {
      loads++;
      return { pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' };
    },
    scripting: { sync: async (t) => void registered.push(t) },
  });
  browser.runtime.onMessage.addListener(serve<BackgroundApi>(service.handlers));
});

describe('waking up', () => {
  it('skips loading the bundled pack when the stored one has the same hash', async () => {
    fakeBrowser.reset();
    const store = new Store(new FactlensDB(`svc-wake-${++n}`));
    let fullLoads = 0;
    const make = () =>
      createService({
        store,
        loadBundled: async () => {
          fullLoads++;
          return { pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' };
        },
        bundledHash: async () => ({ id: BUNDLED_PACK_ID, hash: 'h1' }),
        scripting: { sync: async () => undefined },
      });
    await make().ensureReady();
    expect(fullLoads).toBe(1);
    // A new worker (after sleep) finds the same hash stored: no pack load.
    await make().ensureReady();
    expect(fullLoads).toBe(1);
  });
});

describe('the cached matcher index', () => {
  it('is rebuilt when it was compiled by another version of the compiler', async () => {
    fakeBrowser.reset();
    const store = new Store(new FactlensDB(`svc-index-${++n}`));
    const make = () =>
      createService({
        store,
        loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
        scripting: { sync: async () => undefined },
      });
    await make().ensureReady();
    const packsKey = await store.packsKey();
    // An index left by the previous release (its key was the packs alone) for the same packs.
    await store.putKv('matcher-index', {
      key: packsKey,
      index: { v: 1, entities: [], context: [], patterns: [] },
      names: {},
    });
    browser.runtime.onMessage.addListener(serve<BackgroundApi>(make().handlers));
    const got = await call('index.get', {});
    expect(got.key).toBe(`c${COMPILER_VERSION}|${packsKey}`);
    expect(got.index.patterns.length).toBeGreaterThan(0);
  });
});

describe('settings reach open tabs', () => {
  function withTabs() {
    fakeBrowser.reset();
    const plans: { plan: (url: string) => string; except?: number }[] = [];
    const service = createService({
      store: new Store(new FactlensDB(`svc-tabs-${++n}`)),
      loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
      scripting: { sync: async () => undefined },
      applyToTabs: async (plan, except) => void plans.push({ plan, except }),
    });
    return { h: service.handlers, plans };
  }
  const A = 'https://a.example/news/1';
  const B = 'https://b.example/';

  it('touches only the tabs whose site changed when a site is switched off or on', async () => {
    const { h, plans } = withTabs();
    await h['site.set']({ url: A, enabled: false }, {});
    expect([plans[0]!.plan(A), plans[0]!.plan(B)]).toEqual(['teardown', 'keep']);
    await h['site.set']({ url: A, enabled: true }, {});
    expect([plans[1]!.plan(A), plans[1]!.plan(B)]).toEqual(['refresh', 'keep']);
  });

  it('refreshes every enabled tab when how marks look changes, except the tab that asked', async () => {
    const { h, plans } = withTabs();
    await h['site.set']({ url: A, enabled: false }, {});
    // The options page open in tab 7.
    const options = { tab: { id: 7 }, url: browser.runtime.getURL('/options.html') };
    await h['settings.set']({ patch: { markStyle: 'background' } }, options);
    const last = plans.at(-1)!;
    expect([last.plan(A), last.plan(B)]).toEqual(['teardown', 'refresh']);
    expect(last.except).toBe(7);
  });

  it('switches to "only the sites I switch on": every tab not listed loses Factlens', async () => {
    const { h, plans } = withTabs();
    await h['settings.set']({ patch: { enabledByDefault: false, enabledFor: ['a.example/news'] } }, {});
    const last = plans.at(-1)!;
    expect([last.plan(A), last.plan(B)]).toEqual(['keep', 'teardown']);
  });
});

describe('hidden categories', () => {
  it('leaves out entities whose every category is hidden', async () => {
    await call('settings.set', { patch: { hiddenCategories: ['energy'] } });
    const got = await call('index.get', {});
    expect(got.hiddenByCategory).toEqual(['north-line']);
    await call('settings.set', { patch: { hiddenCategories: [] } });
    expect((await call('index.get', {})).hiddenByCategory).toEqual([]);
  });
});

describe('background service through the message protocol', () => {
  it('seeds the bundled pack once and serves the matcher index', async () => {
    const a = await call('index.get', {});
    const b = await call('index.get', {});
    expect(loads).toBe(1);
    expect(a.key).toBe(b.key);
    expect(a.names).toMatchObject({ 'north-line': 'North Line', tpx: 'TPX' });
    expect(a.settings.markStyle).toBe('underline');
  });

  it('serves a card with cited claims, ranked by the sentence', async () => {
    const card = await call('card.get', {
      entity: 'north-line',
      context: 'The 2014 contract was said to be worth $400 billion.',
    });
    expect(card.entity.name).toBe('North Line');
    expect(card.total).toBe(3);
    expect(card.claims[0]!.id).toBe('north-line-deal');
    expect(card.claims[0]!.source).toMatchObject({ title: 'A Test Report', author: 'Ann Author' });
    await expect(call('card.get', { entity: 'nope' })).rejects.toThrow('unknown entity "nope"');
  });

  it('searches and opens entities', async () => {
    const hits = await call('search', { query: 'north' });
    expect(hits[0]!.entity.id).toBe('north-line');
    const view = await call('entity.get', { id: 'tpx' });
    expect(view?.claims.map((c) => c.id)).toEqual(['tpx-users']);
    expect(await call('entity.get', { id: 'nope' })).toBeNull();
  });

  it('switches a site off and on, re-registering the content script each time', async () => {
    expect((await call('site.get', { url: 'https://a.org/x' })).enabled).toBe(true);
    const off = await call('site.set', { url: 'https://a.org/x', enabled: false });
    expect(off).toMatchObject({ host: 'a.org', enabled: false });
    expect(registered.at(-1)).toEqual({ matches: ['http://*/*', 'https://*/*'], excludeMatches: ['*://a.org/*'] });
    const on = await call('site.set', { url: 'https://a.org/x', enabled: true });
    expect(on.enabled).toBe(true);
    expect(registered.at(-1)).toEqual({ matches: ['http://*/*', 'https://*/*'], excludeMatches: [] });
    await expect(call('site.set', { url: 'chrome://settings', enabled: false })).rejects.toThrow(
      /only on http and https/,
    );
  });

  it('validates settings patches and keeps the old settings on error', async () => {
    await expect(call('settings.set', { patch: { dwellMs: -5 } })).rejects.toThrow(/invalid setting: dwellMs/);
    expect((await call('settings.get', {})).dwellMs).toBe(200);
    const s = await call('settings.set', { patch: { markStyle: 'background', enabledByDefault: false } });
    expect(s.markStyle).toBe('background');
    expect(registered.at(-1)).toBeNull();
  });

  it('imports and removes packs; the matcher index follows', async () => {
    const before = await call('index.get', {});
    const pack = miniPack({
      id: 'mine',
      sources: [{ id: 'my-src', title: 'Notes', author: null, publisher: null, year: null, kind: 'other' }],
      entities: [
        {
          id: 'my-thing',
          name: 'My Thing',
          type: 'project',
          description: 'Mine.',
          aliases: [],
          categories: ['energy'],
        },
      ],
      claims: [
        {
          id: 'my-claim',
          entities: ['my-thing'],
          text: 'Something.',
          kind: 'fact',
          citation: { source: 'my-src', section: 'Intro' },
          anchor: 'x',
        },
      ],
    });
    const info = await call('packs.import', { json: JSON.stringify(pack) });
    expect(info).toMatchObject({ id: 'mine', entities: 1, claims: 1, bundled: false });
    const after = await call('index.get', {});
    expect(after.key).not.toBe(before.key);
    expect(after.names['my-thing']).toBe('My Thing');
    await expect(call('packs.import', { json: '[' })).rejects.toThrow(/not valid JSON/);
    expect((await call('packs.remove', { id: 'mine' })).map((p) => p.id)).toEqual([BUNDLED_PACK_ID]);
  });
});

describe('what a web page may ask', () => {
  const page = { tab: { id: 3, url: 'https://news.example/a' }, url: 'https://news.example/a', frameId: 0 };
  const make = () =>
    createService({
      store: new Store(new FactlensDB(`svc-sender-${++n}`)),
      loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
      scripting: { sync: async () => undefined },
      openPage: async () => undefined,
      injectCard: async () => undefined,
    });
  const PAYLOADS: { [K in keyof BackgroundApi]: BackgroundApi[K]['req'] } = {
    'index.get': { url: page.url },
    'index.part': { key: 'an old key', part: 1 },
    'card.get': { entity: 'tpx' },
    'entity.get': { id: 'tpx' },
    'entity.hide': { entity: 'tpx' },
    search: { query: 'pipe' },
    'site.get': { url: page.url },
    'site.set': { url: page.url, enabled: false },
    'settings.get': {},
    'settings.set': { patch: { markStyle: 'background' } },
    'packs.list': {},
    'sources.list': {},
    'packs.import': { json: '{}' },
    'packs.remove': { id: 'x' },
    'data.export': {},
    'data.import': { json: '{}' },
    'transfer.get': { token: 'no-such-token', part: 0 },
    'transfer.put': { token: 'some-token', part: 0, parts: 1, text: '{}' },
    'data.reset': {},
    'ui.loadCard': {},
    'ui.open': { entity: 'tpx' },
    'card.opened': { entity: 'tpx', mention: 'TPX' },
    'log.list': {},
    'log.delete': { all: true },
  };
  const allowed = ['index.get', 'index.part', 'card.get', 'entity.hide', 'ui.loadCard', 'ui.open', 'card.opened'];
  /** What a handler that ran says to these payloads, where it is not an answer. */
  const ranAndSaid: Partial<Record<keyof BackgroundApi, string>> = {
    'index.part': 'the index changed: ask for it again',
  };

  it.each(Object.keys(PAYLOADS) as (keyof BackgroundApi)[])(
    '%s: answered or refused as its zone says',
    async (type) => {
      const h = make().handlers as unknown as Record<string, (p: unknown, s: unknown) => Promise<unknown>>;
      const got = h[type]!(PAYLOADS[type], page).then(
        () => 'answered',
        (e: Error) => e.message,
      );
      if (allowed.includes(type)) expect(await got).toBe(ranAndSaid[type] ?? 'answered');
      else expect(await got).toBe(`"${type}" is not available to web pages`);
    },
  );

  it('ui.loadCard: a tab closed while the card UI loads is no failure; any other failure is', async () => {
    const withInject = (injectCard: () => Promise<void>) =>
      createService({
        store: new Store(new FactlensDB(`svc-inject-${++n}`)),
        loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
        scripting: { sync: async () => undefined },
        injectCard,
      }).handlers['ui.loadCard'];
    expect(await withInject(async () => undefined)({}, page)).toBe(true);
    for (const gone of ['No tab with id: 1058426944', 'No frame with id 4 in tab 3.', 'Frame with ID 2 was removed.'])
      expect(await withInject(async () => Promise.reject(new Error(gone)))({}, page)).toBe(false);
    await expect(
      withInject(async () => Promise.reject(new Error('Cannot access contents of the page')))({}, page),
    ).rejects.toThrow(/Cannot access/);
  });

  it('refuses malformed and oversized payloads before any handler runs', async () => {
    const h = make().handlers;
    await expect(h['card.get']({ entity: 'tpx', context: 'x'.repeat(5000) }, page)).rejects.toThrow(
      /bad "card.get" request: context/,
    );
    await expect(h['data.import']({ json: [1, 2] as unknown as string }, {})).rejects.toThrow(/bad "data.import"/);
    await expect(h.search({ query: 'q'.repeat(600) }, {})).rejects.toThrow(/bad "search"/);
    await expect(h['ui.open']({ entity: 'tpx', extra: 1 } as never, page)).rejects.toThrow(/bad "ui.open"/);
  });

  it('logs a shown card only with the log on, from its own answer and the sender, once per card served', async () => {
    const store = new Store(new FactlensDB(`svc-log-${++n}`));
    const svc = createService({
      store,
      loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
      scripting: { sync: async () => undefined },
    });
    const h = svc.handlers;
    const tab = { tab: { id: 7, url: 'https://news.example/story#top', title: 'A story' }, frameId: 0 };
    const sender = { ...tab, url: 'https://news.example/story#top' };
    const context = 'The 2014 contract for North Line was worth $300 billion.';
    // Off by default: nothing is kept.
    expect((await h['index.get']({}, sender)).settings.readingLog).toBe(false);
    await h['card.get']({ entity: 'north-line', context }, sender);
    expect(await h['card.opened']({ entity: 'north-line', mention: 'North Line' }, sender)).toBe(false);
    expect(await store.listLog()).toEqual([]);

    await store.putSettings({ ...(await store.getSettings()), readingLog: true });
    // No card served to this frame, or another entity's: nothing.
    expect(await h['card.opened']({ entity: 'north-line', mention: 'North Line' }, sender)).toBe(false);
    await h['card.get']({ entity: 'north-line', context }, sender);
    expect(await h['card.opened']({ entity: 'tpx', mention: 'TPX' }, sender)).toBe(false);
    await h['card.get']({ entity: 'north-line', context }, sender);
    expect(await h['card.opened']({ entity: 'north-line', mention: 'North Line' }, sender)).toBe(true);
    // The same served card twice: one entry.
    expect(await h['card.opened']({ entity: 'north-line', mention: 'North Line' }, sender)).toBe(false);
    const [entry, ...more] = await store.listLog();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      entity: 'north-line',
      entityName: 'North Line',
      url: 'https://news.example/story',
      host: 'news.example',
      title: 'A story',
      mention: 'North Line',
      context,
    });
    expect(entry!.claims[0]).toBe('north-line-deal');
    expect(entry!.differs).toMatchObject([{ claim: 'north-line-deal', pageValue: 300, sourceValue: 400 }]);

    // A mention the sentence does not hold is not kept; a non-http page is not logged.
    await h['card.get']({ entity: 'tpx', context: 'TPX is used.' }, sender);
    expect(await h['card.opened']({ entity: 'tpx', mention: '<script>' }, sender)).toBe(true);
    expect((await store.listLog())[0]).toMatchObject({ entity: 'tpx', mention: '' });
    const local = { tab: { id: 8, url: 'file:///x.html' }, url: 'file:///x.html', frameId: 0 };
    await h['card.get']({ entity: 'tpx', context: 'TPX' }, local);
    expect(await h['card.opened']({ entity: 'tpx', mention: 'TPX' }, local)).toBe(false);

    // The page may not read or delete it.
    await expect(h['log.list']({}, sender)).rejects.toThrow(/not available to web pages/);
    await expect(h['log.delete']({ all: true }, sender)).rejects.toThrow(/not available to web pages/);
    expect(await h['log.list']({}, {})).toHaveLength(2);
    expect(await h['log.delete']({ all: true }, {})).toBe(2);
  });

  it('opens one entity tab per click, only for an entity it knows', async () => {
    const opened: string[] = [];
    const svc = createService({
      store: new Store(new FactlensDB(`svc-open-${++n}`)),
      loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
      scripting: { sync: async () => undefined },
      openPage: async (p) => void opened.push(p),
    });
    await expect(svc.handlers['ui.open']({ entity: 'no-such' }, page)).rejects.toThrow(/unknown entity/);
    const clicks = await Promise.all([1, 2, 3, 4, 5].map(() => svc.handlers['ui.open']({ entity: 'tpx' }, page)));
    expect(clicks.filter(Boolean)).toHaveLength(1);
    expect(opened).toEqual(['/popup.html?entity=tpx']);
  });

  it('hides one known entity everywhere, and nothing else', async () => {
    const svc = make();
    await svc.handlers['entity.hide']({ entity: 'tpx' }, page);
    expect((await svc.handlers['settings.get']({}, {})).hiddenEntities).toEqual(['tpx']);
    await expect(svc.handlers['entity.hide']({ entity: 'nope' }, page)).rejects.toThrow(/unknown entity/);
  });
});

describe('a site list the browser refuses', () => {
  it('is not stored: the settings stay those the registration has', async () => {
    const store = new Store(new FactlensDB(`svc-refuse-${++n}`));
    let refuse = false;
    const synced: (Targets | null)[] = [];
    const svc = createService({
      store,
      loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
      scripting: {
        sync: async (t) => {
          if (refuse) throw new Error('Invalid url pattern');
          synced.push(t);
        },
      },
    });
    refuse = true;
    await expect(svc.handlers['settings.set']({ patch: { disabledFor: ['b.example'] } }, {})).rejects.toThrow(
      /the browser refused the site list, nothing was changed: Invalid url pattern/,
    );
    expect((await store.getSettings()).disabledFor).toEqual([]);
  });
});

/** A pack of `codes` code-like names (each compiled with its spelling variants), in entities of 100. */
function codePack(id: string, codes: number): string {
  const entities = [];
  for (let e = 0; e * 100 < codes; e++)
    entities.push({
      id: `${id}-e${e}`,
      name: `${id.toUpperCase()} Thing ${e}`,
      type: 'project' as const,
      description: 'Many codes.',
      aliases: Array.from({ length: Math.min(100, codes - e * 100) - 1 }, (_, a) => ({
        text: `QX${e * 100 + a}-${(e * 7 + a) % 1000}A`,
        lang: 'abbr' as const,
      })),
      categories: ['energy' as const],
    });
  return JSON.stringify(
    miniPack({
      id,
      sources: [{ id: `${id}-src`, title: 'Codes', author: null, publisher: null, year: null, kind: 'other' }],
      entities,
      claims: entities.map((e) => ({
        id: `${e.id}-claim`,
        entities: [e.id],
        text: 'A code list.',
        kind: 'fact' as const,
        citation: { source: `${id}-src`, section: 'List' },
        anchor: 'codes',
      })),
    }),
  );
}

describe('the index cache', () => {
  it('a write that fails (storage full) costs a compile later, not the page its index', async () => {
    class FullStore extends Store {
      override async putKv(): Promise<void> {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
    }
    const svc = createService({
      store: new FullStore(new FactlensDB(`svc-full-${++n}`)),
      loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
      scripting: { sync: async () => undefined },
    });
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...a: unknown[]) => void warned.push(a);
    try {
      const got = await svc.handlers['index.get']({}, {});
      expect(got.index.entities).toContain('north-line');
      expect(warned).toHaveLength(1);
    } finally {
      console.warn = warn;
    }
  });
});

describe('a large index', () => {
  it('reaches a page in parts that make up the whole index', async () => {
    await call('packs.import', { json: codePack('codes', 1500) });
    const first = await call('index.get', {});
    expect(first.parts).toBeGreaterThanOrEqual(2);
    expect(first.index.patterns).toHaveLength(INDEX_PART_PATTERNS);
    const patterns = [...first.index.patterns];
    for (let part = 1; part < first.parts!; part++)
      patterns.push(...(await call('index.part', { key: first.key, part })).patterns);
    // The whole: every code is there, in key order (what the tables were built for).
    expect(patterns.length).toBeGreaterThan(INDEX_PART_PATTERNS);
    const aliases = new Set(patterns.map((p) => p.alias));
    expect(aliases.has('QX0-0A') && aliases.has('QX1498-196A')).toBe(true);
    const keys = patterns.map((p) => p.key);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await expect(call('index.part', { key: first.key, part: first.parts! })).rejects.toThrow(/no part/);
    // The packs change: an old key's part is refused, so the page asks again.
    await call('packs.remove', { id: 'codes' });
    await expect(call('index.part', { key: first.key, part: 1 })).rejects.toThrow(/index changed/);
    expect((await call('index.get', {})).parts).toBeUndefined();
  });

  it('is put together by the content script as the one index it would have had in one message', async () => {
    await call('packs.import', { json: codePack('codes', 1500) });
    const got = await fetchIndex('https://news.example/a');
    expect(got.parts).toBe(1);
    const first = await call('index.get', {});
    const rest = [];
    for (let part = 1; part < first.parts!; part++)
      rest.push(...(await call('index.part', { key: first.key, part })).patterns);
    expect(got.index.patterns).toEqual([...first.index.patterns, ...rest]);
    expect(got.index.tables).toEqual(first.index.tables);
    // And its matcher finds a name of the last part.
    const m = createMatcher(got.index);
    expect(m.scan('the QX1498-196A unit').map((x) => x.entity)).toEqual(['codes-e14']);
  });

  it('is refused at import when it would be over the budget, and nothing is stored', async () => {
    const before = await call('index.get', {});
    await expect(call('packs.import', { json: codePack('huge', 9_900) })).rejects.toThrow(
      new RegExp(
        `the index of names every page receives would be [0-9.]+ MB .*more than the ${(MAX_INDEX_BYTES / 1048576).toFixed(1)} MB`,
      ),
    );
    expect((await call('packs.list', {})).map((p) => p.id)).toEqual([BUNDLED_PACK_ID]);
    expect((await call('index.get', {})).key).toBe(before.key);
  }, 30_000);

  it('compiles without stopping the worker: other requests are answered meanwhile', async () => {
    await call('index.get', {});
    const order: string[] = [];
    const importing = call('packs.import', { json: codePack('codes', 5_000) }).then(() => order.push('import'));
    // Give the import time to reach its compile, then ask for something else.
    await new Promise((r) => setTimeout(r, 50));
    await call('settings.get', {}).then(() => order.push('settings'));
    await importing;
    expect(order).toEqual(['settings', 'import']);
    // The index the import compiled is kept: pages get it, with the new pack's names.
    const got = await call('index.get', {});
    expect(got.names['codes-e0']).toBe('CODES Thing 0');
  }, 30_000);
});

describe('a backup in transfer', () => {
  it('goes out and comes back in parts, and restores what was exported', async () => {
    await call('packs.import', { json: bigPack('big', 'Big', 9) });
    const json = await exportBackup();
    expect(json.length).toBeGreaterThan(2 * TRANSFER_CHARS);
    expect(JSON.parse(json)).toMatchObject({ factlens: 'backup', packs: [{ id: 'big' }] });
    await call('packs.remove', { id: 'big' });
    const r = await restoreBackup(json);
    expect(r.packs.map((p) => p.id).sort()).toEqual(['big', BUNDLED_PACK_ID]);
    expect(r.packs.find((p) => p.id === 'big')?.claims).toBe(JSON.parse(json).packs[0].claims.length);
  }, 60_000);

  it('says so when a part is missing or was already read, and refuses too many parts', async () => {
    const { token, parts } = await call('data.export', {});
    expect(parts).toBe(1);
    await call('transfer.get', { token, part: 0 });
    await expect(call('transfer.get', { token, part: 0 })).rejects.toThrow(/transfer was lost/);
    await call('transfer.put', { token: 'half-sent-token', part: 0, parts: 2, text: '{"factlens":' });
    await expect(call('data.import', { token: 'half-sent-token' })).rejects.toThrow(/transfer was lost/);
    await expect(call('transfer.put', { token: 'too-many-parts', part: 0, parts: 20, text: '' })).rejects.toThrow(
      /more than a backup may have/,
    );
  });
});
