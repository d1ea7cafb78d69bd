/**
 * What a sentence says, for ranking claims and checking figures: its content
 * words (stems), the years it names, its clauses, and the figures it states
 * with their units, scales, years and qualifiers ("about", "more than").
 * Background only; it sees one sentence at a time. compromise supplies the
 * lemmas of the sentence's words; figures are read by the scanner below, which
 * keeps exact offsets and needs no tagger (so claims can be read with it too).
 */
import nlp from 'compromise';
import { stem, words, type Word } from '../shared/words';

export type Family =
  | 'money'
  | 'percent'
  | 'points'
  | 'volume'
  | 'length'
  | 'area'
  | 'mass'
  | 'oil'
  | 'power'
  | 'energy'
  | 'duration'
  | 'multiple'
  | 'price'
  | 'rate'
  | 'count';

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
// Numbers as written

const SCALE_WORDS: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  mln: 1e6,
  mn: 1e6,
  m: 1e6,
  billion: 1e9,
  bln: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  trn: 1e12,
  tn: 1e12,
};

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const BIG: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const NUM_WORD = `(?:${[...Object.keys(SMALL), ...Object.keys(BIG), 'dozen'].join('|')})`;
const WORD_NUMBER = new RegExp(
  `(?<![A-Za-z\\d-])(?:an?[\\s-]+(?=(?:hundred|thousand|million|billion|trillion|dozen)\\b))?${NUM_WORD}(?:(?:[\\s-]+and)?[\\s-]+${NUM_WORD})*(?![A-Za-z\\d])`,
  'gi',
);
const FRACTION =
  /(?<![\p{L}-])(?:(a|an|one|two|three|four)[\s-]+)(half|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths|tenth|tenths)(?=\s+of\b)/giu;
const FRACTION_DEN: Record<string, number> = {
  half: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  tenth: 10,
  tenths: 10,
};

const DIGITS =
  /(?:(US\s?\$|U\.S\.\s?\$|C\$|A\$|HK\$|[$€£¥₽])\s?|\b(USD|RMB|CNY|RUB|EUR)\s?)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)/g;
/** DIGITS anchored where `lastIndex` points. */
const DIGITS_AT = new RegExp(DIGITS.source, 'y');
const PREFIX_CURRENCY: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'CNY',
  '₽': 'RUB',
  USD: 'USD',
  RMB: 'CNY',
  CNY: 'CNY',
  RUB: 'RUB',
  EUR: 'EUR',
};

interface RawNumber {
  /** Start including a currency prefix. */
  start: number;
  /** Start of the digits or words. */
  numStart: number;
  end: number;
  mantissa: number;
  decimals: number;
  scale: number;
  currency?: string;
  kind: 'digits' | 'words' | 'fraction';
  /** Plain four-digit integer: may be a year. */
  yearLike: boolean;
}

function parseWords(run: string): { value: number; scale: number } | undefined {
  let total = 0;
  let current = 0;
  let scale = 1;
  let any = false;
  for (const w of run.toLowerCase().split(/[\s-]+/)) {
    if (w === 'and') continue;
    if (w === 'a' || w === 'an') {
      current = 1;
      continue;
    }
    if (w === 'dozen') {
      current = (current || 1) * 12;
      any = true;
      continue;
    }
    const small = SMALL[w];
    if (small !== undefined) {
      current += small;
      any = true;
      scale = 1;
      continue;
    }
    const big = BIG[w];
    if (big === undefined) return undefined;
    if (big === 100) current = (current || 1) * 100;
    else {
      total += (current || 1) * big;
      current = 0;
      scale = big;
    }
    any = true;
  }
  return any ? { value: total + current, scale } : undefined;
}

function currencyOf(prefix: string | undefined): string | undefined {
  if (!prefix) return undefined;
  const p = prefix.replace(/\s/g, '');
  if (p.endsWith('$'))
    return p === '$' || p === 'US$' || p === 'U.S.$' ? 'USD' : p === 'C$' ? 'CAD' : p === 'A$' ? 'AUD' : 'HKD';
  return PREFIX_CURRENCY[p];
}

