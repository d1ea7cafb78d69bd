/**
 * Character folding shared by the compiler and the scanner, per UTF-16 code
 * unit so that offsets into the original text stay exact. No dependencies.
 *
 * A code unit folds to one symbol: a lower-case letter or digit (NFKC, case
 * folded, ё→е, Cyrillic look-alikes as the Latin letter), or one of the
 * special symbols below. The few characters whose NFKC form is several
 * letters (ligatures: ﬁ, ﬃ, ĳ) fold to EXPAND and are walked letter by
 * letter (see `expansion`); combining marks are composed with the letter
 * before them by the scanner (see `compose`).
 */

/** Symbol for a run of white space. */
export const SPACE = 32;
/** Symbol for any dash or hyphen. */
export const DASH = 45;
/** Symbol for an apostrophe. */
export const APOS = 39;
/** Punctuation and everything else that ends a name. */
export const BREAK = 0;
/** Invisible characters inside words (soft hyphen, zero-width space and joiners, BOM): skipped. */
export const IGNORE = 1;
/** A ligature: several letters in one code unit. */
export const EXPAND = 2;

// Cyrillic letters that look like Latin ones fold to the Latin letter, so
// "Мотор Сiч" typed with a Latin i still matches, and vice versa (upper-case
// look-alikes В Н К М Т through their lower case; ё → е; stressed ѐ ѝ as е и).
const CYRILLIC = 'аеорсухіјѕёвнкмтѐѝ';
const LATIN = 'aeopcyxijsebhkmteи';

/** Folded symbol per UTF-16 code unit, filled on first sight (0xffff: not yet known). Read it directly in hot loops (`SYM[c]`, then `fold(c)` when 0xffff). */
export const SYM = new Uint16Array(65536).fill(0xffff);

/**
 * Character classes for the scanner's main loop (see `CLS`), numbered so that
 * the loop tests them cheaply: odd ones (gap, invisible) cannot start a word,
 * and C_IGNORE and up continue one.
 */
export const C_GAP = 1;
export const C_CJK = 2;
export const C_IGNORE = 3;
export const C_WORD = 4;
/**
 * Class per code unit, filled with the symbol: 0 not yet known, C_GAP (space,
 * dash, apostrophe, punctuation), C_IGNORE, C_WORD (letters, digits, marks,
 * ligatures), C_CJK.
 */
export const CLS = new Uint8Array(65536);
/** What a ligature spells (folded). */
const EXPANSIONS = new Map<number, string>();
/** Letter case per code unit: 1 upper, 2 lower, 3 none, 0 not yet known. */
const CASE = new Uint8Array(65536);

