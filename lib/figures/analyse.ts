/**
 * What a sentence says, for ranking claims and checking figures: its content
 * words (stems), the years it names, its clauses, and the figures it states
 * with their units, scales, years and qualifiers ("about", "more than").
 * Background only; it sees one sentence at a time. compromise supplies the
 * lemmas of the sentence's words; figures are read by the scanner below, which
 * keeps exact offsets and needs no tagger (so claims can be read with it too).
 */
import nlp from 'compromise';
import { words, type Word } from '../shared/words';
import { digitNumbers, digitsAt, longestFirst, MONTH, wordFractions, wordRuns, type Numeral } from './numbers';
import { unitAfter, type Family, type UnitRead } from './units';

export interface Figure {
  /** As written: "$400 billion", "38 bcm", "15%". */
  text: string;
  start: number;
  end: number;
  /** In base units: 400e9 (USD), 38e9 (m³), 15 (percent), 1300 (km). */
  value: number;
  /**
   * The unit the value is in: "USD", "CNY", "RUB", "EUR", "percent", "points",
   * "m3", "km", "km2", "t", "W", "Wh", "bbl", "year", "times", a price such as
   * "USD/1000m3", an exchange rate such as "RUB/USD", or for a count the
   * counted thing's stem ("bank", "aircraft", "troop").
   */
  unit: string;
  family: Family;
  /** The multiplier as written: 1e9 for "billion", "bn" and "bcm". */
  scale: number;
  /** The number as written before the scale (1.3 in "$1.3 billion") and its decimals. */
  mantissa: number;
  decimals: number;
  /** The year the figure is tied to in its clause ("in 2014", "the 2014 contract"). */
  year?: number;
  /** When that is a span of years ("in 2014–16", "in the 1990s"). */
  yearSpan?: [number, number];
  /** A range as written ("$300–400 billion", "2–3 percent"), in base units. */
  range?: [number, number];
  /** "more than", "over" (min); "less than", "up to" (max). */
  bound?: 'min' | 'max';
  /** "about", "some", "nearly", or a unit converted from another (miles). */
  approx?: boolean;
  /** A change ("rose 15 percent") rather than a level or share ("15 percent of"). */
  change?: boolean;
  /** Index of the clause the figure sits in (see `SentenceFacts.segments`). */
  segment: number;
}

export interface Segment {
  start: number;
  end: number;
  /** The clause compares with the one before ("up from …", "compared with …") and shares its subject. */
  inherit: boolean;
}

export interface YearMark {
  start: number;
  end: number;
  from: number;
  to: number;
}

export interface SentenceFacts {
  text: string;
  words: Word[];
  /** Stems of the content words. */
  terms: Set<string>;
  segments: Segment[];
  /** Four-digit years 1850–2100 named in the sentence (both ends of a range). */
  years: number[];
  /** Spans: "2014–2016", "2025/26", "the 1990s". */
  yearRanges: [number, number][];
  figures: Figure[];
}

// ---------------------------------------------------------------------------
// Numbers as written (read by numbers.ts; a figure is never an ordinal or a lone "one")

type RawNumber = Numeral;

function scanNumbers(text: string): RawNumber[] {
  // The second number of "2–3" or "2025/26" is read with the first (rangeEnd, readYear), never alone ("4-1 win").
  const digits = digitNumbers(text).filter((t) => !t.ordinalSuffix && !t.joined);
  // "one of the", "zero-sum" are no figures.
  const runs = wordRuns(text).filter((t) => !/^(?:one|zero)$/i.test(t.raw));
  // "two-thirds of": a share, read as a percentage.
  const shares = wordFractions(text)
    .filter((t) => t.raw.toLowerCase() !== 'half' && /^\s+of\b/i.test(text.slice(t.end, t.end + 5)))
    .map((t) => ({ ...t, value: (100 * t.fraction![0]) / t.fraction![1], decimals: 1 }));
  return longestFirst([...digits, ...runs, ...shares]);
}

