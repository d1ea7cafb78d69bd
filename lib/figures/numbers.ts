/**
 * The one number reader. Page figures and claim figures (`analyse.ts`) and the
 * source checker (`tools/kb/fidelity.ts`) read numbers here: digits with a
 * currency prefix, thousands groups, decimals and glued suffixes ("$400bn",
 * "1,300", "324th", "38bcm"); runs of number words ("twenty-two", "two hundred
 * and fifty", "a dozen"); fractions ("two-thirds", "a quarter of"), ordinal
 * words ("fifth") and multiples ("threefold"); and the scale word that follows
 * ("1.3 billion", "5-million"). Pure and dependency-free; any runtime.
 *
 * A token says what it is (`kind`, `glued`, `yearLike`); what each reader keeps
 * is its own business: figures drop ordinals and lone "one", the checker keeps
 * every number the text writes.
 */

/** Scale words written apart from the number ("1.3 billion", "5 mlrd"). */
const SCALE_WORD: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  millions: 1e6,
  mln: 1e6,
  mn: 1e6,
  billion: 1e9,
  billions: 1e9,
  bln: 1e9,
  bn: 1e9,
  mlrd: 1e9,
  trillion: 1e12,
  trillions: 1e12,
  trn: 1e12,
  tn: 1e12,
};
/** Scales glued to the digits ("$400bn", "5k"); single letters m and b only after a currency ("$55m"). */
const GLUED_SCALE: Record<string, number> = {
  k: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  b: 1e9,
  bn: 1e9,
  bln: 1e9,
  tn: 1e12,
  trn: 1e12,
};
/** Units that may be glued to the digits ("38bcm", "1520mm", "3x"); other glued letters make a name ("5G", "3D"). */
const GLUED_UNIT =
  /^(?:bcm|bcma|tcm|km2|km²|km|kg|mm|m|mt|mtpa|mmt|t|gw|mw|kw|twh|gwh|mwh|kwh|s|x)(?![A-Za-z\u00C0-\u024F\u0400-\u04FF\d])/i;
const ORDINAL_SUFFIX = /^(?:st|nd|rd|th)\b/i;

