/**
 * The figure check: when the sentence around a mention states a figure that
 * corresponds to a claim's quantity but differs from it, say so. Built to
 * stay silent when unsure: same unit family, same year (when both have one),
 * and the claim's subject words in the sentence, or nothing.
 */
import type { Claim } from '../schema';
import type { FigureCheck } from '../protocol';
import { analyseSentence, quantityFamily, terms, type SentenceFacts } from './analyse';

/** Relative difference treated as the same figure (rounding, "about"). */
const SAME = 0.051;
/** Beyond this ratio two figures are about different things, not a disagreement. */
const PLAUSIBLE = 3;

export function checkFigures(sentence: string, claims: Claim[], facts: SentenceFacts = analyseSentence(sentence)): FigureCheck[] {
  if (!facts.figures.length) return [];
  const out: FigureCheck[] = [];
  for (const f of facts.figures) {
    let best: { check: FigureCheck; score: number } | undefined;
    for (const c of claims) {
      for (const q of c.quantities) {
        const fam = quantityFamily(q.unit);
        if (!fam || fam.family !== f.family) continue;
        const year = q.year ?? (c.asOf ? Number(c.asOf.slice(0, 4)) : undefined);
        if (year && facts.years.length && !facts.years.includes(year)) continue;
        // The claim must be about what the sentence is about: its label or text shares words with it.
        const subject = terms(`${q.label ?? ''} ${c.text}`);
        let shared = 0;
        for (const t of subject) if (facts.terms.has(t)) shared++;
        const labelShared = q.label ? [...terms(q.label)].some((t) => facts.terms.has(t)) : false;
        if (!labelShared && shared < 2) continue;
        const source = q.value * fam.mult;
        if (source === 0) continue;
        const ratio = f.value / source;
        if (ratio <= 0 || ratio > PLAUSIBLE || ratio < 1 / PLAUSIBLE) continue;
        const agrees = Math.abs(f.value - source) / Math.abs(source) <= SAME;
        const score = shared + (labelShared ? 3 : 0) + (year && facts.years.includes(year) ? 2 : 0) + (agrees ? 1 : 0);
        if (!best || score > best.score) {
          best = {
            score,
            check: { claim: c.id, pageText: f.text, pageValue: f.value / fam.mult, sourceValue: q.value, unit: q.unit, year, agrees },
          };
        }
      }
    }
    if (best) out.push(best.check);
  }
  return out;
}
