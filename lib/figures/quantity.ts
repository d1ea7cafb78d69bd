/**
 * A claim's quantities read for comparison with a page's figures: the unit as
 * a canonical unit and multiplier, the words that say what is measured, the
 * year the figure is about, and its qualifiers ("more than", "about", the low
 * and high ends of a range). Shared by the ranking and the figure check.
 */
import type { Claim, Quantity } from '../model/schema';
import { scanFigures, type Figure, type Segment, type YearMark } from './analyse';
import { parseUnit, type Family, type UnitSpec } from './units';
import { stem, termsOf, words } from '../shared/words';

/** Words that say nothing about what is measured, on a site about Russia and China. */
const GENERIC = new Set(
  [
    'russia',
    'china',
    'share',
    'value',
    'total',
    'number',
    'amount',
    'figure',
    'level',
    'overall',
    'estimated',
    'estimate',
    'approx',
    'claimed',
    'reported',
    'sum',
    'size',
    'about',
    'some',
    'figure',
    'percent',
    'usd',
    'bilateral',
    'two-way',
    'both',
    'country',
    'countries',
    'side',
    'sides',
  ]
    .map(stem)
    .filter(Boolean),
);
/** Words of measures that do not change from year to year (a contract's value, a line's length). */
const STABLE = new Set(
  [
    'contract',
    'loan',
    'credit',
    'cost',
    'length',
    'long',
    'capacity',
    'range',
    'seat',
    'stake',
    'gauge',
    'term',
    'duration',
    'design',
    'designed',
    'budget',
  ].map(stem),
);
/** Pairs of words that tell one measure from its mirror image (Russian troops, Chinese troops; exports, imports). */
export const CONTRASTS: [string, string][] = [
  ['russia', 'china'],
  ['export', 'import'],
];
const CONTRAST_WORDS = new Set(CONTRASTS.flat());
const CHANGE = new Set(
  [
    'rise',
    'rose',
    'fall',
    'fell',
    'growth',
    'grew',
    'grow',
    'increase',
    'decrease',
    'decline',
    'drop',
    'cut',
    'change',
    'jump',
    'gain',
    'loss',
    'reduction',
    'reduce',
    'slump',
  ].map(stem),
);

export interface QuantityInfo {
  claim: Claim;
  quantity: Quantity;
  spec: UnitSpec;
  /** The source's value in base units. */
  base: number;
  /** The source states a range (the low and high ends as two quantities), in base units. */
  interval?: [number, number];
  bound?: 'min' | 'max';
  approx: boolean;
  /** Percent, points, times: a change rather than a level. */
  change: boolean;
  /** The year or span the figure is about. */
  years?: [number, number];
  /** Stems that say what is measured. */
  key: Set<string>;
  /** Words of `CONTRASTS` in the label (or around the figure in the claim). */
  contrast: Set<string>;
  /** A one-off measure (a contract's value, a length): comparable across years. */
  stable: boolean;
}

const QUALIFIER = /\(([^)]*)\)/g;

function asOfYears(asOf: string | undefined): [number, number] | undefined {
  if (!asOf) return undefined;
  const [a, b] = asOf.split('/');
  const from = Number(a!.slice(0, 4));
  const to = b ? Number(b.slice(0, 4)) : from;
  return Number.isFinite(from) && Number.isFinite(to) ? [from, to] : undefined;
}

interface TextScan {
  figures: Figure[];
  years: YearMark[];
  segments: Segment[];
}
const scanCache = new Map<string, TextScan>();
/** scanFigures for a claim's text, cached. */
export function scanClaimText(text: string): TextScan {
  let s = scanCache.get(text);
  if (!s) {
    s = scanFigures(text);
    if (scanCache.size > 5000) scanCache.clear();
    scanCache.set(text, s);
  }
  return s;
}

/** Stems within `radius` words of [start, end) in the same clause. */
function termsNear(text: string, start: number, end: number, seg: Segment | undefined, radius: number): Set<string> {
  const ws = words(text);
  const lo = seg?.start ?? 0;
  const hi = seg?.end ?? text.length;
  const before = ws.filter((w) => w.end <= start && w.start >= lo);
  const after = ws.filter((w) => w.start >= end && w.end <= hi);
  return new Set([...before.slice(-radius), ...after.slice(0, radius)].map((w) => w.term).filter(Boolean));
}

