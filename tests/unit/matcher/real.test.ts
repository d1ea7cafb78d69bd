/**
 * The floor on real text: the bundled pack's matcher over the real-text set
 * (tests/fixtures/real/) and the 130 corpus pages. `npm run eval:match`
 * prints the same figures with every miss.
 */
import { describe, expect, it } from 'vitest';
import {
  bundledEvaluation,
  CORPUS_DIR,
  evaluateCorpus,
  evaluateReal,
  FLOOR,
  loadCorpusReview,
  REAL_DIR,
  recall,
} from '../../../tools/eval-match';

const { matcher, set } = bundledEvaluation();
const report = evaluateReal(matcher, set);

describe('the real-text set', () => {
  it('is large enough: 8 languages, 400 mentions, 150 traps, each excerpt with its source', () => {
    expect(Object.keys(report.byLang).length).toBeGreaterThanOrEqual(8);
    expect(report.total.mentions).toBeGreaterThanOrEqual(400);
    expect(report.total.traps).toBeGreaterThanOrEqual(150);
    for (const ex of set) expect(ex.source.url ?? ex.source.via).toBeTruthy();
  });

  it('finds at least 97 % of the mentions overall', () => {
    expect(
      recall(report.total),
      report.misses.map((m) => `${m.id} ${m.entity}: ${m.context}`).join('\n'),
    ).toBeGreaterThanOrEqual(FLOOR.overall);
  });

  it.each(Object.entries(report.byLang))('finds at least 93 %% in %s', (_lang, t) => {
    expect(recall(t)).toBeGreaterThanOrEqual(FLOOR.perLang);
  });

  it('marks nothing on a trap and nothing unlabelled', () => {
    expect(report.falseHits.map((f) => `${f.id} ${f.entity}: ${f.context}`)).toEqual([]);
  });
});

describe('the corpus of 130 pages on other topics', () => {
  it('has at most one false highlight per 10 pages', () => {
    const corpus = evaluateCorpus(matcher, CORPUS_DIR(), loadCorpusReview(REAL_DIR()));
    expect(corpus.pages).toBe(130);
    expect(
      corpus.falseHighlights.length,
      corpus.falseHighlights.map((m) => `${m.page} ${m.entity}: ${m.context}`).join('\n'),
    ).toBeLessThanOrEqual(corpus.pages / 10);
  }, 120_000);
});
