/**
 * Node-only: checks the pack's claims against the text of the documents they
 * cite. Every anchor must be found in its source (after undoing the PDF
 * extraction's artefacts), every number a claim writes must appear near that
 * anchor, sections and footnotes must exist, and no claim may copy a long
 * stretch of its source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Claim } from '../../lib/model/schema';
import { projectRoot } from './load';
import { readDocument, UserError } from './files';
import { digitNumbers, longestFirst, scaleWordAfter, wordNumbers } from '../../lib/figures/numbers';

// ---------------------------------------------------------------------------
// The documents

export interface SourceConfig {
  /** File name inside the seeds folder (for another document, its path as given). */
  file: string;
  /** Section names that are not printed as headings (the unheaded opening, the essay's parts…). */
  pseudoSections: string[];
  /** Number of footnotes the document has (0 when none). */
  footnotes: number;
}

/** The documents the bundled pack cites, by source id. */
const SOURCE_FILES: Record<string, SourceConfig> = {
  'balzer-2021': {
    file: '003_97cf8c4e015b960b.txt',
    pseudoSections: ['Summary', 'Introduction', 'About the author'],
    footnotes: 121,
  },
  'putin-xi-essay': {
    file: '000_4d141b9efe9f7155.txt',
    pseudoSections: ['Part 1', 'Part 2'],
    footnotes: 0,
  },
};

/** Where the source texts live: `FACTLENS_SEEDS`, else `../shared/seeds/` next to the project root. */
function seedsDir(root: string = projectRoot()): string {
  const env = process.env['FACTLENS_SEEDS'];
  return env ? resolve(env) : resolve(root, '..', 'shared', 'seeds');
}

export class SourceTextsMissingError extends Error {
  constructor(
    readonly dir: string,
    readonly missing: string[],
  ) {
    super(
      `source texts not found at ${dir} (missing ${missing.join(', ')}); set FACTLENS_SEEDS to the folder that holds them`,
    );
    this.name = 'SourceTextsMissingError';
  }
}

export interface NumberToken {
  /** The number as written ("1.3" in "$1.3 billion", 22 for "twenty-two"). */
  value: number;
  /** The absolute amount when a scale word follows ("1.3 billion" → 1.3e9). */
  abs?: number;
  /** Other readings: "275.53" at a sentence end may be 275 followed by footnote 53. */
  alt?: number[];
  /** Offset in the text it was read from, and its end. */
  index: number;
  end: number;
  raw: string;
  /** Written in words. */
  word?: boolean;
  /** An ordinal word ("fifth"). */
  ordinal?: boolean;
}

export interface SourceDoc {
  id: string;
  file: string;
  config: SourceConfig;
  raw: string;
  /** The normalised text anchors are searched in. */
  text: string;
  /** `text` without hyphens, with a map back to `text` offsets (fallback anchor search). */
  squeezed: { s: string; map: number[] };
  numbers: NumberToken[];
  /** A PDF's pages, each normalised like `text` (for `citation.page`). */
  pages?: string[];
}

export type SourceTexts = Map<string, SourceDoc>;

/** Reads the configured source texts. Throws `SourceTextsMissingError` with a clear message when any is absent. */
export function loadSourceTexts(
  dir: string = seedsDir(),
  configs: Record<string, SourceConfig> = SOURCE_FILES,
): SourceTexts {
  const missing = Object.values(configs)
    .map((c) => c.file)
    .filter((f) => !existsSync(join(dir, f)));
  if (missing.length) throw new SourceTextsMissingError(dir, missing);
  const out: SourceTexts = new Map();
  for (const [id, config] of Object.entries(configs))
    out.set(id, makeSourceDoc(id, readFileSync(join(dir, config.file), 'utf8'), config));
  return out;
}

export function makeSourceDoc(id: string, raw: string, config: SourceConfig, pages?: string[]): SourceDoc {
  const text = normaliseSourceText(raw);
  return {
    id,
    file: config.file,
    config,
    raw,
    text,
    squeezed: squeeze(text),
    numbers: extractNumbers(text, { words: true }),
    ...(pages ? { pages: pages.map(normaliseSourceText) } : {}),
  };
}

