/**
 * Matcher benchmark: throughput on 10 KB, 100 KB and 1 MB of real article
 * text (from ../shared/corpus/readability, with mentions mixed in) against a
 * bare one-pass loop over the same strings, heap growth for 1 MB, and the
 * sizes of the compiled index and the matcher's code.
 *
 *   npm run bench:match
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GCProfiler } from 'node:v8';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';
import { loadPack, projectRoot } from '../tools/kb/load';
import { compileIndex } from '../lib/matcher/compile';
import { createMatcher } from '../lib/matcher/scan';
import type { TextMatch } from '../lib/matcher/types';
import { parsePack } from '../lib/model/schema';
import { visibleText } from '../tools/match';
import { compare, emptyComparison, PEERS, peerKeys } from '../tools/bench/peers';
import { bundledEvaluation, evaluateReal, recall } from '../tools/eval-match';

const ROOT = projectRoot();
const CORPUS = join(ROOT, '../shared/corpus/readability');
if (!existsSync(CORPUS)) {
  console.error(
    `bench:match: the article corpus is not at ${CORPUS}; it needs the shared folder (../shared/corpus/readability) beside the project`,
  );
  process.exit(2);
}
const gc = (globalThis as { gc?: () => void }).gc;

function corpusText(bytes: number): string {
  const files = readdirSync(CORPUS)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const mentions = [
    'Power of Siberia',
    'SPFS',
    'Motor Sich’s',
    'CR-929',
    'Gazprom',
    'VTB',
    'Xi Jinping',
    'Газпром',
    '西伯利亚力量',
  ];
  const parts: string[] = [];
  let size = 0;
  let k = 0;
  for (const f of files) {
    const text = visibleText(readFileSync(join(CORPUS, f), 'utf8')).text;
    for (const para of text.split('\n')) {
      parts.push(para);
      size += para.length + 1;
      if (++k % 25 === 0) parts.push(`Analysts said ${mentions[k % mentions.length]} matters here.`);
      if (size >= bytes) return parts.join('\n').slice(0, bytes);
    }
  }
  const once = parts.join('\n');
  return once.repeat(Math.ceil(bytes / once.length)).slice(0, bytes);
}

/** The least any one-pass scan can cost: read every code unit, find word starts. */
function bareLoop(t: string): number {
  let starts = 0;
  let inWord = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const w = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127;
    if (w && !inWord) starts++;
    inWord = w;
  }
  return starts;
}

function time(fn: () => unknown, minMs = 1000): number {
  for (let i = 0; i < 3; i++) fn();
  const runs: number[] = [];
  const until = performance.now() + minMs;
  while (runs.length < 5 || performance.now() < until) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
    if (runs.length > 2000) break;
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

const parsed = parsePack(loadPack().pack);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const t0 = performance.now();
const index = compileIndex(parsed.pack.entities);
const compileMs = performance.now() - t0;
const matcher = createMatcher(index);

console.log(
  `compiled index: ${index.patterns.length} patterns for ${index.entities.length} entities in ${compileMs.toFixed(0)} ms`,
);
/** Rounds of each timing, alternating matcher and bare loop: the spread between rounds is printed. */
const ROUNDS = 5;
const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor((s.length - 1) / 2)]!, min: s[0]!, max: s[s.length - 1]! };
};
const rows: {
  size: string;
  mbps: ReturnType<typeof spread>;
  bare: ReturnType<typeof spread>;
  ratio: ReturnType<typeof spread>;
  hits: number;
}[] = [];
for (const [label, bytes] of [
  ['10 KB', 10 * 1024],
  ['100 KB', 100 * 1024],
  ['1 MB', 1024 * 1024],
] as const) {
  const text = corpusText(bytes);
  const hits = matcher.scan(text).length;
  const mb = text.length / 1048576;
  const m: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const ms = time(() => matcher.scan(text), 300);
    const bareMs = time(() => bareLoop(text), 300);
    m.push(mb / (ms / 1000));
    b.push(mb / (bareMs / 1000));
    r.push(bareMs / ms);
  }
  rows.push({ size: label, mbps: spread(m), bare: spread(b), ratio: spread(r), hits });
}
const range = (x: ReturnType<typeof spread>, f: (v: number) => string) => `${f(x.median)} (${f(x.min)}–${f(x.max)})`;
console.log(`\nmedian (range) of ${ROUNDS} rounds`);
console.log('size      matcher MB/s          bare loop MB/s          matcher/bare          hits');
for (const r of rows)
  console.log(
    `${r.size.padEnd(8)} ${range(r.mbps, (v) => v.toFixed(1)).padStart(20)} ${range(r.bare, (v) => v.toFixed(1)).padStart(23)} ${range(r.ratio, (v) => `${(v * 100).toFixed(0)}%`).padStart(21)} ${String(r.hits).padStart(6)}`,
  );

