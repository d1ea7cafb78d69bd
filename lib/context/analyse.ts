/**
 * What a sentence says, for ranking claims and checking figures: its content
 * words (as roots), the years it names, and the figures it states with their
 * units. Background only (uses compromise); it sees one sentence at a time.
 */
import nlp from 'compromise';

export interface Figure {
  /** As written: "$400 billion". */
  text: string;
  /** In base units: 400e9 (USD), 15 (percent), 38e9 (m³). */
  value: number;
  /** Unit family: "money:USD", "percent", "volume:m3", "price:USD/1000m3", "rate:RUB/USD", "count:bank". */
  family: string;
}

export interface SentenceFacts {
  terms: Set<string>;
  years: number[];
  figures: Figure[];
}

const STOP = new Set(
  'a an and are as at be been but by for from had has have he her his in into is it its of on or our said says she that the their them they this to was were which while who will with would about after also than then there these those over under more most some such only other per between'.split(' '),
);

const YEAR = /\b(18[5-9]\d|19\d\d|20\d\d)\b/g;

export function terms(text: string): Set<string> {
  const doc = nlp(text);
  doc.compute('root');
  const out = new Set<string>();
  for (const t of doc.terms().json() as { terms: { root?: string; normal: string }[] }[]) {
    const w = (t.terms[0]?.root || t.terms[0]?.normal || '').replace(/[^\p{L}\p{N}-]/gu, '');
    if (w.length > 2 && !STOP.has(w) && !/^\d/.test(w)) out.add(w);
  }
  return out;
}

export function years(text: string): number[] {
  return [...new Set([...text.matchAll(YEAR)].map((m) => Number(m[1])))];
}

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };

function singular(w: string): string {
  if (/ies$/.test(w)) return w.slice(0, -3) + 'y';
  if (/(ss|us)$/.test(w)) return w;
  if (/(ches|shes|xes|ses)$/.test(w)) return w.slice(0, -2);
  return w.replace(/s$/, '');
}

/** Unit family and multiplier from the words around a number. */
function unitOf(before: string, numText: string, after: string, compromiseUnit: string): { family: string; mult: number } | undefined {
  const a = after.toLowerCase();
  const b = before.toLowerCase();
  const t = numText.toLowerCase();
  const scaleWord = a.match(/^\s*(thousand|million|billion|trillion|bn|mn|tn)\b/);
  let mult = 1;
  let rest = a;
  if (scaleWord && !/(thousand|million|billion|trillion)/.test(t)) {
    mult = SCALE[scaleWord[1]!]!;
    rest = a.slice(scaleWord[0].length);
  }
  const glued = t.match(/(bn|mn|tn|k)$/);
  if (glued) mult = SCALE[glued[1]!]!;
  const perTcm = /^\s*(?:dollars?\s+|usd\s+)?(?:per|a|for each)\s+(?:1,000|1000|thousand)\s+(?:cubic\s+met(?:er|re)s|m3|m³)|^\s*(?:per|\/)\s*tcm/;
  const money = /[$]|us\$|usd/.test(b.slice(-4) + t) || /^\s*(?:us\s+)?(?:dollars?|usd)\b/.test(rest);
  if (money && perTcm.test(rest.replace(/^\s*(dollars?|usd)/, ''))) return { family: 'price:USD/1000m3', mult: 1 };
  if (money) return { family: 'money:USD', mult };
  if (/[¥]|rmb|cny/.test(b.slice(-4) + t) || /^\s*(?:yuan|rmb|renminbi|cny)\b/.test(rest)) {
    if (/^\s*(?:yuan|rmb)?\s*(?:to|per)\s+(?:the\s+|one\s+|a\s+)?(?:us\s+)?dollar/.test(rest)) return { family: 'rate:CNY/USD', mult: 1 };
    return { family: 'money:CNY', mult };
  }
  if (/[₽]/.test(b.slice(-3) + t) || /^\s*(?:rubles?|roubles?|rub)\b/.test(rest)) {
    if (/^\s*(?:rubles?|roubles?)\s+(?:to|per)\s+(?:the\s+|one\s+|a\s+)?(?:us\s+)?dollar/.test(rest)) return { family: 'rate:RUB/USD', mult: 1 };
    return { family: 'money:RUB', mult };
  }
  if (/[€]/.test(b.slice(-3) + t) || /^\s*euros?\b/.test(rest)) return { family: 'money:EUR', mult };
  if (compromiseUnit === 'percent' || /%$/.test(t) || /^\s*(?:%|percent|per cent)/.test(rest)) return { family: 'percent', mult: 1 };
  if (/^\s*bcm\b/.test(rest)) return { family: 'volume:m3', mult: 1e9 * mult };
  if (/^\s*(?:cubic\s+met(?:er|re)s|m3|m³)/.test(rest)) return { family: 'volume:m3', mult };
  if (/^\s*(?:km|kilomet(?:er|re)s)\b/.test(rest)) return { family: 'length:km', mult };
  if (/^\s*(?:tons|tonnes|t)\b/.test(rest)) return { family: 'mass:t', mult };
  const noun = rest.match(/^\s*(?:(?:new|more|russian|chinese|foreign|regional|joint|major|state-owned|large)\s+)?([a-z]{3,})\b/);
  if (noun && !STOP.has(noun[1]!) && !/^(year|years|month|months|day|days|time|times|percent)$/.test(noun[1]!)) return { family: `count:${singular(noun[1]!)}`, mult };
  return undefined;
}

