/**
 * The content-side matcher: one pass over a text, walking a character trie
 * of folded alias keys from each word start. No dependencies; offsets are
 * into the original text (folding is per code unit, see fold.ts).
 *
 * Rules applied to a candidate (the longest accepted one wins):
 * - boundaries: a Latin or Cyrillic name starts and ends at a word boundary
 *   (CJK characters count as a boundary); a CJK name matches anywhere;
 * - not inside a URL, e-mail address, path, file name, handle or code;
 * - case-sensitive aliases: the same letters in the same case (NFKC);
 * - proper names (aliases in mixed case, not case-sensitive): at least as
 *   many words capitalised in the text as in the alias ("Motor sich" and
 *   "xi jinping" are not hits; "Power Of Siberia" and "POWER OF SIBERIA"
 *   are). A pack author who wants lower-case text to match writes the
 *   alias or a form in lower case. All-capitals aliases ("CR929") match in
 *   any case unless case-sensitive;
 * - ambiguous aliases, and all-capitals aliases inside all-capitals text:
 *   only with a context word in the same paragraph.
 */
import { APOS, BREAK, C_CJK, C_GAP, C_IGNORE, C_WORD, capitalWords, caseOf, charClass, CLS, compose, DASH, expansion, EXPAND, fold, IGNORE, isCjk, isMark, isWord, SPACE } from './fold';
import { F_AMBIGUOUS, F_CAPS, F_CASE, F_PROPER, type MatcherIndex, type Pattern, type TextMatch } from './types';

export interface Matcher {
  /**
   * Every accepted name in `text`, left to right, not overlapping. `lang`
   * (the block's lang attribute) is accepted but no guard uses it yet: the
   * guards read the text itself (script, case, context), which also holds
   * on pages whose lang attribute is wrong or missing.
   */
  scan(text: string, opts?: { lang?: string }): TextMatch[];
}

const symAt = (t: string, i: number) => (i >= 0 && i < t.length ? fold(t.charCodeAt(i)) : BREAK);

/** Letters and digits of a span, NFKC, case kept (for case-sensitive aliases). */
function exactLetters(t: string, start: number, end: number): string {
  let out = '';
  for (const ch of t.slice(start, end).normalize('NFKC')) if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
  return out;
}

/** The whitespace-free chunk around a position, to recognise URLs, e-mail addresses and paths. */
function chunkBefore(t: string, i: number): string {
  let k = i;
  while (k > 0 && i - k < 200 && symAt(t, k - 1) !== SPACE) k--;
  return t.slice(k, i);
}
function chunkAfter(t: string, e: number): string {
  let k = e;
  while (k < t.length && k - e < 200 && symAt(t, k) !== SPACE) k++;
  return t.slice(e, k);
}

/** Can a name start at i? (After a non-word character, or next to CJK; invisible characters are looked through.) */
function startBoundary(t: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && fold(t.charCodeAt(k)) === IGNORE) k--;
  return k < 0 || !isWord(fold(t.charCodeAt(k))) || isCjk(t.charCodeAt(k));
}

function badStart(t: string, i: number): boolean {
  if (i === 0) return false;
  const p = t.charCodeAt(i - 1);
  // @handle, snake_case, #tag, key=value, \escape
  if (p === 64 || p === 95 || p === 35 || p === 61 || p === 92) return true;
  // domain.name and Trans-Siberian: joined to the word before
  if ((p === 46 || fold(p) === DASH) && isWord(symAt(t, i - 2))) return true;
  const before = chunkBefore(t, i);
  if (before.includes('://') || before.includes('@') || /^www\./i.test(before)) return true;
  if (encoded(before + chunkAfter(t, i))) return true;
  // A path segment (/usr/share/X, example.com/X), but not "SPFS/SWIFT".
  return p === 47 && (before.startsWith('/') || /\.\w|\/.*\//.test(before));
}

/** "Gazprom.The company": a capitalised word after the period, then a space — a sentence, not a file extension. */
function sentenceAfterDot(t: string, e: number): boolean {
  if (caseOf(t.charCodeAt(e + 1)) !== 1) return false;
  let k = e + 2;
  while (k < t.length && caseOf(t.charCodeAt(k)) === 2) k++;
  return k > e + 2 && (k === t.length || fold(t.charCodeAt(k)) === SPACE);
}

function badEnd(t: string, e: number): boolean {
  if (e >= t.length) return false;
  const c = t.charCodeAt(e);
  // file.ext, domain.tld, name@host, snake_case, path/
  if (c === 95 && isWord(symAt(t, e + 1))) return true;
  if (c === 46 && isWord(symAt(t, e + 1)) && !sentenceAfterDot(t, e)) return true;
  if (c === 64) return true;
  // CR929-1: a code that goes on
  if (fold(c) === DASH && symAt(t, e + 1) >= 48 && symAt(t, e + 1) <= 57) return true;
  if (c === 47 && isWord(symAt(t, e + 1)) && /\.\w/.test(chunkBefore(t, e))) return true;
  const after = chunkAfter(t, e);
  // name@host, and a file name: SPFS-logo.png, Gazprom report.pdf is two words but Gazprom-2019.pdf one
  return after.includes('@') || FILE.test(after);
}

/** A token that ends in a file extension (trailing punctuation aside). */
const FILE = /\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|pptx?|odt|txt|csv|json|xml|zip|rar|gz|html?|php|aspx?|mp[34]|mov|epub)\W*$/i;

