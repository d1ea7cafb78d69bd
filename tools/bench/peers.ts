/**
 * The peers of Factlens's matcher (issue 18), on the same keys: what a
 * highlighter without Factlens's compiler would do with the bundled pack.
 * Pure code, run by `npm run bench:match` in Node and bundled into the
 * corpus pages by `npm run bench`.
 *
 * The keys are every name, alias and written-out form of the pack, as an
 * author of a keyword list would give them (2,701 for the bundled pack). A
 * peer has no folding beyond lower case (no Cyrillic look-alikes, no
 * apostrophes or dashes of other shapes, no invisible characters), no
 * blockers, no context words, no case rules: that is part of the
 * comparison. Each peer keeps the leftmost-longest matches that start and
 * end at a word boundary (a letter or digit on neither side; a Chinese or
 * Japanese key needs none), so every peer does the same work and the
 * results can be compared mention by mention.
 *
 * - `regexp`: one `RegExp` alternation of the escaped keys, longest first,
 *   `iu`, with look-arounds for the word boundaries: what many highlighter
 *   extensions do.
 * - `modern-ahocorasick`, `ahocorasick` and `@monyone/aho-corasick` (its
 *   leftmost-longest build): the Aho–Corasick libraries on npm, over the text
 *   in lower case (same length, so the offsets hold). (modern-ahocorasick's
 *   Unicode case-folding build took 33 s for 100 KB in one string: it
 *   segments graphemes; the plain build is the fair one.)
 */
import ModernAhoCorasick from 'modern-ahocorasick';
import AhoCorasickLib from 'ahocorasick';
import { AhoCorasick as MonyoneAhoCorasick } from '@monyone/aho-corasick/greedy';
import type { TextMatch } from '../../lib/matcher/types';

/** A name list as a peer takes it: the keys, and the entity of each key in lower case. */
export interface PeerKeys {
  keys: string[];
  entityOf: Map<string, string>;
}

interface KeyEntity {
  id: string;
  name: string;
  aliases: readonly { text: string; forms?: readonly string[] }[];
}

/** Every name, alias and form of `entities`, once each (the first entity wins a key two share). */
export function peerKeys(entities: readonly KeyEntity[]): PeerKeys {
  const entityOf = new Map<string, string>();
  const keys: string[] = [];
  const add = (k: string, id: string) => {
    const key = k.trim();
    const low = lower(key);
    if (!key || entityOf.has(low)) return;
    entityOf.set(low, id);
    keys.push(key);
  };
  for (const e of entities) {
    add(e.name, e.id);
    for (const a of e.aliases) {
      add(a.text, e.id);
      for (const f of a.forms ?? []) add(f, e.id);
    }
  }
  return { keys, entityOf };
}

export interface Peer {
  name: string;
  scan(text: string): TextMatch[];
}

/** Lower case, one UTF-16 unit for one (String#toLowerCase may lengthen "İ"): offsets stay valid. */
export function lower(t: string): string {
  const l = t.toLowerCase();
  if (l.length === t.length) return l;
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i]!.toLowerCase();
    out += c.length === 1 ? c : t[i];
  }
  return out;
}

