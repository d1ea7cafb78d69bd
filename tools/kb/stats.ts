/** Counts over a pack, for the authors' report and the tests. */
import type { Pack } from '../../lib/model/schema';

export interface PackStats {
  entities: number;
  claims: number;
  aliases: number;
  entitiesByType: Record<string, number>;
  entitiesByCategory: Record<string, number>;
  claimsByKind: Record<string, number>;
  claimsBySource: Record<string, number>;
  claimsWithNote: number;
  claimsWithQuantities: number;
  /** Entities with the fewest claims (the weakest cards). */
  thinnest: { id: string; claims: number }[];
}

const bump = (r: Record<string, number>, k: string) => {
  r[k] = (r[k] ?? 0) + 1;
};

export function packStats(pack: Pick<Pack, 'entities' | 'claims'>): PackStats {
  const s: PackStats = {
    entities: pack.entities.length,
    claims: pack.claims.length,
    aliases: 0,
    entitiesByType: {},
    entitiesByCategory: {},
    claimsByKind: {},
    claimsBySource: {},
    claimsWithNote: 0,
    claimsWithQuantities: 0,
    thinnest: [],
  };
  const perEntity = new Map<string, number>(pack.entities.map((e) => [e.id, 0]));
  for (const e of pack.entities) {
    s.aliases += e.aliases.length;
    bump(s.entitiesByType, e.type);
    for (const c of e.categories) bump(s.entitiesByCategory, c);
  }
  for (const c of pack.claims) {
    bump(s.claimsByKind, c.kind);
    bump(s.claimsBySource, c.citation.source);
    if (c.note) s.claimsWithNote++;
    if (c.quantities.length) s.claimsWithQuantities++;
    for (const id of c.entities) perEntity.set(id, (perEntity.get(id) ?? 0) + 1);
  }
  s.thinnest = [...perEntity]
    .map(([id, claims]) => ({ id, claims }))
    .sort((a, b) => a.claims - b.claims || a.id.localeCompare(b.id))
    .slice(0, 10);
  return s;
}
