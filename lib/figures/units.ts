/**
 * The one unit table: the unit written after a number in a page's or a claim's
 * text ("38 bcm", "$400 billion", "70 rubles to the dollar", "400 Russian
 * banks"), and a claim quantity's unit field ("USD billion", "bcm/year",
 * "banks"), read by the same rules. Pure; any runtime.
 */
import { stem } from '../shared/words';
import { MONTH, scaleWordAfter } from './numbers';

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

export interface UnitRead {
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
/** Nouns that are no count of things ("3 days", "5 points", "the 2nd place", "2 units"), as stems or words. */
const NOT_COUNTED = new Set(
  'year month week day hour minute second time date percent cent point per ago later earlier old unit rank index score place position level ratio'.split(
    ' ',
  ),
);

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

export function unitAfter(
  text: string,
  pos: number,
  currency: string | undefined,
  hasScale: boolean,
): UnitRead | undefined {
  let p = pos;
  let scale: number | undefined;
  if (!hasScale) {
    const s = scaleWordAfter(text, p);
    if (s) {
      scale = s.scale;
      p = s.end;
    } else if (currency) {
      const m = text.slice(p, p + 4).match(/^\s(m|b)\b/i); // "$55 m"
      if (m) {
        scale = m[1]!.toLowerCase() === 'm' ? 1e6 : 1e9;
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

export interface UnitSpec {
  unit: string;
  family: Family;
  /** Multiplier from the claim's unit to the base unit ("USD billion" → 1e9). */
  mult: number;
}

/** What may follow a unit field's unit: "bcm/year", "tonnes a year", "USD per annum". */
const PER_YEAR = /^(?:\s*(?:\/|per|a)\s*(?:year|annum|yr))?\s*$/;

/**
 * A claim quantity's unit field ("USD billion", "million km2", "bcm/year", "RUB
 * per USD", "banks") read by the same table as a unit written in text, or
 * undefined when it cannot be compared ("rank", a year given in "year").
 */
export function parseUnit(unit: string, value?: number): UnitSpec | undefined {
  let u = unit.toLowerCase().trim().replace(/\s+/g, ' ');
  let mult = 1;
  // The scale may stand anywhere in the field: "USD billion", "million km2".
  for (const w of u.split(' ')) {
    const s = scaleWordAfter(w, 0);
    if (s && s.end === w.length) {
      mult = s.scale;
      u = u.replace(w, ' ').replace(/\s+/g, ' ').trim();
      break;
    }
  }
  if (/^(?:share|fraction|proportion)$/.test(u)) return { unit: 'percent', family: 'percent', mult: mult * 100 };
  if (u === 'x') return { unit: 'times', family: 'multiple', mult };
  const text = `1 ${u}`;
  const read = unitAfter(text, 1, undefined, true);
  if (!read || !PER_YEAR.test(text.slice(read.end))) return undefined;
  // A quantity in "year" that is itself a year (2023) is a date, not a duration.
  if (read.family === 'duration' && value !== undefined && value >= 1000) return undefined;
  return { unit: read.unit, family: read.family, mult: mult * read.mult };
}