/** The highest footnote marker printed as superscript digits in a text (0 when none). */
export function countFootnoteMarkers(raw: string): number {
  const digits = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  let max = 0;
  for (const m of raw.matchAll(/[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+/g)) {
    const n = Number([...m[0]].map((c) => digits.indexOf(c)).join(''));
    if (n > max && n < 10000) max = n;
  }
  return max;
}

/** Where a source's document is: given on the command line, declared in the pack, or one of the bundled texts. */
export interface DocumentSpec {
  id: string;
  /** The path to read. */
  path: string;
  /** How to name it in messages. */
  shown: string;
  sections: string[];
  /** Declared footnote count; counted from the superscript markers when absent. */
  footnotes?: number;
}

type SourceLike = { id: string; document?: { path: string; sections?: string[]; footnotes?: number } };

/**
 * The document of each source of a pack: `--source id=file` first, then the
 * source's `document.path` (relative to `packDir`), then the bundled texts
 * (`../shared/seeds/`, or `FACTLENS_SEEDS`) for the bundled pack's source ids.
 * Returns the specs found and the ids of the sources that have none.
 */
export function documentSpecs(
  sources: readonly SourceLike[],
  packDir: string,
  given: ReadonlyMap<string, string> = new Map(),
): { specs: DocumentSpec[]; none: string[]; bundled: DocumentSpec[] } {
  for (const id of given.keys())
    if (!sources.some((s) => s.id === id))
      throw new UserError(
        `--source ${id}=…: the pack has no source "${id}" (its sources: ${sources.map((s) => s.id).join(', ') || 'none'})`,
      );
  const specs: DocumentSpec[] = [];
  const bundled: DocumentSpec[] = [];
  const none: string[] = [];
  for (const s of sources) {
    const g = given.get(s.id);
    const cfg = SOURCE_FILES[s.id];
    if (g !== undefined)
      specs.push({
        id: s.id,
        path: resolve(g),
        shown: g,
        sections: s.document?.sections ?? cfg?.pseudoSections ?? [],
        footnotes: s.document?.footnotes ?? cfg?.footnotes,
      });
    else if (s.document) {
      const path = resolve(packDir, s.document.path);
      specs.push({
        id: s.id,
        path,
        shown: relative(process.cwd(), path) || path,
        sections: s.document.sections ?? [],
        footnotes: s.document.footnotes,
      });
    } else if (cfg) {
      const spec = {
        id: s.id,
        path: join(seedsDir(), cfg.file),
        shown: cfg.file,
        sections: cfg.pseudoSections,
        footnotes: cfg.footnotes,
      };
      specs.push(spec);
      bundled.push(spec);
    } else none.push(s.id);
  }
  return { specs, none, bundled };
}

/** Reads the documents of `documentSpecs` (text or PDF). Throws `SourceTextsMissingError` for absent bundled texts. */
export async function loadDocuments(specs: readonly DocumentSpec[], bundled: readonly DocumentSpec[] = []) {
  const missing = bundled.filter((b) => !existsSync(b.path));
  if (missing.length)
    throw new SourceTextsMissingError(
      seedsDir(),
      missing.map((m) => m.shown),
    );
  const out: SourceTexts = new Map();
  for (const spec of specs) {
    const doc = await readDocument(spec.path).catch((e: Error) => {
      throw new UserError(`source "${spec.id}": ${e.message.replace(spec.path, spec.shown)}`);
    });
    const config: SourceConfig = {
      file: spec.shown,
      pseudoSections: spec.sections,
      footnotes: spec.footnotes ?? countFootnoteMarkers(doc.text),
    };
    out.set(spec.id, makeSourceDoc(spec.id, doc.text, config, doc.pages));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Normalisation

const SUPERSCRIPTS = /[\u00b9\u00b2\u00b3\u2070-\u2079]/g;
/** Lines repeated as running page headers by the PDF extraction. */
const RUNNING_HEADERS = [/^\s*AXIS OF COLLUSION: THE FRAGILE PUTIN-XI PARTNERSHIP\s*$/gm, /^\s*ATLANTIC COUNCIL\s*$/gm];

/** Characters both sides are normalised with (quotes, dashes, spaces, escapes). */
function normaliseCommon(s: string): string {
  return s
    .replace(/\\\$/g, '$')
    .replace(/\\text\{([^}]*)\}/g, '$1')
    .replace(/\\qquad/g, ' ')
    .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-')
    .replace(/\u00ad/g, '')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ');
}

/**
 * Undoes the extraction artefacts of a source text: escaped `\$`, superscript
 * footnote markers, running page headers, words hyphenated across line or
 * page breaks, curly quotes, dashes and runs of whitespace.
 */
export function normaliseSourceText(raw: string): string {
  let t = normaliseCommon(raw).replace(SUPERSCRIPTS, '');
  for (const h of RUNNING_HEADERS) t = t.replace(h, '');
  // "dis-\n\nappointed", "al-\n\n\n\nlows" (after a removed page header).
  t = t.replace(/(\p{L})-[ \t]*\n\s*(\p{Ll})/gu, '$1$2');
  return t.replace(/\s+/g, ' ').trim();
}

/** Normalises an anchor phrase the same way as the text it is looked up in. */
function normaliseAnchor(anchor: string): string {
  return normaliseCommon(anchor).replace(SUPERSCRIPTS, '').replace(/\s+/g, ' ').trim();
}

function squeeze(text: string): { s: string; map: number[] } {
  const map: number[] = [];
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '-') {
      // Drop the hyphen and a space after it ("To-day" = "Today", "vzai- modeistviia").
      if (text[i + 1] === ' ') i++;
      continue;
    }
    s += c;
    map.push(i);
  }
  return { s, map };
}

