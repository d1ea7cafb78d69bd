/**
 * The pack authors' tool.
 *
 *   npm run kb -- check [pack.json | pack-dir]   validate, check against the source texts, print statistics
 *   npm run kb -- lookup "<query>"              entities whose name, id or alias contains the query, with their claims
 *
 * Source texts are read from ../shared/seeds/ (or $FACTLENS_SEEDS).
 */
import { parsePack, type Pack } from '../lib/model/schema';
import { loadPack } from '../tools/kb/load';
import {
  checkFidelity,
  figureCoverage,
  loadSourceTexts,
  SourceTextsMissingError,
  textsFor,
  type SourceTexts,
} from '../tools/kb/fidelity';
import { packStats } from '../tools/kb/stats';
import { unreachableAliases } from '../tools/kb/reach';
import { checkEditorial } from '../tools/kb/editorial';

const USAGE =
  'usage: npm run kb -- check [pack.json | pack-dir] [--all-uncovered] [--report]\n       npm run kb -- lookup "<query>"';

function load(path: string | undefined): Record<string, unknown> {
  try {
    return loadPack(path).pack;
  } catch (e) {
    console.error(`cannot read the pack: ${(e as Error).message}`);
    process.exit(1);
  }
}

const fmt = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

function check(args: string[]): number {
  const allUncovered = args.includes('--all-uncovered');
  const path = args.find((a) => !a.startsWith('--'));
  const raw = load(path);
  let errors = 0;

  const parsed = parsePack(raw);
  if (parsed.ok)
    console.log(
      `schema: ok (${parsed.pack.entities.length} entities, ${parsed.pack.claims.length} claims, ${parsed.pack.sources.length} sources)`,
    );
  else {
    console.log(`schema: ${parsed.errors.length} error(s)`);
    for (const e of parsed.errors) console.log(`  ERROR ${e}`);
    errors += parsed.errors.length;
  }

  let texts: SourceTexts;
  try {
    texts = loadSourceTexts();
  } catch (e) {
    if (e instanceof SourceTextsMissingError) {
      console.error(`fidelity: ${e.message}`);
      return 2;
    }
    throw e;
  }

  // Check whatever claims are well-formed enough, even when the schema failed.
  const claims = (Array.isArray(raw['claims']) ? raw['claims'] : []).filter(
    (c): c is Pack['claims'][number] =>
      typeof c === 'object' &&
      c !== null &&
      typeof c.id === 'string' &&
      typeof c.text === 'string' &&
      typeof c.anchor === 'string' &&
      typeof c.citation?.source === 'string' &&
      typeof c.citation?.section === 'string',
  );
  const sources = Array.isArray(raw['sources']) ? (raw['sources'] as Pack['sources']) : [];
  const own = textsFor({ sources }, texts);
  const report = checkFidelity({ claims }, own);
  const errs = report.issues.filter((i) => i.level === 'error');
  const warns = report.issues.filter((i) => i.level === 'warning');
  console.log(
    `fidelity: ${report.claimsChecked} claims checked against ${[...own.values()].map((d) => `${d.id} (${d.file})`).join(', ') || 'no source text'}; ` +
      `anchors found ${report.anchorsFound}/${report.claimsChecked}; numbers found ${report.numbersFound}/${report.numbersChecked}; ${errs.length} error(s), ${warns.length} warning(s)`,
  );
  for (const i of errs) console.log(`  ERROR ${i.claim ? `claim ${i.claim}: ` : ''}${i.message}`);
  for (const i of warns) console.log(`  warning ${i.claim ? `claim ${i.claim}: ` : ''}${i.message}`);
  errors += errs.length;

  if (args.includes('--report')) {
    // The reviewer's report: per claim, its anchor, the source's sentence there, and what was checked.
    console.log('report:');
    for (const d of report.details) {
      console.log(`  ${d.claim} (${d.source})`);
      console.log(`    anchor: "${d.anchor}"`);
      console.log(`    source: ${d.sentence ? `"${d.sentence}"` : 'ANCHOR NOT FOUND'}`);
      console.log(
        `    numbers: ${d.numbers.length ? d.numbers.map((n) => `${n.raw} ${n.found ? 'found' : 'NOT FOUND'}`).join(', ') : 'none'}`,
      );
      console.log(
        `    own words: ${d.copied ? `${d.copied.words} shared words, ${d.copied.verdict}: "${d.copied.run}"` : 'no run of 8 shared words'}`,
      );
    }
  }

  if (parsed.ok) {
    const editorial = checkEditorial(parsed.pack);
    const eErr = editorial.filter((i) => i.level === 'error');
    console.log(
      `editorial: dates, attribution, self-contained claims, entity named, near-duplicates; ${eErr.length} error(s), ${editorial.length - eErr.length} warning(s)`,
    );
    for (const i of editorial)
      console.log(`  ${i.level === 'error' ? 'ERROR' : 'warning'} claim ${i.claim} (${i.rule}): ${i.message}`);
    errors += eErr.length;
    const unreachable = unreachableAliases(parsed.pack.entities);
    console.log(
      `aliases: ${unreachable.length ? `${unreachable.length} that no text can reach` : 'every alias and form is reachable'}`,
    );
    for (const u of unreachable)
      console.log(
        `  ERROR ${u.entity}: "${u.form}" (alias "${u.alias}") is never marked${u.found ? `; found: ${u.found}` : ''}`,
      );
    errors += unreachable.length;
    const s = packStats(parsed.pack);
    console.log('statistics:');
    console.log(`  entities ${s.entities} (aliases ${s.aliases}); by type: ${fmt(s.entitiesByType)}`);
    console.log(`  by category: ${fmt(s.entitiesByCategory)}`);
    console.log(`  claims ${s.claims}; by kind: ${fmt(s.claimsByKind)}; by source: ${fmt(s.claimsBySource)}`);
    console.log(`  claims with quantities ${s.claimsWithQuantities}, with an editorial note ${s.claimsWithNote}`);
    console.log(`  fewest claims: ${s.thinnest.map((t) => `${t.id} ${t.claims}`).join(', ')}`);
  }
  for (const c of figureCoverage({ claims }, own)) {
    console.log(`figures covered in ${c.source}: ${c.covered}/${c.distinct} distinct numbers`);
    const list = allUncovered ? c.uncovered : c.uncovered.slice(0, 60);
    for (const f of list) console.log(`  not covered: ${f.raw.padEnd(10)} …${f.context}…`);
    if (list.length < c.uncovered.length)
      console.log(`  … and ${c.uncovered.length - list.length} more (--all-uncovered)`);
  }
  console.log(errors ? `FAILED: ${errors} error(s)` : 'OK');
  return errors ? 1 : 0;
}

