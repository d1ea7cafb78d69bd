import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactlensDB } from '../../../lib/background/db';
import { PackSchema, type Entity } from '../../../lib/model/schema';
import {
  BUNDLED_PACK_ID,
  MAX_BACKUP_BYTES,
  MAX_IMPORTED_BYTES,
  MAX_PACK_BYTES,
  MAX_PACK_NAMES,
  nest,
  PackImportError,
  Store,
  utf8Length,
} from '../../../lib/background/store';
import { contentHash } from '../../../lib/shared/hash';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { miniPack } from '../../fixtures/mini-pack';

let n = 0;
let db: FactlensDB;
let store: Store;

const bundled = () => PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID }));
const userPack = (over = {}) =>
  JSON.stringify(
    miniPack({
      id: 'user-pack',
      sources: [{ id: 'user-src', title: 'User notes', author: null, publisher: null, year: null, kind: 'other' }],
      entities: [
        {
          id: 'user-thing',
          name: 'User Thing',
          type: 'project',
          description: 'Mine.',
          aliases: [],
          categories: ['energy'],
        },
      ],
      claims: [
        {
          id: 'user-claim',
          entities: ['user-thing'],
          text: 'Something.',
          kind: 'fact',
          citation: { source: 'user-src', section: 'Intro' },
          anchor: 'x',
        },
      ],
      ...over,
    }),
  );

beforeEach(() => {
  db = new FactlensDB(`test-${++n}`);
  store = new Store(db);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('seeding the bundled pack', () => {
  it('installs, then does nothing for the same hash, then replaces on update', async () => {
    const p = bundled();
    expect(await store.seedBundled(p, 'h1')).toBe('installed');
    expect(await db.entities.count()).toBe(2);
    expect(await db.claims.count()).toBe(3);
    expect(await store.seedBundled(p, 'h1')).toBe('unchanged');
    const next = PackSchema.parse(
      miniPack({
        id: BUNDLED_PACK_ID,
        version: '1.1.0',
        entities: miniPack().entities.slice(0, 1),
        claims: miniPack().claims.slice(0, 2),
      }),
    );
    expect(await store.seedBundled(next, 'h2')).toBe('updated');
    expect((await db.entities.toArray()).map((e) => e.id)).toEqual(['north-line']);
    expect(await db.claims.count()).toBe(2);
    expect((await db.packs.get(BUNDLED_PACK_ID))?.version).toBe('1.1.0');
  });

  it('keeps the user’s settings and packs across an update', async () => {
    await store.seedBundled(bundled(), 'h1');
    await store.putSettings({ ...DEFAULT_SETTINGS, disabledFor: ['example.com'], hiddenEntities: ['tpx'] });
    await store.importPack(userPack());
    await store.seedBundled(PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID, version: '2.0.0' })), 'h2');
    expect((await store.getSettings()).disabledFor).toEqual(['example.com']);
    expect((await store.getSettings()).hiddenEntities).toEqual(['tpx']);
    expect(await store.entity('user-thing')).toMatchObject({ pack: 'user-pack' });
  });

  it('never overwrites a user’s row when a new bundled version adds the same id', async () => {
    await store.seedBundled(bundled(), 'h1');
    await store.importPack(userPack());
    const mine = await store.entity('user-thing');
    // Version 2 of the bundled pack brings an entity with the id the user already uses.
    const v2 = miniPack({ id: BUNDLED_PACK_ID, version: '2.0.0' });
    v2.entities.push({
      id: 'user-thing',
      name: 'Bundled Thing',
      type: 'company',
      description: 'Not mine.',
      aliases: [],
      categories: ['trade'],
    });
    v2.claims[0] = { ...v2.claims[0]!, entities: ['north-line', 'user-thing'] };
    expect(await store.seedBundled(PackSchema.parse(v2), 'h2')).toBe('updated');
    expect(await store.entity('user-thing')).toEqual(mine);
    expect(await store.entity('north-line')).toMatchObject({ pack: BUNDLED_PACK_ID });
    // Removing the user's pack later leaves no row of theirs behind.
    await store.removePack('user-pack');
    expect(await store.entity('user-thing')).toBeUndefined();
  });

  it('refuses a backup over the size limit before reading it', async () => {
    const huge = `{"factlens":"backup","settings":{},"packs":[],"pad":"${'x'.repeat(MAX_BACKUP_BYTES)}"}`;
    await expect(store.importBackup(huge)).rejects.toThrow(/the backup is 50\.0 MB; a backup may be at most 50 MB/);
  });

  it('finds claims by entity through the multi-entry index', async () => {
    await store.seedBundled(bundled(), 'h1');
    expect((await store.claimsOf('north-line')).map((c) => c.id).sort()).toEqual([
      'north-line-capacity',
      'north-line-deal',
      'tpx-users',
    ]);
    expect((await store.claimsOf('tpx')).map((c) => c.id)).toEqual(['tpx-users']);
  });
});

