/**
 * The claims database (IndexedDB through Dexie). It lives in the background
 * context only: a content script's IndexedDB would belong to the page's origin.
 */
import Dexie, { type Table } from 'dexie';
import type { Claim, Entity, Source } from './schema';

export interface PackRow {
  id: string;
  title: string;
  version: string;
  /** Content hash of the pack as compiled/imported. */
  hash: string;
  bundled: boolean;
  installedAt: number;
  /** The pack as the user imported it, for export (imported packs only). */
  original?: string;
}
export type SourceRow = Source & { pack: string };
export type EntityRow = Entity & { pack: string };
export type ClaimRow = Claim & { pack: string };
export interface KvRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'factlens';

export class FactlensDB extends Dexie {
  packs!: Table<PackRow, string>;
  sources!: Table<SourceRow, string>;
  entities!: Table<EntityRow, string>;
  claims!: Table<ClaimRow, string>;
  kv!: Table<KvRow, string>;

  constructor(name = DB_NAME, opts?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, opts);
    this.version(1).stores({
      packs: 'id',
      sources: 'id, pack',
      entities: 'id, pack',
      claims: 'id, pack, *entities',
      kv: 'key',
    });
  }
}