function lookup(args: string[]): number {
  const query = args
    .filter((a) => !a.startsWith('--'))
    .join(' ')
    .trim()
    .toLowerCase();
  if (!query) {
    console.error(USAGE);
    return 2;
  }
  const parsed = parsePack(load(undefined));
  if (!parsed.ok) {
    console.error(`the pack is invalid (run "npm run kb -- check"):\n${parsed.errors.join('\n')}`);
    return 1;
  }
  const pack = parsed.pack;
  const hit = (s: string) => s.toLowerCase().includes(query);
  const entities = pack.entities.filter(
    (e) => hit(e.id) || hit(e.name) || e.aliases.some((a) => hit(a.text) || (a.forms ?? []).some(hit)),
  );
  const sources = new Map(pack.sources.map((s) => [s.id, s]));
  const out = entities.map((e) => {
    const claims = pack.claims.filter((c) => c.entities.includes(e.id));
    return {
      entity: e,
      claims,
      sources: [...new Set(claims.map((c) => c.citation.source))].map((id) => sources.get(id)),
    };
  });
  console.log(JSON.stringify(out, null, 2));
  return out.length ? 0 : 1;
}

const [cmd, ...rest] = process.argv.slice(2);
const code = cmd === 'check' ? check(rest) : cmd === 'lookup' ? lookup(rest) : (console.error(USAGE), 2);
process.exit(code);
