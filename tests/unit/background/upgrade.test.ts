/**
 * Upgrading the database from version 1 (each imported pack's file on its
 * `packs` row) to version 2 (files in `originals`): a real version-1 database,
 * written by version 1's code (tests/fixtures/legacy-v1.ts), opened by the
 * current code. Nothing of the user's may be lost.
 */
import 'fake-indexeddb/auto';
import Dexie, { type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, FactlensDB } from '../../../lib/background/db';
import { PackSchema, type PackInput } from '../../../lib/model/schema';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { BUNDLED_PACK_ID, Store } from '../../../lib/background/store';
import { FactlensDBv1, StoreV1 } from '../../fixtures/legacy-v1';
import { miniPack, prefixedMiniPack } from '../../fixtures/mini-pack';

let n = 0;
const opened: Dexie[] = [];
const track = <T extends Dexie>(db: T) => (opened.push(db), db);
afterEach(async () => {
  const dbs = opened.splice(0);
  for (const db of dbs) db.close();
  for (const name of new Set(dbs.map((db) => db.name))) await Dexie.delete(name);
});

/** Bundled pack, version N. */
const bundledN = () => PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID, version: '1.0.0' }));
/** Bundled pack, version N+1: one entity removed (tpx and its claim), one added, a claim changed. */
const bundledN1 = () => {
  const base = miniPack({ id: BUNDLED_PACK_ID, version: '1.1.0' });
  const next: PackInput = {
    ...base,
    entities: [
      base.entities[0]!,
      {
        id: 'east-bridge',
        name: 'East Bridge',
        type: 'project',
        description: 'A test bridge.',
        aliases: [{ text: 'East Bridge', lang: 'en' }],
        categories: ['transport'],
      },
    ],
    claims: [
      { ...base.claims[0]!, text: 'North Line carries 38 billion cubic metres of gas a year.' },
      base.claims[1]!,
      {
        id: 'east-bridge-length',
        entities: ['east-bridge'],
        text: 'East Bridge is 2 km long.',
        kind: 'fact',
        citation: { source: 'src-a', section: 'Transport' },
        anchor: 'two kilometres long',
      },
    ],
  };
  return PackSchema.parse(next);
};

/** Every non-default value a user can set. */
const USER_SETTINGS: Settings = {
  active: false,
  enabledByDefault: false,
  disabledFor: ['news.example.com', '*.example.org'],
  enabledFor: ['example.com/world', '*.example.net'],
  markStyle: 'background',
  firstMentionOnly: true,
  dwellMs: 450,
  theme: 'dark',
  hiddenCategories: ['military', 'finance'],
  hiddenEntities: ['tpx', 'u-north-line'],
  readingLog: true,
  openPdfLinks: true,
};

/** The user's pack as a file: odd spacing, key order and escapes that must survive byte for byte. */
const USER_JSON = `{ "title": "My notes \\u2014 ${'\u00e9'}",\r\n  "id":"user-pack",   "version": "2.3.4",\n\t"sources": ${JSON.stringify(prefixedMiniPack('user-pack', 'u-').sources)},\n"entities": ${JSON.stringify(prefixedMiniPack('user-pack', 'u-').entities, null, 4)}, "claims": ${JSON.stringify(prefixedMiniPack('user-pack', 'u-').claims)} }\n`;

async function tableRows(db: Dexie) {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables.slice().sort((a, b) => a.name.localeCompare(b.name))) out[t.name] = await t.toArray();
  return out;
}

const userRows = async (db: Dexie) => ({
  sources: await db.table('sources').where('pack').equals('user-pack').toArray(),
  entities: await db.table('entities').where('pack').equals('user-pack').toArray(),
  claims: await db.table('claims').where('pack').equals('user-pack').toArray(),
});

/** A version-1 database as version 1 of the extension left it; closed. */
async function makeV1(name: string, opts: { userPack?: boolean } = {}) {
  const v1 = track(new FactlensDBv1(name));
  const s1 = new StoreV1(v1);
  await s1.seedBundled(bundledN(), 'hash-n');
  await s1.putSettings(USER_SETTINGS);
  await s1.putKv('matcher-index', { key: 'c1|factlens-core@hash-n', patterns: [1, 2, 3] });
  if (opts.userPack !== false) await s1.importPack(USER_JSON);
  const before = { all: await tableRows(v1), user: await userRows(v1), verno: v1.verno };
  v1.close();
  return before;
}

