/**
 * Words for matching a sentence against claims: a small, deterministic
 * English stemmer (plurals, -ed/-ing, British spellings, common irregular
 * verbs, demonyms) and the stop words. The same function runs on the page's
 * sentence and on claims, so both sides meet on the same stems. No
 * dependencies; cheap enough to run over every claim of an entity.
 */

export const STOP = new Set(
  `a an and are as at be been being but by can could did do does doing for from had has have having he her hers him his i if in into is it its itself
  me my of on or our ours over said say says she should so than that the their theirs them then there these they this those through to too under up
  very was we were what when where which while who whom whose why will with would you your also about after again against all am any because before
  below between both during each few further here how just more most no nor not now off once only other out own same some such until down new via
  amid among around since within without across toward towards upon including include includes included according told added noted another many much
  several whether yet still even ever however though although thus therefore per cent percent pct thousand million billion trillion bn mn mln tn
  year years yearly month months day days week weeks time times one two three four five six seven eight nine ten eleven twelve twenty thirty forty
  fifty sixty seventy eighty ninety hundred dozen first second third last next january february march april may june july august september october
  november december jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st like well almost nearly roughly approximately some least less
  fewer above below up down top half halves thirds quarter quarters fifth fifths tenth tenths`.split(/\s+/),
);

/** Irregular forms to their lemma (verbs mostly). */
const IRREGULAR: Record<string, string> = {
  paid: 'pay',
  sold: 'sell',
  bought: 'buy',
  built: 'build',
  grew: 'grow',
  grown: 'grow',
  fell: 'fall',
  fallen: 'fall',
  rose: 'rise',
  risen: 'rise',
  spent: 'spend',
  lent: 'lend',
  began: 'begin',
  begun: 'begin',
  took: 'take',
  taken: 'take',
  made: 'make',
  won: 'win',
  held: 'hold',
  led: 'lead',
  brought: 'bring',
  sent: 'send',
  met: 'meet',
  left: 'leave',
  kept: 'keep',
  became: 'become',
  gave: 'give',
  given: 'give',
  went: 'go',
  gone: 'go',
  drove: 'drive',
  driven: 'drive',
  flew: 'fly',
  flown: 'fly',
  drew: 'draw',
  drawn: 'draw',
  saw: 'see',
  seen: 'see',
  thought: 'think',
  told: 'tell',
  found: 'find',
  stood: 'stand',
  struck: 'strike',
  sought: 'seek',
  meant: 'mean',
  chose: 'choose',
  chosen: 'choose',
  wrote: 'write',
  written: 'write',
  spoke: 'speak',
  spoken: 'speak',
  broke: 'break',
  broken: 'break',
  froze: 'freeze',
  frozen: 'freeze',
  fought: 'fight',
  ran: 'run',
  lost: 'lose',
  cost: 'cost',
  shut: 'shut',
  set: 'set',
  hit: 'hit',
  cut: 'cut',
  put: 'put',
  bore: 'bear',
  borne: 'bear',
  knew: 'know',
  known: 'know',
  understood: 'understand',
  withdrew: 'withdraw',
  withdrawn: 'withdraw',
  overtook: 'overtake',
  undertook: 'undertake',
  laid: 'lay',
  men: 'man',
  women: 'woman',
  people: 'people',
  persons: 'people',
  person: 'people',
  children: 'child',
  data: 'data',
  media: 'media',
  servicemen: 'troop',
  serviceman: 'troop',
  soldiers: 'troop',
  soldier: 'troop',
  troops: 'troop',
  planes: 'aircraft',
  plane: 'aircraft',
  jets: 'aircraft',
  jet: 'aircraft',
  airliners: 'aircraft',
  airliner: 'aircraft',
  aircraft: 'aircraft',
  firms: 'company',
  firm: 'company',
  russian: 'russia',
  russians: 'russia',
  chinese: 'china',
  ukrainian: 'ukraine',
  ukrainians: 'ukraine',
  annually: 'annual',
  yearly: 'annual',
  deal: 'contract',
  deals: 'contract',
  agreement: 'contract',
  agreements: 'contract',
  roubles: 'ruble',
  rouble: 'ruble',
  rubles: 'ruble',
  tonnes: 'ton',
  tonne: 'ton',
  tons: 'ton',
  metres: 'meter',
  metre: 'meter',
  meters: 'meter',
  kilometres: 'km',
  kilometre: 'km',
  kilometers: 'km',
  kilometer: 'km',
  renminbi: 'yuan',
  rmb: 'yuan',
  cny: 'yuan',
  usd: 'dollar',
  dollars: 'dollar',
  news: 'news',
  gas: 'gas',
  gases: 'gas',
  analysis: 'analysis',
  crisis: 'crisis',
  series: 'series',
  species: 'species',
  its: 'its',
  us: 'us',
  bus: 'bus',
  status: 'status',
};

