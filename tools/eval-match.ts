/**
 * Node-only: the matcher judged on real text (`npm run eval:match`).
 *
 * - The real-text set, tests/fixtures/real/<lang>.json: excerpts of third-party
 *   news with every genuine mention of a pack entity labelled, and look-alike
 *   traps. A mention is found when a match of the same entity overlaps it; a
 *   match that overlaps no mention of its entity is a false positive (on a trap,
 *   or unlabelled).
 * - The corpus, ../shared/corpus/readability/*.html: 130 real pages mostly on
 *   other topics. Every mark there is looked up in the reviewed list
 *   tests/fixtures/real/corpus-review.json (entity and text as marked → a
 *   genuine mention of that entity, or not); a mark reviewed as not, or not
 *   reviewed at all, counts as a false highlight.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { compileIndex } from '../lib/matcher/compile';
import { createMatcher, type Matcher } from '../lib/matcher/scan';
import { parsePack, type Pack } from '../lib/model/schema';
import { loadPack, projectRoot } from './kb/load';
import { visibleText } from './match';

const Span = z.strictObject({
  start: z.number().int().min(0),
  end: z.number().int().positive(),
  text: z.string().min(1),
});
const Excerpt = z.strictObject({
  id: z.string().min(1),
  source: z.strictObject({
    title: z.string().nullable().optional(),
    url: z.string().nullable(),
    via: z.string().min(1),
    date: z.string().nullable().optional(),
  }),
  text: z.string().min(1).max(4000),
  mentions: z.array(Span.extend({ entity: z.string().min(1) })),
  traps: z.array(Span.extend({ not: z.string().min(1), why: z.string().min(1) })),
});
const LangFile = z.strictObject({ lang: z.string().min(2).max(8), excerpts: z.array(Excerpt) });
export type RealExcerpt = z.infer<typeof Excerpt> & { lang: string };

const Review = z.array(
  z.strictObject({
    entity: z.string().min(1),
    /** The marked text, as the page writes it (compared case-insensitively). */
    text: z.string().min(1),
    mention: z.boolean(),
    why: z.string().min(1),
    /** Pages it was seen on when reviewed (for the reader of the list). */
    pages: z.array(z.string()).optional(),
  }),
);
export type CorpusReview = z.infer<typeof Review>;

export const REAL_DIR = () => join(projectRoot(), 'tests', 'fixtures', 'real');
export const CORPUS_DIR = () => join(projectRoot(), '..', 'shared', 'corpus', 'readability');

/** What npm test holds the bundled pack to on the real-text set: recall overall and in each language. */
export const FLOOR = { overall: 0.97, perLang: 0.93 };

/** The bundled pack, its matcher, and the real-text set checked against the pack's entities. */
export function bundledEvaluation(): { pack: Pack; matcher: Matcher; set: RealExcerpt[] } {
  const parsed = parsePack(loadPack().pack);
  if (!parsed.ok) throw new Error(`the bundled pack is invalid:\n${parsed.errors.join('\n')}`);
  const pack = parsed.pack;
  const matcher = createMatcher(compileIndex(pack.entities));
  return { pack, matcher, set: loadRealSet(REAL_DIR(), new Set(pack.entities.map((e) => e.id))) };
}

/** Loads and checks every language file: offsets that hold, known entities, no duplicate ids. */
function loadRealSet(dir: string, knownEntities: ReadonlySet<string>): RealExcerpt[] {
  const out: RealExcerpt[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const f of readdirSync(dir)
    .filter((n) => /^[a-z]{2}\.json$/.test(n))
    .sort()) {
    const parsed = LangFile.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    if (!parsed.success) {
      problems.push(...parsed.error.issues.slice(0, 5).map((i) => `${f}: ${i.path.join('.')}: ${i.message}`));
      continue;
    }
    for (const ex of parsed.data.excerpts) {
      if (ids.has(ex.id)) problems.push(`${f}: duplicate excerpt id ${ex.id}`);
      ids.add(ex.id);
      for (const s of [...ex.mentions, ...ex.traps]) {
        if (ex.text.slice(s.start, s.end) !== s.text)
          problems.push(`${f} ${ex.id}: [${s.start}, ${s.end}) is "${ex.text.slice(s.start, s.end)}", not "${s.text}"`);
      }
      for (const m of ex.mentions)
        if (!knownEntities.has(m.entity)) problems.push(`${f} ${ex.id}: unknown entity "${m.entity}"`);
      for (const t of ex.traps)
        if (!knownEntities.has(t.not)) problems.push(`${f} ${ex.id}: trap of unknown entity "${t.not}"`);
      out.push({ ...ex, lang: parsed.data.lang });
    }
  }
  if (problems.length) throw new Error(`the real-text set has problems:\n${problems.join('\n')}`);
  return out;
}

