/**
 * The summary of the peers in `npm run bench` (issue 18): over every page that
 * has them, each peer's time against Factlens's, its speed and its matches.
 */
import type { Comparison } from './peers';
import type { MarkRun } from './peers-page';

export interface PagePeers {
  /** Factlens's block walk, giving every matcher the same strings. */
  walkMs: number;
  chars: number;
  /** Factlens's matcher over those strings. */
  factlensMs: number;
  text: { name: string; ms: number; runs: number; ratio: number; comparison: Comparison }[];
  /** mark.js on a fresh copy of the body; `ratio` is its time ÷ the scan (scanWarmMs). */
  markjs: (MarkRun & { ratio: number })[];
}

/**
 * Pages whose Factlens time is under this are left out of the per-page ratios:
 * with 5 µs timers, a page of a few hundred characters measures 0–0.03 ms and its
 * ratio is noise (or a division by zero). The overall ratio counts every page.
 */
const MIN_RATIO_MS = 0.05;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]! : NaN;
};

interface PeerRow {
  name: string;
  /** All pages' time ÷ Factlens's on them. */
  overall: number;
  /** Per page (pages where Factlens takes ≥ MIN_RATIO_MS): median and 5th percentile. */
  ratio: { median: number; p5: number; pages: number };
  mbps?: number;
  matches: number;
  missed?: number;
  invented?: number;
  missedTexts?: string[];
  inventedTexts?: string[];
  /** mark.js: ms per page, and Factlens's marks on the same pages. */
  msMedian?: number;
  msMax?: number;
  factlensMarks?: number;
}

/** The peers over all pages that have them (undefined when none has). */
export function peerSummary(results: readonly { marks: number; peers?: PagePeers }[]) {
  const rows = results.filter((r): r is { marks: number; peers: PagePeers } => !!r.peers);
  if (!rows.length) return undefined;
  const ps = rows.map((r) => r.peers);
  const chars = ps.reduce((a, p) => a + p.chars, 0);
  const mbps = (ms: number) => chars / 1048576 / (ms / 1000);
  const perPage = (pairs: [number, number][]) => {
    const xs = pairs.filter(([, ours]) => ours >= MIN_RATIO_MS).map(([theirs, ours]) => theirs / ours);
    return { median: median(xs), p5: pct(xs, 5), pages: xs.length };
  };
  const text: PeerRow[] = ps[0]!.text.map((_, i) => {
    const all = ps.map((p) => ({ t: p.text[i]!, ours: p.factlensMs }));
    const sum = (k: 'peer' | 'missed' | 'invented') => all.reduce((a, { t }) => a + t.comparison[k], 0);
    const ms = all.reduce((a, { t }) => a + t.ms, 0);
    return {
      name: all[0]!.t.name,
      overall: ms / ps.reduce((a, p) => a + p.factlensMs, 0),
      ratio: perPage(all.map(({ t, ours }) => [t.ms, ours])),
      mbps: mbps(ms),
      matches: sum('peer'),
      missed: sum('missed'),
      invented: sum('invented'),
      missedTexts: [...new Set(all.flatMap(({ t }) => t.comparison.missedTexts))].slice(0, 12),
      inventedTexts: [...new Set(all.flatMap(({ t }) => t.comparison.inventedTexts))].slice(0, 12),
    };
  });
  const markjs: PeerRow[] = (['mark', 'markRegExp'] as const).map((variant) => {
    const on = rows.flatMap((r) =>
      r.peers.markjs.filter((m) => m.variant === variant).map((m) => ({ m, marks: r.marks })),
    );
    const scanMs = on.map(({ m }) => m.ms / m.ratio);
    return {
      name: `mark.js ${variant} (${on.length} pages)`,
      overall: on.reduce((a, { m }) => a + m.ms, 0) / scanMs.reduce((a, x) => a + x, 0),
      ratio: perPage(on.map(({ m }, k) => [m.ms, scanMs[k]!])),
      matches: on.reduce((a, { m }) => a + m.marks, 0),
      msMedian: median(on.map(({ m }) => m.ms)),
      msMax: Math.max(...on.map(({ m }) => m.ms)),
      factlensMarks: on.reduce((a, { marks }) => a + marks, 0),
    };
  });
  return {
    pages: rows.length,
    factlensMsMedian: median(ps.map((p) => p.factlensMs)),
    factlensMBps: mbps(ps.reduce((a, p) => a + p.factlensMs, 0)),
    factlensMatches: ps.reduce((a, p) => a + (p.text[0]?.comparison.factlens ?? 0), 0),
    rows: [...text, ...markjs],
  };
}

/** The table `npm run bench` prints. */
export function peerTable(sp: NonNullable<ReturnType<typeof peerSummary>>, keys: number): string {
  const f = (x: number | undefined, d = 1) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));
  const lines = [
    `peers on ${sp.pages} corpus pages (${keys} keys; Factlens's matcher over the same block texts: ${f(sp.factlensMsMedian, 3)} ms median, ${f(sp.factlensMBps)} MB/s, ${sp.factlensMatches} matches)`,
    `${'peer'.padEnd(32)} ${'× Factlens'.padStart(10)} ${'per page: median'.padStart(17)} ${'p5'.padStart(6)} ${'MB/s'.padStart(6)} ${'matches'.padStart(8)} ${'missed'.padStart(7)} ${'invented'.padStart(9)}`,
  ];
  for (const p of sp.rows)
    lines.push(
      `${p.name.padEnd(32)} ${f(p.overall).padStart(10)} ${f(p.ratio.median).padStart(17)} ${f(p.ratio.p5).padStart(6)} ${f(p.mbps).padStart(6)} ${String(p.matches).padStart(8)} ${(p.missed === undefined ? '—' : String(p.missed)).padStart(7)} ${(p.invented === undefined ? '—' : String(p.invented)).padStart(9)}`,
    );
  lines.push(
    `(× Factlens: all pages' time ÷ Factlens's; per page: pages where Factlens takes ≥ ${MIN_RATIO_MS} ms. ` +
      `mark.js rows: against Factlens's whole scan of the page; matches: the marks it made, against Factlens's ` +
      `${sp.rows
        .filter((r) => r.factlensMarks !== undefined)
        .map((r) => r.factlensMarks)
        .join(' and ')} on the same pages)`,
  );
  for (const p of sp.rows)
    if (p.inventedTexts?.length) lines.push(`  ${p.name} invents e.g. ${JSON.stringify(p.inventedTexts.slice(0, 8))}`);
  return lines.join('\n');
}