function findInText(scan: TextScan, spec: UnitSpec, base: number): Figure | undefined {
  const close = (a: number) => Math.abs(a - base) <= Math.abs(base) * 1e-6;
  return scan.figures.find(
    (f) =>
      f.unit === spec.unit && (close(f.value) || (f.range !== undefined && (close(f.range[0]) || close(f.range[1])))),
  );
}

const infoCache = new Map<string, QuantityInfo[]>();

/** The comparable quantities of a claim (cached by claim id and content). */
export function quantityInfos(claim: Claim): QuantityInfo[] {
  if (!claim.quantities.length) return [];
  const cacheKey = `${claim.id}\u0000${claim.text}\u0000${claim.asOf ?? ''}\u0000${JSON.stringify(claim.quantities)}`;
  const hit = infoCache.get(cacheKey);
  if (hit) return hit.map((i) => ({ ...i, claim }));
  const scan = scanClaimText(claim.text);
  const entityWords = new Set(
    claim.entities
      .flatMap((e) => e.split('-'))
      .map(stem)
      .filter(Boolean),
  );
  const out: QuantityInfo[] = [];
  const pairs = new Map<string, { low?: QuantityInfo; high?: QuantityInfo }>();
  claim.quantities.forEach((q) => {
    const spec = parseUnit(q.unit, q.value);
    if (!spec) return;
    const qualifiers = [...(q.label ?? '').matchAll(QUALIFIER)].map((m) => m[1]!.toLowerCase()).join(' ');
    if (/as printed|sic|cannot be right|misprint/.test(qualifiers)) return;
    const base = q.value * spec.mult;
    if (base === 0 || !Number.isFinite(base)) return;
    const inText = findInText(scan, spec, base);
    let bound: 'min' | 'max' | undefined = inText?.bound;
    if (/more than|over|at least|above|upwards|or more/.test(qualifiers)) bound = 'min';
    else if (/less than|fewer than|under|below|at most|up to|or less/.test(qualifiers)) bound = 'max';
    const approx = !!inText?.approx || /about|approx|nearly|almost|around|roughly|some|estimate|circa/.test(qualifiers);
    // What is measured: the label's words, or else the words around the figure in the claim's text.
    const labelBody = (q.label ?? '').replace(QUALIFIER, ' ');
    const labelTerms = termsOf(labelBody);
    let key = new Set([...labelTerms].filter((t) => !GENERIC.has(t) && !entityWords.has(t)));
    const near = inText
      ? termsNear(claim.text, inText.start, inText.end, scan.segments[inText.segment], 6)
      : new Set<string>();
    let contrast = new Set([...labelTerms].filter((t) => CONTRAST_WORDS.has(t)));
    if (!key.size) {
      key = new Set([...near].filter((t) => !GENERIC.has(t) && !entityWords.has(t)));
      contrast = new Set([...near].filter((t) => CONTRAST_WORDS.has(t)));
    }
    const years: [number, number] | undefined = q.year
      ? [q.year, q.year]
      : inText?.year
        ? [inText.year, inText.year]
        : (inText?.yearSpan ?? (scan.years.length ? undefined : asOfYears(claim.asOf)));
    const all = new Set([...key, ...near]);
    const info: QuantityInfo = {
      claim,
      quantity: q,
      spec,
      base,
      approx,
      change: inText?.change ?? [...key].some((t) => CHANGE.has(t)),
      key,
      contrast,
      stable: [...all].some((t) => STABLE.has(t)),
    };
    if (bound) info.bound = bound;
    if (years) info.years = years;
    out.push(info);
    const end = /low end|lower bound|low estimate/.test(qualifiers)
      ? 'low'
      : /high end|upper bound|high estimate/.test(qualifiers)
        ? 'high'
        : undefined;
    if (end) {
      const k = `${spec.unit}|${q.year ?? ''}|${labelBody.trim().toLowerCase()}`;
      const p = pairs.get(k) ?? {};
      p[end] = info;
      pairs.set(k, p);
    }
  });
  for (const { low, high } of pairs.values()) {
    if (low && high && low.base < high.base) {
      low.interval = [low.base, high.base];
      high.interval = [low.base, high.base];
    }
  }
  if (infoCache.size > 5000) infoCache.clear();
  infoCache.set(cacheKey, out);
  return out;
}