/** Years in a text, with their spans: "2014", "2014–16", "2025/26", "between 2014 and 2016", "the 1990s". */
function readYear(text: string, r: RawNumber): YearMark | undefined {
  if (!r.yearLike || r.value < 1850 || r.value > 2100) return undefined;
  const y = r.value;
  const rest = text.slice(r.end, r.end + 12);
  if (rest.startsWith('s') && y % 10 === 0) return { start: r.start, end: r.end + 1, from: y, to: y + 9 };
  const m = rest.match(/^\s*(?:-|–|—|\/|to|and|through)\s*(\d{4}|\d{2})(?!\d)/);
  if (m) {
    const d = m[1]!;
    const y2 = d.length === 4 ? Number(d) : Math.floor(y / 100) * 100 + Number(d);
    const isAnd = /and/.test(m[0]);
    if (
      y2 > y &&
      y2 <= 2100 &&
      y2 - y < 60 &&
      (!isAnd || /between\s+$/i.test(text.slice(Math.max(0, r.start - 10), r.start)))
    )
      return { start: r.start, end: r.end + m[0].length, from: y, to: y2 };
  }
  return { start: r.start, end: r.end, from: y, to: y };
}

const SPLIT =
  /\s*;\s*|:\s+|\s+[—–]\s+|\s+--?\s+|,\s+(?:and|but|while|whereas|which)\s+|\s+(?:while|whereas|but)\s+|(,?\s+(?:compared\s+(?:with|to)|up\s+from|down\s+from|rising\s+from|falling\s+from|versus|vs\.?|as\s+against|than\s+in)\s+)/gi;

function segmentsOf(text: string): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  let inherit = false;
  for (const m of text.matchAll(SPLIT)) {
    out.push({ start: from, end: m.index, inherit });
    from = m.index + m[0].length;
    inherit = m[1] !== undefined;
  }
  out.push({ start: from, end: text.length, inherit });
  return out;
}

const MIN_BEFORE =
  /(?<![A-Za-z])(?:more\s+than|over|above|at\s+least|upwards\s+of|in\s+excess\s+of|exceeding|no\s+less\s+than|not\s+less\s+than|>)\s*$/i;
const MAX_BEFORE =
  /(?<![A-Za-z])(?:less\s+than|fewer\s+than|under|below|at\s+most|up\s+to|no\s+more\s+than|not\s+more\s+than|<)\s*$/i;
const APPROX_BEFORE =
  /(?<![A-Za-z])(?:about|around|roughly|approximately|approx\.?|some|nearly|almost|close\s+to|an\s+estimated|estimated|circa|c\.|ca\.|~|more\s+or\s+less)\s*$/i;
const FILLER_BEFORE =
  /(?:\s+(?:a|an|the|only|just|mere|a\s+mere|a\s+total\s+of|total|record|a\s+record|well|slightly|just))+\s*$/i;
const CHANGE_BEFORE =
  /\b(?:by|rose|risen|rise|rising|fell|fallen|fall|falling|grew|grown|grow|growing|increased?|increasing|decreased?|decreasing|dropped|drop|declined?|declining|jumped|jump|slumped|climbed|gained|lost|up|down|surged|plunged|soared|shrank|shrunk|cut|reduced|expanded|added)\s+(?:(?:about|some|nearly|almost|around|roughly|more\s+than|over|just|only|a\s+further|another|an?)\s+)*$/i;
const CHANGE_AFTER =
  /^\s*(?:(?:year-on-year|y\/y|yoy)\b|(?:an?\s+)?(?:increase|rise|growth|drop|decline|fall|jump|gain|cut|reduction|slump|surge|higher|lower|more|less|up|down|on\s+the\s+year|on\s+a\s+year)\b)/i;

const EXPLICIT = new Set<Family>(['percent', 'points', 'volume', 'length', 'area', 'mass', 'oil', 'power', 'energy']);

