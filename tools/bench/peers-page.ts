/**
 * The peers in a page (issue 18), bundled by `npm run bench` and added to a
 * page loaded without the extension: `globalThis.__factlensPeers`.
 *
 * - `text(index, entities)`: the page's text blocks (Factlens's own block walk,
 *   so every matcher reads the same strings), then Factlens's matcher and
 *   each peer of ./peers.ts over them, timed alike; each peer's matches
 *   compared with Factlens's, block by block.
 * - `mark(keys, variant)`: mark.js on a fresh copy of the body: `mark` with the
 *   keys (`separateWordSearch: false, accuracy: 'exactly', acrossElements:
 *   true`; 200 keys a call, as all at once overflow its stack), or `markRegExp` with the RegExp peer's expression; one run (it
 *   changes the page), timed, with the number of marks it made.
 */
import Mark from 'mark.js';
import { collectBlocks } from '../../lib/matcher/dom';
import { createMatcher } from '../../lib/matcher/scan';
import type { MatcherIndex, TextMatch } from '../../lib/matcher/types';
import { compare, emptyComparison, PEERS, peerKeys, regexpSource, type Comparison, type PeerKeys } from './peers';

type KeyEntities = Parameters<typeof peerKeys>[0];

interface PeerTiming {
  name: string;
  /** Median ms of the runs over all the page's blocks (matching only; the walk is `walkMs`). */
  ms: number;
  runs: number;
  comparison: Comparison;
}
export interface PageTextPeers {
  walkMs: number;
  blocks: number;
  chars: number;
  factlens: PeerTiming;
  peers: PeerTiming[];
}
export interface MarkRun {
  variant: 'mark' | 'markRegExp';
  ms: number;
  marks: number;
}

/** Runs `fn` once (its result kept), then again until `budgetMs` has passed (at most 25 runs): median ms. */
function timed<T>(fn: () => T, budgetMs = 150): { ms: number; runs: number; result: T } {
  let t = performance.now();
  const result = fn();
  const times = [performance.now() - t];
  for (const until = performance.now() + budgetMs; performance.now() < until && times.length < 25;) {
    t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  // The first run is cold: left out once there are others.
  const s = (times.length > 1 ? times.slice(1) : times).sort((a, b) => a - b);
  return { ms: s[Math.floor((s.length - 1) / 2)]!, runs: s.length, result };
}

/** Keys per call of mark.js's `mark` (see `mark`). */
const MARK_CHUNK = 200;

let cached: { keys: PeerKeys; matcher: ReturnType<typeof createMatcher>; peers: ReturnType<(typeof PEERS)[number]>[] };
let fresh: HTMLElement | undefined;

const api = {
  text(index: MatcherIndex, entities: KeyEntities): PageTextPeers {
    if (!cached) {
      const keys = peerKeys(entities);
      cached = { keys, matcher: createMatcher(index), peers: PEERS.map((make) => make(keys)) };
    }
    fresh ??= document.body.cloneNode(true) as HTMLElement;
    const t = performance.now();
    const texts = collectBlocks(document.body).map((b) => b.text);
    const walkMs = performance.now() - t;
    const run = (scan: (text: string) => TextMatch[]) => () => texts.map((x) => scan(x));
    const ours = timed(run((x) => cached.matcher.scan(x)));
    const timing = (name: string, r: { ms: number; runs: number; result: TextMatch[][] }): PeerTiming => {
      const c = emptyComparison();
      r.result.forEach((hits, i) => compare(texts[i]!, ours.result[i]!, hits, c));
      return { name, ms: r.ms, runs: r.runs, comparison: c };
    };
    const peers: PeerTiming[] = [];
    for (const p of cached.peers) peers.push(timing(p.name, timed(run((x) => p.scan(x)))));
    return {
      walkMs,
      blocks: texts.length,
      chars: texts.reduce((a, x) => a + x.length, 0),
      factlens: timing('Factlens', ours),
      peers,
    };
  },

  mark(keys: string[], variant: 'mark' | 'markRegExp'): MarkRun {
    fresh ??= document.body.cloneNode(true) as HTMLElement;
    document.body.replaceWith(fresh.cloneNode(true));
    const marker = new Mark(document.body);
    let marks = 0;
    const t = performance.now();
    if (variant === 'mark')
      // mark.js searches one keyword after another, each in the callback of the last: with all 2,634
      // keys at once it overflows the stack ("Invalid regular expression: … Stack overflow"), so the
      // keys go in calls of MARK_CHUNK.
      for (let i = 0; i < keys.length; i += MARK_CHUNK)
        marker.mark(keys.slice(i, i + MARK_CHUNK), {
          separateWordSearch: false,
          accuracy: 'exactly',
          acrossElements: true,
          done: (n: number) => (marks += n),
        });
    else
      marker.markRegExp(new RegExp(regexpSource(keys), 'giu'), {
        acrossElements: true,
        done: (n: number) => (marks = n),
      });
    const ms = performance.now() - t;
    document.body.replaceWith(fresh.cloneNode(true));
    return { variant, ms, marks };
  },
};

(globalThis as unknown as { __factlensPeers: typeof api }).__factlensPeers = api;
export type PeersApi = typeof api;