// Runs of white space (\s but the byte-order mark), dashes and hyphens (\p{Pd}
// and the minus sign), apostrophes and primes, invisible characters.
const SPACES = /[^\S\ufeff]/;
const DASHES = /[\p{Pd}\u2212]/u;
const APOSTROPHES = /['`\u00b4\u2018\u2019\u02bc\u2032\uff07]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;

const LETTER = /[\p{L}\p{N}\p{M}]/u;

/**
 * The folded symbol of one code unit: a lower-case letter or digit code,
 * SPACE, DASH, APOS, BREAK, IGNORE or EXPAND. Combining marks fold to
 * themselves; surrogate halves to BREAK.
 */
export function fold(c: number): number {
  const hit = SYM[c]!;
  if (hit !== 0xffff) return hit;
  const f = compute(c);
  SYM[c] = f;
  CLS[c] = f === IGNORE ? C_IGNORE : !isWord(f) ? C_GAP : isCjk(c) ? C_CJK : C_WORD;
  return f;
}

/** The class of a code unit (C_GAP, C_IGNORE, C_WORD, C_CJK). */
export function charClass(c: number): number {
  return CLS[c] || (fold(c), CLS[c]!);
}

/**
 * The folded symbol of a code unit that has none yet. The common scripts take
 * a path without regular expressions (compiling the Unicode property classes
 * below costs about a millisecond in a fresh content script, and every page
 * with a curly quote would pay it); the results are the same as the general
 * rule (`computeGeneral`, checked for every code unit by a unit test).
 */
function compute(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) ? SPACE : c === 45 ? DASH : c === 39 || c === 96 ? APOS : BREAK;
  if (c < 256) {
    // Latin-1: no-break space, soft hyphen, acute accent; letters and numbers (ª ² ³ µ ¹ º ¼–¾ À–ÿ but × ÷).
    if (c === 0xa0) return SPACE;
    if (c === 0xad) return IGNORE;
    if (c === 0xb4) return APOS;
    const letter =
      c === 0xaa ||
      c === 0xb2 ||
      c === 0xb3 ||
      c === 0xb5 ||
      c === 0xb9 ||
      c === 0xba ||
      (c >= 0xbc && c <= 0xbe) ||
      (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
    return letter ? foldLetter(c) : BREAK;
  }
  if (c >= 0x2000 && c <= 0x206f) {
    // General punctuation: spaces, zero-width characters, dashes, quotes; no letters.
    if (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f) return SPACE;
    if ((c >= 0x200b && c <= 0x200d) || c === 0x2060) return IGNORE;
    if (c >= 0x2010 && c <= 0x2015) return DASH;
    return c === 0x2018 || c === 0x2019 || c === 0x2032 ? APOS : BREAK;
  }
  // Cyrillic (letters and combining marks but ҂); CJK ideographs assigned since Unicode 11.
  if (c >= 0x400 && c <= 0x4ff) return c === 0x482 ? BREAK : foldLetter(c);
  if (c >= 0x4e00 && c <= 0x9fef) return c;
  return computeGeneral(c);
}

/** The general rule, by Unicode property (what `compute` short-cuts). */
export function computeGeneral(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
  const ch = String.fromCharCode(c);
  if (INVISIBLE.test(ch)) return IGNORE;
  if (SPACES.test(ch)) return SPACE;
  if (DASHES.test(ch)) return DASH;
  if (APOSTROPHES.test(ch)) return APOS;
  // Astral characters (emoji, rare CJK) are never part of a name: a boundary.
  if (c < 128 || (c >= 0xd800 && c <= 0xdfff)) return BREAK;
  if (c === 0x130) return 105; // İ → i (its lower case adds a dot above)
  if (!LETTER.test(ch)) return BREAK;
  return foldLetter(c);
}

/** A letter, digit or mark: NFKC, lower case, look-alikes; a ligature spelling letters folds to EXPAND. */
function foldLetter(c: number): number {
  const ch = String.fromCharCode(c);
  const n = ch.normalize('NFKC').toLowerCase();
  if (n.length > 1) {
    // A ligature spelling letters only (ﬁ → fi): walked letter by letter.
    let spelt = '';
    for (let k = 0; k < n.length; k++) {
      const f = fold(n.charCodeAt(k));
      if (f < 3 || f === SPACE || f === DASH || f === APOS) return lookalike(ch.toLowerCase().charCodeAt(0));
      spelt += String.fromCharCode(f);
    }
    EXPANSIONS.set(c, spelt);
    return EXPAND;
  }
  return lookalike(n.charCodeAt(0));
}

function lookalike(r: number): number {
  const k = CYRILLIC.indexOf(String.fromCharCode(r));
  return k < 0 ? r : LATIN.charCodeAt(k);
}

/** The folded letters of a ligature (after `fold` returned EXPAND for it). */
export function expansion(c: number): string {
  return EXPANSIONS.get(c) ?? '';
}

/** A letter or digit (after folding), or a character inside a word (IGNORE, EXPAND). */
export function isWord(sym: number): boolean {
  return sym !== SPACE && sym !== DASH && sym !== APOS && sym !== BREAK;
}

/** A combining diacritical mark (U+0300–U+036F). */
export function isMark(c: number): boolean {
  return c >= 0x300 && c <= 0x36f;
}

const COMPOSED = new Map<number, number>();

/**
 * The symbol of a letter followed by a combining mark: the folded precomposed
 * letter when there is one (и + ◌̆ → й), the letter itself when the mark is a
 * stress mark on a Cyrillic letter (Газпро́м), else -1 (the mark stays).
 */
export function compose(c: number, m: number): number {
  const key = c * 128 + (m - 0x300);
  let r = COMPOSED.get(key);
  if (r === undefined) {
    const s = String.fromCharCode(c, m).normalize('NFC');
    r =
      s.length === 1 ? fold(s.charCodeAt(0)) : c >= 0x400 && c <= 0x4ff && (m === 0x301 || m === 0x300) ? fold(c) : -1;
    COMPOSED.set(key, r);
  }
  return r;
}

/** Letter case of a code unit: 1 upper (its lower case differs), 2 lower (its upper case differs), 3 neither. */
export function caseOf(c: number): number {
  let u = CASE[c]!;
  if (u === 0) {
    const ch = String.fromCharCode(c);
    CASE[c] = u = ch !== ch.toLowerCase() ? 1 : ch !== ch.toUpperCase() ? 2 : 3;
  }
  return u;
}

/**
 * How many words of t[start, end) begin with a capital letter (words are
 * separated by spaces, dashes, apostrophes and punctuation; a word that
 * begins with a digit does not count). The same count on the alias and on
 * the text decides the proper-name rule.
 */
export function capitalWords(t: string, start: number, end: number): number {
  let n = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    const f = fold(c);
    if (f === IGNORE) continue;
    const w = isWord(f);
    if (w && !inWord && caseOf(c) === 1) n++;
    inWord = w;
  }
  return n;
}