/** Reads a digit numeral (with an optional currency prefix and glued scale) at `pos`. */
function readDigits(text: string, m: RegExpExecArray): RawNumber | undefined {
  const prefix = m[1] ?? m[2];
  const digits = m[3]!;
  const start = m.index;
  const numStart = start + m[0].length - digits.length;
  if (!prefix) {
    const c = text[start - 1] ?? '';
    const c2 = text[start - 2] ?? '';
    if (/[\p{L}\p{N}_]/u.test(c)) return undefined; // CR929, G20
    if ((c === '-' || c === '–' || c === '/' || c === '.' || c === ':') && /[\p{L}\p{N}]/u.test(c2)) return undefined; // S-400, 05/2014, 10:30
  }
  let end = numStart + digits.length;
  const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
  const mantissa = Number(digits.replace(/,/g, ''));
  if (!Number.isFinite(mantissa)) return undefined;
  let scale = 1;
  const rest = text.slice(end, end + 8);
  const glued = rest.match(/^(bn|mn|mln|bln|tn|trn|k|m|b)(?![A-Za-z\u00C0-\u024F\u0400-\u04FF\d])/i);
  const currency = currencyOf(prefix);
  if (glued && (glued[1]!.length > 1 || glued[1]!.toLowerCase() === 'k' || currency)) {
    scale = SCALE_WORDS[glued[1]!.toLowerCase()]!;
    end += glued[0].length;
  } else if (/^(st|nd|rd|th)\b/i.test(rest))
    return undefined; // ordinals
  else if (
    /^\p{L}/u.test(rest) &&
    !/^(bcm|bcma|tcm|km2|km²|km|kg|mm|m|mt|mtpa|mmt|t|gw|mw|kw|twh|gwh|mwh|kwh|s)(?![A-Za-z\u00C0-\u024F\u0400-\u04FF\d])/i.test(
      rest,
    )
  )
    return undefined; // 5G, 3D
  const yearLike = !prefix && scale === 1 && /^\d{4}$/.test(digits);
  return { start, numStart, end, mantissa, decimals, scale, currency, kind: 'digits', yearLike };
}