/** Offsets of every occurrence of `anchor` in the document (exact after normalisation, else ignoring hyphens). */
export function findAnchor(doc: Pick<SourceDoc, 'text' | 'squeezed'>, anchor: string): number[] {
  const a = normaliseAnchor(anchor);
  if (!a) return [];
  const found: number[] = [];
  for (let i = doc.text.indexOf(a); i >= 0; i = doc.text.indexOf(a, i + 1)) found.push(i);
  if (found.length) return found;
  const sq = squeeze(a).s;
  for (let i = doc.squeezed.s.indexOf(sq); i >= 0; i = doc.squeezed.s.indexOf(sq, i + 1))
    found.push(doc.squeezed.map[i]!);
  return found;
}

// ---------------------------------------------------------------------------
// Numbers

/**
 * Numbers written in `text`, read by the one number reader (lib/figures/numbers.ts):
 * digits (1,300 / 1.3 / 2014 / 324th / 15%), with a glued or following scale read
 * as an absolute amount ("$1.3 billion", "$5bn"), and, with `words`, numbers in
 * words ("twenty-two", "two-thirds", "a dozen", "fifth", "threefold").
 * Digits that are part of a name ("C919", "S-400", "COVID-19") are not numbers.
 */
export function extractNumbers(text: string, opts: { words?: boolean } = {}): NumberToken[] {
  const tokens = opts.words ? longestFirst([...digitNumbers(text), ...wordNumbers(text)]) : digitNumbers(text);
  return tokens.map((t) => {
    const end = t.numStart + t.raw.length;
    const tok: NumberToken = { value: t.value, index: t.numStart, end, raw: t.raw };
    if (t.kind !== 'digits') tok.word = true;
    if (t.kind === 'ordinal') tok.ordinal = true;
    const after = t.scale === 1 ? scaleWordAfter(text, t.end) : undefined;
    if (t.scale !== 1) tok.abs = t.value * t.scale;
    else if (after) tok.abs = t.value * after.scale;
    // "275.53" closing a sentence: 275 followed by the footnote marker 53.
    const dec = t.kind === 'digits' ? /^(\d+)\.(\d{1,3})$/.exec(t.raw.replace(/,/g, '')) : null;
    if (dec && /^\s*(?:$|[A-Z"'(])/.test(text.slice(end, end + 3))) tok.alt = [Number(dec[1])];
    return tok;
  });
}

const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));

/** Whether a number (as written, or as an absolute amount) matches a token of the source. */
export function numberMatches(value: number, abs: number | undefined, tok: NumberToken): boolean {
  if (close(value, tok.value)) return true;
  if (tok.alt?.some((a) => close(value, a))) return true;
  if (abs !== undefined && tok.abs !== undefined && close(abs, tok.abs)) return true;
  if (abs !== undefined && close(abs, tok.value)) return true;
  if (tok.abs !== undefined && close(value, tok.abs)) return true;
  // Fractions written as words vs rounded decimals (two-thirds ≈ 0.67).
  if (tok.word && tok.value < 1 && Math.abs(value - tok.value) < 0.006) return true;
  return false;
}

// ---------------------------------------------------------------------------
// The check

const WINDOW = 600;
/**
 * A claim sharing this many consecutive words of ordinary prose with its
 * source is a copy (error). Runs that are quoted in the claim, that are a
 * name or title (mostly capitalised words) or a run of figures are exempt,
 * and each exemption is reported (warning) so a reviewer sees it.
 */
const COPY_ERROR_WORDS = 8;

interface FidelityIssue {
  level: 'error' | 'warning';
  claim?: string;
  message: string;
}

export interface FidelityReport {
  issues: FidelityIssue[];
  claimsChecked: number;
  anchorsFound: number;
  numbersChecked: number;
  numbersFound: number;
  /** Per claim, for the reviewer's report (`kb check --report`). */
  details: ClaimDetail[];
}

interface ClaimDetail {
  claim: string;
  source: string;
  anchor: string;
  /** The source's sentence around the anchor, or undefined when the anchor was not found. */
  sentence?: string;
  numbers: { raw: string; found: boolean }[];
  /** The longest run shared with the source, and how it was judged. */
  copied?: {
    words: number;
    run: string;
    verdict: 'copy' | 'quoted' | 'name or title' | 'figures' | 'prose under the limit once names are set aside';
  };
}

type ClaimLike = Pick<Claim, 'id' | 'text' | 'anchor' | 'citation'> & { quantities?: Claim['quantities'] };

const TOKEN = /[\p{L}\p{N}$%']+/gu;

/** The words of a text as the copy check compares them, with their case and whether they stand in quotation marks. */
function tokens(s: string): { w: string; raw: string; quoted: boolean }[] {
  const t = normaliseAnchor(s).replace(/[^\p{L}\p{N}$%'" ]+/gu, ' ');
  const out: { w: string; raw: string; quoted: boolean }[] = [];
  let quoted = false;
  let k = 0;
  for (const m of t.matchAll(/"|[\p{L}\p{N}$%']+/gu)) {
    if (m[0] === '"') {
      quoted = !quoted;
      continue;
    }
    out.push({ w: m[0].toLowerCase(), raw: m[0], quoted });
    k++;
  }
  void k;
  return out;
}

function words(s: string): string[] {
  return (
    normaliseAnchor(s)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}$%' ]+/gu, ' ')
      .match(TOKEN) ?? []
  ).filter(Boolean);
}

/** The maximal runs of at least `min` consecutive words of `text` that also occur in the source, left to right. */
function copiedRuns(text: string, sourceWordsJoined: string, min: number) {
  const w = tokens(text);
  const runs: { from: number; to: number }[] = [];
  for (let i = 0; i + min <= w.length;) {
    let n = min;
    if (
      !sourceWordsJoined.includes(
        ` ${w
          .slice(i, i + n)
          .map((x) => x.w)
          .join(' ')} `,
      )
    ) {
      i++;
      continue;
    }
    while (
      i + n < w.length &&
      sourceWordsJoined.includes(
        ` ${w
          .slice(i, i + n + 1)
          .map((x) => x.w)
          .join(' ')} `,
      )
    )
      n++;
    runs.push({ from: i, to: i + n });
    i += n;
  }
  return runs.map(({ from, to }) => {
    const run = w.slice(from, to);
    const quoted = run.filter((x) => x.quoted).length;
    const capital = run.filter((x) => /^\p{Lu}/u.test(x.raw)).length;
    const figures = run.filter((x) => /\d/.test(x.raw)).length;
    // Ordinary prose: the run's words that are neither quoted, capitalised (names, titles) nor figures.
    const prose = run.filter((x) => !x.quoted && !/^\p{Lu}/u.test(x.raw) && !/\d/.test(x.raw)).length;
    const verdict: NonNullable<ClaimDetail['copied']>['verdict'] =
      quoted * 2 >= run.length
        ? 'quoted'
        : prose >= min
          ? 'copy'
          : figures >= capital
            ? 'figures'
            : capital * 2 >= run.length
              ? 'name or title'
              : 'prose under the limit once names are set aside';
    return { words: run.length, run: run.map((x) => x.w).join(' '), verdict, prose };
  });
}

const sourceWordCache = new WeakMap<SourceDoc, string>();
function sourceWords(doc: SourceDoc): string {
  let s = sourceWordCache.get(doc);
  if (s === undefined) {
    s = ` ${words(doc.text).join(' ')} `;
    sourceWordCache.set(doc, s);
  }
  return s;
}

/** The sentence of `text` around [at, at + len): from the previous sentence end to the next, at most 400 characters each way. */
function sentenceAt(text: string, at: number, len: number): string {
  let a = at;
  while (a > 0 && at - a < 400 && !/[.!?]\s/.test(text.slice(a - 2, a))) a--;
  let b = at + len;
  while (b < text.length && b - at < 400 && !/[.!?]/.test(text[b - 1] ?? '')) b++;
  return text.slice(a, b).trim();
}

/** Checks one claim against its source document. */
export function checkClaim(claim: ClaimLike, doc: SourceDoc, report: FidelityReport): void {
  const issue = (level: FidelityIssue['level'], message: string) =>
    report.issues.push({ level, claim: claim.id, message });
  report.claimsChecked++;
  const detail: ClaimDetail = { claim: claim.id, source: doc.id, anchor: claim.anchor, numbers: [] };
  report.details.push(detail);

  // Section and footnotes.
  const section = claim.citation.section;
  if (
    !doc.config.pseudoSections.includes(section) &&
    !doc.text.toLowerCase().includes(normaliseAnchor(section).toLowerCase())
  ) {
    issue('error', `section "${section}" is not a heading of ${doc.id}`);
  }
  for (const f of claim.citation.footnotes ?? []) {
    if (f > doc.config.footnotes)
      issue('error', `footnote ${f} does not exist in ${doc.id} (it has ${doc.config.footnotes})`);
  }

  // Anchor.
  const at = findAnchor(doc, claim.anchor);
  if (!at.length) {
    issue('error', `anchor not found in ${doc.id}: "${claim.anchor}"`);
    return;
  }
  report.anchorsFound++;
  const page = claim.citation.page;
  if (page !== undefined && doc.pages) {
    const onPage = doc.pages[page - 1];
    if (onPage === undefined) issue('error', `page ${page} does not exist in ${doc.id} (it has ${doc.pages.length})`);
    else if (!findAnchor({ text: onPage, squeezed: squeeze(onPage) }, claim.anchor).length)
      issue('error', `anchor "${claim.anchor}" is not on page ${page} of ${doc.id}`);
  }
  detail.sentence = sentenceAt(doc.text, at[0]!, normaliseAnchor(claim.anchor).length);
  if (at.length > 1) issue('warning', `anchor occurs ${at.length} times in ${doc.id}: "${claim.anchor}"`);
  const len = normaliseAnchor(claim.anchor).length;
  const windows = at.map((i) => [i - WINDOW, i + len + WINDOW] as const);
  const near = doc.numbers.filter((t) => windows.some(([a, b]) => t.index >= a && t.end <= b));

  // Numbers written in the claim.
  for (const n of extractNumbers(claim.text)) {
    report.numbersChecked++;
    const found = near.some((t) => numberMatches(n.value, n.abs, t));
    detail.numbers.push({ raw: n.raw, found });
    if (found) report.numbersFound++;
    else
      issue('error', `number ${n.raw} is not in ${doc.id} within ${WINDOW} characters of the anchor "${claim.anchor}"`);
  }
  (claim.quantities ?? []).forEach((q, k) => {
    report.numbersChecked++;
    const found = near.some((t) => numberMatches(q.value, undefined, t));
    detail.numbers.push({ raw: `quantities[${k}] ${q.value}`, found });
    if (found) report.numbersFound++;
    else
      issue(
        'error',
        `quantities[${k}].value ${q.value} is not in ${doc.id} within ${WINDOW} characters of the anchor "${claim.anchor}"`,
      );
  });

  // Own words: ordinary prose copied for COPY_ERROR_WORDS words or more is an error; the exempt runs are shown.
  const runs = copiedRuns(claim.text, sourceWords(doc), COPY_ERROR_WORDS);
  for (const r of runs) {
    if (r.verdict === 'copy')
      issue(
        'error',
        `text repeats ${r.words} consecutive words of ${doc.id} (${r.prose} of them ordinary prose): "${r.run}"`,
      );
    else issue('warning', `exempt (${r.verdict}): text repeats ${r.words} consecutive words of ${doc.id}: "${r.run}"`);
  }
  const longest = runs.sort((a, b) => b.words - a.words)[0];
  if (longest) detail.copied = { words: longest.words, run: longest.run, verdict: longest.verdict };
}

/** Checks every claim whose source text is available; claims of other sources are reported as unchecked (warning). */
export function checkFidelity(pack: { claims: readonly ClaimLike[] }, texts: SourceTexts): FidelityReport {
  const report: FidelityReport = {
    issues: [],
    claimsChecked: 0,
    anchorsFound: 0,
    numbersChecked: 0,
    numbersFound: 0,
    details: [],
  };
  const unknown = new Map<string, number>();
  for (const claim of pack.claims) {
    const doc = texts.get(claim.citation.source);
    if (!doc) {
      unknown.set(claim.citation.source, (unknown.get(claim.citation.source) ?? 0) + 1);
      continue;
    }
    checkClaim(claim, doc, report);
  }
  for (const [src, n] of unknown)
    report.issues.push({
      level: 'warning',
      message: `no text for source "${src}": ${n} claim(s) not checked against it`,
    });
  return report;
}

// ---------------------------------------------------------------------------
// Figure coverage

interface SourceFigure {
  value: number;
  raw: string;
  context: string;
  /** Other readings of the number (a footnote marker glued to it). */
  alt?: number[];
  /** The absolute amount when a scale follows. */
  abs?: number;
}

const MONTHS =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

/**
 * Blanks the bibliographic parts of a footnote (URLs, publication dates,
 * volume/issue/page numbers) so only its factual numbers count as figures.
 */
function stripBibliography(line: string): string {
  const blank = (s: string) => ' '.repeat(s.length);
  return line
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+|\b\S+\.(?:ru|com|org|net|cn|jes\.su|eu)\/\S*/g, blank)
    .replace(new RegExp(`\\b${MONTHS}\\s+\\d{1,2},?\\s*(?:\\d{4})?`, 'g'), blank)
    .replace(new RegExp(`\\b\\d{1,2}\\s+${MONTHS}\\s+\\d{4}`, 'g'), blank)
    .replace(new RegExp(`\\b${MONTHS}\\s+\\d{4}`, 'g'), blank)
    .replace(/\(\s*\d{4}\s*\)/g, blank)
    .replace(/\d+\s*:\s*\d+(?:\s*[-–]\s*\d+)?/g, blank)
    .replace(/\b\d+\s*\(\s*\d+\s*\)(?:\s*\(\s*\d+\s*\))?/g, blank)
    .replace(/:\s*\d+(?:\s*[-–]\s*\d+)?/g, blank)
    .replace(/\b\d+\s*[-–]\s*\d+\b/g, blank)
    .replace(/\bNo\.\s*\d+|\b\d+(?:st|nd|rd|th)\s+Cong\b|\bIbid\.?,?\s*\d+|\bpage\s+\d+/gi, blank)
    .replace(/,"\s*\d+/g, blank)
    .replace(/,\s*(?:19|20)\d{2}\b/g, blank)
    .replace(/\b(?:19|20)\d{2}\s*\)/g, blank)
    .replace(/"\s*\d+\s*[,.]/g, blank)
    .replace(/\b\d+\s*\(/g, blank)
    .replace(/\S*\dX\.\S*|\bdoi\.org\S*(?:\s\d+)?/g, blank)
    .replace(/,\s*\d+\.?\s*$/g, blank)
    .replace(/,\s*\d{1,3},(?=\s)/g, blank);
}

/**
 * The figures of a source text: the numbers (digits and cardinal number words
 * of two or more) in its prose and footnotes, without footnote markers, page
 * furniture or bibliographic data.
 */
function sourceFigures(doc: Pick<SourceDoc, 'raw'>): SourceFigure[] {
  const figures: SourceFigure[] = [];
  const lines = doc.raw.split('\n');
  let inBackMatter = false;
  for (let line of lines) {
    if (/^\s*©/.test(line)) inBackMatter = true;
    if (inBackMatter) continue;
    const superscriptStart = /^\s*[\u00b9\u00b2\u00b3\u2070-\u2079]/.test(line);
    line = normaliseCommon(line).replace(SUPERSCRIPTS, ' ');
    const trimmed = line.trim();
    if (!trimmed || /^(MAP|Table|Figure)\s+\d+\s*$/i.test(trimmed) || /^\d{1,3}$/.test(trimmed)) continue;
    if (RUNNING_HEADERS.some((h) => new RegExp(h.source).test(trimmed))) continue;
    const footnote =
      superscriptStart ||
      /^\s*(?:[-.[\]]+\s*)*(?:Figure\s+)?\d{1,3}\s+\S/.test(line) ||
      /^\s*\$\^\{/.test(line) ||
      /https?:\/\/|Palgrave|University Press|\beds?\.\s/.test(line);
    // Footnote markers and heading numbers at the start of a line ("- 39 Sergei…", "3.2 LITTLE…", "- 3. China has…").
    let body = line.replace(/^\s*(?:\$\^\{\d{1,3}|(?:[-.[\]]+\s*)*(?:Figure\s+)?\d{1,3}(?=\s+\S))/, (s) =>
      ' '.repeat(s.length),
    );
    if (trimmed.length < 100)
      body = body.replace(/^\s*(?:-\s*)?(?:\d+(?:\.\d+)?\.?|[IVX]+\.)(?=\s+\S)/, (s) => ' '.repeat(s.length));
    if (footnote) body = stripBibliography(body);
    // Days of dates are not figures ("June 8, 2018" keeps 2018).
    body = body.replace(
      new RegExp(`(\\b${MONTHS}\\s+)(\\d{1,2})(?=,?\\s+\\d{4})`, 'g'),
      (_m, a: string, d: string) => a + ' '.repeat(d.length),
    );
    for (const t of extractNumbers(body, { words: true })) {
      if (t.word && (t.value < 2 || t.ordinal || /^(half|hundred)/i.test(t.raw))) continue;
      figures.push({
        value: t.value,
        raw: t.raw,
        context: trimmed.slice(Math.max(0, t.index - 50), t.end + 40),
        ...(t.alt ? { alt: t.alt } : {}),
        ...(t.abs !== undefined ? { abs: t.abs } : {}),
      });
    }
  }
  return figures;
}

export interface CoverageReport {
  source: string;
  distinct: number;
  covered: number;
  uncovered: SourceFigure[];
}

/** How many distinct figures of each source some claim citing it states (in its text or quantities). */
export function figureCoverage(pack: { claims: readonly ClaimLike[] }, texts: SourceTexts): CoverageReport[] {
  const out: CoverageReport[] = [];
  for (const doc of texts.values()) {
    const claimNumbers: { value: number; abs?: number }[] = [];
    for (const c of pack.claims) {
      if (c.citation.source !== doc.id) continue;
      for (const t of extractNumbers(c.text, { words: true })) claimNumbers.push({ value: t.value, abs: t.abs });
      for (const q of c.quantities ?? []) claimNumbers.push({ value: q.value });
    }
    const byValue = new Map<number, SourceFigure[]>();
    for (const f of sourceFigures(doc)) byValue.set(f.value, [...(byValue.get(f.value) ?? []), f]);
    const uncovered: SourceFigure[] = [];
    let covered = 0;
    for (const [value, figs] of byValue) {
      const fig = figs[0]!;
      const tok: NumberToken = { value, index: 0, end: 0, raw: fig.raw, ...(fig.alt ? { alt: fig.alt } : {}) };
      if (fig.abs !== undefined) tok.abs = fig.abs;
      if (claimNumbers.some((n) => numberMatches(n.value, n.abs, tok))) covered++;
      else uncovered.push(fig);
    }
    out.push({
      source: doc.id,
      distinct: byValue.size,
      covered,
      uncovered: uncovered.sort((a, b) => a.value - b.value),
    });
  }
  return out;
}
