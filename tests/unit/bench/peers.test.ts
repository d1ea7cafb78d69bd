/**
 * The benchmark's peers (tools/bench/peers.ts) on the bundled pack's keys:
 * they find what a keyword highlighter finds, at word boundaries, and the
 * comparison with Factlens counts what each misses and invents.
 */
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../../tools/kb/load';
import { parsePack } from '../../../lib/model/schema';
import {
  ahocorasickPeer,
  atBoundary,
  compare,
  emptyComparison,
  lower,
  modernAhoCorasickPeer,
  monyonePeer,
  PEERS,
  peerKeys,
  regexpPeer,
} from '../../../tools/bench/peers';
import { bundledEvaluation, evaluateReal, recall } from '../../../tools/eval-match';
import { peerSummary, peerTable } from '../../../tools/bench/peers-summary';

const parsed = parsePack(loadPack().pack);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const keys = peerKeys(parsed.pack.entities);
const peers = PEERS.map((make) => make(keys));
const found = (text: string, peer = peers[0]!) => peer.scan(text).map((m) => [m.entity, text.slice(m.start, m.end)]);

describe('the peers on the bundled pack', () => {
  it('take every name, alias and form once, each with its entity', () => {
    expect(keys.keys.length).toBeGreaterThan(2000);
    expect(new Set(keys.keys.map(lower)).size).toBe(keys.keys.length);
    expect(keys.entityOf.get('power of siberia')).toBe('power-of-siberia');
    expect(keys.entityOf.get(lower('Газпром'))).toBe('gazprom');
    expect(keys.entityOf.get('西伯利亚力量')).toBe('power-of-siberia');
  });

  it.each(peers.map((p) => [p.name, p]))('%s finds the names, longest first, at word boundaries', (_n, peer) => {
    const text = 'Gas flows through Power of Siberia, Gazprom says; Газпром и 西伯利亚力量管道。 SPFSX is not SPFS.';
    expect(found(text, peer)).toEqual([
      ['power-of-siberia', 'Power of Siberia'],
      ['gazprom', 'Gazprom'],
      ['gazprom', 'Газпром'],
      ['power-of-siberia', '西伯利亚力量管道'],
      ['spfs', 'SPFS'],
    ]);
    // No folding: a Cyrillic "а" inside a Latin name, or a name inside a longer word, is not found.
    expect(found('Gаzprom and Gazpromneftegaz', peer)).toEqual([]);
  });

  it('keeps offsets: lower case of one code unit per code unit', () => {
    expect(lower('İstanbul ГАЗПРОМ').length).toBe('İstanbul ГАЗПРОМ'.length);
    expect(atBoundary('xGazprom', 1, 8)).toBe(false);
    expect(atBoundary('(Gazprom)', 1, 8)).toBe(true);
    expect(atBoundary('俄罗斯天然气', 0, 3)).toBe(true);
  });

  it('counts what a peer misses and invents against Factlens', () => {
    const text = 'Gazprom and Amur';
    const ours = [{ entity: 'gazprom', alias: 'Gazprom', start: 0, end: 7 }];
    const theirs = [
      { entity: 'gazprom', alias: 'gazprom', start: 0, end: 7 },
      { entity: 'amur', alias: 'amur', start: 12, end: 16 },
    ];
    expect(compare(text, ours, theirs, emptyComparison())).toMatchObject({
      factlens: 1,
      peer: 2,
      same: 1,
      missed: 0,
      invented: 1,
      inventedTexts: ['Amur'],
    });
    expect(compare(text, theirs, ours, emptyComparison())).toMatchObject({ missed: 1, missedTexts: ['Amur'] });
  });

  it('on the real-text set, the Aho–Corasick peers find fewer mentions than Factlens and mark traps', () => {
    const { matcher, set } = bundledEvaluation();
    const ours = evaluateReal(matcher, set).total;
    expect(ours.trapHits).toBe(0);
    for (const make of [modernAhoCorasickPeer, ahocorasickPeer, monyonePeer]) {
      const t = evaluateReal(make(keys), set).total;
      expect(recall(t)).toBeLessThan(recall(ours));
      expect(t.trapHits).toBeGreaterThan(0);
    }
  });

  it('the RegExp peer agrees with the Aho–Corasick ones on a paragraph', () => {
    const text =
      'Rosneft, Gazprom and VTB signed deals in Vladivostok; Xi Jinping and Vladimir Putin met, and the Amur river froze.';
    const want = found(text, ahocorasickPeer(keys));
    expect(want.length).toBeGreaterThan(3);
    expect(found(text, regexpPeer(keys))).toEqual(want);
  });
});

describe("the benchmark's summary of the peers", () => {
  const comparison = (peer: number, invented: number) => ({ ...emptyComparison(), peer, invented });
  const page = (factlensMs: number, peerMs: number, mark?: number) => ({
    marks: 2,
    peers: {
      walkMs: 1,
      chars: 1048576,
      factlensMs,
      text: [{ name: 'P', ms: peerMs, runs: 5, ratio: peerMs / factlensMs, comparison: comparison(3, 1) }],
      markjs: [
        ...(mark === undefined ? [] : [{ variant: 'mark' as const, ms: mark, marks: 1, ratio: mark / 0.5 }]),
        { variant: 'markRegExp' as const, ms: 10, marks: 4, ratio: 10 / 0.5 },
      ],
    },
  });

  it('leaves pages too small to time out of the per-page ratios, and counts every page overall', () => {
    const s = peerSummary([page(1, 2, 500), page(0, 0.01), page(0.02, 0.5), { marks: 9 }])!;
    expect(s.pages).toBe(3);
    const [p, mark, markRegExp] = s.rows;
    expect(p).toMatchObject({ name: 'P', matches: 9, invented: 3, ratio: { median: 2, pages: 1 } });
    expect(p!.overall).toBeCloseTo(2.51 / 1.02);
    expect(mark).toMatchObject({ name: 'mark.js mark (1 pages)', matches: 1, factlensMarks: 2, overall: 1000 });
    expect(markRegExp).toMatchObject({ name: 'mark.js markRegExp (3 pages)', matches: 12, factlensMarks: 6 });
    expect(peerTable(s, 10)).toContain('peers on 3 corpus pages (10 keys;');
  });

  it('is undefined when no page has peers', () => {
    expect(peerSummary([{ marks: 1 }])).toBeUndefined();
  });
});