/** Chinese, Japanese and Korean characters: names need no spaces around them. */
export function isCjk(c: number): boolean {
  if (c < 0x3040) return false;
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xff66 && c <= 0xff9f)
  );
}

export function isDigit(sym: number): boolean {
  return sym >= 48 && sym <= 57;
}

/**
 * Folds a whole string the way the scanner sees it (compile side): NFKC
 * first, then symbol by symbol; runs of space and punctuation become one
 * space, invisible characters and Cyrillic stress marks vanish, ligatures
 * are spelt out.
 */
export function foldString(s: string): string {
  return foldKey(s, false);
}

function foldKey(s: string, keepPunct: boolean): string {
  s = s.normalize('NFKC');
  let out = '';
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let f = fold(c);
    if (f === IGNORE) continue;
    if (isMark(c) && i > 0) {
      const k = compose(s.charCodeAt(i - 1), c);
      if (k === fold(s.charCodeAt(i - 1))) continue;
    }
    if (f === SPACE && (prev === SPACE || prev === -1)) continue;
    if (f === BREAK) {
      // Inner punctuation right after a letter: kept as its symbol when asked.
      const p = keepPunct && prev !== SPACE && prev !== -1 && isWord(prev) ? innerPunct(c) : BREAK;
      if (p !== BREAK) {
        out += String.fromCharCode(p);
        prev = p;
        continue;
      }
      if (prev !== SPACE && prev !== -1) out += ' ';
      prev = SPACE;
      continue;
    }
    if (f === EXPAND) {
      out += expansion(c);
      f = out.charCodeAt(out.length - 1);
    } else out += String.fromCharCode(f);
    prev = f;
  }
  return out.replace(/[ .,!\u00b7]+$/, '');
}

/** Symbol of a full stop inside a name ("St. Petersburg", "U.S. dollar"). */
const DOT = 46;
/** Symbol of a comma inside a name ("One Belt, One Road"). */
const COMMA = 44;
/** Symbol of an exclamation mark inside a name ("Yahoo! Japan"). */
const BANG = 33;
/** Symbol of a middle dot between the parts of a name (弗拉基米尔·普京, モトール・シーチ). */
const MIDDOT = 0xb7;

/**
 * Punctuation that may stand inside a name: its symbol (DOT, COMMA, BANG, MIDDOT)
 * or BREAK. Elsewhere the same characters end a name; the scanner reads
 * them as these symbols only where a key holds one, that is where the
 * alias is written with it.
 */
export function innerPunct(c: number): number {
  if (c === 46 || c === 0xff0e) return DOT;
  if (c === 44 || c === 0xff0c) return COMMA;
  if (c === 33 || c === 0xff01) return BANG;
  return c === 0xb7 || c === 0x30fb || c === 0xff65 || c === 0x2027 ? MIDDOT : BREAK;
}

/**
 * An alias folded with its inner punctuation kept (see `innerPunct`), or
 * undefined when it has none: "St. Petersburg" → "st. petersburg". The
 * compiler adds this key next to the one of `foldString`, which reads the
 * punctuation as a space ("st petersburg").
 */
export function foldWithPunct(s: string): string | undefined {
  const out = foldKey(s, true);
  return /[.,!\u00b7]/.test(out) ? out : undefined;
}

/** Capital and small Cyrillic letters that look like Latin ones, and their Latin twins (case kept). */
const LOOK_CYR = 'АВЕКМНОРСТХаеорсухіјѕІЈЅ';
const LOOK_LAT = 'ABEKMHOPCTXaeopcyxijsIJS';

/**
 * The letters and digits of a string, NFKC, case kept, with Cyrillic
 * look-alikes written as their Latin twins: what a case-sensitive alias
 * compares («C-400» typed with a Latin C is the alias С-400).
 */
export function exactLetters(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKC')) {
    if (!/[\p{L}\p{N}]/u.test(ch)) continue;
    const k = LOOK_CYR.indexOf(ch);
    out += k < 0 ? ch : LOOK_LAT[k];
  }
  return out;
}
