/**
 * The figure check: when the sentence around a mention states a figure that
 * corresponds to a claim's quantity, say whether it matches the source.
 * Built to stay silent when unsure. A page figure is compared with a quantity
 * only when all of these hold:
 * - the same unit (USD with USD, bcm with m³, banks with banks; no currency conversion);
 * - the words that say what the quantity measures (its label, or the words
 *   around the figure in the claim) appear near the figure, in its clause;
 * - a percentage change is compared only with a change, a level with a level;
 * - the years agree when both are given; a disagreement with a figure whose
 *   year is known on one side only is reported for one-off measures alone
 *   (a contract's value, a length), never for yearly ones (trade, shares);
 * - the two values are within a factor of three (beyond it they measure different things).
 * A figure consistent with a bound ("more than 400" against "800") is neither.
 */
import type { FigureCheck } from '../shared/protocol';
import type { Claim } from '../model/schema';
import { analyseSentence, type Figure, type SentenceFacts } from './analyse';
import {
  CONTRASTS,
  needed,
  quantityInfos,
  relate,
  yearRelation,
  type QuantityInfo,
  type Relation,
  type YearRelation,
} from './quantity';

/** Content words on either side of a figure that may say what it measures. */
const RADIUS = 10;

/** Stems near a figure: its clause within RADIUS words, plus the clause it compares with ("up from …"). */
function figureContext(facts: SentenceFacts, f: Figure): Set<string> {
  const out = new Set<string>();
  const seg = facts.segments[f.segment];
  if (!seg) return out;
  const inSeg = facts.words.filter((w) => w.term && w.start >= seg.start && w.end <= seg.end);
  const before = inSeg.filter((w) => w.end <= f.start).slice(-RADIUS);
  const after = inSeg.filter((w) => w.start >= f.end).slice(0, RADIUS);
  for (const w of [...before, ...after]) if (w.term) out.add(w.term);
  // Terms inside the figure's own text ("a year" in "38 bcm a year" is outside; "per 1,000 cubic meters" inside).
  for (const w of facts.words) if (w.start >= f.start && w.end <= f.end && w.term) out.add(w.term);
  for (let i = f.segment; i > 0 && facts.segments[i]!.inherit; i--) {
    const prev = facts.segments[i - 1]!;
    for (const w of facts.words) if (w.start >= prev.start && w.end <= prev.end && w.term) out.add(w.term);
  }
  return out;
}

interface Candidate {
  info: QuantityInfo;
  relation: Relation;
  years: YearRelation;
  score: number;
  order: number;
}

/** The best quantity a page figure corresponds to, if any, with how they relate. */
export function matchFigure(facts: SentenceFacts, f: Figure, infos: QuantityInfo[]): Candidate | undefined {
  const near = figureContext(facts, f);
  let best: Candidate | undefined;
  infos.forEach((info, order) => {
    if (info.spec.unit !== f.unit) return;
    if (f.change !== undefined && f.change !== info.change) return;
    let matched = 0;
    for (const t of info.key) if (near.has(t)) matched++;
    if (matched < needed(info.key, f.family)) return;
    // "Chinese troops" near the figure and "Russian troops" in the label: another subject.
    for (const [a, b] of CONTRASTS) {
      if (info.contrast.has(a) && !info.contrast.has(b) && near.has(b) && !near.has(a)) return;
      if (info.contrast.has(b) && !info.contrast.has(a) && near.has(a) && !near.has(b)) return;
    }
    const years = yearRelation(f, info);
    if (years === 'different') return;
    const relation = relate(f, info);
    if (relation === 'far') return;
    const score =
      (2 * matched) / info.key.size +
      0.5 * matched +
      (years === 'same' ? 2 : years === 'overlap' ? 0.5 : 0) +
      (relation === 'agree' ? 1 : 0);
    if (!best || score > best.score + 1e-9) best = { info, relation, years, score, order };
  });
  return best;
}

function inClaimUnit(v: number, info: QuantityInfo): number {
  return Number((v / info.spec.mult).toPrecision(12));
}

/**
 * Figures in the sentence that correspond to the claims' quantities: those
 * that differ from the source (`agrees: false`) and those that match it.
 */
export function checkFigures(sentence: string, claims: Claim[]): FigureCheck[] {
  if (!sentence.trim() || !claims.length) return [];
  const facts = analyseSentence(sentence);
  if (!facts.figures.length) return [];
  const infos = claims.flatMap(quantityInfos);
  if (!infos.length) return [];
  const out: FigureCheck[] = [];
  const seen = new Set<string>();
  for (const f of facts.figures) {
    const c = matchFigure(facts, f, infos);
    if (!c || (c.relation !== 'agree' && c.relation !== 'disagree')) continue;
    const { info } = c;
    // Unsure: a yearly measure whose year is known on one side only.
    if (c.relation === 'disagree' && (c.years === 'one-sided' || c.years === 'overlap') && !info.stable) continue;
    const key = `${info.claim.id}\u0000${f.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const S = info.base;
    const pageBase = f.range ? (S < f.range[0] ? f.range[0] : S > f.range[1] ? f.range[1] : S) : f.value;
    const check: FigureCheck = {
      claim: info.claim.id,
      pageText: f.text,
      pageValue: inClaimUnit(pageBase, info),
      // A source range (its low and high ends): the end nearest the page's figure.
      sourceValue: info.interval
        ? inClaimUnit(
            pageBase <= info.interval[0]
              ? info.interval[0]
              : pageBase >= info.interval[1]
                ? info.interval[1]
                : pageBase,
            info,
          )
        : info.quantity.value,
      unit: info.quantity.unit,
      agrees: c.relation === 'agree',
    };
    const year = info.years && info.years[0] === info.years[1] ? info.years[0] : undefined;
    if (year !== undefined) check.year = year;
    out.push(check);
  }
  return out;
}