// One paragraph of an ambiguous name with no context word (the worst case of the context rule): each
// mention asks for the paragraph's context words; the text is read once per words list, not per mention.
const ambiguous = 'the Amur flows. '.repeat(13_125); // 210 KB, 13,125 mentions
const ambiguousMs = time(() => matcher.scan(ambiguous), 300);
console.log(
  `\none 210 KB paragraph of an ambiguous name without context: ${ambiguousMs.toFixed(1)} ms ` +
    `(${(ambiguous.length / 1048576 / (ambiguousMs / 1000)).toFixed(1)} MB/s; the bare loop: ${time(() => bareLoop(ambiguous), 300).toFixed(1)} ms)`,
);

const big = corpusText(1024 * 1024);
let heapNote = '(run with node --expose-gc for heap figures)';
let retained = NaN;
let allocated = NaN;
if (gc) {
  // Allocated: the heap's growth plus what every collection during the scan freed (a GC in the
  // middle of the scan made the plain difference of heapUsed negative). Retained: what is left
  // after a full GC, with the results still held.
  gc();
  gc();
  const profiler = new GCProfiler();
  profiler.start();
  const before = process.memoryUsage().heapUsed;
  const result = matcher.scan(big);
  const after = process.memoryUsage().heapUsed;
  const freed = (profiler.stop()?.statistics ?? []).reduce(
    (sum, s) => sum + s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize,
    0,
  );
  allocated = after - before + freed;
  gc();
  retained = process.memoryUsage().heapUsed - before;
  heapNote = `heap for scanning 1 MB: ${(allocated / 1048576).toFixed(2)} MB allocated, ${(retained / 1048576).toFixed(2)} MB retained after GC with the ${result.length} results`;
}
console.log(`\n${heapNote}`);