describe('importing packs', () => {
  beforeEach(async () => {
    await store.seedBundled(bundled(), 'h1');
  });

  it('stores a valid pack and lists it', async () => {
    await store.importPack(userPack());
    const list = await store.listPacks();
    expect(list.find((p) => p.id === 'user-pack')).toMatchObject({
      bundled: false,
      entities: 1,
      claims: 1,
      sources: 1,
    });
  });

  it('refuses a pack with more names than every page can receive, and more than all packs together may have', async () => {
    // n names in entities of 100 (1 name and 99 aliases), each with the one claim an entity needs.
    const many = (id: string, n: number) => {
      const ents: Entity[] = Array.from({ length: Math.ceil(n / 100) }, (_, e) => ({
        id: `${id}-e${e}`,
        name: `${id} thing ${e}`,
        type: 'project',
        description: 'Many names.',
        aliases: Array.from({ length: Math.min(99, n - e * 100 - 1) }, (_, k) => ({
          text: `${id} ${e} name ${k}`,
          lang: 'en',
        })),
        categories: ['energy'],
        related: [],
      }));
      return JSON.stringify(
        miniPack({
          id,
          sources: [{ id: `${id}-src`, title: 'Many', author: null, publisher: null, year: null, kind: 'other' }],
          entities: ents,
          claims: ents.map((e) => ({
            id: `${e.id}-c`,
            entities: [e.id],
            text: `${e.name} is a test thing.`,
            kind: 'fact' as const,
            citation: { source: `${id}-src`, section: 'All' },
            anchor: 'a test thing',
          })),
        }),
      );
    };
    const before = await db.entities.count();
    await expect(store.importPack(many('huge', MAX_PACK_NAMES + 1))).rejects.toThrow(
      new RegExp(`entities: ${MAX_PACK_NAMES + 1} names and aliases, more than the ${MAX_PACK_NAMES} a pack may have`),
    );
    expect(await db.entities.count()).toBe(before);
    await store.importPack(many('a', 9000));
    await store.importPack(many('b', 9000));
    await expect(store.importPack(many('c', 9000))).rejects.toThrow(/more than the 25000 Factlens can compile/);
    expect((await store.listPacks()).map((p) => p.id).sort()).toEqual([BUNDLED_PACK_ID, 'a', 'b'].sort());
  });

  it('lists the sources of every pack, the bundled pack’s first', async () => {
    await store.importPack(userPack());
    const sources = await store.listSources();
    expect(sources.map((x) => x.title)).toEqual(['A Test Report', 'User notes']);
    expect(sources[0]).toEqual(bundled().sources[0]);
  });

  it('refuses a pack with draft entities or claims (from kb draft), naming each, and imports it once reviewed', async () => {
    const draft = JSON.parse(userPack());
    draft.entities[0].draft = true;
    draft.claims[0].draft = true;
    const err = await store.importPack(JSON.stringify(draft)).catch((e) => e);
    expect(err).toBeInstanceOf(PackImportError);
    expect(err.problems).toEqual([
      'entities[0].draft: entity "user-thing" is a draft; review it, then remove "draft"',
      'claims[0].draft: claim "user-claim" is a draft; review it, then remove "draft"',
    ]);
    expect(await db.packs.get('user-pack')).toBeUndefined();
    // Reviewed: `draft: false` (or no field) imports.
    draft.entities[0].draft = false;
    delete draft.claims[0].draft;
    await store.importPack(JSON.stringify(draft));
    expect(await db.claims.get('user-claim')).toBeDefined();
  });

  it('rejects broken JSON, schema errors and id clashes with every problem named, changing nothing', async () => {
    const before = { e: await db.entities.count(), c: await db.claims.count(), p: await db.packs.count() };
    await expect(store.importPack('{"id": ')).rejects.toThrow(/not valid JSON/);
    const bad = JSON.parse(userPack());
    bad.claims[0].citation.source = 'nope';
    bad.entities[0].type = 'spaceship';
    const err = await store.importPack(JSON.stringify(bad)).catch((e) => e);
    expect(err).toBeInstanceOf(PackImportError);
    expect(err.problems).toEqual(expect.arrayContaining(['claims[0].citation.source: unknown source "nope"']));
    expect(err.problems.some((p: string) => p.startsWith('entities[0].type:'))).toBe(true);
    await expect(
      store.importPack(
        userPack({
          entities: [
            { id: 'tpx', name: 'Mine', type: 'project', description: 'x', aliases: [], categories: ['energy'] },
          ],
          claims: [
            {
              id: 'c',
              entities: ['tpx'],
              text: 't',
              kind: 'fact',
              citation: { source: 'user-src', section: 's' },
              anchor: 'a',
            },
          ],
        }),
      ),
    ).rejects.toThrow(/entities\[0\]\.id: "tpx" already belongs to pack "factlens-core"/);
    await expect(store.importPack(JSON.stringify(miniPack({ id: BUNDLED_PACK_ID })))).rejects.toThrow(/bundled pack/);
    expect({ e: await db.entities.count(), c: await db.claims.count(), p: await db.packs.count() }).toEqual(before);
  });

  it('re-importing a pack replaces it; removing it removes its rows only', async () => {
    await store.importPack(userPack());
    await store.importPack(userPack({ title: 'Second edition' }));
    expect((await db.packs.get('user-pack'))?.title).toBe('Second edition');
    await store.removePack('user-pack');
    expect(await store.entity('user-thing')).toBeUndefined();
    expect(await db.entities.count()).toBe(2);
    await expect(store.removePack(BUNDLED_PACK_ID)).rejects.toThrow(/cannot be removed/);
  });

  it('refuses a pack that is too large before parsing it', async () => {
    await expect(store.importPack(' '.repeat(11 * 1024 * 1024))).rejects.toThrow(/at most 10 MB/);
  });

  it('counts a pack in UTF-8 bytes, as the options page counts the file', async () => {
    // Under the limit in characters, one byte over it in UTF-8 (the title is Cyrillic): refused, the size in bytes.
    const base = userPack({ title: 'Пакет' });
    const over = base + ' '.repeat(MAX_PACK_BYTES + 1 - Buffer.byteLength(base));
    expect(over.length).toBeLessThan(MAX_PACK_BYTES);
    const err = await store.importPack(over).catch((e) => e);
    expect(err).toBeInstanceOf(PackImportError);
    expect(err.problems).toEqual(['the pack is 10.0 MB; a pack may be at most 10 MB']);
    expect(await db.packs.get('user-pack')).toBeUndefined();
    // Exactly the limit: imported.
    await store.importPack(base + ' '.repeat(MAX_PACK_BYTES - Buffer.byteLength(base)));
    expect((await db.packs.get('user-pack'))?.title).toBe('Пакет');
  });

  it('utf8Length agrees with an encoder, surrogate pairs and lone halves included', () => {
    for (const s of [
      '',
      'abc',
      'жук',
      '北京',
      '😀',
      'a\ud800b',
      '\udc00',
      'x😀y\ud83d',
      'e\u0301',
      '\u07ff\u0800\uffff',
    ])
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    // Random strings over every kind of code unit (seeded).
    let seed = 7;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const pools = [
      [0, 0x7f],
      [0x80, 0x7ff],
      [0x800, 0xd7ff],
      [0xd800, 0xdbff],
      [0xdc00, 0xdfff],
      [0xe000, 0xffff],
    ] as const;
    for (let k = 0; k < 500; k++) {
      let s = '';
      for (let i = Math.floor(rnd() * 40); i > 0; i--) {
        const [lo, hi] = pools[Math.floor(rnd() * pools.length)]!;
        s += String.fromCharCode(lo + Math.floor(rnd() * (hi - lo + 1)));
      }
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }
  });

  it('the packs key changes with any pack', async () => {
    const k1 = await store.packsKey();
    await store.importPack(userPack());
    expect(await store.packsKey()).not.toBe(k1);
  });
});