const CARDINAL: Record<string, number> = {
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
const ORDINAL: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
};
/** Denominators of fractions written in words. */
const DENOMINATOR: Record<string, number> = {
  half: 2,
  halves: 2,
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
const MULTIPLE = /^(two|three|four|five|six|ten)fold$/i;

const NUM_WORD = `(?:${[...Object.keys(CARDINAL), ...Object.keys(BIG), 'dozen'].join('|')})`;
/** A run of cardinal words ("twenty-two", "two hundred and fifty", "a dozen"). */
const WORD_RUN = new RegExp(
  `(?<![A-Za-z\\d-])(?:an?[\\s-]+(?=(?:hundred|thousand|million|billion|trillion|dozen)\\b))?${NUM_WORD}(?:(?:(?<=hundred|thousand|million|billion|trillion)[\\s-]+and)?[\\s-]+${NUM_WORD})*(?![A-Za-z\\d])`,
  'gi',
);
/** "two-thirds", "a quarter", "one half", "half". */
const FRACTION = new RegExp(
  `(?<![\\p{L}-])(?:(a|an|one|two|three|four|five|nine)[\\s-]*)?(${Object.keys(DENOMINATOR).join('|')})(?![\\p{L}\\d])`,
  'giu',
);
const ORDINAL_WORD = new RegExp(
  `(?<![\\p{L}-])(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:${Object.keys(ORDINAL).join('|')})(?![\\p{L}\\d])|(?<![\\p{L}-])(?:twen|thir|for|fif|six|seven|eigh|nine)tieth(?![\\p{L}\\d])`,
  'giu',
);
const MULTIPLE_WORD = /(?<![\p{L}-])(?:two|three|four|five|six|ten)fold(?![\p{L}\d])/giu;

const DIGITS =
  /(?:(US\s?\$|U\.S\.\s?\$|C\$|A\$|HK\$|[$€£¥₽])\s?|\b(USD|RMB|CNY|RUB|EUR)\s?)?(\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?)/g;
const PREFIX_CURRENCY: Record<string, string> = {
  $: 'USD',
  US$: 'USD',
  'U.S.$': 'USD',
  C$: 'CAD',
  A$: 'AUD',
  HK$: 'HKD',
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

export interface Numeral {
  kind: 'digits' | 'words' | 'fraction' | 'ordinal' | 'multiple';
  /** Start, including a currency prefix ("$" in "$1.3 billion"). */
  start: number;
  /** Start of the digits or words. */
  numStart: number;
  /** End of the number and of a glued suffix ("400bn", "324th"). */
  end: number;
  /** The number as written, without prefix or glued suffix. */
  raw: string;
  /** Its value before any scale: 1.3 in "$1.3 billion", 22 for "twenty-two", 2/3 for "two-thirds". */
  value: number;
  decimals: number;
  /** A scale glued to the digits ("bn" in "$400bn") or the words' own ("two million": value 2, scale 1e6). */
  scale: number;
  /** The currency of a prefix ("$", "US$", "RMB"). */
  currency?: string;
  /** Letters glued after the digits: an ordinal suffix, a scale or a unit ("th", "bn", "bcm"). */
  glued?: string;
  ordinalSuffix?: boolean;
  /** A plain four-digit integer: may be a year. */
  yearLike: boolean;
  /** A fraction's parts ("two-thirds": 2 and 3). */
  fraction?: [number, number];
  /** The second of two numbers joined by a hyphen, dash or slash ("3" in "2–3", "26" in "2025/26"). */
  joined?: boolean;
}

/** DIGITS anchored where `lastIndex` points. */
const DIGITS_AT = new RegExp(DIGITS.source, 'y');

/** A scale glued to digits ending at `end` ("$400bn", "5k"; m and b only after a currency). */
function gluedScaleAt(
  text: string,
  end: number,
  currency: string | undefined,
): { scale: number; glued: string } | undefined {
  const g = text.slice(end, end + 4).match(/^(bn|mn|mln|bln|tn|trn|k|m|b)(?![A-Za-z\u00C0-\u024F\u0400-\u04FF\d])/i);
  if (!g || !(g[1]!.length > 1 || g[1]!.toLowerCase() === 'k' || currency)) return undefined;
  return { scale: GLUED_SCALE[g[1]!.toLowerCase()]!, glued: g[1]! };
}

const decimalsOf = (raw: string) => (raw.includes('.') ? raw.length - raw.indexOf('.') - 1 : 0);

function currencyOfPrefix(prefix: string | undefined): string | undefined {
  return prefix ? PREFIX_CURRENCY[prefix.replace(/\s/g, '')] : undefined;
}

/** Words that may be joined to a year or figure by a hyphen ("mid-2020", "late-1990s", "top-10"). */
const HYPHEN_PREFIX =
  /(?:^|[^\p{L}])(?:mid|late|early|pre|post|end|start|since|circa|over|under|top|summer|autumn|winter|spring|fall)$/iu;

/**
 * Digits that belong to a name or a code rather than a quantity: glued to a
 * letter or digit ("CR929", "G20"), after a hyphen that follows a word ("S-400",
 * "COVID-19", "oneplus-5t"; but "mid-2020" and "late-1990s" are years), after a
 * point or colon that follows a letter or digit ("10:30", "No.5", "v.2"), after
 * a slash that follows a letter ("A/320"), or after a decimal comma ("3,5").
 */
function inName(text: string, start: number): boolean {
  const c = text[start - 1] ?? '';
  const c2 = text[start - 2] ?? '';
  if (/[\p{L}\p{N}_]/u.test(c)) return true;
  if (c === '-' || c === '–')
    return /\p{L}/u.test(c2) && !HYPHEN_PREFIX.test(text.slice(Math.max(0, start - 9), start - 1));
  if (c === '/') return /\p{L}/u.test(c2);
  // After "3," digits are a decimal comma's ("3,3722"), except a year after a date's day ("November 21,2019").
  if (c === ',' && /\d/.test(c2)) return !/^(?:1[89]|20)\d\d(?!\d)/.test(text.slice(start, start + 5));
  return (c === '.' || c === ':') && /[\p{L}\p{N}]/u.test(c2);
}

/** After digits, a hyphen, dash or slash starts a second number ("2–3", "1997-98", "2025/26", "4-1", "8/21"). */
const joinedToDigits = (text: string, start: number) =>
  /[-–/]/.test(text[start - 1] ?? '') && /\d/.test(text[start - 2] ?? '');

/** The digits starting at a match of DIGITS, or undefined when they are part of a name ("5G", "S-400"). */
function digitToken(text: string, m: RegExpExecArray): Numeral | undefined {
  const prefix = m[1] ?? m[2];
  const raw = m[3]!;
  const start = m.index;
  const numStart = start + m[0].length - raw.length;
  if (!prefix && inName(text, start)) return undefined;
  const value = Number(raw.replace(/,/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const decimals = decimalsOf(raw);
  const currency = currencyOfPrefix(prefix);
  let end = numStart + raw.length;
  let scale = 1;
  let glued: string | undefined;
  let ordinalSuffix: true | undefined;
  const rest = text.slice(end, end + 8);
  const g = gluedScaleAt(text, end, currency);
  if (g) {
    ({ scale, glued } = g);
    end += glued.length;
  } else if (ORDINAL_SUFFIX.test(rest)) {
    glued = rest.slice(0, 2);
    ordinalSuffix = true;
    end += 2;
  } else if (/^\p{L}/u.test(rest)) {
    const u = rest.match(GLUED_UNIT);
    if (!u) return undefined; // 5G, 3D
    glued = u[0];
  }
  const tok: Numeral = { kind: 'digits', start, numStart, end, raw, value, decimals, scale, yearLike: false };
  if (currency) tok.currency = currency;
  if (glued) tok.glued = glued;
  if (ordinalSuffix) tok.ordinalSuffix = true;
  if (!prefix && joinedToDigits(text, start)) tok.joined = true;
  tok.yearLike = !prefix && scale === 1 && !ordinalSuffix && /^\d{4}$/.test(raw);
  return tok;
}

/** Digit numerals in `text`. */
export function digitNumbers(text: string): Numeral[] {
  const out: Numeral[] = [];
  for (const m of text.matchAll(DIGITS)) {
    const t = digitToken(text, m as RegExpExecArray);
    if (t) out.push(t);
  }
  return out;
}

/** Digits at `pos` exactly (a range's second number after a hyphen, "300-400", which the scan skips as a name). */
export function digitsAt(text: string, pos: number, currencyBefore?: string): Numeral | undefined {
  DIGITS_AT.lastIndex = pos;
  const m = DIGITS_AT.exec(text);
  if (!m) return undefined;
  const prefix = m[1] ?? m[2];
  const raw = m[3]!;
  const numStart = m.index + m[0].length - raw.length;
  let end = numStart + raw.length;
  const currency = currencyOfPrefix(prefix) ?? currencyBefore;
  const g = gluedScaleAt(text, end, currency);
  const scale = g?.scale ?? 1;
  if (g) end += g.glued.length;
  const value = Number(raw.replace(/,/g, ''));
  if (!Number.isFinite(value) || /[\p{L}\p{N}]/u.test(text[end] ?? '')) return undefined;
  const tok: Numeral = {
    kind: 'digits',
    start: m.index,
    numStart,
    end,
    raw,
    value,
    decimals: decimalsOf(raw),
    scale,
    yearLike: false,
  };
  if (currency) tok.currency = currency;
  return tok;
}

/** The value of a run of cardinal words: "two hundred and fifty" → 250, "twenty-two billion" → 22 × 1e9. */
function wordRunValue(run: string): { value: number; scale: number } | undefined {
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
    const small = CARDINAL[w];
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
  return any ? { value: (total + current) / scale, scale } : undefined;
}

const NUMERATOR: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, nine: 9 };

function wordToken(kind: Numeral['kind'], start: number, raw: string, value: number, scale = 1): Numeral {
  return { kind, start, numStart: start, end: start + raw.length, raw, value, decimals: 0, scale, yearLike: false };
}

/**
 * Runs of cardinal words: "twenty-two", "two hundred and fifty", "a dozen", "a
 * million", "two million" (value 2, scale 1e6). A scale word alone is no number
 * ("billion" in "$4.6 billion" belongs to the digits).
 */
export function wordRuns(text: string): Numeral[] {
  const out: Numeral[] = [];
  for (const m of text.matchAll(WORD_RUN)) {
    if (/^(?:thousand|million|billion|trillion)\b/i.test(m[0])) continue;
    const v = wordRunValue(m[0]);
    if (v) out.push(wordToken('words', m.index, m[0], v.value, v.scale));
  }
  return out;
}

/** Fractions in words, as a fraction of one: "two-thirds" 2/3, "a quarter" 1/4, "half" 1/2 ("third" alone is an ordinal). */
export function wordFractions(text: string): Numeral[] {
  const out: Numeral[] = [];
  for (const m of text.matchAll(FRACTION)) {
    const num = m[1]?.toLowerCase();
    const den = DENOMINATOR[m[2]!.toLowerCase()]!;
    if (!num && den !== 2) continue;
    const n = num ? NUMERATOR[num]! : 1;
    out.push({ ...wordToken('fraction', m.index, m[0], n / den), fraction: [n, den] });
  }
  return out;
}

/** Numbers written in words: cardinal runs, fractions, ordinals ("fifth", "twenty-first"), multiples ("threefold"). */
export function wordNumbers(text: string): Numeral[] {
  const out = [...wordFractions(text), ...wordRuns(text)];
  for (const m of text.matchAll(ORDINAL_WORD)) {
    const parts = m[0].toLowerCase().split('-');
    const last = parts[parts.length - 1]!;
    const tens = parts.length > 1 ? CARDINAL[parts[0]!]! : 0;
    const v = ORDINAL[last] ?? CARDINAL[last.replace(/ieth$/, 'y')];
    if (v !== undefined) out.push(wordToken('ordinal', m.index, m[0], tens + v));
  }
  for (const m of text.matchAll(MULTIPLE_WORD))
    out.push(wordToken('multiple', m.index, m[0], CARDINAL[MULTIPLE.exec(m[0])![1]!.toLowerCase()]!));
  return longestFirst(out);
}

/** Sorted by start; of overlapping tokens the one starting first (and then the longest) is kept. */
export function longestFirst(tokens: Numeral[]): Numeral[] {
  tokens.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Numeral[] = [];
  for (const t of tokens) if (!kept.length || t.start >= kept[kept.length - 1]!.end) kept.push(t);
  return kept;
}

/** A scale word after `pos` ("1.3 billion", "5-million", "3 mlrd"): its multiplier and where it ends. */
export function scaleWordAfter(text: string, pos: number): { scale: number; end: number } | undefined {
  const m = text.slice(pos, pos + 16).match(/^[\s-]{0,3}([A-Za-z]+)\b/);
  const scale = m ? SCALE_WORD[m[1]!.toLowerCase()] : undefined;
  return scale ? { scale, end: pos + m![0].length } : undefined;
}

/** Month names and their abbreviations (a number beside one is a date). */
export const MONTH =
  /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)$/i;
