/**
 * Ranks an entity's claims by the sentence around the mention: shared words
 * (weighted by how rare they are among these claims), shared years, and
 * figures of the same kind (more when the figure itself corresponds). With
 * nothing to go on, claims with figures and plain facts come first, in the
 * order given. Deterministic: ties keep that fallback order.
 */
import type { Claim } from '../model/schema';
import { analyseSentence, type SentenceFacts } from '../figures/analyse';
import { matchFigure } from '../figures/check';
import { quantityInfos, relate, scanClaimText } from '../figures/quantity';
import { termsOf } from '../shared/words';

export interface Ranked {
  claim: Claim;
  score: number;
  reasons: string[];
}

const KIND_ORDER: Record<Claim['kind'], number> = { fact: 0, estimate: 1, statement: 2, assessment: 3 };

function fallbackOrder(claims: Claim[]): number[] {
  const idx = claims.map((_, i) => i);
  return idx.sort((a, b) => {
    const ca = claims[a]!;
    const cb = claims[b]!;
    return (
      (ca.quantities.length ? 0 : 1) - (cb.quantities.length ? 0 : 1) ||
      KIND_ORDER[ca.kind] - KIND_ORDER[cb.kind] ||
      a - b
    );
  });
}

function claimYears(c: Claim): [number, number][] {
  const out: [number, number][] = [];
  if (c.asOf) {
    const [a, b] = c.asOf.split('/');
    const from = Number(a!.slice(0, 4));
    out.push([from, b ? Number(b.slice(0, 4)) : from]);
  }
  for (const q of c.quantities) if (q.year) out.push([q.year, q.year]);
  for (const y of scanClaimText(c.text).years) out.push([y.from, y.to]);
  return out;
}

/** Display form of a stem: the word as the sentence wrote it. */
function surface(facts: SentenceFacts, term: string): string {
  return facts.words.find((w) => w.term === term)?.text.toLowerCase() ?? term;
}

const FAMILY_NAME: Record<string, string> = {
  money: 'amount',
  percent: 'percentage',
  volume: 'volume',
  length: 'length',
  count: 'count',
  price: 'price',
  rate: 'exchange rate',
  duration: 'duration',
};

export function rankClaims(sentence: string | undefined, claims: Claim[], opts: { limit?: number } = {}): Ranked[] {
  const limit = Math.max(0, opts.limit ?? claims.length);
  const order = fallbackOrder(claims);
  const pos = new Map(order.map((i, k) => [i, k]));
  if (!sentence?.trim() || !claims.length)
    return order.slice(0, limit).map((i) => ({ claim: claims[i]!, score: 0, reasons: [] }));

  const facts = analyseSentence(sentence);
  const claimTerms = claims.map((c) => termsOf(`${c.text} ${c.quantities.map((q) => q.label ?? '').join(' ')}`));
  const df = new Map<string, number>();
  for (const ts of claimTerms) for (const t of ts) if (facts.terms.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = claims.length;
  const sentenceYears: [number, number][] = [...facts.years.map((y): [number, number] => [y, y]), ...facts.yearRanges];

  const ranked = claims.map((claim, i) => {
    const reasons: string[] = [];
    let score = 0;
    // Shared words, rare ones (among this entity's claims) weighing more.
    const shared: { t: string; w: number }[] = [];
    for (const t of claimTerms[i]!) {
      const d = df.get(t);
      if (d === undefined) continue;
      shared.push({ t, w: Math.log(1 + n / d) });
    }
    shared.sort((a, b) => b.w - a.w || (a.t < b.t ? -1 : 1));
    for (const s of shared) score += s.w;
    if (shared.length)
      reasons.push(
        `shares: ${shared
          .slice(0, 4)
          .map((s) => surface(facts, s.t))
          .join(', ')}`,
      );
    // Years: the same year counts most; a year inside the claim's span less.
    const cy = claimYears(claim);
    const same = new Set<number>();
    let overlap = false;
    for (const [a, b] of sentenceYears) {
      for (const [c, d] of cy) {
        if (a === b && c === d && a === c) same.add(a);
        else if (a <= d && c <= b) overlap = true;
      }
    }
    if (same.size) {
      score += 2 * Math.min(2, same.size);
      reasons.push(`mentions ${[...same].sort().join(', ')}`);
    } else if (overlap) {
      score += 0.75;
      reasons.push(`same period`);
    }
    // Figures: the page states one of the same kind, or the very one.
    const infos = quantityInfos(claim);
    if (infos.length && facts.figures.length) {
      let kind: string | undefined;
      let match: string | undefined;
      let same: string | undefined;
      for (const f of facts.figures) {
        const sameUnit = infos.filter((q) => q.spec.unit === f.unit);
        if (!sameUnit.length) continue;
        kind ??= f.family;
        const m = matchFigure(facts, f, infos);
        if (m && (m.relation === 'agree' || m.relation === 'disagree')) {
          match = f.text;
          break;
        }
        if (!same && sameUnit.some((q) => relate(f, q) === 'agree')) same = f.text;
      }
      if (match) {
        score += 3;
        reasons.push(`about the page's ${match}`);
      } else if (same) {
        score += 2;
        reasons.push(`the same figure: ${same}`);
      } else if (kind) {
        score += 1;
        reasons.push(`a figure of the same kind (${FAMILY_NAME[kind] ?? kind})`);
      }
    }
    return { claim, score: Math.round(score * 1e6) / 1e6, reasons, i };
  });
  ranked.sort((a, b) => b.score - a.score || pos.get(a.i)! - pos.get(b.i)!);
  return ranked.slice(0, limit).map(({ claim, score, reasons }) => ({ claim, score, reasons }));
}