/**
 * Base64 or a long identifier (aGVsbG8/SPFS+d29y=): a whitespace-free token
 * of at least 16 characters from the base64 alphabet, with lower case, upper
 * case and digits, where at least 15 % of the characters change class in a
 * way words do not (lower → upper, letter ↔ digit; upper → lower is a
 * capitalised word, separators are lists). Random base64 scores about 40 %,
 * "Gazprom/Gazprombank/2019" 0 %, "SPFS/CIPS2022/UnionPay" 8 %.
 */
function encoded(token: string): boolean {
  if (token.length < 16 || !/^[A-Za-z0-9+/=]+$/.test(token)) return false;
  let odd = 0;
  let seen = 0;
  let prev = 3;
  for (let k = 0; k < token.length; k++) {
    const c = token.charCodeAt(k);
    const cls = c >= 97 ? 0 : c >= 65 ? 1 : c >= 48 && c <= 57 ? 2 : 3;
    seen |= 1 << cls;
    if (cls !== prev && cls !== 3 && prev !== 3 && !(prev === 1 && cls === 0)) odd++;
    prev = cls;
  }
  return (seen & 7) === 7 && odd * 100 >= token.length * 15;
}

/** Context words by their first symbol, per words list. */
const FIRST = new WeakMap<string[], Map<number, string[]>>();

/** Where folded word `w` ends if it starts at t[k] (a run of separators for each space, hyphen or apostrophe of `w`), else -1. */
function wordAt(t: string, k: number, to: number, w: string): number {
  for (let x = 0; x < w.length; x++) {
    if (k >= to) return -1;
    const c = w.charCodeAt(x);
    if (c === SPACE || c === DASH || c === APOS) {
      if (isWord(fold(t.charCodeAt(k)))) return -1;
      while (k < to && !isWord(fold(t.charCodeAt(k)))) k++;
    } else if (fold(t.charCodeAt(k++)) !== c) return -1;
  }
  return k;
}

/** Is t[k] a line break followed (after spaces) by another? */
function blankLine(t: string, k: number): boolean {
  if (t.charCodeAt(k) !== 10) return false;
  let c = 32;
  for (k++; k < t.length && (c = t.charCodeAt(k)) !== 10 && fold(c) === SPACE; k++);
  return c === 10;
}

/** Mostly capital letters around the match: a shouting headline. */
function shouting(t: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 60);
  const to = Math.min(t.length, end + 60);
  let upper = 0;
  let letters = 0;
  for (let i = from; i < to; i++) {
    if (i >= start && i < end) continue;
    const k = caseOf(t.charCodeAt(i));
    if (k === 3) continue;
    letters++;
    if (k === 1) upper++;
  }
  return letters >= 8 && upper / letters > 0.85;
}

/** Does a word end before position k (end of text, a non-word character or CJK)? */
const wordEnds = (t: string, k: number) => !isWord(symAt(t, k)) || isCjk(t.charCodeAt(k));

/** Extends a match over an English plural or possessive ending: -s, 's, ’s, s'. */
function suffixEnd(t: string, e: number): number {
  const a = t.charCodeAt(e);
  const s = t.charCodeAt(e + 1);
  if (fold(a) === APOS && (s === 115 || s === 83) && wordEnds(t, e + 2)) return e + 2;
  if ((a === 115 || a === 83) && wordEnds(t, e + 1)) return fold(s) === APOS && wordEnds(t, e + 2) ? e + 2 : e + 1;
  return e;
}