export type Relation = 'agree' | 'disagree' | 'consistent' | 'far';

/** Relative difference taken as the same figure (rounding); larger when either side says "about". */
const SAME = 0.051;
const SAME_APPROX = 0.1;
/** Beyond this ratio two figures measure different things: not a disagreement. */
const PLAUSIBLE = 3;

function roundsTo(f: Figure, source: number): boolean {
  if (f.range || f.scale === 0) return false;
  const p = 10 ** f.decimals;
  return Math.round((source / f.scale) * p) / p === f.mantissa;
}

/** How a page's figure relates to a source quantity of the same unit. */
export function relate(f: Figure, qi: QuantityInfo): Relation {
  const S = qi.base;
  const P = f.value;
  if (S <= 0 || P <= 0) return 'far';
  const ratio = (a: number, b: number) => Math.max(a, b) / Math.min(a, b);
  const pointPage = !f.range && !f.bound;
  const pointSource = !qi.interval && !qi.bound;
  // Beyond a factor of three two figures measure different things; small percentages may differ more (2–3 percent and 10 percent).
  const far = (a: number, b: number) => ratio(a, b) > PLAUSIBLE && (qi.spec.unit !== 'percent' || Math.abs(a - b) > 10);
  if (pointPage && pointSource) {
    if (far(P, S)) return 'far';
    const rel = Math.abs(P - S) / S;
    const tol = f.approx || qi.approx ? SAME_APPROX : SAME;
    if (rel <= tol || (rel <= SAME_APPROX && roundsTo(f, S))) return 'agree';
    return 'disagree';
  }
  const pageI: [number, number] = f.range
    ? f.range
    : f.bound === 'min'
      ? [P, Infinity]
      : f.bound === 'max'
        ? [0, P]
        : [P, P];
  const srcI: [number, number] = qi.interval
    ? qi.interval
    : qi.bound === 'min'
      ? [S, Infinity]
      : qi.bound === 'max'
        ? [0, S]
        : [S, S];
  // Far apart: compare the finite ends nearest to each other.
  const pRef = f.range ? (S < f.range[0] ? f.range[0] : S > f.range[1] ? f.range[1] : S) : P;
  const sRef = qi.interval ? (P < qi.interval[0] ? qi.interval[0] : P > qi.interval[1] ? qi.interval[1] : P) : S;
  if (far(pRef, sRef)) return 'far';
  const tol = f.approx || qi.approx ? SAME_APPROX : SAME;
  const overlap = pageI[0] <= srcI[1] * (1 + tol) && srcI[0] <= pageI[1] * (1 + tol);
  if (!overlap) return 'disagree';
  if (f.bound && f.bound === qi.bound && Math.abs(P - S) / S <= tol) return 'agree';
  if (pointPage && qi.interval) return 'agree';
  if (pointSource && f.range) return 'agree';
  if (
    f.range &&
    qi.interval &&
    Math.abs(f.range[0] - qi.interval[0]) / qi.interval[0] <= tol &&
    Math.abs(f.range[1] - qi.interval[1]) / qi.interval[1] <= tol
  )
    return 'agree';
  return 'consistent';
}

export type YearRelation = 'same' | 'overlap' | 'one-sided' | 'none' | 'different';

export function yearRelation(f: Figure, qi: QuantityInfo): YearRelation {
  const fy: [number, number] | undefined = f.year !== undefined ? [f.year, f.year] : f.yearSpan;
  const qy = qi.years;
  if (fy && qy) {
    if (fy[0] === qy[0] && fy[1] === qy[1]) return 'same';
    return fy[0] <= qy[1] && qy[0] <= fy[1] ? 'overlap' : 'different';
  }
  return fy || qy ? 'one-sided' : 'none';
}

/** How many of a quantity's key words the page must share near the figure. */
export function needed(key: Set<string>, family: Family): number {
  const n = key.size;
  if (n === 0) return Infinity;
  const base = n <= 2 ? 1 : n <= 4 ? 2 : 3;
  // Amounts and percentages are everywhere: ask for two words when the label has them.
  return family === 'percent' || family === 'points' || family === 'money' ? Math.max(base, Math.min(n, 2)) : base;
}