/** The second number of a range after `r` ("$300–400 billion", "2 to 3 percent", "between 30 and 40"), not "from 10 to 20". */
function rangeEnd(text: string, r: RawNumber, next: RawNumber | undefined): RawNumber | undefined {
  const sep = text.slice(r.end, r.end + 6).match(/^\s*(?:-|–|—|to|and)\s*/);
  if (!sep) return undefined;
  const lead = text.slice(Math.max(0, r.start - 20), r.start);
  if (/\bfrom\s+(?:about\s+|some\s+|around\s+|roughly\s+)?$/i.test(lead)) return undefined;
  if (/and/.test(sep[0]) && !/between\s+$/i.test(lead)) return undefined;
  const at = r.end + sep[0].length;
  // After a hyphen the scanner skips a number ("S-400"): read it here.
  const r2 = next && next.start === at ? next : digitsAt(text, at, r.currency);
  if (!r2 || r2.kind === 'fraction') return undefined;
  // "10 to 5" is no range; "$300 million to $1 billion" is.
  const lo = r.value * (r.scale !== 1 ? r.scale : r2.scale);
  const hi = r2.value * r2.scale;
  return hi > lo ? r2 : undefined;
}

/** The figures and years of a text, without a tagger (used on claims too). */
export function scanFigures(text: string): { figures: Figure[]; years: YearMark[]; segments: Segment[] } {
  const segments = segmentsOf(text);
  const segOf = (pos: number) => {
    for (let i = segments.length - 1; i >= 0; i--) if (segments[i]!.start <= pos) return i;
    return 0;
  };
  const raws = scanNumbers(text);
  const years: YearMark[] = [];
  const pending: { r: RawNumber; r2?: RawNumber; u: UnitRead }[] = [];
  let skipUntil = -1;
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i]!;
    if (r.start < skipUntil) continue;
    const before = text.slice(Math.max(0, r.start - 12), r.start);
    const after = text.slice(r.end, r.end + 12);
    // Dates: "May 9", "9 May 2014", "the 18th".
    const prevWord = before.match(/([\p{L}]+)\.?\s+$/u)?.[1] ?? '';
    const nextWord = after.match(/^\s+([\p{L}]+)/u)?.[1] ?? '';
    const year = readYear(text, r);
    if (year) {
      if (year.end !== r.end) {
        years.push(year);
        skipUntil = year.end;
        continue;
      }
      // "1900 km" and "2000 MW" are figures; "2014 banks", "2014 dollars" and a bare 2014 are years.
      const u = unitAfter(text, r.end, undefined, false);
      if (!u || !EXPLICIT.has(u.family)) {
        years.push(year);
        continue;
      }
    }
    if (r.kind === 'digits' && !r.currency && (MONTH.test(prevWord) || MONTH.test(nextWord))) continue;
    if (r.kind === 'fraction') {
      // "two-thirds of": a share, read as a percentage.
      pending.push({ r, u: { unit: 'percent', family: 'percent', mult: 1, end: r.end } });
      continue;
    }
    const r2 = rangeEnd(text, r, raws[i + 1]);
    const last = r2 ?? r;
    const u = unitAfter(text, last.end, last.currency ?? r.currency, last.scale !== 1);
    if (!u) {
      if (r2) skipUntil = r2.end;
      continue;
    }
    pending.push({ r, r2, u });
    skipUntil = u.end;
  }
  const figures: Figure[] = [];
  for (const { r, r2, u } of pending) {
    const last = r2 ?? r;
    const scale = last.scale !== 1 ? last.scale : (u.scale ?? 1);
    const value = last.value * scale * u.mult;
    let range: [number, number] | undefined;
    if (r2) {
      const s1 = r.scale !== 1 ? r.scale : scale;
      range = [r.value * s1 * u.mult, value];
    }
    const start = r.start;
    const end = u.end;
    const lead = text.slice(Math.max(0, start - 40), start);
    const textBefore = lead.replace(FILLER_BEFORE, ' ');
    const minM = textBefore.match(MIN_BEFORE);
    const maxM = minM ? null : textBefore.match(MAX_BEFORE);
    const apxM = textBefore.match(APPROX_BEFORE);
    const bound = minM ? 'min' : maxM ? 'max' : undefined;
    const approx = !!apxM || u.approx || r.kind === 'fraction' || undefined;
    // The figure as written includes its qualifier ("more than 800 banks", "about $400bn").
    const qualifier = (minM ?? maxM ?? apxM)?.[0].trim();
    const textStart =
      qualifier && lead.replace(/\s+$/, '').endsWith(qualifier)
        ? start - (lead.length - lead.replace(/\s+$/, '').length) - qualifier.length
        : start;
    const tail = text.slice(end, end + 20);
    const afterBound = /^\s*(?:or\s+more|plus\b|\+)/i.test(tail)
      ? 'min'
      : /^\s*or\s+(?:less|fewer)\b/i.test(tail)
        ? 'max'
        : undefined;
    const afterApprox = /^\s*or\s+so\b/i.test(tail);
    const seg = segOf(start);
    const segStart = segments[seg]!.start;
    const change =
      u.family === 'percent' || u.family === 'points' || u.family === 'multiple'
        ? CHANGE_BEFORE.test(text.slice(Math.max(segStart, start - 40), start)) ||
          CHANGE_AFTER.test(text.slice(end, end + 30)) ||
          u.family === 'points'
        : undefined;
    const fig: Figure = {
      text: text.slice(textStart, end).trim(),
      start,
      end,
      value,
      unit: u.unit,
      family: u.family,
      scale: scale * u.mult,
      mantissa: last.value,
      decimals: last.decimals,
      segment: seg,
    };
    if (range) fig.range = range;
    const b = bound ?? afterBound;
    if (b) fig.bound = b;
    if (approx || afterApprox) fig.approx = true;
    if (change !== undefined) fig.change = change;
    figures.push(fig);
  }
  // Tie each figure to the nearest year in its clause.
  for (const f of figures) {
    const seg = segments[f.segment]!;
    let best: YearMark | undefined;
    let bestDist = Infinity;
    for (const y of years) {
      if (y.start < seg.start || y.end > seg.end) continue;
      const d = y.start >= f.end ? y.start - f.end : f.start - y.end;
      if (d < bestDist) {
        best = y;
        bestDist = d;
      }
    }
    if (best) {
      if (best.from === best.to) f.year = best.from;
      else f.yearSpan = [best.from, best.to];
    }
  }
  return { figures, years, segments };
}