export function figures(original: string): Figure[] {
  const out: Figure[] = [];
  // compromise reads "$400" but not "US$400": same length, so positions hold.
  const text = original.replace(/\bUS\$/g, '  $');
  const doc = nlp(text);
  let cursor = 0;
  for (const n of doc.numbers().json() as { text: string; number: { num: number; unit?: string } }[]) {
    const raw = n.text.trim().replace(/[,.;:]+$/, '');
    const pos = text.indexOf(raw, cursor);
    if (pos < 0 || typeof n.number?.num !== 'number' || !Number.isFinite(n.number.num)) continue;
    cursor = pos + raw.length;
    const before = text.slice(Math.max(0, pos - 6), pos);
    const after = text.slice(pos + raw.length, pos + raw.length + 60);
    const isYear = /^(18[5-9]\d|19\d\d|20\d\d)$/.test(raw);
    const unit = unitOf(before, raw, after, n.number.unit ?? '');
    if (!unit || (isYear && !unit.family.startsWith('money') && unit.family !== 'percent')) continue;
    let value = n.number.num;
    // compromise applies "billion" itself; units like bcm carry their own scale.
    if (unit.mult !== 1 && Math.abs(value) < 1e6) value *= unit.mult;
    const extra = after.match(/^\s*(?:thousand|million|billion|trillion|bn|mn|tn)?\s*(?:(?:us\s+)?dollars?|usd|yuan|rmb|rubles?|roubles?|euros?|%|percent|per cent|bcm|cubic\s+met(?:er|re)s)?/i)?.[0] ?? '';
    out.push({ text: (before.match(/(?:US)?[$¥€₽]$/)?.[0] ?? '') + raw + extra.trimEnd(), value, family: unit.family });
  }
  return out;
}

export function analyseSentence(sentence: string): SentenceFacts {
  return { terms: terms(sentence), years: years(sentence), figures: figures(sentence) };
}

/** A claim quantity's unit as a family and multiplier ("USD billion" → money:USD × 1e9). */
export function quantityFamily(unit: string): { family: string; mult: number } | undefined {
  const u = unit.toLowerCase().trim();
  const scale = u.match(/\b(thousand|million|billion|trillion)\b/);
  const mult = scale ? SCALE[scale[1]!]! : 1;
  if (/^usd per 1,?000 m3$/.test(u) || /^usd\/1000 ?m3$/.test(u)) return { family: 'price:USD/1000m3', mult: 1 };
  if (/^(cny|rmb|yuan) per usd$/.test(u)) return { family: 'rate:CNY/USD', mult: 1 };
  if (/^(rub|rubles?) per usd$/.test(u)) return { family: 'rate:RUB/USD', mult: 1 };
  const cur = u.match(/^(usd|cny|rub|eur)\b/);
  if (cur) return { family: `money:${cur[1]!.toUpperCase()}`, mult };
  if (u === 'percent' || u === '%') return { family: 'percent', mult: 1 };
  if (/^bcm(\/year)?$/.test(u)) return { family: 'volume:m3', mult: 1e9 };
  if (/^(million )?km2?$/.test(u)) return undefined;
  if (u === 'km') return { family: 'length:km', mult: 1 };
  if (/^(tons|tonnes)$/.test(u)) return { family: 'mass:t', mult: 1 };
  if (/^(times|year|years|mm|unit|rank|share)$/.test(u)) return undefined;
  if (/^[a-z][a-z ]+$/.test(u)) return { family: `count:${singular(u.split(' ').pop()!)}`, mult: 1 };
  return undefined;
}
