/**
 * Character folding shared by the compiler and the scanner, per UTF-16 code
 * unit so that offsets into the original text stay exact. No dependencies.
 */

/** Symbol for a run of white space. */
export const SPACE = 32;
/** Symbol for any dash or hyphen. */
export const DASH = 45;
/** Symbol for an apostrophe. */
export const APOS = 39;
/** Punctuation and everything else that ends a name. */
export const BREAK = 0;

// Cyrillic letters that look like Latin ones fold to the Latin letter, so
// "Мотор Сiч" typed with a Latin i still matches, and vice versa.
const LOOKALIKE: Record<number, number> = {
  0x430: 97, 0x435: 101, 0x43e: 111, 0x440: 112, 0x441: 99, 0x443: 121, 0x445: 120, 0x456: 105, 0x458: 106, 0x455: 115, 0x451: 101,
  // upper-case look-alikes (В Н К М Т), folded through their lower case
  0x432: 98, 0x43d: 104, 0x43a: 107, 0x43c: 109, 0x442: 116,
};

/** Folded symbol per UTF-16 code unit, filled on first sight (0xffff: not yet known). */
const TABLE = new Uint16Array(65536).fill(0xffff);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0x1680;
}
function isDash(c: number): boolean {
  return c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d || c === 0x2e3a || c === 0x2e3b || c === 0xad;
}
function isApos(c: number): boolean {
  return c === 39 || c === 0x2019 || c === 0x2018 || c === 0x2bc || c === 0x2032 || c === 0xff07;
}

const LETTER = /[\p{L}\p{N}\p{M}]/u;

/**
 * The folded symbol of one code unit: a lower-case letter or digit code,
 * SPACE, DASH, APOS, or BREAK. Surrogate halves fold to themselves.
 */
export function fold(c: number): number {
  const hit = TABLE[c]!;
  return hit !== 0xffff ? hit : (TABLE[c] = compute(c));
}

function compute(c: number): number {
  if (c < 128) {
    if (c >= 65 && c <= 90) return c + 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
    if (isSpace(c)) return SPACE;
    if (c === 45) return DASH;
    if (c === 39) return APOS;
    return BREAK;
  }
  let r: number;
  if (isSpace(c)) r = SPACE;
  else if (isDash(c)) r = DASH;
  else if (isApos(c)) r = APOS;
  else if (c >= 0xd800 && c <= 0xdfff) r = c;
  else {
    const ch = String.fromCharCode(c);
    if (!LETTER.test(ch)) r = BREAK;
    else {
      const n = ch.normalize('NFKC').toLowerCase();
      // Full-width and compatibility forms fold to one character; ligatures
      // (more than one) keep their lower case so offsets stay one to one.
      r = n.length === 1 ? n.charCodeAt(0) : ch.toLowerCase().charCodeAt(0);
      if (r === 0x451) r = 0x435; // ё → е
      r = LOOKALIKE[r] ?? r;
    }
  }
  return r;
}

/** A letter or digit (after folding). */
export function isWord(sym: number): boolean {
  return sym !== SPACE && sym !== DASH && sym !== APOS && sym !== BREAK;
}

/** Chinese, Japanese and Korean characters: names need no spaces around them. */
export function isCjk(c: number): boolean {
  if (c < 0x3040) return false;
  return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xff66 && c <= 0xff9f);
}

export function isDigit(sym: number): boolean {
  return sym >= 48 && sym <= 57;
}

/** Folds a whole string the way the scanner sees it: runs of space become one. */
export function foldString(s: string): string {
  let out = '';
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const f = fold(s.charCodeAt(i));
    if (f === SPACE && (prev === SPACE || prev === -1)) continue;
    if (f === BREAK) {
      if (prev !== SPACE && prev !== -1) out += ' ';
      prev = SPACE;
      continue;
    }
    out += String.fromCharCode(f);
    prev = f;
  }
  return out.trimEnd();
}