describe('database lifecycle', () => {
  it('reopens a database that was closed (the worker slept)', async () => {
    await store.seedBundled(bundled(), 'h1');
    db.close();
    expect(await store.entity('tpx')).toMatchObject({ name: 'TPX' });
  });

  it('hashes content stably', () => {
    expect(contentHash('abc')).toBe(contentHash('abc'));
    expect(contentHash('abc')).not.toBe(contentHash('abd'));
    expect(contentHash('abc')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('backup', () => {
  it('round-trips settings and imported packs, and a bad backup changes nothing', async () => {
    await store.seedBundled(bundled(), 'h1');
    await store.putSettings({
      ...DEFAULT_SETTINGS,
      enabledByDefault: false,
      enabledFor: ['example.com'],
      markStyle: 'background',
    });
    await store.importPack(userPack());
    const backup = await store.exportBackup();
    expect(JSON.parse(backup)).toMatchObject({ factlens: 'backup', packs: [{ id: 'user-pack' }] });
    // Compact: no larger than the packs' files (pretty-printed, 4 packs once made a backup restore refused).
    expect(backup).not.toMatch(/\n/);

    await store.removePack('user-pack');
    await store.putSettings(DEFAULT_SETTINGS);
    const broken = JSON.parse(backup);
    broken.packs[0].claims[0].entities = ['ghost'];
    await expect(store.importBackup(JSON.stringify(broken))).rejects.toThrow(
      /packs\[0\]\.claims\[0\]\.entities\[0\]: unknown entity "ghost"/,
    );
    await expect(store.importBackup('{"factlens":"something"}')).rejects.toThrow(
      /^The backup was not restored: nothing was changed \(1 problem\):\n- \(root\): not a Factlens backup/,
    );
    expect(await store.entity('user-thing')).toBeUndefined();
    expect((await store.getSettings()).enabledByDefault).toBe(true);

    const r = await store.importBackup(backup);
    expect(r.packs).toEqual(['user-pack']);
    expect(await store.entity('user-thing')).toMatchObject({ pack: 'user-pack' });
    expect(await store.getSettings()).toMatchObject({
      enabledByDefault: false,
      enabledFor: ['example.com'],
      markStyle: 'background',
    });
  });
});

describe('reading log', () => {
  const entry = (over: Record<string, unknown> = {}) => ({
    at: 1000,
    entity: 'tpx',
    entityName: 'TPX',
    claims: ['tpx-length'],
    url: 'https://news.example/a',
    host: 'news.example',
    title: 'Story A',
    mention: 'TPX',
    context: 'The TPX pipe is long.',
    differs: [],
    ...over,
  });

  it('validates what it stores, lists newest first, and logs one card on one page once per ten minutes', async () => {
    expect(await store.appendLog(entry())).toBe(true);
    expect(await store.appendLog(entry({ at: 1000 + 60_000 }))).toBe(false);
    expect(await store.appendLog(entry({ at: 1000 + 60_000, url: 'https://news.example/b' }))).toBe(true);
    expect(await store.appendLog(entry({ at: 1000 + 11 * 60_000 }))).toBe(true);
    expect((await store.listLog()).map((e) => [e.at, e.url])).toEqual([
      [661_000, 'https://news.example/a'],
      [61_000, 'https://news.example/b'],
      [1000, 'https://news.example/a'],
    ]);
    await expect(store.appendLog(entry({ url: 'javascript:alert(1)' }) as never)).rejects.toThrow();
    await expect(store.appendLog(entry({ title: 'x'.repeat(301) }) as never)).rejects.toThrow();
    await expect(store.appendLog(entry({ extra: 1 }) as never)).rejects.toThrow();
    expect(await store.listLog()).toHaveLength(3);
  });

  it('keeps only the newest entries beyond its cap', async () => {
    for (let i = 0; i < 8; i++) await store.appendLog(entry({ at: i, entity: `e${i}` }), { max: 5 });
    expect((await store.listLog()).map((e) => e.entity)).toEqual(['e7', 'e6', 'e5', 'e4', 'e3']);
  });

  it('deletes entries by id, or all', async () => {
    for (let i = 0; i < 4; i++) await store.appendLog(entry({ at: i, entity: `e${i}` }));
    const ids = (await store.listLog()).map((e) => e.id!);
    expect(await store.deleteLog({ ids: [ids[0]!, ids[2]!, 9999] })).toBe(2);
    expect((await store.listLog()).map((e) => e.entity)).toEqual(['e2', 'e0']);
    expect(await store.deleteLog({ all: true })).toBe(2);
    expect(await store.listLog()).toEqual([]);
  });

  it('goes into the backup and comes back from it; a bad entry refuses the whole backup', async () => {
    await store.appendLog(entry({ at: 5 }));
    await store.appendLog(entry({ at: 9, entity: 'other', differs: [] }));
    const backup = await store.exportBackup();
    expect(JSON.parse(backup).log).toEqual([entry({ at: 5 }), entry({ at: 9, entity: 'other' })]);
    await store.deleteLog({ all: true });

    const bad = JSON.parse(backup);
    bad.log[1].url = 'file:///etc/passwd';
    await expect(store.importBackup(JSON.stringify(bad))).rejects.toThrow(/log\[1\]\.url/);
    expect(await store.listLog()).toEqual([]);

    await store.importBackup(backup);
    expect((await store.listLog()).map(({ id: _id, ...e }) => e)).toEqual([
      entry({ at: 9, entity: 'other' }),
      entry({ at: 5 }),
    ]);
    // A backup made before the log keeps the log as it is.
    const old = JSON.parse(backup);
    delete old.log;
    await store.importBackup(JSON.stringify(old));
    expect(await store.listLog()).toHaveLength(2);
  });
});

// Found by tests/unit/import-fuzz.test.ts.
describe('bad input, regressions', () => {
  beforeEach(async () => {
    await store.seedBundled(bundled(), 'h1');
  });
  const backup = (packs: unknown[], settings: unknown = DEFAULT_SETTINGS) =>
    JSON.stringify({ factlens: 'backup', version: 1, settings, packs });

  it('a huge value quoted in a problem is cut, so the message stays readable', async () => {
    const bad = JSON.parse(userPack());
    bad.claims[0].entities = ['x'.repeat(1_000_000)];
    const err = await store.importPack(JSON.stringify(bad)).catch((e) => e);
    expect(err).toBeInstanceOf(PackImportError);
    expect(err.problems.some((p: string) => p.startsWith('claims[0].entities[0]: unknown entity "xxx'))).toBe(true);
    expect(Math.max(...err.problems.map((p: string) => p.length))).toBeLessThanOrEqual(300);
    expect(err.message.length).toBeLessThan(5000);
  });

  it('input that is not text is a PackImportError, not a TypeError', async () => {
    for (const v of [undefined, null, 42, { id: 'x' }]) {
      const err = await store.importPack(v as unknown as string).catch((e) => e);
      expect(err).toBeInstanceOf(PackImportError);
      expect(err.problems[0]).toMatch(/^\(root\): expected the pack as JSON text/);
    }
  });

  it('a backup whose pack is nested too deeply to serialise is refused with its path', async () => {
    const deep = `{"factlens":"backup","settings":{},"packs":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const err = await store.importBackup(deep).catch((e) => e);
    expect(err).toBeInstanceOf(PackImportError);
    expect(err.problems).toEqual([expect.stringMatching(/^packs\[0\]: cannot be read/)]);
  });

  it('a backup whose packs clash with each other names the pack, and writes nothing', async () => {
    const a = JSON.parse(userPack());
    const b = { ...JSON.parse(userPack()), id: 'other-pack' };
    const err = await store.importBackup(backup([a, b], { ...DEFAULT_SETTINGS, markStyle: 'none' })).catch((e) => e);
    expect(err).toBeInstanceOf(PackImportError);
    expect(err.problems).toContain('packs[1].sources[0].id: "user-src" already belongs to pack "user-pack"');
    expect(await store.entity('user-thing')).toBeUndefined();
    expect(await db.originals.count()).toBe(0);
    expect((await store.getSettings()).markStyle).toBe('underline');
  });

  it('a backup with one pack twice is refused', async () => {
    const a = JSON.parse(userPack());
    await expect(store.importBackup(backup([a, a]))).rejects.toThrow(
      /packs\[1\]\.id: "user-pack" is also the id of packs\[0\]/,
    );
  });

  it('problems inside a backup carry clean paths', async () => {
    const err = await store.importBackup(backup([null], [])).catch((e) => e);
    expect(err.problems).toEqual([expect.stringMatching(/^settings: /)]);
    const err2 = await store.importBackup(backup([null])).catch((e) => e);
    expect(err2.problems).toEqual([expect.stringMatching(/^packs\[0\]: /)]);
    expect(nest('packs[2]', 'claims[0].text: too long')).toBe('packs[2].claims[0].text: too long');
    expect(nest('packs[2]', '(root): expected object')).toBe('packs[2]: expected object');
    expect(nest('packs[2]', 'the pack is 11.0 MB')).toBe('packs[2]: the pack is 11.0 MB');
    expect(nest('settings', '[0]: x')).toBe('settings[0]: x');
  });
});

describe('the imported packs a backup can hold', () => {
  it('are refused past MAX_IMPORTED_BYTES together, counting each file as imported', async () => {
    await store.importPack(userPack());
    // Stand in for 40 MB of packs: the stored size of the one imported.
    await db.packs.update('user-pack', { bytes: MAX_IMPORTED_BYTES - 100 });
    const other = userPack({
      id: 'other-pack',
      sources: [{ id: 'other-src', title: 'Other', author: null, publisher: null, year: null, kind: 'other' }],
      entities: [
        {
          id: 'other-thing',
          name: 'Other Thing',
          type: 'project',
          description: 'x',
          aliases: [],
          categories: ['energy'],
        },
      ],
      claims: [
        {
          id: 'other-claim',
          entities: ['other-thing'],
          text: 'Else.',
          kind: 'fact',
          citation: { source: 'other-src', section: 'Intro' },
          anchor: 'x',
        },
      ],
    });
    await expect(store.importPack(other)).rejects.toThrow(
      /with this pack the imported packs would take 40\.0 MB, more than the 40 MB one backup can hold/,
    );
    expect(await store.entity('other-thing')).toBeUndefined();
    // A new version of the same pack replaces it: its own old size does not count.
    await expect(store.importPack(userPack({ version: '1.0.1' }))).resolves.toMatchObject({ version: '1.0.1' });
    // Rows written before the size was kept are measured from their file.
    await db.packs.update('user-pack', { bytes: undefined });
    await expect(store.importPack(other)).resolves.toMatchObject({ id: 'other-pack' });
    expect(MAX_IMPORTED_BYTES + 1024 * 1024).toBeLessThanOrEqual(MAX_BACKUP_BYTES);
  });
});

describe('a database a newer Factlens wrote', () => {
  it('is read by an older build (after a downgrade) as long as its tables are there', async () => {
    const name = `newer-${++n}`;
    const first = new Store(new FactlensDB(name));
    await first.putSettings({ ...DEFAULT_SETTINGS, markStyle: 'background' });
    await first.importPack(userPack());
    first.db.close();
    // A newer build's upgrade: a higher version, one more table.
    await new Promise<void>((done, fail) => {
      const req = indexedDB.open(name, 990);
      req.onupgradeneeded = () => req.result.createObjectStore('future');
      req.onsuccess = () => {
        req.result.close();
        done();
      };
      req.onerror = () => fail(req.error);
    });
    // Dexie 4 opens the higher version instead of failing: the user's data is there (so a newer
    // schema may add tables and indexes, never drop or rename one; docs/architecture.md).
    const older = new Store(new FactlensDB(name));
    expect((await older.getSettings()).markStyle).toBe('background');
    expect(await older.entity('user-thing')).toMatchObject({ pack: 'user-pack' });
    older.db.close();
  });
});