export interface Tally {
  mentions: number;
  found: number;
  /** Matches on a trap. */
  trapHits: number;
  /** Matches that overlap no labelled mention of their entity and no trap. */
  unlabelled: number;
  traps: number;
  excerpts: number;
}
const tally = (): Tally => ({ mentions: 0, found: 0, trapHits: 0, unlabelled: 0, traps: 0, excerpts: 0 });
export const recall = (t: Tally) => (t.mentions ? t.found / t.mentions : 1);

interface Miss {
  id: string;
  lang: string;
  entity: string;
  text: string;
  context: string;
}
interface FalseHit extends Miss {
  trap?: string;
}
export interface RealReport {
  total: Tally;
  byLang: Record<string, Tally>;
  byEntity: Record<string, Tally>;
  misses: Miss[];
  falseHits: FalseHit[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;
const around = (t: string, s: number, e: number) =>
  `${t.slice(Math.max(0, s - 40), s)}[${t.slice(s, e)}]${t.slice(e, e + 40)}`.replace(/\s+/g, ' ');

export function evaluateReal(matcher: Pick<Matcher, 'scan'>, set: readonly RealExcerpt[]): RealReport {
  const report: RealReport = { total: tally(), byLang: {}, byEntity: {}, misses: [], falseHits: [] };
  const add = (lang: string, entity: string, f: (t: Tally) => void) => {
    f(report.total);
    f((report.byLang[lang] ??= tally()));
    f((report.byEntity[entity] ??= tally()));
  };
  for (const ex of set) {
    (report.byLang[ex.lang] ??= tally()).excerpts++;
    report.total.excerpts++;
    const matches = matcher.scan(ex.text);
    for (const m of ex.mentions) {
      const hit = matches.some((x) => x.entity === m.entity && overlaps(x, m));
      add(ex.lang, m.entity, (t) => {
        t.mentions++;
        if (hit) t.found++;
      });
      if (!hit)
        report.misses.push({
          id: ex.id,
          lang: ex.lang,
          entity: m.entity,
          text: m.text,
          context: around(ex.text, m.start, m.end),
        });
    }
    for (const t of ex.traps) add(ex.lang, t.not, (x) => x.traps++);
    for (const x of matches) {
      if (ex.mentions.some((m) => m.entity === x.entity && overlaps(x, m))) continue;
      const trap = ex.traps.find((t) => overlaps(x, t));
      add(ex.lang, x.entity, (t) => (trap ? t.trapHits++ : t.unlabelled++));
      report.falseHits.push({
        id: ex.id,
        lang: ex.lang,
        entity: x.entity,
        text: ex.text.slice(x.start, x.end),
        context: around(ex.text, x.start, x.end),
        ...(trap ? { trap: trap.why } : {}),
      });
    }
  }
  return report;
}

export function loadCorpusReview(dir: string): CorpusReview {
  const file = join(dir, 'corpus-review.json');
  return existsSync(file) ? Review.parse(JSON.parse(readFileSync(file, 'utf8'))) : [];
}

interface CorpusMark {
  page: string;
  entity: string;
  text: string;
  context: string;
  /** true: reviewed as a genuine mention; false: reviewed as not; undefined: not reviewed. */
  mention?: boolean;
}
export interface CorpusReport {
  pages: number;
  marks: CorpusMark[];
  /** Marks reviewed as not a mention, or not reviewed. */
  falseHighlights: CorpusMark[];
  perPage: Record<string, { marks: number; false: number }>;
}

const reviewKey = (entity: string, text: string) => `${entity}\u0000${text.toLowerCase().replace(/\s+/g, ' ')}`;

/** Every mark on every corpus page, judged by the reviewed list. */
export function evaluateCorpus(matcher: Matcher, corpusDir: string, review: CorpusReview): CorpusReport {
  const verdict = new Map(review.map((r) => [reviewKey(r.entity, r.text), r.mention]));
  const report: CorpusReport = { pages: 0, marks: [], falseHighlights: [], perPage: {} };
  for (const f of readdirSync(corpusDir)
    .filter((n) => n.endsWith('.html'))
    .sort()) {
    const page = basename(f);
    report.pages++;
    const stats = (report.perPage[page] = { marks: 0, false: 0 });
    for (const seg of visibleText(readFileSync(join(corpusDir, f), 'utf8')).segments) {
      for (const m of matcher.scan(seg.text, seg.lang ? { lang: seg.lang } : undefined)) {
        const text = seg.text.slice(m.start, m.end);
        const mark: CorpusMark = { page, entity: m.entity, text, context: around(seg.text, m.start, m.end) };
        const v = verdict.get(reviewKey(m.entity, text));
        if (v !== undefined) mark.mention = v;
        report.marks.push(mark);
        stats.marks++;
        if (v !== true) {
          report.falseHighlights.push(mark);
          stats.false++;
        }
      }
    }
  }
  return report;
}