// ---------------------------------------------------------------------------

function lemmas(sentence: string): Map<number, string> {
  const out = new Map<number, string>();
  try {
    const doc = nlp(sentence);
    doc.compute('root');
    for (const s of doc.json({ offset: true }) as { terms: { root?: string; offset?: { start: number } }[] }[])
      for (const t of s.terms) if (t.root && t.offset) out.set(t.offset.start, t.root);
  } catch {
    // The stemmer alone will do.
  }
  return out;
}

const cache = new Map<string, SentenceFacts>();

/** Longer input is cut: a sentence around a mention is at most a few hundred characters (see sentence.ts). */
const MAX_SENTENCE = 1000;

/**
 * The terms, years and figures of one sentence (its first MAX_SENTENCE
 * characters). Cached (a card asks for the ranking and the figure check of the
 * same sentence); treat the result as read-only.
 */
export function analyseSentence(input: string): SentenceFacts {
  const sentence = input.length > MAX_SENTENCE ? input.slice(0, MAX_SENTENCE) : input;
  const hit = cache.get(sentence);
  if (hit) return hit;
  const ws = words(sentence, lemmas(sentence));
  const scan = scanFigures(sentence);
  const years = [...new Set(scan.years.flatMap((y) => (y.from === y.to ? [y.from] : [y.from, y.to])))];
  const facts: SentenceFacts = {
    text: sentence,
    words: ws,
    terms: new Set(ws.map((w) => w.term).filter(Boolean)),
    segments: scan.segments,
    years,
    yearRanges: scan.years.filter((y) => y.from !== y.to).map((y) => [y.from, y.to]),
    figures: scan.figures,
  };
  if (cache.size >= 64) cache.delete(cache.keys().next().value!);
  cache.set(sentence, facts);
  return facts;
}
