/**
 * The pack authors' tool (`npm run -s kb -- <command>`); scripts/kb.ts runs `main`.
 * Every command exits 0 on success, 1 when the input has problems it lists,
 * 2 for a usage error or a missing file; errors name the path (and the line
 * and column of a JSON error) and print no stack trace.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { draftIssues, parsePack, type Pack } from '../../lib/model/schema';
import { Store, PackImportError } from '../../lib/background/store';
import { loadPack, type LoadedPack } from './load';
import {
  checkFidelity,
  documentSpecs,
  figureCoverage,
  loadDocuments,
  SourceTextsMissingError,
  type SourceTexts,
} from './fidelity';
import { packStats, type PackStats } from './stats';
import { unreachableAliases } from './reach';
import { checkEditorial } from './editorial';
import { UserError } from './files';
import { draftPack, writeDraft } from './draft';
import { measureDraft } from './draft-eval';
import { updateSchemaDoc } from './schema-doc';

const USAGE = `usage: npm run -s kb -- <command> …
  check [pack] [--source <id>=<file>]… [--report] [--all-uncovered] [--json]
                          validate a pack (folder or .json; default data/pack) and check it against its documents
  draft <document> --out <folder> [--id <source-id>] [--title <title>] [--force]
                          a first draft of a pack from a document (.txt, .md or .pdf), every item marked draft
  build [folder] --out <pack.json>
                          one importable file, validated as the options page validates it
  stats [pack] [--json]   counts by type, category, kind and source
  lookup "<query>" [--pack <pack>]
                          entities whose name, id or alias contains the query, with their claims (JSON)
  schema-doc [--check]    write (or, with --check, compare) the field reference of docs/pack-authoring.md
  draft-eval [--json]     recall and noise of kb draft on the bundled pack's two documents (needs ../shared)`;

const VALUE_OPTIONS = new Set(['--source', '--out', '--pack', '--id', '--title']);
const FLAGS = new Set(['--report', '--all-uncovered', '--json', '--force', '--check']);

interface Args {
  positional: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

function parseArgs(argv: readonly string[]): Args {
  const out: Args = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_OPTIONS.has(name)) {
      const v = name !== a ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      out.values.set(name, [...(out.values.get(name) ?? []), v]);
    } else if (FLAGS.has(a)) out.flags.add(a);
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else out.positional.push(a);
  }
  return out;
}

class UsageError extends Error {}

const one = (args: Args, name: string): string | undefined => {
  const v = args.values.get(name);
  if (v && v.length > 1) throw new UsageError(`${name} given more than once`);
  return v?.[0];
};

function sourceOverrides(args: Args): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of args.values.get('--source') ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0 || eq === s.length - 1) throw new UsageError(`--source ${s}: write --source <source-id>=<file>`);
    m.set(s.slice(0, eq), s.slice(eq + 1));
  }
  return m;
}

const fmt = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

function printStats(s: PackStats): void {
  console.log('statistics:');
  console.log(`  entities ${s.entities} (aliases ${s.aliases}); by type: ${fmt(s.entitiesByType)}`);
  console.log(`  by category: ${fmt(s.entitiesByCategory)}`);
  console.log(`  claims ${s.claims}; by kind: ${fmt(s.claimsByKind)}; by source: ${fmt(s.claimsBySource)}`);
  console.log(`  claims with quantities ${s.claimsWithQuantities}, with an editorial note ${s.claimsWithNote}`);
  console.log(`  fewest claims: ${s.thinnest.map((t) => `${t.id} ${t.claims}`).join(', ')}`);
}

async function check(args: Args): Promise<number> {
  const json = args.flags.has('--json');
  if (args.positional.length > 1) throw new UsageError(`check takes one pack, got ${args.positional.join(' ')}`);
  const loaded = loadPack(args.positional[0]);
  const raw = loaded.pack;
  const lines: string[] = [];
  const log = (s: string) => (json ? lines.push(s) : console.log(s));
  const errors: string[] = [];
  const warnings: string[] = [];

  const parsed = parsePack(raw);
  if (parsed.ok)
    log(
      `schema: ok (${parsed.pack.entities.length} entities, ${parsed.pack.claims.length} claims, ${parsed.pack.sources.length} sources)`,
    );
  else {
    log(`schema: ${parsed.errors.length} error(s)`);
    for (const e of parsed.errors) log(`  ERROR ${e}`);
    errors.push(...parsed.errors);
  }

  const sources = (Array.isArray(raw['sources']) ? raw['sources'] : []).filter(
    (s): s is Pack['sources'][number] => typeof s === 'object' && s !== null && typeof s.id === 'string',
  );
  const { specs, none, bundled } = documentSpecs(sources, loaded.dir, sourceOverrides(args));
  let texts: SourceTexts;
  try {
    texts = await loadDocuments(specs, bundled);
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
  const report = checkFidelity({ claims }, texts);
  // A source whose claims cannot be checked is an error: the pack cannot be shown to hold.
  const noText = report.issues.filter(
    (i) => !i.claim && i.level === 'warning' && /^no text for source/.test(i.message),
  );
  for (const i of noText) {
    const id = /"([^"]*)"/.exec(i.message)?.[1] ?? '';
    i.level = 'error';
    i.message += none.includes(id)
      ? `; give --source ${id}=<file> or "document": { "path": … } in the source`
      : ' (the pack has no such source)';
  }
  const errs = report.issues.filter((i) => i.level === 'error');
  const warns = report.issues.filter((i) => i.level === 'warning');
  log(
    `fidelity: ${report.claimsChecked} claims checked against ${[...texts.values()].map((d) => `${d.id} (${d.file})`).join(', ') || 'no source text'}; ` +
      `anchors found ${report.anchorsFound}/${report.claimsChecked}; numbers found ${report.numbersFound}/${report.numbersChecked}; ${errs.length} error(s), ${warns.length} warning(s)`,
  );
  const said = (i: (typeof report.issues)[number]) => `${i.claim ? `claim ${i.claim}: ` : ''}${i.message}`;
  for (const i of errs) log(`  ERROR ${said(i)}`);
  for (const i of warns) log(`  warning ${said(i)}`);
  errors.push(...errs.map(said));
  warnings.push(...warns.map(said));

  if (args.flags.has('--report')) {
    // The reviewer's report: per claim, its anchor, the source's sentence there, and what was checked.
    log('report:');
    for (const d of report.details) {
      log(`  ${d.claim} (${d.source})`);
      log(`    anchor: "${d.anchor}"`);
      log(`    source: ${d.sentence ? `"${d.sentence}"` : 'ANCHOR NOT FOUND'}`);
      log(
        `    numbers: ${d.numbers.length ? d.numbers.map((n) => `${n.raw} ${n.found ? 'found' : 'NOT FOUND'}`).join(', ') : 'none'}`,
      );
      log(
        `    own words: ${d.copied ? `${d.copied.words} shared words, ${d.copied.verdict}: "${d.copied.run}"` : 'no run of 8 shared words'}`,
      );
    }
  }

  let stats: PackStats | undefined;
  if (parsed.ok) {
    const editorial = checkEditorial(parsed.pack);
    const eErr = editorial.filter((i) => i.level === 'error');
    log(
      `editorial: dates, attribution, self-contained claims, entity named, near-duplicates; ${eErr.length} error(s), ${editorial.length - eErr.length} warning(s)`,
    );
    for (const i of editorial) {
      const line = `claim ${i.claim} (${i.rule}): ${i.message}`;
      log(`  ${i.level === 'error' ? 'ERROR' : 'warning'} ${line}`);
      (i.level === 'error' ? errors : warnings).push(line);
    }
    const drafts = draftIssues(parsed.pack);
    if (drafts.length) {
      log(`drafts: ${drafts.length} entities and claims still marked draft (review each, then remove "draft")`);
      for (const d of drafts) log(`  ERROR ${d}`);
      errors.push(...drafts);
    }
    const unreachable = unreachableAliases(parsed.pack.entities);
    log(
      `aliases: ${unreachable.length ? `${unreachable.length} that no text can reach` : 'every alias and form is reachable'}`,
    );
    for (const u of unreachable) {
      const line = `${u.entity}: "${u.form}" (alias "${u.alias}") is never marked${u.found ? `; found: ${u.found}` : ''}`;
      log(`  ERROR ${line}`);
      errors.push(line);
    }
    stats = packStats(parsed.pack);
    if (!json) printStats(stats);
  }
  const coverage = figureCoverage({ claims }, texts);
  for (const c of coverage) {
    log(`figures covered in ${c.source}: ${c.covered}/${c.distinct} distinct numbers`);
    const list = args.flags.has('--all-uncovered') ? c.uncovered : c.uncovered.slice(0, 60);
    for (const f of list) log(`  not covered: ${f.raw.padEnd(10)} …${f.context}…`);
    if (list.length < c.uncovered.length) log(`  … and ${c.uncovered.length - list.length} more (--all-uncovered)`);
  }
  if (json)
    console.log(
      JSON.stringify(
        {
          ok: errors.length === 0,
          errors,
          warnings,
          fidelity: {
            documents: [...texts.values()].map((d) => ({ source: d.id, file: d.file })),
            claimsChecked: report.claimsChecked,
            anchorsFound: report.anchorsFound,
            numbersChecked: report.numbersChecked,
            numbersFound: report.numbersFound,
          },
          coverage: coverage.map((c) => ({ source: c.source, covered: c.covered, distinct: c.distinct })),
          stats,
        },
        null,
        2,
      ),
    );
  else console.log(errors.length ? `FAILED: ${errors.length} error(s)` : 'OK');
  return errors.length ? 1 : 0;
}

/** Loads and validates a pack for the commands that need a valid one. */
function validPack(path: string | undefined): { pack: Pack; loaded: LoadedPack } | { errors: string[] } {
  const loaded = loadPack(path);
  const parsed = parsePack(loaded.pack);
  return parsed.ok ? { pack: parsed.pack, loaded } : { errors: parsed.errors };
}