const WORD = /[\p{L}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Whether `text[start, end)` starts and ends at a word boundary (keys in Chinese or Japanese need none). */
export function atBoundary(text: string, start: number, end: number): boolean {
  if (CJK.test(text[start]!) || CJK.test(text[end - 1]!)) return true;
  return !(start > 0 && WORD.test(text[start - 1]!)) && !(end < text.length && WORD.test(text[end]!));
}

/** Leftmost-longest, non-overlapping, at word boundaries: the selection every peer makes. */
function select(text: string, spans: { start: number; end: number }[], keys: PeerKeys): TextMatch[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextMatch[] = [];
  let last = 0;
  for (const s of spans) {
    if (s.start < last || !atBoundary(text, s.start, s.end)) continue;
    const alias = text.slice(s.start, s.end);
    out.push({ entity: keys.entityOf.get(lower(alias)) ?? '', alias, start: s.start, end: s.end });
    last = s.end;
  }
  return out;
}

/** Escaped for a `u` RegExp (which refuses escapes of anything but syntax characters, such as `\-`). */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The alternation of `keys`, longest first, with word boundaries (none for Chinese and Japanese keys): for flags `giu`. */
export function regexpSource(keys: readonly string[]): string {
  const byLength = [...keys].sort((a, b) => b.length - a.length);
  const cjk = byLength.filter((k) => CJK.test(k));
  const other = byLength.filter((k) => !CJK.test(k));
  return (
    `(?<![\\p{L}\\p{N}])(?:${other.map(escape).join('|')})(?![\\p{L}\\p{N}])` +
    (cjk.length ? `|(?:${cjk.map(escape).join('|')})` : '')
  );
}

export function regexpPeer(keys: PeerKeys): Peer {
  const re = new RegExp(regexpSource(keys.keys), 'giu');
  return {
    name: 'RegExp alternation',
    scan(text) {
      const out: TextMatch[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        out.push({
          entity: keys.entityOf.get(lower(m[0])) ?? '',
          alias: m[0],
          start: m.index,
          end: m.index + m[0].length,
        });
      }
      return out;
    },
  };
}

export function modernAhoCorasickPeer(keys: PeerKeys): Peer {
  const ac = new ModernAhoCorasick(keys.keys.map(lower));
  return {
    name: 'modern-ahocorasick',
    scan: (text) => select(text, ac.search(lower(text), { strategy: 'all' }), keys),
  };
}

export function ahocorasickPeer(keys: PeerKeys): Peer {
  const ac = new AhoCorasickLib(keys.keys.map(lower));
  return {
    name: 'ahocorasick',
    scan(text) {
      const spans: { start: number; end: number }[] = [];
      // Each result is the index of a match's last character and the keys that end there.
      for (const [last, found] of ac.search(lower(text)))
        for (const k of found) spans.push({ start: last - k.length + 1, end: last + 1 });
      return select(text, spans, keys);
    },
  };
}

export function monyonePeer(keys: PeerKeys): Peer {
  const ac = new MonyoneAhoCorasick(keys.keys.map(lower));
  return {
    name: '@monyone/aho-corasick',
    scan: (text) =>
      select(
        text,
        ac.matchInText(lower(text)).map((m) => ({ start: m.begin, end: m.end })),
        keys,
      ),
  };
}

export const PEERS = [regexpPeer, modernAhoCorasickPeer, ahocorasickPeer, monyonePeer] as const;

/** How a peer's matches compare with Factlens's on the same text: mentions found, missed and invented. */
export interface Comparison {
  /** Factlens's matches. */
  factlens: number;
  /** The peer's matches. */
  peer: number;
  /** Factlens's matches the peer also has (same entity, overlapping). */
  same: number;
  /** Factlens's matches the peer lacks. */
  missed: number;
  /** The peer's matches that overlap no match of Factlens of the same entity. */
  invented: number;
  missedTexts: string[];
  inventedTexts: string[];
}

export const emptyComparison = (): Comparison => ({
  factlens: 0,
  peer: 0,
  same: 0,
  missed: 0,
  invented: 0,
  missedTexts: [],
  inventedTexts: [],
});

const overlaps = (a: TextMatch, b: TextMatch) => a.entity === b.entity && a.start < b.end && b.start < a.end;

/** Adds the comparison of `peer` with `ours` on one text to `into` (keeps up to `examples` texts of each kind). */
export function compare(
  text: string,
  ours: TextMatch[],
  peer: TextMatch[],
  into: Comparison,
  examples = 8,
): Comparison {
  into.factlens += ours.length;
  into.peer += peer.length;
  for (const m of ours) {
    if (peer.some((p) => overlaps(m, p))) into.same++;
    else {
      into.missed++;
      if (into.missedTexts.length < examples) into.missedTexts.push(text.slice(m.start, m.end));
    }
  }
  for (const p of peer)
    if (!ours.some((m) => overlaps(m, p))) {
      into.invented++;
      if (into.inventedTexts.length < examples) into.inventedTexts.push(text.slice(p.start, p.end));
    }
  return into;
}
