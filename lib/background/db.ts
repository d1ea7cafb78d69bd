/**
 * The claims database (IndexedDB through Dexie). It lives in the background
 * context only: a content script's IndexedDB would belong to the page's origin.
 *
 * Versions (never edit a declared version; add a new one):
 * 1. packs, sources, entities, claims, kv. An imported pack's file sat on its
 *    `packs` row (`original`), so listing packs read every file (up to 10 MB each).
 * 2. The files move to their own table, `originals` ({ id, json }, keyed by the
 *    pack's id); `packs` rows keep only what a listing needs.
 * 3. The reading log, `log` (auto-increment id; by time, entity and host). Empty
 *    until the reader switches the log on; nothing to migrate.
 */
import Dexie, { type Table, type Transaction } from 'dexie';
import type { Claim, Entity, Source } from '../model/schema';
import type { LogEntry } from '../shared/protocol';

export interface PackRow {
  id: string;
  title: string;
  version: string;
  /** Content hash of the pack as compiled/imported. */
  hash: string;
  bundled: boolean;
  installedAt: number;
  /** The imported file's size in UTF-8 bytes (rows written before it was kept: read from `originals`). */
  bytes?: number;
}
/** A `packs` row as version 1 stored it. */
interface PackRowV1 extends PackRow {
  /** The pack as the user imported it (imported packs only). */
  original?: string;
}
/** The pack file as the user imported it, for export (imported packs only). */
export interface OriginalRow {
  /** The pack's id. */
  id: string;
  json: string;
}
export type SourceRow = Source & { pack: string };
export type EntityRow = Entity & { pack: string };
export type ClaimRow = Claim & { pack: string };
export interface KvRow {
  key: string;
  value: unknown;
}

const DB_NAME = 'factlens';
export const DB_VERSION = 3;

const STORES_V1 = {
  packs: 'id',
  sources: 'id, pack',
  entities: 'id, pack',
  claims: 'id, pack, *entities',
  kv: 'key',
} as const;

/**
 * Version 1 → 2: each `original` moves to `originals`, then leaves its packs row.
 * Runs inside Dexie's upgrade transaction, so it happens entirely or not at all.
 */
async function moveOriginals(tx: Transaction): Promise<void> {
  const packs = tx.table<PackRowV1, string>('packs');
  const originals = tx.table<OriginalRow, string>('originals');
  const legacy = await packs.filter((p) => typeof p.original === 'string').toArray();
  await originals.bulkPut(legacy.map((p) => ({ id: p.id, json: p.original! })));
  await packs
    .filter((p) => 'original' in p)
    .modify((p: PackRowV1) => {
      delete p.original;
    });
}

export class FactlensDB extends Dexie {
  packs!: Table<PackRow, string>;
  originals!: Table<OriginalRow, string>;
  sources!: Table<SourceRow, string>;
  entities!: Table<EntityRow, string>;
  claims!: Table<ClaimRow, string>;
  kv!: Table<KvRow, string>;
  log!: Table<LogEntry, number>;

  constructor(name = DB_NAME, opts?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, opts);
    this.version(1).stores(STORES_V1);
    this.version(2).stores({ originals: 'id' }).upgrade(moveOriginals);
    this.version(3).stores({ log: '++id, at, entity, host' });
  }
}
