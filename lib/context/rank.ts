/**
 * Ranks an entity's claims by the sentence around the mention: shared words
 * (weighted by how rare they are among these claims), shared years, and
 * figures of the same kind. With nothing to go on, claims with figures and
 * plain facts come first, in pack order.
 */
import type { Claim } from '../schema';
import { analyseSentence, quantityFamily, terms, years } from './analyse';

export interface Ranked {
  claim: Claim;
  score: number;
  reasons: string[];
}

const KIND_ORDER: Record<Claim['kind'], number> = { fact: 0, estimate: 1, statement: 2, assessment: 3 };

function fallback(a: Ranked, b: Ranked, order: Map<Claim, number>): number {
  const qa = a.claim.quantities.length ? 0 : 1;
  const qb = b.claim.quantities.length ? 0 : 1;
  return qa - qb || KIND_ORDER[a.claim.kind] - KIND_ORDER[b.claim.kind] || order.get(a.claim)! - order.get(b.claim)!;
}

export function rankClaims(sentence: string | undefined, claims: Claim[], opts: { limit?: number } = {}): Ranked[] {
  const order = new Map(claims.map((c, i) => [c, i]));
  const limit = opts.limit ?? claims.length;
  if (!sentence?.trim()) {
    return claims
      .map((claim) => ({ claim, score: 0, reasons: [] }))
      .sort((a, b) => fallback(a, b, order))
      .slice(0, limit);
  }
  const facts = analyseSentence(sentence);
  const claimTerms = claims.map((c) => terms(`${c.text} ${c.quantities.map((q) => q.label ?? '').join(' ')}`));
  const df = new Map<string, number>();
  for (const ts of claimTerms) for (const t of ts) df.set(t, (df.get(t) ?? 0) + 1);
  const families = new Set(facts.figures.map((f) => f.family));
  const ranked = claims.map((claim, i) => {
    const reasons: string[] = [];
    let score = 0;
    const shared: string[] = [];
    for (const t of claimTerms[i]!) {
      if (facts.terms.has(t)) {
        shared.push(t);
        score += Math.log(1 + claims.length / (df.get(t) ?? 1));
      }
    }
    if (shared.length) reasons.push(`shares: ${shared.slice(0, 4).join(', ')}`);
    const cy = new Set([...years(claim.text), ...claim.quantities.flatMap((q) => (q.year ? [q.year] : [])), ...(claim.asOf ? [Number(claim.asOf.slice(0, 4))] : [])]);
    const sy = facts.years.filter((y) => cy.has(y));
    if (sy.length) {
      score += 2 * sy.length;
      reasons.push(`mentions ${sy.join(', ')}`);
    }
    const fam = claim.quantities.map((q) => quantityFamily(q.unit)?.family).find((f) => f && families.has(f));
    if (fam) {
      score += 1.5;
      reasons.push(`figure of the same kind (${fam.split(':')[0]})`);
    }
    return { claim, score, reasons };
  });
  return ranked.sort((a, b) => b.score - a.score || fallback(a, b, order)).slice(0, limit);
}
