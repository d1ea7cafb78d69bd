/**
 * The content-side matcher: one pass over a text, walking a character trie
 * of folded alias keys from each word start. No dependencies; offsets are
 * into the original text (folding is one code unit to one symbol).
 */
import { APOS, BREAK, DASH, fold, isCjk, isWord, SPACE } from './fold';
import { F_AMBIGUOUS, F_CAPS, F_CASE, F_PROPER, type MatcherIndex, type Pattern, type TextMatch } from './types';

export interface Matcher {
  scan(text: string, opts?: { lang?: string }): TextMatch[];
}

interface Trie {
  kids: (Map<number, number> | undefined)[];
  outs: (number[] | undefined)[];
}

function buildTrie(patterns: Pattern[]): Trie {
  const kids: (Map<number, number> | undefined)[] = [undefined];
  const outs: (number[] | undefined)[] = [undefined];
  patterns.forEach((p, pi) => {
    let node = 0;
    for (let i = 0; i < p.key.length; i++) {
      const c = p.key.charCodeAt(i);
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
  });
  return { kids, outs };
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

function badStart(t: string, i: number): boolean {
  if (i === 0) return false;
  const p = t.charCodeAt(i - 1);
  // @handle, snake_case, #tag, key=value, \escape
  if (p === 64 || p === 95 || p === 35 || p === 61 || p === 92) return true;
  // domain.name and Trans-Siberian: joined to the word before
  if ((p === 46 || fold(p) === DASH) && isWord(symAt(t, i - 2))) return true;
  const before = chunkBefore(t, i);
  if (before.includes('://') || before.includes('@') || /^www\./i.test(before)) return true;
  // A path segment (/usr/share/X, example.com/X), but not "SPFS/SWIFT".
  return p === 47 && (before.startsWith('/') || /\.\w|\/.*\//.test(before));
}

function badEnd(t: string, e: number): boolean {
  if (e >= t.length) return false;
  const c = t.charCodeAt(e);
  // file.ext, domain.tld, name@host, snake_case, path/
  if ((c === 46 || c === 95) && isWord(symAt(t, e + 1))) return true;
  if (c === 64) return true;
  // CR929-1: a code that goes on
  if (fold(c) === DASH && symAt(t, e + 1) >= 48 && symAt(t, e + 1) <= 57) return true;
  if (c === 47 && isWord(symAt(t, e + 1)) && /\.\w/.test(chunkBefore(t, e))) return true;
  return chunkAfter(t, e).includes('@');
}

/** Mostly capital letters around the match: a shouting headline. */
function shouting(t: string, start: number, end: number): boolean {
  const from = Math.max(0, start - 60);
  const to = Math.min(t.length, end + 60);
  let upper = 0;
  let letters = 0;
  for (let i = from; i < to; i++) {
    if (i >= start && i < end) continue;
    const ch = t[i]!;
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) continue;
    letters++;
    if (ch === up) upper++;
  }
  return letters >= 8 && upper / letters > 0.85;
}

export function createMatcher(index: MatcherIndex): Matcher {
  const trie = buildTrie(index.patterns);
  const { kids, outs } = trie;
  const patterns = index.patterns;
  // First two symbols of every key, hashed into a bitmap: most words fail here without a walk.
  const pairs = new Uint8Array(65536);
  const pairOf = (a: number, b: number) => ((a & 0xff) << 8) | (b & 0xff);
  for (const p of patterns) pairs[pairOf(p.key.charCodeAt(0), p.key.length > 1 ? p.key.charCodeAt(1) : 0)] = 1;
  const hasOneSymbolKey = patterns.some((p) => p.key.length === 1);

  /** The paragraph around a match (at most ~1500 characters each way), folded, for context words. */
  function paragraph(t: string, start: number, end: number): { text: string; from: number } {
    let from = start;
    while (from > 0 && start - from < 1500 && t.charCodeAt(from - 1) !== 10) from--;
    let to = end;
    while (to < t.length && to - end < 1500 && t.charCodeAt(to) !== 10) to++;
    let s = '';
    for (let i = from; i < to; i++) {
      const f = fold(t.charCodeAt(i));
      s += f === BREAK || f === DASH || f === APOS ? ' ' : String.fromCharCode(f);
    }
    return { text: s, from };
  }

  function hasContext(t: string, words: string[], start: number, end: number): boolean {
    const { text: f, from } = paragraph(t, start, end);
    for (const w of words) {
      let at = f.indexOf(w);
      while (at >= 0) {
        const a = from + at;
        const stop = a + w.length;
        const outside = stop <= start || a >= end;
        const before = symAt(t, a - 1);
        const after = symAt(t, stop);
        const bounded = (!isWord(before) || isCjk(t.charCodeAt(a))) && (!isWord(after) || isCjk(t.charCodeAt(stop - 1)) || after === 115);
        if (outside && bounded) return true;
        at = f.indexOf(w, at + 1);
      }
    }
    return false;
  }

  function accept(t: string, p: Pattern, start: number, end: number, matchEnd: number): boolean {
    if (p.f & F_CASE && exactLetters(t, start, end) !== p.exact) return false;
    if (p.f & F_PROPER) {
      const s = t.slice(start, end);
      if (s === s.toLowerCase()) return false;
    }
    const loud = (p.f & F_CAPS) !== 0 && shouting(t, start, matchEnd);
    if (p.f & F_AMBIGUOUS || loud) {
      const words = p.ctx ?? index.context[p.e] ?? [];
      if (!words.length || !hasContext(t, words, start, matchEnd)) return false;
    }
    return true;
  }

  /** Extends a match over an English plural or possessive ending: -s, 's, ’s, s'. */
  function suffixEnd(t: string, e: number): number {
    const a = t.charCodeAt(e);
    if (fold(a) === APOS && (t.charCodeAt(e + 1) === 115 || t.charCodeAt(e + 1) === 83) && !isWord(symAt(t, e + 2))) return e + 2;
    if ((a === 115 || a === 83) && !isWord(symAt(t, e + 1))) {
      if (fold(t.charCodeAt(e + 1)) === APOS && !isWord(symAt(t, e + 2))) return e + 2;
      return e + 1;
    }
    return e;
  }

  function scan(t: string): TextMatch[] {
    const res: TextMatch[] = [];
    const n = t.length;
    let i = 0;
    while (i < n) {
      const c = t.charCodeAt(i);
      const s = fold(c);
      if (!isWord(s)) {
        i++;
        continue;
      }
      const cjk = isCjk(c);
      const prev = i > 0 ? t.charCodeAt(i - 1) : 0;
      const startOk = cjk || !isWord(symAt(t, i - 1)) || isCjk(prev);
      // Only a word start can begin a name; URL and path context is checked once the trie finds one.
      const s2 = i + 1 < n ? fold(t.charCodeAt(i + 1)) : 0;
      if (startOk && (pairs[pairOf(s, s2)] === 1 || hasOneSymbolKey)) {
        let startChecked = 0; // 0 unknown, 1 ok, 2 bad
        // Walk the trie; keep the longest accepted match.
        let node = 0;
        let j = i;
        let best: TextMatch | undefined;
        while (j < n) {
          let sym = fold(t.charCodeAt(j));
          let step = 1;
          if (sym === SPACE) {
            while (j + step < n && fold(t.charCodeAt(j + step)) === SPACE) step++;
          } else if (sym === BREAK) break;
          const next = kids[node]?.get(sym);
          if (next === undefined) break;
          node = next;
          j += step;
          const out = outs[node];
          if (!out) continue;
          const last = t.charCodeAt(j - 1);
          const lastCjk = isCjk(last);
          const end = lastCjk ? j : suffixEnd(t, j);
          const after = t.charCodeAt(end);
          if (end < n && isWord(fold(after)) && !lastCjk && !isCjk(after)) continue;
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
        if (best) {
          res.push(best);
          i = best.end;
          continue;
        }
      }
      i++;
      if (!cjk) {
        // Skip the rest of the word: names start only at word starts.
        for (let d = i < n ? t.charCodeAt(i) : 0; i < n && isWord(fold(d)) && !isCjk(d); d = t.charCodeAt(++i));
      }
    }
    return res;
  }

  return { scan: (text) => scan(text) };
}
