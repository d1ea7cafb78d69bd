/**
 * The content-side matcher: one pass over a text, walking the folded alias
 * keys (sorted: a trie kept as ranges of the list) from each word start. No dependencies; offsets are
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
import {
  APOS,
  BREAK,
  C_CJK,
  C_GAP,
  C_IGNORE,
  C_WORD,
  capitalWords,
  caseOf,
  charClass,
  CLS,
  compose,
  DASH,
  exactLetters,
  expansion,
  EXPAND,
  fold,
  IGNORE,
  isCjk,
  isMark,
  innerPunct,
  isDigit,
  isWord,
  SPACE,
  SYM,
} from './fold';
import {
  F_AMBIGUOUS,
  F_BLOCK,
  F_CAPS,
  F_CASE,
  F_INFLECTED,
  F_PROPER,
  type MatcherIndex,
  type MatcherTables,
  type Pattern,
  type TextMatch,
} from './types';

export interface Matcher {
  /**
   * Every accepted name in `text`, left to right, not overlapping. `lang`
   * (the block's lang attribute) is accepted but no guard uses it yet: the
   * guards read the text itself (script, case, context), which also holds
   * on pages whose lang attribute is wrong or missing.
   */
  scan(text: string, opts?: { lang?: string }): TextMatch[];
  /**
   * The names that start in `text[from, until)`, read with the whole text
   * around them (context words, boundaries), and where the next part must
   * start (`next`: past a name, or a blocker, that runs over `until`). A long
   * block is scanned part by part this way, with the marks of one scan.
   */
  scanPart(text: string, from: number, until: number): { matches: TextMatch[]; next: number };
}

const symAt = (t: string, i: number) => (i >= 0 && i < t.length ? fold(t.charCodeAt(i)) : BREAK);

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
  if (p === 64 || p === 95 || p === 35 || p === 92) return true;
  if (p === 61 && i > 1 && /[A-Za-z0-9_]/.test(t[i - 2]!)) return true;
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
  // "Gazprom.The company", or a run of capitals: "МГУ.ТАСС Восточный" (a dateline run on).
  const run = caseOf(t.charCodeAt(e + 2));
  let k = e + 2;
  while (k < t.length && run !== 3 && caseOf(t.charCodeAt(k)) === run) k++;
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
const FILE =
  /\.(?:jpe?g|png|gif|webp|svg|pdf|docx?|xlsx?|pptx?|odt|txt|csv|json|xml|zip|rar|gz|html?|php|aspx?|mp[34]|mov|epub)\W*$/i;

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
    const c = t.charCodeAt(i);
    const k = caseOf(c);
    // CJK has no case: a Latin acronym among Chinese words is not shouting.
    if (k === 3 && !isCjk(c)) continue;
    letters++;
    if (k === 1) upper++;
  }
  return letters >= 8 && upper / letters > 0.85;
}

/** Quotation marks, read through inside a name. */
const QUOTES = new Set([0x22, 0xab, 0xbb, 0x201c, 0x201d, 0x201e, 0x300c, 0x300d, 0x300e, 0x300f]);
const OPENING = new Set([0x22, 0x27, 0xab, 0x201c, 0x201e, 0x2018, 0x201a, 0x300c, 0x300e, 0x2039]);
const CLOSING = new Set([0x22, 0x27, 0xbb, 0x201d, 0x201c, 0x2019, 0x300d, 0x300f, 0x203a]);
/** Is t[start, end) the whole of a quotation ("…", «…», „…“, 「…」)? */
const quoted = (t: string, start: number, end: number) =>
  start > 0 && OPENING.has(t.charCodeAt(start - 1)) && CLOSING.has(t.charCodeAt(end));

/** Does word w (0-based) of t[start, end) begin with a capital letter? */
function capitalAt(t: string, start: number, end: number, w: number): boolean {
  let n = -1;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    const f = fold(c);
    if (f === IGNORE) continue;
    const word = isWord(f);
    if (word && !inWord && ++n === w) return caseOf(c) === 1;
    inWord = word;
  }
  return false;
}

/**
 * A model variant of a code: a hyphen and three digits after a name that
 * ends in a digit ("CR929-600", as "A350-900"). Returns where it ends, or -1.
 */