const pair = (a: number, b: number) => ((a & 0xff) << 8) | (b & 0xff);
const tri3 = (a: number, b: number, c: number) => Math.imul(a * 961 + b * 31 + c, 0x9e3779b1) >>> 14;

export function createMatcher(index: MatcherIndex): Matcher {
  const patterns = index.patterns;
  // The trie: children per node (symbol → node), and the patterns ending at each node.
  const kids: (Map<number, number> | undefined)[] = [undefined];
  const outs: (number[] | undefined)[] = [undefined];
  // The first symbols of every key, hashed into bitmaps: most words fail here
  // without a walk. `short`: keys of one or two symbols (first two symbols);
  // `tri`: longer keys (first three symbols), 2^18 bits.
  const short = new Uint8Array(65536);
  const tri = new Int32Array(8192);
  const setTri = (a: number, b: number, c: number) => {
    const h = tri3(a, b, c);
    tri[h >>> 5]! |= 1 << (h & 31);
  };
  patterns.forEach((p, pi) => {
    const key = p.key;
    let node = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let m = kids[node];
      if (!m) kids[node] = m = new Map();
      let next = m.get(c);
      if (next === undefined) {
        next = kids.length;
        kids.push(undefined);
        outs.push(undefined);
        m.set(c, next);
      }
      node = next;
    }
    (outs[node] ??= []).push(pi);
    const a = key.charCodeAt(0);
    if (key.length === 1) for (let k = 0; k < 256; k++) short[pair(a, k)] = 1;
    else if (key.length === 2) short[pair(a, key.charCodeAt(1))] = 1;
    else {
      // A space of the key may be a hyphen in the text ("A-Team" for "A Team").
      for (const b of key[1] === ' ' ? [SPACE, DASH] : [key.charCodeAt(1)])
        for (const c of key[2] === ' ' ? [SPACE, DASH] : [key.charCodeAt(2)]) setTri(a, b, c);
    }
  });

  /** Could a key start at i (a word start)? A cheap look at the first three code units. */
  function mayStart(t: string, i: number): boolean {
    const c2 = t.charCodeAt(i + 1); // NaN past the end: folds to BREAK
    const c3 = t.charCodeAt(i + 2);
    const s = fold(t.charCodeAt(i));
    const s2 = i + 1 < t.length ? fold(c2) : BREAK;
    const s3 = i + 2 < t.length ? fold(c3) : BREAK;
    // Ligatures, invisible characters, combining marks, space runs: walk to be sure.
    if (s === EXPAND || s2 < 3 && s2 !== BREAK || s3 < 3 && s3 !== BREAK || isMark(c2) || isMark(c3) || isMark(t.charCodeAt(i + 3)) || s2 === SPACE && s3 === SPACE) return true;
    if (short[pair(s, s2)] === 1) return true;
    const h = tri3(s, s2, s3);
    return ((tri[h >>> 5]! >>> (h & 31)) & 1) === 1;
  }

  /**
   * Is one of `words` (folded context words) in the paragraph around
   * [start, end), outside the match? The paragraph ends at a blank line (a
   * single line break is only wrapping, as in HTML source; a DOM block is one
   * paragraph), at most ~1500 characters each way. Latin and Cyrillic words
   * must start and end at word boundaries (a plural -s aside); CJK words may
   * sit anywhere. Read in place, nothing allocated.
   */
  function hasContext(t: string, words: string[], start: number, end: number): boolean {
    let from = start;
    while (from > 0 && start - from < 1500 && !blankLine(t, from - 1)) from--;
    let to = end;
    while (to < t.length && to - end < 1500 && !blankLine(t, to)) to++;
    let first = FIRST.get(words);
    if (!first) {
      FIRST.set(words, (first = new Map()));
      for (const w of words) {
        const c = w.charCodeAt(0);
        first.set(c, [...(first.get(c) ?? []), w]);
      }
    }
    let inWord = false;
    for (let k = from; k < to; k++) {
      const c = t.charCodeAt(k);
      const s = fold(c);
      const cjk = isCjk(c);
      const list = isWord(s) && (!inWord || cjk) ? first.get(s) : undefined;
      inWord = isWord(s) && !cjk;
      if (list) {
        for (const w of list) {
          const stop = wordAt(t, k, to, w);
          if (stop < 0 || (stop > start && k < end)) continue;
          const after = symAt(t, stop);
          if (!isWord(after) || isCjk(t.charCodeAt(stop - 1)) || (after === 115 && !isWord(symAt(t, stop + 1)))) return true;
        }
      }
    }
    return false;
  }

  function accept(t: string, p: Pattern, start: number, end: number, matchEnd: number): boolean {
    if (p.f & F_CASE && exactLetters(t, start, end) !== p.exact) return false;
    if (p.f & F_PROPER && capitalWords(t, start, end) < (p.u ?? 1)) return false;
    const loud = (p.f & F_CAPS) !== 0 && shouting(t, start, matchEnd);
    if (p.f & F_AMBIGUOUS || loud) {
      const words = p.ctx ?? index.context[p.e] ?? [];
      if (!words.length || !hasContext(t, words, start, matchEnd)) return false;
    }
    return true;
  }

  /** Walks the trie from word start i; the longest accepted match, if any. */
  function walk(t: string, i: number): TextMatch | undefined {
    const n = t.length;
    let startChecked = 0; // 0 unknown, 1 ok, 2 bad
    let node = 0;
    let j = i;
    let prev = BREAK; // the symbol consumed last
    let best: TextMatch | undefined;
    while (j < n) {
      const c = t.charCodeAt(j);
      let sym = fold(c);
      let step = 1;
      let next: number | undefined;
      if (sym === IGNORE) {
        j++;
        continue;
      }
      if (sym === BREAK) break;
      const m = kids[node];
      if (!m) break;
      if (sym === SPACE) {
        for (let f: number; j + step < n && ((f = fold(t.charCodeAt(j + step))) === SPACE || f === IGNORE); ) step++;
        next = m.get(SPACE);
      } else if (sym === EXPAND) {
        // A ligature: all its letters must follow in the trie.
        const x = expansion(c);
        next = node;
        for (let k = 0; k < x.length && next !== undefined; k++) next = kids[next]?.get(x.charCodeAt(k));
      } else {
        // Combining marks: composed with the letter (й), or dropped (Cyrillic stress).
        for (let mk: number; j + step < n && isMark((mk = t.charCodeAt(j + step))); step++) {
          const k = step === 1 ? compose(c, mk) : c >= 0x400 && c <= 0x4ff && (mk === 0x301 || mk === 0x300) ? sym : -1;
          if (k < 0) break;
          sym = k;
        }
        next = m.get(sym);
        // A hyphen between two words stands for a space of the alias ("Motor-Sich").
        if (next === undefined && sym === DASH && isWord(prev) && isWord(symAt(t, j + 1))) next = m.get(SPACE);
      }
      if (next === undefined) break;
      node = next;
      prev = sym;
      j += step;
      const out = outs[node];
      if (!out) continue;
      const lastCjk = isCjk(c);
      const end = lastCjk ? j : suffixEnd(t, j);
      let a = end;
      while (a < n && fold(t.charCodeAt(a)) === IGNORE) a++;
      if (a < n && !lastCjk && isWord(fold(t.charCodeAt(a))) && !isCjk(t.charCodeAt(a))) continue;
      if (badEnd(t, end)) continue;
      if (startChecked === 0) startChecked = badStart(t, i) ? 2 : 1;
      if (startChecked === 2) break;
      for (const pi of out) {
        const p = patterns[pi]!;
        if (accept(t, p, i, j, end)) {
          best = { entity: index.entities[p.e]!, alias: p.alias, start: i, end };
          break;
        }
      }
    }
    return best;
  }

  function scan(t: string): TextMatch[] {
    const res: TextMatch[] = [];
    const n = t.length;
    let i = 0;
    while (i < n) {
      const c = t.charCodeAt(i);
      const k = CLS[c] || charClass(c);
      if (k < C_WORD) {
        i++;
        continue;
      }
      // Only a word start can begin a name (URL and path context is checked once the trie finds one).
      const pk = i > 0 ? CLS[t.charCodeAt(i - 1)] : C_GAP;
      if ((k === C_CJK || pk === C_GAP || pk === C_CJK || startBoundary(t, i)) && mayStart(t, i)) {
        const best = walk(t, i);
        if (best) {
          res.push(best);
          i = best.end;
          continue;
        }
      }
      i++;
      if (k === C_WORD) {
        // Skip the rest of the word.
        while (i < n) {
          const d = t.charCodeAt(i);
          const dk = CLS[d] || charClass(d);
          if (dk !== C_WORD && dk !== C_IGNORE) break;
          i++;
        }
      }
    }
    return res;
  }

  return { scan: (text) => scan(text) };
}