/** The lemmas above are stems already ("ruble" must not become "rubl"). */
const LEMMAS = new Set(Object.values(IRREGULAR));

const BRITISH: [RegExp, string][] = [
  [/isation(s?)$/, 'ization$1'],
  [/is(e|es|ed|ing)$/, 'iz$1'],
  [/([^aeiou])tre(s?)$/, '$1ter$2'],
  [/our(s?)$/, 'or$1'],
  [/ogramme(s?)$/, 'ogram$1'],
  [/ence$/, 'ense'],
];

/** A word's stem for matching; "" for stop words, numbers and one-letter tokens. */
export function stem(word: string): string {
  let w = word
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/[’']/g, '');
  if (w.length < 2 || STOP.has(w) || /^\d/.test(w)) return '';
  const irregular = IRREGULAR[w];
  if (irregular !== undefined) return irregular;
  if (LEMMAS.has(w)) return w;
  // British spellings to American; applied alike to both sides, so a rewrite never needs to be a real word.
  if (w.length > 5)
    for (const [re, to] of BRITISH)
      if (re.test(w)) {
        w = w.replace(re, to);
        break;
      }
  if (w.length <= 3 || !/^[a-z-]+$/.test(w)) return w; // short words and other scripts as they are
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('eed')) w = w.slice(0, -1);
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return IRREGULAR[w] ?? w;
}

function undouble(w: string): string {
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

export interface Word {
  /** As written. */
  text: string;
  start: number;
  end: number;
  /** The stem, or "" for a stop word. */
  term: string;
}

const WORD = /[\p{L}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}]+)?/gu;
const ANNUAL_BEFORE = new Set(['a', 'an', 'per', 'each', 'every']);

/**
 * The words of a text with their stems. `lemma` (optional) maps a word's start
 * offset to a lemma from a tagger, used before stemming.
 */
export function words(text: string, lemma?: ReadonlyMap<number, string>): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const w = m[0];
    if (/\d/.test(text[start - 1] ?? '')) continue; // "18th", "5G", "30-year" read as numbers
    const l = lemma?.get(start);
    out.push({ text: w, start, end: start + w.length, term: stem(l && !STOP.has(w.toLowerCase()) ? l : w) });
  }
  // "a year", "per year", "per annum", "each year" read as "annual".
  for (let i = 1; i < out.length; i++) {
    const cur = out[i]!.text.toLowerCase();
    const prev = out[i - 1]!.text.toLowerCase();
    const adjacent = /^\s+$/.test(text.slice(out[i - 1]!.end, out[i]!.start));
    if (adjacent && ((cur === 'year' && ANNUAL_BEFORE.has(prev)) || (cur === 'annum' && prev === 'per')))
      out[i]!.term = 'annual';
  }
  return out;
}

const termCache = new Map<string, Set<string>>();

/** The stems of a text (cached: claims are read again on every card). */
export function termsOf(text: string): Set<string> {
  let t = termCache.get(text);
  if (!t) {
    t = new Set(
      words(text)
        .map((w) => w.term)
        .filter(Boolean),
    );
    if (termCache.size > 5000) termCache.clear();
    termCache.set(text, t);
  }
  return t;
}