function variantEnd(t: string, e: number): number {
  if (fold(t.charCodeAt(e)) !== DASH) return -1;
  for (let k = e + 1; k < e + 4; k++) if (!isDigit(symAt(t, k))) return -1;
  return isWord(symAt(t, e + 4)) && !isCjk(t.charCodeAt(e + 4)) ? -1 : e + 4;
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
const tri3 = (a: number, b: number, c: number) => Math.imul(a * 961 + b * 31 + c, 0x9e3779b1) >>> 16;
const quad4 = (a: number, b: number, c: number, d: number) =>
  Math.imul(((a * 31 + b) * 31 + c) * 31 + d, 0x85ebca6b) >>> 16;
/** Bit h of a bitmap string (8 bits per code unit, see MatcherTables). */
const hasBit = (bits: string, h: number) => ((bits.charCodeAt(h >>> 3) >>> (h & 7)) & 1) === 1;

/** Bumped whenever the tables or their hashes change: tables of another version are rebuilt. */
const TABLES_VERSION = 2;

/** A bitmap of 2^16 bits as a string (see MatcherTables). */
function bitString(bytes: Uint8Array): string {
  let out = '';
  for (let k = 0; k < bytes.length; k += 4096)
    out += String.fromCharCode(...Array.from(bytes.subarray(k, k + 4096), (b) => 0x100 + b));
  return out;
}

/**
 * The look-up tables of a pattern list in key order (see MatcherTables):
 * compileIndex stores them in the index, so that a content script only reads
 * them; createMatcher builds them for an index without.
 */
export function buildTables(patterns: readonly Pattern[]): MatcherTables {
  const short = new Uint8Array(8192);
  const tri = new Uint8Array(8192);
  const quad = new Uint8Array(8192);
  const set = (bits: Uint8Array, h: number) => {
    bits[h >>> 3]! |= 1 << (h & 7);
  };
  const first: Record<number, number> = {};
  for (let k = 0; k < patterns.length; k++) {
    const key = patterns[k]!.key;
    const a = key.charCodeAt(0);
    if (key && (k === 0 || patterns[k - 1]!.key.charCodeAt(0) !== a)) {
      let e = k + 1;
      while (e < patterns.length && patterns[e]!.key.charCodeAt(0) === a) e++;
      first[a] = k * 2097152 + e;
    }
    if (key.length === 1) {
      for (let x = 0; x < 256; x++) set(short, pair(a, x));
      continue;
    }
    const b = key.charCodeAt(1);
    if (key.length === 2) set(short, pair(a, b));
    else {
      // Each of symbols 2–4 that is a space is also tried as a hyphen (bit v of the variant).
      const c = key.charCodeAt(2);
      const d = key.charCodeAt(3); // NaN for three symbols
      const spaces = (b === SPACE ? 1 : 0) | (c === SPACE ? 2 : 0) | (d === SPACE ? 4 : 0);
      for (let v = 0; v < 8; v++) {
        if ((v & spaces) !== v) continue;
        const b1 = v & 1 ? DASH : b;
        const c1 = v & 2 ? DASH : c;
        if (key.length === 3) set(tri, tri3(a, b1, c1));
        else set(quad, quad4(a, b1, c1, v & 4 ? DASH : d));
      }
    }
  }
  return { v: TABLES_VERSION, short: bitString(short), tri: bitString(tri), quad: bitString(quad), first };
}

/** Sorts patterns by key (stable: a key's patterns keep their order), as compileIndex emits them. */
export function sortPatterns<P extends Pattern>(patterns: P[]): P[] {
  return patterns.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function createMatcher(index: MatcherIndex): Matcher {
  // The "trie" is the sorted pattern list itself: the keys that share a
  // prefix of d symbols are a range of it, and the next symbol narrows the
  // range (see `narrow`). With the tables compileIndex stores in the index
  // there is nothing to build; an index without them (or with patterns in
  // another order) is sorted and its tables built here.
  let patterns = index.patterns;
  let tables = index.tables;
  if (tables?.v !== TABLES_VERSION) {
    let sorted = true;
    for (let k = 1; k < patterns.length && sorted; k++) sorted = patterns[k - 1]!.key <= patterns[k]!.key;
    if (!sorted) patterns = sortPatterns([...patterns]);
    tables = buildTables(patterns);
  }
  const { short, tri, quad, first } = tables;
  const count = patterns.length;

  /** Whether the last `walk` found a blocker (closure state, like `narrowHi`). */
  let blocked = false;
  /** Upper end of the last `narrow` (closure state, so that nothing is allocated per step). */
  let narrowHi = 0;
  /**
   * Narrows patterns[lo, hi) — keys that share their first d symbols — to
   * those whose symbol d is s: returns the new start and sets `narrowHi`
   * (equal when there is none). Keys of exactly d symbols sort first and are
   * skipped. The first step reads the range from the tables.
   */
  function narrow(lo: number, hi: number, d: number, s: number): number {
    if (d === 0) {
      const r = first[s];
      if (r === undefined) return (narrowHi = 0);
      narrowHi = r % 2097152;
      return (r - narrowHi) / 2097152;
    }
    while (lo < hi && patterns[lo]!.key.length === d) lo++;
    let a = lo;
    let b = hi;
    if (b - a > 8) {
      while (a < b) {
        const m = (a + b) >>> 1;
        if (patterns[m]!.key.charCodeAt(d) < s) a = m + 1;
        else b = m;
      }
    } else while (a < b && patterns[a]!.key.charCodeAt(d) < s) a++;
    let e = a;
    while (e < hi && patterns[e]!.key.charCodeAt(d) === s) e++;
    narrowHi = e;
    return a;
  }

  /**
   * Per text, found once: where its paragraphs break (blank lines) and, per
   * words list, the context words in the part of the text read so far (see
   * hasContext), extended as the candidates move on. Every character is read
   * once per list however many mentions a paragraph holds: reading each
   * mention's ±1,500 characters again cost mentions × 3,000 (a 210 KB
   * paragraph of an ambiguous name took 1.1 s).
   */
  let ctxText: string | undefined;
  let breaks: number[] = [];
  const ctxCache = new Map<string[], { from: number; to: number; hits: number[] }>();

  /** The positions of the line breaks that start a blank line, in order. */
  function blankLines(t: string): number[] {
    const out: number[] = [];
    for (let k = t.indexOf('\n'); k !== -1; k = t.indexOf('\n', k + 1)) if (blankLine(t, k)) out.push(k);
    return out;
  }

  /** The first index of the sorted `xs` (every other item when `step` is 2) whose value is >= v. */
  function lowerBound(xs: number[], v: number, step = 1): number {
    let lo = 0;
    let hi = xs.length / step;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid * step]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo * step;
  }

  /** The context words of `words` in t[from, to), from what was read before where it covers them. */
  function contextHits(t: string, words: string[], from: number, to: number): number[] {
    const c = ctxCache.get(words);
    if (c && c.from <= from && c.to >= to) return c.hits;
    if (!c || from < c.from || from > c.to) {
      const fresh = { from, to, hits: contextWords(t, words, from, to) };
      ctxCache.set(words, fresh);
      return fresh.hits;
    }
    // Read on from the start of the word the last read cut (a word it cut was not counted).
    let p = c.to;
    while (p > c.from && isWord(symAt(t, p - 1)) && !isCjk(t.charCodeAt(p - 1))) p--;
    const kept = c.hits.slice(0, lowerBound(c.hits, p, 2));
    c.hits = kept.concat(contextWords(t, words, p, to));
    c.to = to;
    return c.hits;
  }

  /**
   * Is one of `words` (folded context words) in the paragraph around
   * [start, end), outside the match? The paragraph ends at a blank line (a
   * single line break is only wrapping, as in HTML source; a DOM block is one
   * paragraph), at most ~1500 characters each way. Latin and Cyrillic words
   * must start and end at word boundaries (a plural -s aside); CJK words may
   * sit anywhere.
   */
  function hasContext(t: string, words: string[], start: number, end: number): boolean {
    if (ctxText !== t) {
      ctxText = t;
      ctxCache.clear();
      breaks = blankLines(t);
    }
    const before = lowerBound(breaks, start) - 1; // the last break at or before start - 1
    const from = Math.max(0, start - 1500, before >= 0 ? breaks[before]! + 1 : 0);
    const after = lowerBound(breaks, end); // the first break at or after end
    const to = Math.min(t.length, end + 1500, after < breaks.length ? breaks[after]! : t.length);
    const hits = contextHits(t, words, from, to);
    // A context word that lies inside the match itself does not count.
    for (let h = lowerBound(hits, from, 2); h < hits.length && hits[h]! < to; h += 2)
      if (hits[h + 1]! <= to && !(hits[h + 1]! > start && hits[h]! < end)) return true;
    return false;
  }

  /** Every occurrence of one of `words` in t[from, to), as start, stop pairs. */
  function contextWords(t: string, words: string[], from: number, to: number): number[] {
    let first = FIRST.get(words);
    if (!first) {
      FIRST.set(words, (first = new Map()));
      for (const w of words) {
        const c = w.charCodeAt(0);
        first.set(c, [...(first.get(c) ?? []), w]);
      }
    }
    const hits: number[] = [];
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
          if (stop < 0) continue;
          const after = symAt(t, stop);
          if (!isWord(after) || isCjk(t.charCodeAt(stop - 1)) || (after === 115 && !isWord(symAt(t, stop + 1))))
            hits.push(k, stop);
        }
      }
    }
    return hits;
  }

  function accept(t: string, p: Pattern, start: number, end: number, matchEnd: number): boolean {
    if (p.f & F_CASE && exactLetters(t.slice(start, end)) !== p.exact) return false;
    if (p.f & F_PROPER) {
      const caps = capitalWords(t, start, end);
      // All the name's capitals, or some and the word that tells it apart ("power of Siberia"),
      // or some and the name in quotation marks («Мотор сич»).
      if (
        caps < (p.u ?? 1) &&
        !(caps >= 1 && p.w !== undefined && (capitalAt(t, start, end, p.w) || quoted(t, start, matchEnd)))
      )
        return false;
    }
    const loud = (p.f & F_CAPS) !== 0 && shouting(t, start, matchEnd);
    if (p.f & F_AMBIGUOUS || loud) {
      const words = p.ctx ?? index.context[p.e] ?? [];
      if (!words.length || !hasContext(t, words, start, matchEnd)) return false;
    }
    return true;
  }

  /** Walks the sorted keys from word start i, symbol by symbol; the longest accepted match, if any. */
  function walk(t: string, i: number): TextMatch | undefined {
    const n = t.length;
    let startChecked = 0; // 0 unknown, 1 ok, 2 bad
    // The patterns whose keys match the text so far: patterns[lo, hi), all sharing their first d symbols.
    let lo = 0;
    let hi = count;
    let d = 0;
    let j = i;
    let prev = BREAK; // the symbol consumed last
    let best: TextMatch | undefined;
    blocked = false;
    while (j < n) {
      const c = t.charCodeAt(j);
      let sym = SYM[c]!;
      if (sym === 0xffff) sym = fold(c);
      let step = 1;
      if (sym === IGNORE) {
        j++;
        continue;
      }
      if (sym === BREAK) {
        // Quotation marks inside a name are read through (контракт «Газпрома» и CNPC, С-400 «Триумф»).
        if (d > 0 && QUOTES.has(c)) {
          j++;
          continue;
        }
        // Punctuation inside a name ("St. Petersburg", "One Belt, One Road", 弗拉基米尔·普京): only where a key has it.
        sym = innerPunct(c);
        if (sym === BREAK) break;
      }
      let nlo: number;
      let nhi: number;
      let nd = d + 1;
      if (sym === SPACE) {
        for (let f: number; j + step < n && ((f = fold(t.charCodeAt(j + step))) === SPACE || f === IGNORE);) step++;
        // "Su -35": a space before the hyphen of a code is read through.
        if (d > 0 && fold(t.charCodeAt(j + step)) === DASH && isDigit(symAt(t, j + step + 1))) {
          const dashed = narrow(lo, hi, d, DASH);
          if (narrowHi > dashed) {
            j += step;
            continue;
          }
        }
        nlo = narrow(lo, hi, d, SPACE);
        nhi = narrowHi;
        // A space between two CJK characters is extraction noise (瑷 珲 条约): read through it.
        if (nlo === nhi && d > 0 && isCjk(t.charCodeAt(j - 1)) && j + step < n && isCjk(t.charCodeAt(j + step))) {
          j += step;
          continue;
        }
      } else if (sym === EXPAND) {
        // A ligature: all its letters must follow in the keys.
        const x = expansion(c);
        nlo = lo;
        nhi = hi;
        nd = d;
        for (let k = 0; k < x.length && nlo < nhi; k++) {
          nlo = narrow(nlo, nhi, nd++, x.charCodeAt(k));
          nhi = narrowHi;
        }
      } else {
        // Combining marks: composed with the letter (й), or dropped (Cyrillic stress).
        for (let mk: number; j + step < n && isMark((mk = t.charCodeAt(j + step))); step++) {
          const k = step === 1 ? compose(c, mk) : c >= 0x400 && c <= 0x4ff && (mk === 0x301 || mk === 0x300) ? sym : -1;
          if (k < 0) break;
          sym = k;
        }
        nlo = narrow(lo, hi, d, sym);
        nhi = narrowHi;
        // A hyphen between two words stands for a space of the alias ("Motor-Sich").
        if (nlo === nhi && sym === DASH && isWord(prev) && isWord(symAt(t, j + 1))) {
          nlo = narrow(lo, hi, d, SPACE);
          nhi = narrowHi;
        }
      }
      if (nlo === nhi) break;
      lo = nlo;
      hi = nhi;
      d = nd;
      prev = sym;
      j += step;
      // Keys that end here: exactly d symbols, at the start of the range.
      if (patterns[lo]!.key.length !== d) continue;
      const lastCjk = isCjk(c);
      let end = lastCjk ? j : suffixEnd(t, j);
      if (end === j && isDigit(prev)) {
        const v = variantEnd(t, j);
        if (v > 0) end = v;
      }
      let a = end;
      while (a < n && fold(t.charCodeAt(a)) === IGNORE) a++;
      if (a < n && !lastCjk && isWord(fold(t.charCodeAt(a))) && !isCjk(t.charCodeAt(a))) continue;
      if (badEnd(t, end)) continue;
      if (startChecked === 0) startChecked = badStart(t, i) ? 2 : 1;
      if (startChecked === 2) break;
      for (let k = lo; k < hi && patterns[k]!.key.length === d; k++) {
        const p = patterns[k]!;
        // A compiled case form takes no English -s ("Putina" + s is the Lithuanian poet Putinas).
        if (end !== j && p.f & F_INFLECTED) continue;
        if (accept(t, p, i, j, end)) {
          best = { entity: index.entities[p.e]!, alias: p.alias, start: i, end };
          blocked = (p.f & F_BLOCK) !== 0;
          break;
        }
      }
    }
    return best;
  }

  /** The word-start look at t[i], reading past single spaces between CJK characters. */
  function spacedMay(t: string, i: number): boolean {
    const sym = [0, 0, 0, 0];
    let n = 0;
    for (let k = i; k < t.length && n < 4; k++) {
      const c = t.charCodeAt(k);
      if (fold(c) === SPACE && n > 0 && isCjk(t.charCodeAt(k - 1)) && isCjk(t.charCodeAt(k + 1))) continue;
      sym[n++] = fold(c);
    }
    return (
      hasBit(short, pair(sym[0]!, sym[1]!)) ||
      hasBit(tri, tri3(sym[0]!, sym[1]!, sym[2]!)) ||
      hasBit(quad, quad4(sym[0]!, sym[1]!, sym[2]!, sym[3]!))
    );
  }

  /**
   * The scanner's loop: class by class over the text, and at each word start
   * (any CJK character) a look at the first four symbols, hashed, before any
   * walk: about one English word in 40 gets past it. Ligatures, invisible
   * characters, combining marks (which change the letter before them) and
   * runs of spaces (one symbol, several code units) mean "walk to be sure".
   * Written out in one function: the look runs at every word start, and a
   * call there costs as much as the look itself.
   */
  /** Where the last scan stopped. */
  let stopped = 0;

  function scan(t: string, from = 0, until = t.length): TextMatch[] {
    const res: TextMatch[] = [];
    const n = t.length;
    let i = from;
    let pk = C_GAP; // the class of t[i - 1]
    if (i > 0) {
      pk = CLS[t.charCodeAt(i - 1)]!;
      if (pk === 0) pk = charClass(t.charCodeAt(i - 1));
    }
    const stop = Math.min(until, n);
    while (i < stop) {
      const c = t.charCodeAt(i);
      let k = CLS[c]!;
      if (k === 0) k = charClass(c);
      if (k & 1) {
        // A gap or an invisible character.
        pk = k;
        i++;
        continue;
      }
      // Only a word start can begin a name (URL and path context is checked once a key is found).
      if (k === C_CJK || pk === C_GAP || pk === C_CJK || startBoundary(t, i)) {
        let s1 = SYM[c]!;
        if (s1 === 0xffff) s1 = fold(c);
        let s2 = BREAK;
        let s3 = BREAK;
        let s4 = BREAK;
        let c2 = -1;
        let c3 = -1;
        let c4 = -1;
        let c5 = -1;
        if (i + 1 < n) {
          c2 = t.charCodeAt(i + 1);
          s2 = SYM[c2]!;
          if (s2 === 0xffff) s2 = fold(c2);
          if (s2 === BREAK) s2 = innerPunct(c2);
          if (i + 2 < n) {
            c3 = t.charCodeAt(i + 2);
            s3 = SYM[c3]!;
            if (s3 === 0xffff) s3 = fold(c3);
            if (s3 === BREAK) s3 = innerPunct(c3);
            if (i + 3 < n) {
              c4 = t.charCodeAt(i + 3);
              s4 = SYM[c4]!;
              if (s4 === 0xffff) s4 = fold(c4);
              if (s4 === BREAK) s4 = innerPunct(c4);
              if (i + 4 < n) c5 = t.charCodeAt(i + 4);
            }
          }
        }
        const may =
          // Combining marks are U+0300–U+036F.
          s1 === EXPAND ||
          s2 === IGNORE ||
          s2 === EXPAND ||
          s3 === IGNORE ||
          s3 === EXPAND ||
          s4 === IGNORE ||
          s4 === EXPAND ||
          (c2 >= 0x300 && c2 <= 0x36f) ||
          (c3 >= 0x300 && c3 <= 0x36f) ||
          (c4 >= 0x300 && c4 <= 0x36f) ||
          (c5 >= 0x300 && c5 <= 0x36f) ||
          (s2 === SPACE && s3 === SPACE) ||
          // "Su -35": a space before a hyphen.
          (s2 === SPACE && s3 === DASH) ||
          (s3 === SPACE && s4 === DASH) ||
          // A space inside CJK text may be extraction noise inside a name (瑷 珲 条约): the same look,
          // with the spaces between CJK characters left out.
          (k === C_CJK && (s2 === SPACE || s3 === SPACE || s4 === SPACE) && spacedMay(t, i)) ||
          (s3 === SPACE && s4 === SPACE) ||
          hasBit(quad, quad4(s1, s2, s3, s4)) ||
          hasBit(short, pair(s1, s2)) ||
          hasBit(tri, tri3(s1, s2, s3));
        if (may) {
          const best = walk(t, i);
          if (best) {
            // A blocker is another thing's name: nothing inside it is marked.
            if (!blocked) res.push(best);
            i = best.end;
            pk = CLS[t.charCodeAt(i - 1)]!;
            continue;
          }
        }
      }
      i++;
      pk = k;
      // Skip the rest of the word (letters and invisible characters). A code unit not classified
      // yet stops the skip; the loop above classifies it and, inside a word, moves on.
      if (k === C_WORD) while (i < n && CLS[t.charCodeAt(i)]! >= C_IGNORE) i++;
    }
    stopped = i;
    return res;
  }

  return {
    scan: (text) => scan(text),
    scanPart: (text, from, until) => ({ matches: scan(text, from, until), next: stopped }),
  };
}