function invalid(path: string | undefined, errors: string[]): number {
  console.error(
    `${path ?? 'data/pack'}: the pack is invalid (run "npm run -s kb -- check ${path ?? ''}"):\n${errors.map((e) => `  ${e}`).join('\n')}`,
  );
  return 1;
}

function lookup(args: Args): number {
  const query = args.positional.join(' ').trim().toLowerCase();
  if (!query) throw new UsageError('lookup needs a query');
  const path = one(args, '--pack');
  const r = validPack(path);
  if ('errors' in r) return invalid(path, r.errors);
  const pack = r.pack;
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

function stats(args: Args): number {
  if (args.positional.length > 1) throw new UsageError(`stats takes one pack, got ${args.positional.join(' ')}`);
  const path = args.positional[0];
  const r = validPack(path);
  if ('errors' in r) return invalid(path, r.errors);
  const s = packStats(r.pack);
  if (args.flags.has('--json')) console.log(JSON.stringify(s, null, 2));
  else {
    console.log(`${r.pack.id} ${r.pack.version}: ${r.pack.title}`);
    console.log(`  sources ${r.pack.sources.length}: ${r.pack.sources.map((x) => x.id).join(', ')}`);
    printStats(s);
  }
  return 0;
}

/** The importable file of a pack: without the checker's `document` fields, validated as the options page does. */
function buildPackJson(pack: Record<string, unknown>): string {
  const sources = Array.isArray(pack['sources'])
    ? pack['sources'].map((s: unknown) => {
        if (typeof s !== 'object' || s === null) return s;
        const { document: _omit, ...rest } = s as Record<string, unknown>;
        void _omit;
        return rest;
      })
    : pack['sources'];
  const parsed = parsePack({ ...pack, sources });
  if (!parsed.ok) throw new PackImportError(parsed.errors);
  const json = JSON.stringify(parsed.pack);
  Store.validatePack(json);
  return json;
}

function build(args: Args): number {
  if (args.positional.length > 1) throw new UsageError(`build takes one pack folder, got ${args.positional.join(' ')}`);
  const out = one(args, '--out');
  if (!out) throw new UsageError('build needs --out <pack.json>');
  const path = args.positional[0];
  const loaded = loadPack(path);
  let json: string;
  try {
    json = buildPackJson(loaded.pack);
  } catch (e) {
    if (!(e instanceof PackImportError)) throw e;
    console.error(
      `${path ?? 'data/pack'}: not built (${e.problems.length} problem(s)):\n${e.problems.map((p) => `  ${p}`).join('\n')}`,
    );
    return 1;
  }
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, json + '\n');
  const pack = JSON.parse(json) as Pack;
  const summary = {
    file: out,
    id: pack.id,
    version: pack.version,
    sources: pack.sources.length,
    entities: pack.entities.length,
    claims: pack.claims.length,
    bytes: Buffer.byteLength(json) + 1,
  };
  if (args.flags.has('--json')) console.log(JSON.stringify(summary));
  else
    console.log(
      `wrote ${out}: ${pack.id} ${pack.version}, ${summary.sources} sources, ${summary.entities} entities, ${summary.claims} claims, ${summary.bytes} bytes`,
    );
  return 0;
}