const indexJson = JSON.stringify(index);
const code = buildSync({
  stdin: {
    contents:
      "export { createMatcher } from './lib/matcher/scan'; export { collectBlocks, rangeFor } from './lib/matcher/dom';",
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  write: false,
}).outputFiles[0]!.contents;
console.log(`compiled index: ${indexJson.length} bytes JSON, ${gzipSync(indexJson).length} bytes gzip`);
console.log(`matcher code (scan + dom, minified): ${code.length} bytes, ${gzipSync(code).length} bytes gzip`);

// The peers (issue 18): the same keys, the same 100 KB of text, the same real-text set.
const keys = peerKeys(parsed.pack.entities);
// Paragraph by paragraph, as a page is scanned block by block: modern-ahocorasick takes about 30 s for the
// 100 KB as one string (its cost grows faster than the text), and paragraphs are what every matcher gets in a page.
const paragraphs = corpusText(100 * 1024).split('\n');
const peerChars = paragraphs.reduce((a, p) => a + p.length + 1, 0);
type Scan = (text: string) => TextMatch[];
const overParagraphs = (scan: Scan) => paragraphs.map((p) => scan(p));
const compareAll = (ours: TextMatch[][], theirs: TextMatch[][]) => {
  const c = emptyComparison();
  ours.forEach((o, i) => compare(paragraphs[i]!, o, theirs[i]!, c));
  return c;
};
/** Median ms of a run: slow peers (a run over 100 ms) get 1 warm-up and 3 runs, the rest `time`. */
const timePeer = (fn: () => unknown) => {
  const t = performance.now();
  fn();
  if (performance.now() - t < 100) return time(fn, 300);
  const runs = [0, 1, 2].map(() => {
    const s = performance.now();
    fn();
    return performance.now() - s;
  });
  return runs.sort((a, b) => a - b)[1]!;
};
const realSet = bundledEvaluation().set;
const ourScan: Scan = (t) => matcher.scan(t);
const ours = overParagraphs(ourScan);
const oursMs = timePeer(() => overParagraphs(ourScan));
const oursReal = evaluateReal(matcher, realSet);
const peerRows = [
  {
    name: 'Factlens',
    buildMs: compileMs,
    ms: oursMs,
    comparison: compareAll(ours, ours),
    real: oursReal.total,
  },
];
for (const make of PEERS) {
  const b0 = performance.now();
  const peer = make(keys);
  const buildMs = performance.now() - b0;
  const scan: Scan = (t) => peer.scan(t);
  const ms = timePeer(() => overParagraphs(scan));
  peerRows.push({
    name: peer.name,
    buildMs,
    ms,
    comparison: compareAll(ours, overParagraphs(scan)),
    real: evaluateReal(peer, realSet).total,
  });
}
console.log(
  `\npeers on the same ${keys.keys.length} keys (every name, alias and form of the pack; Factlens's build is its compile, done at build time), 100 KB of corpus text in ${paragraphs.length} paragraphs; ` +
    `real-text set: ${realSet.length} excerpts (the corpus pages: \`npm run bench\`, which compares every peer's matches with Factlens's)`,
);
console.log(
  'peer                      build ms   scan ms    MB/s  × Factlens  matches  missed  invented  recall  on traps  unlabelled',
);
for (const r of peerRows)
  console.log(
    `${r.name.padEnd(24)} ${r.buildMs.toFixed(0).padStart(9)} ${r.ms.toFixed(2).padStart(9)} ${(peerChars / 1048576 / (r.ms / 1000)).toFixed(1).padStart(7)} ${(r.ms / oursMs).toFixed(1).padStart(11)} ${String(r.comparison.peer).padStart(8)} ${String(r.comparison.missed).padStart(7)} ${String(r.comparison.invented).padStart(9)} ${recall(r.real).toFixed(3).padStart(7)} ${String(r.real.trapHits).padStart(9)} ${String(r.real.unlabelled).padStart(11)}`,
  );
for (const r of peerRows.slice(1))
  if (r.comparison.missed || r.comparison.invented)
    console.log(
      `  ${r.name}: misses e.g. ${JSON.stringify(r.comparison.missedTexts.slice(0, 5))}; invents e.g. ${JSON.stringify(r.comparison.inventedTexts.slice(0, 5))}`,
    );
const closest = peerRows.slice(1).sort((a, b) => a.ms - b.ms)[0]!;
const slowest = closest.ms / oursMs;

const worst = Math.min(...rows.map((r) => r.ratio.median));
console.log(
  `\ntargets: matcher ≥ 25% of the bare pass (median of the rounds) — ${worst >= 0.25 ? 'met' : 'MISSED'} (lowest ${(worst * 100).toFixed(1)}%); heap growth ≤ 2 MB for 1 MB — ${Number.isNaN(retained) ? 'not measured' : retained <= 2 * 1048576 ? 'met' : 'MISSED'}; ` +
    `≥ 10× faster than every peer — ${slowest >= 10 ? 'met' : 'MISSED'} (closest: ${closest.name}, ${slowest.toFixed(1)}× Factlens's time)`,
);