describe('database upgrade 1 → 2', () => {
  it('keeps everything of the user’s, then takes the next bundled pack', async () => {
    const name = `upgrade-${++n}`;
    const v1 = await makeV1(name);
    // The fixture really is a version-1 database, with the file on the packs row.
    expect(v1.verno).toBe(1);
    expect(Object.keys(v1.all).sort()).toEqual(['claims', 'entities', 'kv', 'packs', 'sources']);
    expect(v1.all.packs!.find((p) => (p as { id: string }).id === 'user-pack')).toMatchObject({ original: USER_JSON });

    const db = track(new FactlensDB(name));
    const store = new Store(db);
    const listed = await store.listPacks();
    expect(db.verno).toBe(DB_VERSION);

    // The files moved: packs rows no longer carry them, originals does.
    const packRows = await db.packs.toArray();
    expect(packRows.map((p) => Object.keys(p).sort())).toEqual(
      packRows.map(() => ['bundled', 'hash', 'id', 'installedAt', 'title', 'version']),
    );
    expect(await db.originals.toArray()).toEqual([{ id: 'user-pack', json: USER_JSON }]);
    // Every other field of every packs row is as it was.
    expect(packRows).toEqual(
      v1.all.packs!.map((p) => {
        const { original: _o, ...rest } = p as { original?: string };
        return rest;
      }),
    );

    // Nothing else changed.
    const after = await tableRows(db);
    for (const t of ['sources', 'entities', 'claims', 'kv']) expect(after[t], t).toEqual(v1.all[t]);
    expect(listed.find((p) => p.id === 'user-pack')).toMatchObject({
      bundled: false,
      version: '2.3.4',
      entities: 2,
      claims: 3,
      sources: 1,
    });

    // The update of the bundled pack after the upgrade.
    expect(await store.seedBundled(bundledN1(), 'hash-n1')).toBe('updated');
    const core = async <T extends { pack: string }>(t: Table<T, string>) =>
      (await t.where('pack').equals(BUNDLED_PACK_ID).toArray()).map(({ pack: _p, ...r }) => r);
    const n1 = bundledN1();
    expect(await core(db.entities)).toEqual([...n1.entities].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await core(db.claims)).toEqual([...n1.claims].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await store.entity('tpx')).toBeUndefined();
    expect(await store.entity('east-bridge')).toMatchObject({ pack: BUNDLED_PACK_ID });
    expect(await db.packs.get(BUNDLED_PACK_ID)).toMatchObject({ version: '1.1.0', hash: 'hash-n1', bundled: true });

    // The user's data, all of it.
    expect(await store.getSettings()).toEqual(USER_SETTINGS);
    expect(await store.getKv('matcher-index')).toEqual({ key: 'c1|factlens-core@hash-n', patterns: [1, 2, 3] });
    expect(await userRows(db)).toEqual(v1.user);
    expect(await store.exportPack('user-pack')).toBe(USER_JSON);
    const list = await store.listPacks();
    expect(list.find((p) => p.id === 'user-pack')).toEqual({ ...listed.find((p) => p.id === 'user-pack') });
    expect(list.find((p) => p.id === BUNDLED_PACK_ID)).toMatchObject({ version: '1.1.0', entities: 2, claims: 3 });

    // Backup → reset → restore gives the same data back.
    const backup = await store.exportBackup();
    await store.removePack('user-pack');
    await store.putSettings(DEFAULT_SETTINGS);
    expect(await userRows(db)).toEqual({ sources: [], entities: [], claims: [] });
    expect(await db.originals.count()).toBe(0);
    expect(await store.getSettings()).toEqual(DEFAULT_SETTINGS);
    const restored = await store.importBackup(backup);
    expect(restored.packs).toEqual(['user-pack']);
    expect(restored.settings).toEqual(USER_SETTINGS);
    expect(await store.getSettings()).toEqual(USER_SETTINGS);
    expect(await userRows(db)).toEqual(v1.user);
    expect(JSON.parse(await store.exportPack('user-pack'))).toEqual(JSON.parse(USER_JSON));
    expect(await core(db.entities)).toEqual([...n1.entities].sort((a, b) => a.id.localeCompare(b.id)));
    // And a backup of the restored state is the same backup.
    const again = JSON.parse(await store.exportBackup());
    const first = JSON.parse(backup);
    expect({ ...again, exportedAt: 0 }).toEqual({ ...first, exportedAt: 0 });
  });

  it('runs once: reopening the upgraded database changes nothing', async () => {
    const name = `upgrade-${++n}`;
    await makeV1(name);
    const db = track(new FactlensDB(name));
    await db.open();
    const once = await tableRows(db);
    db.close();
    const db2 = track(new FactlensDB(name));
    await db2.open();
    expect(db2.verno).toBe(DB_VERSION);
    expect(await tableRows(db2)).toEqual(once);
    expect(await new Store(db2).exportPack('user-pack')).toBe(USER_JSON);
  });

  it('upgrades a database with no imported pack', async () => {
    const name = `upgrade-${++n}`;
    const v1 = await makeV1(name, { userPack: false });
    const db = track(new FactlensDB(name));
    const store = new Store(db);
    expect((await store.listPacks()).map((p) => p.id)).toEqual([BUNDLED_PACK_ID]);
    expect(await db.originals.count()).toBe(0);
    expect(await db.packs.toArray()).toEqual(v1.all.packs);
    expect(await store.getSettings()).toEqual(USER_SETTINGS);
    expect(JSON.parse(await store.exportBackup())).toMatchObject({ packs: [], settings: USER_SETTINGS });
  });

  it('a fresh install is the current version and keeps files in originals', async () => {
    const db = track(new FactlensDB(`fresh-${++n}`));
    const store = new Store(db);
    expect(await store.seedBundled(bundledN(), 'h')).toBe('installed');
    expect(db.verno).toBe(DB_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'claims',
      'entities',
      'kv',
      'log',
      'originals',
      'packs',
      'sources',
    ]);
    await store.importPack(USER_JSON);
    expect(await db.originals.get('user-pack')).toEqual({ id: 'user-pack', json: USER_JSON });
    expect(await db.packs.get('user-pack')).not.toHaveProperty('original');
    expect(await store.exportPack('user-pack')).toBe(USER_JSON);
    await expect(store.exportPack(BUNDLED_PACK_ID)).rejects.toThrow(/bundled pack cannot be exported/);
    await expect(store.exportPack('nope')).rejects.toThrow(/no pack "nope"/);
    await store.removePack('user-pack');
    expect(await db.originals.count()).toBe(0);
  });

  it('a lost file is rebuilt from the pack’s rows for export and backup', async () => {
    const db = track(new FactlensDB(`lost-${++n}`));
    const store = new Store(db);
    await store.seedBundled(bundledN(), 'h');
    await store.importPack(USER_JSON);
    await db.originals.delete('user-pack');
    const rebuilt = JSON.parse(await store.exportPack('user-pack'));
    expect(PackSchema.parse(rebuilt)).toEqual(PackSchema.parse(JSON.parse(USER_JSON)));
    const backup = JSON.parse(await store.exportBackup());
    expect(backup.packs).toEqual([rebuilt]);
    // An unreadable file does not break the backup either.
    await db.originals.put({ id: 'user-pack', json: '{"id": "user-pa' });
    expect(JSON.parse(await store.exportBackup()).packs).toEqual([rebuilt]);
  });
});

