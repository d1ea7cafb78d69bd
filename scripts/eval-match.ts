/**
 * `npm run -s eval:match [-- --json] [--no-corpus]`: the bundled pack's
 * matcher on the real-text set (recall and false positives per language and
 * per entity, every miss) and on the 130 corpus pages (false highlights per
 * page). See tools/eval-match.ts. Exit 1 when a floor is missed: recall below
 * 0.97 overall or 0.93 in a language, or any false positive on the set.
 */
import { existsSync } from 'node:fs';
import {
  bundledEvaluation,
  CORPUS_DIR,
  evaluateCorpus,
  evaluateReal,
  FLOOR,
  loadCorpusReview,
  REAL_DIR,
  recall,
  type Tally,
} from '../tools/eval-match';

function main(): number {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  let evaluation: ReturnType<typeof bundledEvaluation>;
  try {
    evaluation = bundledEvaluation();
  } catch (e) {
    console.error(`eval:match: ${(e as Error).message}`);
    return 1;
  }
  const { matcher, set } = evaluation;
  const real = evaluateReal(matcher, set);
  const corpusDir = CORPUS_DIR();
  const corpus =
    !args.includes('--no-corpus') && existsSync(corpusDir)
      ? evaluateCorpus(matcher, corpusDir, loadCorpusReview(REAL_DIR()))
      : undefined;

  const failures: string[] = [];
  if (recall(real.total) < FLOOR.overall) failures.push(`recall ${recall(real.total).toFixed(3)} < ${FLOOR.overall}`);
  for (const [lang, t] of Object.entries(real.byLang))
    if (recall(t) < FLOOR.perLang) failures.push(`${lang}: recall ${recall(t).toFixed(3)} < ${FLOOR.perLang}`);
  if (real.total.trapHits) failures.push(`${real.total.trapHits} match(es) on traps`);
  if (real.total.unlabelled) failures.push(`${real.total.unlabelled} unlabelled match(es)`);

  if (json) {
    process.stdout.write(JSON.stringify({ real, corpus, failures }, null, 2) + '\n');
    return failures.length ? 1 : 0;
  }
  const row = (name: string, t: Tally) =>
    `${name.padEnd(40)} ${String(t.excerpts || '').padStart(4)} ${String(t.mentions).padStart(5)} ${String(t.found).padStart(5)} ${recall(t).toFixed(3).padStart(6)} ${String(t.traps).padStart(5)} ${String(t.trapHits).padStart(5)} ${String(t.unlabelled).padStart(5)}`;
  const head = `${'language'.padEnd(40)} ${'exc'.padStart(4)} ${'ment'.padStart(5)} ${'found'.padStart(5)} ${'recall'.padStart(6)} ${'traps'.padStart(5)} ${'onTrp'.padStart(5)} ${'unlab'.padStart(5)}`;
  console.log(`Real-text set: ${set.length} excerpts (tests/fixtures/real/)\n`);
  console.log(head);
  for (const [lang, t] of Object.entries(real.byLang).sort()) console.log(row(lang, t));
  console.log(row('all', real.total));
  console.log(`\nPer entity (by mentions):\n${head.replace('language', 'entity  ')}`);
  for (const [e, t] of Object.entries(real.byEntity).sort((a, b) => b[1].mentions - a[1].mentions))
    if (t.mentions || t.trapHits || t.unlabelled) console.log(row(e, t));
  console.log(`\nMisses (${real.misses.length}):`);
  for (const m of real.misses) console.log(`  ${m.id.padEnd(8)} ${m.entity}: ${m.context}`);
  console.log(`\nFalse positives (${real.falseHits.length}):`);
  for (const f of real.falseHits)
    console.log(`  ${f.id.padEnd(8)} ${f.entity}: ${f.context}${f.trap ? `  (trap: ${f.trap})` : '  (unlabelled)'}`);
  if (corpus) {
    const falsePages = Object.values(corpus.perPage).filter((p) => p.false > 0).length;
    console.log(
      `\nCorpus: ${corpus.pages} pages, ${corpus.marks.length} marks, ${corpus.falseHighlights.length} false or unreviewed highlights on ${falsePages} pages (${((corpus.falseHighlights.length / corpus.pages) * 10).toFixed(2)} per 10 pages)`,
    );
    for (const [page, p] of Object.entries(corpus.perPage))
      if (p.marks)
        console.log(`  ${page.padEnd(48)} ${String(p.marks).padStart(4)} marks ${p.false ? `${p.false} false` : ''}`);
    console.log(`\nFalse or unreviewed highlights (${corpus.falseHighlights.length}):`);
    for (const m of corpus.falseHighlights)
      console.log(
        `  ${m.page.padEnd(32)} ${m.entity}: ${m.context}${m.mention === undefined ? '  (not reviewed)' : ''}`,
      );
  }
  console.log(failures.length ? `\nFloors missed:\n- ${failures.join('\n- ')}` : '\nAll floors met.');
  return failures.length ? 1 : 0;
}

process.exitCode = main();