function scanNumbers(text: string): RawNumber[] {
  const out: RawNumber[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const r = readDigits(text, m as RegExpExecArray);
    if (r) out.push(r);
  }
  for (const m of text.matchAll(WORD_NUMBER)) {
    const run = m[0];
    if (/^(?:one|zero)$/i.test(run)) continue; // "one of the", "zero-sum"
    const p = parseWords(run);
    if (!p) continue;
    const start = m.index;
    out.push({
      start,
      numStart: start,
      end: start + run.length,
      mantissa: p.value / p.scale,
      decimals: 0,
      scale: p.scale,
      kind: 'words',
      yearLike: false,
    });
  }
  for (const m of text.matchAll(FRACTION)) {
    const num = m[1]!.toLowerCase();
    const n = num === 'a' || num === 'an' || num === 'one' ? 1 : SMALL[num]!;
    const d = FRACTION_DEN[m[2]!.toLowerCase()]!;
    out.push({
      start: m.index,
      numStart: m.index,
      end: m.index + m[0].length,
      mantissa: (100 * n) / d,
      decimals: 1,
      scale: 1,
      kind: 'fraction',
      yearLike: false,
    });
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawNumber[] = [];
  for (const r of out) if (!kept.length || r.start >= kept[kept.length - 1]!.end) kept.push(r);
  return kept;
}

// ---------------------------------------------------------------------------
// Units

interface UnitRead {
  unit: string;
  family: Family;
  /** Multiplier of the unit itself (1e9 for bcm, 1.609 for miles). */
  mult: number;
  /** A scale word read after the number ("billion"). */
  scale?: number;
  end: number;
  approx?: boolean;
}

const CURRENCY_WORD: [RegExp, string][] = [
  [/^[\s-]*(?:(?:US|U\.S\.|American)\s+)?dollars?\b/i, 'USD'],
  [/^[\s-]*(?:USD|US\$)(?![A-Za-z\u00C0-\u024F\u0400-\u04FF])/i, 'USD'],
  [/^[\s-]*(?:yuan|renminbi|RMB|CNY)\b/i, 'CNY'],
  [/^[\s-]*(?:rubles?|roubles?|RUB|rbl)\b/i, 'RUB'],
  [/^[\s-]*(?:euros?|EUR)\b/i, 'EUR'],
];

const MONTH =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;
const COUNT_STOP = new Set(
  'of in and or to were was are is be been have has had will would could can may might that which who from for with by at on per a an the than as into over under out up down its their his her our this these those it they we he she there here when while after before since until if but not no nor so also all each both few more most other some such'.split(
    ' ',
  ),
);
const MODIFIER = new Set(
  'new more additional other further extra large small big major key main modern old existing planned proposed foreign domestic regional international national private public commercial military civilian joint state local western eastern northern southern active operational combat passenger cargo wide narrow fighter heavy light long short medium nuclear strategic'.split(
    ' ',
  ),
);
const NOT_COUNTED = new Set([
  'year',
  'month',
  'week',
  'day',
  'hour',
  'minute',
  'second',
  'time',
  'percent',
  'cent',
  'point',
  'per',
  'ago',
  'later',
  'earlier',
  'old',
]);

/** Units other than money, tried in order after a number (and its scale word). */
const UNITS: [RegExp, Omit<UnitRead, 'end' | 'scale'>][] = [
  [/^\s*(?:%|percent\b|per\s?cent\b|pct\b)/i, { unit: 'percent', family: 'percent', mult: 1 }],
  [/^\s*(?:percentage\s+points?|pp\b|p\.p\.|points?\b)/i, { unit: 'points', family: 'points', mult: 1 }],
  [/^[\s-]*(?:bcm|bcma)\b/i, { unit: 'm3', family: 'volume', mult: 1e9 }],
  [/^[\s-]*tcm\b/i, { unit: 'm3', family: 'volume', mult: 1e12 }],
  [/^[\s-]*(?:cubic\s+met(?:er|re)s?|cu\.?\s?m\b|m3\b|m³)/i, { unit: 'm3', family: 'volume', mult: 1 }],
  [/^[\s-]*(?:bcf)\b/i, { unit: 'ft3', family: 'volume', mult: 1e9 }],
  [/^[\s-]*(?:tcf)\b/i, { unit: 'ft3', family: 'volume', mult: 1e12 }],
  [/^[\s-]*(?:cubic\s+feet|cu\.?\s?ft)\b/i, { unit: 'ft3', family: 'volume', mult: 1 }],
  [/^[\s-]*(?:km2|km²|sq\.?\s*km\b|square\s+kilomet(?:er|re)s?)/i, { unit: 'km2', family: 'area', mult: 1 }],
  [/^[\s-]*(?:km|kilomet(?:er|re)s?)\b/i, { unit: 'km', family: 'length', mult: 1 }],
  [/^[\s-]*miles?\b/i, { unit: 'km', family: 'length', mult: 1.609344, approx: true }],
  [/^[\s-]*(?:mm|millimet(?:er|re)s?)\b/i, { unit: 'mm', family: 'length', mult: 1 }],
  [/^[\s-]*(?:m|met(?:er|re)s?)\b/i, { unit: 'm', family: 'length', mult: 1 }],
  [/^[\s-]*(?:mtpa|mmtpa|mt|mmt)\b/i, { unit: 't', family: 'mass', mult: 1e6 }],
  [
    /^[\s-]*(?:(?:metric\s+)?(?:tons?|tonnes?)\b|t\b(?![\s-]*[A-Za-z\u00C0-\u024F\u0400-\u04FF]))/i,
    { unit: 't', family: 'mass', mult: 1 },
  ],
  [/^[\s-]*kg\b/i, { unit: 't', family: 'mass', mult: 0.001 }],
  [
    /^[\s-]*(?:barrels?|bbl)\s*(?:(?:per|a)\s+day|\/d|\/day)|^[\s-]*(?:bpd|b\/d)\b/i,
    { unit: 'bbl/day', family: 'oil', mult: 1 },
  ],
  [/^[\s-]*(?:barrels?|bbl)\b/i, { unit: 'bbl', family: 'oil', mult: 1 }],
  [/^[\s-]*(?:GW|gigawatts?)\b/i, { unit: 'W', family: 'power', mult: 1e9 }],
  [/^[\s-]*(?:MW|megawatts?)\b/i, { unit: 'W', family: 'power', mult: 1e6 }],
  [/^[\s-]*(?:kW|kilowatts?)\b/i, { unit: 'W', family: 'power', mult: 1e3 }],
  [/^[\s-]*TWh\b/i, { unit: 'Wh', family: 'energy', mult: 1e12 }],
  [/^[\s-]*GWh\b/i, { unit: 'Wh', family: 'energy', mult: 1e9 }],
  [/^[\s-]*MWh\b/i, { unit: 'Wh', family: 'energy', mult: 1e6 }],
  [/^[\s-]*kWh\b/i, { unit: 'Wh', family: 'energy', mult: 1e3 }],
  [
    /^[\s-]*(?:years?|yrs?)\b(?![\s-]*(?:old|ago|later|earlier|before|after|since|on)\b)/i,
    { unit: 'year', family: 'duration', mult: 1 },
  ],
  [
    /^[\s-]*decades?\b(?![\s-]*(?:old|ago|later|earlier|before|after|since|on)\b)/i,
    { unit: 'year', family: 'duration', mult: 10 },
  ],
  [
    /^[\s-]*months?\b(?![\s-]*(?:old|ago|later|earlier|before|after|since|on)\b)/i,
    { unit: 'month', family: 'duration', mult: 1 },
  ],
  [/^[\s-]*(?:times\b|fold\b)/i, { unit: 'times', family: 'multiple', mult: 1 }],
];

function unitAfter(text: string, pos: number, currency: string | undefined, hasScale: boolean): UnitRead | undefined {
  let p = pos;
  let scale: number | undefined;
  if (!hasScale) {
    const s = text.slice(p, p + 16).match(/^[\s-]*(thousand|million|mln|mn|billion|bln|bn|trillion|trn|tn)\b/i);
    if (s) {
      scale = SCALE_WORDS[s[1]!.toLowerCase()]!;
      p += s[0].length;
    } else if (currency) {
      const m = text.slice(p, p + 4).match(/^\s(m|b)\b/i); // "$55 m"
      if (m) {
        scale = SCALE_WORDS[m[1]!.toLowerCase()]!;
        p += m[0].length;
      }
    }
  }
  const rest = text.slice(p, p + 90);
  let cur = currency;
  let curEnd = p;
  for (const [re, code] of CURRENCY_WORD) {
    const m = rest.match(re);
    if (m) {
      cur ??= code;
      curEnd = p + m[0].length;
      break;
    }
  }
  if (cur) {
    const after = text.slice(curEnd, curEnd + 80);
    const per = (re: RegExp) => after.match(re);
    let m: RegExpMatchArray | null;
    if (
      (m = per(
        /^\s*(?:per|a|an|for\s+(?:each|every)|\/)\s*(?:1,000|1000|1 000|one\s+thousand|a\s+thousand|thousand)\s*(?:cubic\s+met(?:er|re)s?|cu\.?\s*m\b|m3\b|m³)|^\s*(?:per|\/)\s*tcm\b/i,
      ))
    )
      return { unit: `${cur}/1000m3`, family: 'price', mult: 1, scale, end: curEnd + m[0].length };
    if ((m = per(/^\s*(?:per|a|an|\/)\s*(?:cubic\s+met(?:er|re)|m3\b|m³)/i)))
      return { unit: `${cur}/1000m3`, family: 'price', mult: 1000, scale, end: curEnd + m[0].length };
    if ((m = per(/^\s*(?:per|a|an|\/)\s*(?:barrel|bbl)\b/i)))
      return { unit: `${cur}/bbl`, family: 'price', mult: 1, scale, end: curEnd + m[0].length };
    if ((m = per(/^\s*(?:per|a|an|\/)\s*(?:metric\s+)?(?:ton|tonne)\b/i)))
      return { unit: `${cur}/t`, family: 'price', mult: 1, scale, end: curEnd + m[0].length };
    if ((m = per(/^\s*(?:per|a|an|\/)\s*(?:mmbtu|million\s+btu)\b/i)))
      return { unit: `${cur}/MMBtu`, family: 'price', mult: 1, scale, end: curEnd + m[0].length };
    if ((m = per(/^\s*(?:per|a|an|\/)\s*(capita|person|head|month|day|share|passenger|employee)\b/i)))
      return { unit: `${cur}/${m[1]!.toLowerCase()}`, family: 'price', mult: 1, scale, end: curEnd + m[0].length };
    if (
      cur !== 'USD' &&
      (m = per(
        /^\s*(?:to|per|against|for)\s+(?:the\s+|one\s+|a\s+|each\s+|1\s+)?(?:US\s+|U\.S\.\s+|American\s+)?(?:dollar|USD)\b/i,
      ))
    )
      return { unit: `${cur}/USD`, family: 'rate', mult: 1, scale, end: curEnd + m[0].length };
    if (cur !== 'EUR' && (m = per(/^\s*(?:to|per|against|for)\s+(?:the\s+|one\s+|a\s+)?(?:euro|EUR)\b/i)))
      return { unit: `${cur}/EUR`, family: 'rate', mult: 1, scale, end: curEnd + m[0].length };
    return { unit: cur, family: 'money', mult: 1, scale, end: curEnd };
  }
  for (const [re, u] of UNITS) {
    const m = rest.match(re);
    if (m) return { ...u, scale, end: p + m[0].length };
  }
  // "70 to the dollar" after a ruble or yuan named just before.
  const rate = rest.match(/^\s*(?:to|per|against)\s+(?:the\s+|one\s+|a\s+)?(?:US\s+|U\.S\.\s+)?(?:dollar|USD)\b/i);
  if (rate) {
    const before = text.slice(Math.max(0, pos - 60), pos).toLowerCase();
    const c = /(?:ruble|rouble)/.test(before) ? 'RUB' : /(?:yuan|renminbi)/.test(before) ? 'CNY' : undefined;
    if (c) return { unit: `${c}/USD`, family: 'rate', mult: 1, scale, end: p + rate[0].length };
  }
  // A count: the first noun after the number, past a few modifiers ("400 Russian banks", "12 wide-body aircraft").
  let q = p;
  for (let i = 0; i < 4; i++) {
    const m =
      text.slice(q, q + 40).match(/^[\s]+([\p{L}][\p{L}\p{M}\p{N}'’-]*)/u) ??
      (i === 0 ? text.slice(q, q + 40).match(/^-([\p{L}][\p{L}\p{M}'’-]*)/u) : null);
    if (!m) return undefined;
    const w = m[1]!;
    const lw = w.toLowerCase();
    if (COUNT_STOP.has(lw) || MONTH.test(lw)) return undefined;
    q += m[0].length;
    const last = i === 3;
    const modifier = MODIFIER.has(lw) || /^\p{Lu}/u.test(w) || (w.includes('-') && !last) || /est$/.test(lw);
    if (modifier && !last) {
      // A capitalised noun at the end of the phrase is the noun ("30 Su-35 fighters" reads on; "400 Gazprom" stops).
      continue;
    }
    const s = stem(lw);
    if (!s || NOT_COUNTED.has(s) || NOT_COUNTED.has(lw)) return undefined;
    return { unit: s, family: 'count', mult: 1, scale, end: q };
  }
  return undefined;
}

/** Years in a text, with their spans: "2014", "2014–16", "2025/26", "between 2014 and 2016", "the 1990s". */
function readYear(text: string, r: RawNumber): YearMark | undefined {
  if (!r.yearLike || r.mantissa < 1850 || r.mantissa > 2100) return undefined;
  const y = r.mantissa;
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
  let r2: RawNumber | undefined;
  if (next && next.start === at) r2 = next;
  else {
    // After a hyphen the scanner skips a number ("S-400"): read it here.
    const re = DIGITS_AT;
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) {
      const d = m[3]!;
      const numStart = m.index + m[0].length - d.length;
      let end = numStart + d.length;
      let scale = 1;
      const currency = currencyOf(m[1] ?? m[2]) ?? r.currency;
      const g = text
        .slice(end, end + 6)
        .match(/^(bn|mn|mln|bln|tn|trn|k|m|b)(?![A-Za-z\u00C0-\u024F\u0400-\u04FF\d])/i);
      if (g && (g[1]!.length > 1 || g[1]!.toLowerCase() === 'k' || currency)) {
        scale = SCALE_WORDS[g[1]!.toLowerCase()]!;
        end += g[0].length;
      }
      const mantissa = Number(d.replace(/,/g, ''));
      if (Number.isFinite(mantissa) && !/[\p{L}\p{N}]/u.test(text[end] ?? ''))
        r2 = {
          start: m.index,
          numStart,
          end,
          mantissa,
          decimals: d.includes('.') ? d.length - d.indexOf('.') - 1 : 0,
          scale,
          currency,
          kind: 'digits',
          yearLike: false,
        };
    }
  }
  if (!r2 || r2.kind === 'fraction') return undefined;
  // "10 to 5" is no range; "$300 million to $1 billion" is.
  const lo = r.mantissa * (r.scale !== 1 ? r.scale : r2.scale);
  const hi = r2.mantissa * r2.scale;
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
    const value = last.mantissa * scale * u.mult;
    let range: [number, number] | undefined;
    if (r2) {
      const s1 = r.scale !== 1 ? r.scale : scale;
      range = [r.mantissa * s1 * u.mult, value];
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
      mantissa: last.mantissa,
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