/** A database with version 2 of the schema, as the extension declared it before the reading log. */
function openV2(name: string): Dexie {
  const db = new Dexie(name);
  db.version(1).stores({
    packs: 'id',
    sources: 'id, pack',
    entities: 'id, pack',
    claims: 'id, pack, *entities',
    kv: 'key',
  });
  db.version(2).stores({ originals: 'id' });
  return db;
}

describe('database upgrade 2 → 3 (the reading log)', () => {
  it('adds an empty log and keeps every other row; the log then works', async () => {
    const name = `upgrade-v3-${++n}`;
    // Version 1 → 2 by the code of the time, then closed as version 2.
    await makeV1(name);
    const v2 = track(openV2(name));
    await v2.open();
    expect(v2.verno).toBe(2);
    const before = await tableRows(v2);
    v2.close();

    const db = track(new FactlensDB(name));
    const store = new Store(db);
    await db.open();
    expect(db.verno).toBe(3);
    const after = await tableRows(db);
    expect(after['log']).toEqual([]);
    const { log: _log, ...rest } = after;
    expect(rest).toEqual(before);
    expect(await store.getSettings()).toEqual(USER_SETTINGS);
    const entry = {
      at: 1,
      entity: 'tpx',
      entityName: 'TPX',
      claims: ['c1'],
      url: 'https://news.example/a',
      host: 'news.example',
      title: 'A',
      mention: 'TPX',
      context: 'The TPX line.',
      differs: [],
    };
    expect(await store.appendLog(entry)).toBe(true);
    expect(await store.listLog()).toEqual([{ ...entry, id: 1 }]);
  });
});