async function draft(args: Args): Promise<number> {
  if (args.positional.length !== 1) throw new UsageError('draft takes one document');
  const out = one(args, '--out');
  if (!out) throw new UsageError('draft needs --out <folder>');
  const { readDocument } = await import('./files');
  const doc = await readDocument(args.positional[0]!);
  const d = draftPack(doc, { sourceId: one(args, '--id'), title: one(args, '--title') });
  const written = writeDraft(d, out, { force: args.flags.has('--force') });
  const summary = {
    folder: out,
    entities: d.entities.length,
    claims: d.claims.length,
    figureClaims: d.claims.filter((c) => c.quantities.length).length,
    files: written,
  };
  if (args.flags.has('--json')) console.log(JSON.stringify(summary));
  else {
    console.log(
      `wrote a draft to ${out}: ${summary.entities} candidate entities, ${summary.claims} candidate claims (${summary.figureClaims} with figures), all marked draft`,
    );
    console.log(`next: edit it, then npm run -s kb -- check ${out}`);
  }
  return 0;
}

async function draftEval(args: Args): Promise<number> {
  const m = await measureDraft();
  if (args.flags.has('--json')) console.log(JSON.stringify(m, null, 2));
  else
    for (const s of m) {
      console.log(`${s.source} (${s.file}):`);
      console.log(
        `  entities: recall ${s.entities.found}/${s.entities.bundled} (${pct(s.entities.found, s.entities.bundled)}); ` +
          `proposed ${s.entities.proposed}, noise ${s.entities.noise} (${pct(s.entities.noise, s.entities.proposed)})`,
      );
      console.log(
        `  figures: recall ${s.figures.found}/${s.figures.bundled} (${pct(s.figures.found, s.figures.bundled)}); ` +
          `figure claims proposed ${s.figures.proposed}, noise ${s.figures.noise} (${pct(s.figures.noise, s.figures.proposed)})`,
      );
      if (s.entities.missed.length) console.log(`  entities missed: ${s.entities.missed.join(', ')}`);
    }
  return 0;
}

const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)} %` : '-');

function schemaDoc(args: Args): number {
  const r = updateSchemaDoc({ check: args.flags.has('--check') });
  if (r.changed && args.flags.has('--check')) {
    console.error(`${r.file}: the field reference is out of date; run npm run -s kb -- schema-doc`);
    return 1;
  }
  console.log(r.changed ? `updated ${r.file}` : `${r.file} is up to date`);
  return 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    const args = parseArgs(rest);
    switch (cmd) {
      case 'check':
        return await check(args);
      case 'lookup':
        return lookup(args);
      case 'stats':
        return stats(args);
      case 'build':
        return build(args);
      case 'draft':
        return await draft(args);
      case 'draft-eval':
        return await draftEval(args);
      case 'schema-doc':
        return schemaDoc(args);
      default:
        throw new UsageError(cmd ? `unknown command "${cmd}"` : 'no command given');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`kb: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof UserError) {
      console.error(`kb: ${e.message}`);
      return 2;
    }
    if (e instanceof SourceTextsMissingError) {
      console.error(`kb: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
