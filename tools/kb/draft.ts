/**
 * Node-only: `kb draft`, a first draft of a pack from a new document, for an
 * author to edit. It proposes candidate entities (compromise's people, places
 * and organisations, and capitalised names of two or more words, grouped by
 * alias) and, for every sentence with a figure, a candidate claim with its
 * anchor, section, footnotes and page. Every item is marked `draft: true`:
 * a draft copies the document's sentences, so `kb check` and the extension
 * refuse it until an author has rewritten and reviewed each item.
 */
import nlp from 'compromise';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { Claim, Entity, Pack, Source } from '../../lib/model/schema';
import { foldString } from '../../lib/matcher/fold';
import { type DocumentText, UserError } from './files';
import { countFootnoteMarkers, extractNumbers, findAnchor, makeSourceDoc, type NumberToken } from './fidelity';

type DraftSource = Omit<Source, 'document'> & {
  document: { path: string; sections: string[]; footnotes: number };
};

export interface DraftPack {
  meta: Pick<Pack, 'id' | 'version' | 'title'>;
  source: DraftSource;
  entities: Entity[];
  claims: Claim[];
  /** The document the draft was made from (its `document.path` is made relative to the output folder). */
  file: string;
}

const SUPERSCRIPT = /[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+/g;
const SUPER_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

const slug = (s: string) =>
  foldString(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');

/** A figure of a sentence: a number that is not a year, nor a small number written in words. */
export function sentenceFigures(text: string): { figures: NumberToken[]; years: number[] } {
  const figures: NumberToken[] = [];
  const years: number[] = [];
  for (const t of extractNumbers(text, { words: true })) {
    if (t.word && (t.value < 2 || t.ordinal || /^(half|hundred)/i.test(t.raw))) continue;
    const year = !t.word && /^\d{4}$/.test(t.raw) && t.value >= 1800 && t.value <= 2100 && t.abs === undefined;
    if (year && !/^\s*%|^\s*percent/.test(text.slice(t.end, t.end + 9))) years.push(t.value);
    else figures.push(t);
  }
  return { figures, years };
}

interface Block {
  kind: 'heading' | 'prose' | 'break' | 'footnote';
  text: string;
}

const FOOTNOTE_LINE =
  /^\s*[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]|https?:\/\/|www\.\S+\.\w|Palgrave|University Press|\beds?\.\s|\bIbid\b/;

/** The document cut at blank lines into headings, prose paragraphs, breaks ("* * *") and footnotes. */
function blocks(raw: string): Block[] {
  const out: Block[] = [];
  for (const b of raw.split(/\n[ \t]*\n/)) {
    const text = b.replace(/\s*\n\s*/g, '\n').trim();
    if (!text) continue;
    if (/^[\s*#~•·_=-]+$/.test(text) && /[*#~•·]/.test(text)) out.push({ kind: 'break', text });
    else if (FOOTNOTE_LINE.test(text)) out.push({ kind: 'footnote', text });
    else if (!text.includes('\n') && text.length <= 100 && /\p{L}{2}/u.test(text) && !/[.,;:!?"'”’)]$/.test(text))
      out.push({ kind: 'heading', text });
    else out.push({ kind: 'prose', text: text.replace(/\n/g, '\n') });
  }
  return out;
}

/** A heading without its bullet and numbering ("- 2. Public opinion" → "Public opinion"). */
const headingName = (h: string) =>
  h
    .replace(/^[-–•*\s]+/, '')
    .replace(/^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

const ABBREVIATIONS =
  /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sen|Rep|Gov|Jr|Sr|No|Vol|vs|etc|e\.g|i\.e|cf|Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$/;

/** The sentences of a paragraph (superscript footnote markers kept), split after . ! ? before a capital or digit. */
function sentences(paragraph: string): string[] {
  const text = paragraph.replace(/\s+/g, ' ');
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["'”’)\]]?[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]*\s+(?=["'“‘(]?[\p{Lu}\d])/gu;
  for (const m of text.matchAll(re)) {
    const end = m.index + m[0].trimEnd().length;
    if (ABBREVIATIONS.test(text.slice(start, m.index + 1))) continue;
    out.push(text.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push(text.slice(start).trim());
  return out.filter((s) => /\p{L}/u.test(s));
}

const LEADING =
  /^(?:The|A|An|In|On|At|For|But|And|As|By|If|Of|To|With|From|After|Before|While|When|This|That|These|Those|Its|His|Her|Their|Our|Since|Although|Yet|Still|During|President|Prime Minister|Premier|Minister|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|General|Chairman|Both|Many|Most|Some|Even|Only|Under|Unlike|Despite|Why|How|What|Where)\s+/;
/** Words that are capitalised but name nothing on their own. */
const NOT_NAMES = new Set(
  'i a the and but or of in on at to for by with from as if this that these those it its he she they we you his her their our january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday contents acknowledgements summary introduction conclusion figure table map part section chapter'.split(
    ' ',
  ),
);

const TITLE =
  '(?:President|Prime Minister|Premier|Foreign Minister|Minister|Ambassador|Chairman|leader|General|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?)';
/** "Russian President Vladimir Putin" → "Vladimir Putin". */
const DEMONYM_TITLE = new RegExp(`^(?:\\p{Lu}\\p{L}*(?:ian|ese|ish|an)\\s+)?${TITLE}\\s+`, 'u');
/** A nationality word or a people ("Chinese", "Russians") names no one thing. */
const DEMONYM =
  /^\p{Lu}\p{Ll}+(?:ians?|eses?|ish|ans?)$|^(?:Soviet|Uzbek|Kazakh|Tajik|Kyrgyz|Thai|Greek|French|Dutch|Swiss)s?$/u;

/** A name as written, without punctuation around it, a possessive, a leading function word or title. */
function cleanName(s: string): string {
  let n = s
    .replace(/[*_[\]]/g, '')
    .replace(/[’']s\b/g, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ');
  for (let k = 0; k < 3 && (LEADING.test(n) || DEMONYM_TITLE.test(n)); k++)
    n = n.replace(LEADING, '').replace(DEMONYM_TITLE, '');
  return n.trim();
}

const JOINERS = new Set(['of', 'the', 'for', 'de', 'la', 'von', 'and']);
const isName = (n: string) => {
  const words = n.split(' ');
  return (
    n.length >= 2 &&
    n.length <= 120 &&
    /^[\p{Lu}\p{N}]/u.test(n) &&
    !n.includes('/') &&
    !NOT_NAMES.has(n.toLowerCase()) &&
    !(words.length === 1 && DEMONYM.test(n)) &&
    // "Chinese investment", "Russian energy": a capital word and common nouns are no name.
    words.slice(1).every((w) => JOINERS.has(w) || /^[\p{Lu}\p{N}]/u.test(w)) &&
    !/^[\p{Lu}\s-]{12,}$/u.test(n) && // running headers in capitals
    words.length <= 8
  );
};

interface Candidate {
  names: Map<string, number>;
  type: Entity['type'];
}

/** Capitalised runs of two or more words ("Power of Siberia", "Atlantic Council"). */
const WORD = "\\p{Lu}(?:[\\p{L}\\p{N}’'-]|\\.(?=\\p{L}))*(?:(?<=(?:^|\\s)\\p{Lu}\\p{Ll}?)\\.)?";
const CAPITALISED = new RegExp(`(?<![\\p{L}\\p{N}])${WORD}(?:[ ]+(?:(?:of|the|for|de|la|von)[ ]+)*${WORD})+`, 'gu');
/** One capitalised word after a lower-case word or a comma (not a sentence's first word): "by Gazprom". */
const CAPITAL_WORD = /(?<=[\p{Ll},;:]\s)\p{Lu}\p{Ll}[\p{L}’'-]*(?![\p{L}\p{N}])/gu;
/** Codes and abbreviations: "FSB", "SWIFT", "S-400", "C919". */
const CODE = /(?<![\p{L}\p{N}-])(?:\p{Lu}{2,}(?:-?\d+)?|\p{Lu}\p{Ll}?-?\d{2,})(?![\p{L}\p{N}])/gu;

function candidateEntities(prose: string[]): Map<string, Candidate> {
  const text = prose.map((p) => p.replace(/\s+/g, ' ')).join('\n\n');
  const doc = nlp(text);
  const groups = new Map<string, Candidate>();
  const add = (raw: string, type: Entity['type'], weight = 1) => {
    // "Moscow, Russia", "Putin and Xi": two names.
    const parts = raw.split(/,\s+|\s+and\s+(?=\p{Lu})/u);
    if (parts.length > 1 && type !== 'other') return parts.forEach((p) => add(p, type, weight));
    const n = cleanName(raw);
    if (!isName(n)) return;
    const key = foldString(n);
    const g = groups.get(key) ?? { names: new Map(), type };
    if (g.type === 'other' && type !== 'other') g.type = type;
    g.names.set(n, (g.names.get(n) ?? 0) + weight);
    groups.set(key, g);
  };
  for (const p of doc.people().out('array') as string[]) add(p, 'person');
  for (const p of doc.places().out('array') as string[]) add(p, 'place');
  for (const p of doc.organizations().out('array') as string[]) add(p, 'organisation');
  const plain = text.replace(SUPERSCRIPT, '');
  for (const m of plain.matchAll(CAPITALISED)) {
    // A sentence's first word before "of" is mostly a common noun: "Construction of the Kestrel Line".
    const first = m.index === 0 || /(?:[.!?]["'”’)]?\s|\n)$/.test(plain.slice(Math.max(0, m.index - 3), m.index));
    add(first ? m[0].replace(/^\S+ of (?:the )?(?=\p{Lu})/u, '') : m[0], 'other');
  }
  for (const m of plain.matchAll(CAPITAL_WORD)) add(m[0], 'other');
  for (const m of plain.matchAll(CODE)) if (!/^[IVXLC]+$/.test(m[0])) add(m[0], 'other');

  // Count the mentions of each group in the text itself, and fold a surname into the person's full name.
  const folded = ` ${foldString(text.replace(SUPERSCRIPT, '')).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  const count = (key: string) => folded.split(` ${key.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `).length - 1;
  const people = [...groups].filter(([k, g]) => g.type === 'person' && k.includes(' '));
  for (const [key, g] of [...groups]) {
    if (key.includes(' ')) continue;
    const full = people.filter(([k]) => k.endsWith(` ${key}`));
    if (full.length === 1) {
      const target = full[0]![1];
      for (const [n, c] of g.names) target.names.set(n, (target.names.get(n) ?? 0) + c);
      groups.delete(key);
    }
  }
  // Keep a name of two or more words, a code, or a single word named at least twice.
  for (const [key, g] of groups) {
    const names = [...g.names.keys()];
    if (names.some((x) => x.includes(' ') || /^\p{Lu}{2,}|\d/u.test(x))) continue;
    // Only the mentions outside a longer candidate name count ("Kestrel" in "Kestrel Line" does not).
    const longer = [...groups.keys()].filter((k) => k.includes(' ') && ` ${k} `.includes(` ${key} `));
    const alone = Math.max(...names.map((x) => count(foldString(x)))) - longer.reduce((n, k) => n + count(k), 0);
    if (alone < 2) groups.delete(key);
  }

  return groups;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The shortest run of the sentence's first words (6 to 12) that occurs once in the document. */
function anchorFor(sentence: string, doc: ReturnType<typeof makeSourceDoc>): string {
  const words = sentence.split(' ');
  let best = words.slice(0, 12).join(' ');
  for (let k = Math.min(6, words.length); k <= Math.min(12, words.length); k++) {
    const a = words.slice(0, k).join(' ');
    if (a.length > 200) break;
    best = a;
    if (findAnchor(doc, a).length === 1) break;
  }
  return best.slice(0, 200);
}

function quantityOf(t: NumberToken, text: string, years: number[]): Claim['quantities'][number] {
  const after = text.slice(t.end, t.end + 30);
  const before = text.slice(Math.max(0, t.index - 2), t.index);
  const word = /^[\s-]*(?:(?:million|billion|trillion|thousand|bn|mn)\s+)?([\p{L}/]+)/u.exec(after)?.[1];
  const unit = /^\s*(?:%|percent|per cent)/.test(after)
    ? 'percent'
    : /\$/.test(before)
      ? 'USD'
      : /[€]/.test(before)
        ? 'EUR'
        : (word?.toLowerCase().slice(0, 40) ?? 'count');
  return { value: t.abs ?? t.value, unit, ...(years.length === 1 ? { year: years[0]! } : {}) };
}

/** Drafts a pack from a document's text. */
export function draftPack(doc: DocumentText, opts: { sourceId?: string; title?: string } = {}): DraftPack {
  const stem = basename(doc.file, extname(doc.file));
  const sourceId = opts.sourceId ?? (slug(stem) || 'source');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(sourceId))
    throw new UserError(`--id ${sourceId}: a source id is lower-case words joined by hyphens`);
  const footnotes = countFootnoteMarkers(doc.text);
  const sourceDoc = makeSourceDoc(sourceId, doc.text, { file: doc.file, pseudoSections: [], footnotes }, doc.pages);

  // Sentences with their section.
  const pseudo: string[] = [];
  let section: string | undefined;
  let part = 1;
  let firstHeading: string | undefined;
  const prose: string[] = [];
  const items: { sentence: string; section: string }[] = [];
  for (const b of blocks(doc.text)) {
    if (b.kind === 'heading') {
      const name = headingName(b.text);
      if (name && sourceDoc.text.toLowerCase().includes(name.toLowerCase())) {
        section = name;
        firstHeading ??= name;
      }
    } else if (b.kind === 'break') {
      if (!section || section.startsWith('Part ')) section = `Part ${++part}`;
    } else if (b.kind === 'prose') {
      const sec = section ?? `Part ${part}`;
      if (!section && !pseudo.includes(sec)) pseudo.push(sec);
      if (sec.startsWith('Part ') && !pseudo.includes(sec)) pseudo.push(sec);
      prose.push(b.text);
      for (const s of sentences(b.text)) items.push({ sentence: s, section: sec });
    }
  }

  // Entities.
  const groups = candidateEntities(prose);
  const entities: Entity[] = [];
  const used = new Set<string>();
  const patterns: { id: string; re: RegExp }[] = [];
  for (const g of [...groups.values()].sort((a, b) => Math.max(...b.names.values()) - Math.max(...a.names.values()))) {
    const names = [...g.names.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    const name = names[0]!;
    let id = slug(name) || `entity-${entities.length + 1}`;
    for (let k = 2; used.has(id); k++) id = `${slug(name) || 'entity'}-${k}`;
    used.add(id);
    entities.push({
      id,
      name,
      type: g.type,
      description: `Draft: say in one line what ${name} is.`,
      aliases: names.map((text) => ({ text, lang: 'en' as const })),
      related: [],
      categories: ['politics'],
      draft: true,
    });
    patterns.push({
      id,
      re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'u'),
    });
  }

  // Claims: every sentence with a figure, then one mention for each entity that has none.
  const claims: Claim[] = [];
  const withClaim = new Set<string>();
  let lastEntity: string | undefined;
  const claimFor = (item: (typeof items)[number], ids: string[], figures: boolean) => {
    const notes = [...item.sentence.matchAll(SUPERSCRIPT)].map((m) =>
      Number([...m[0]].map((c) => SUPER_DIGITS.indexOf(c)).join('')),
    );
    const text = item.sentence.replace(SUPERSCRIPT, '').replace(/\s+/g, ' ').trim();
    const normal = makeSourceDoc('s', text, { file: '', pseudoSections: [], footnotes: 0 }).text;
    const { figures: figs, years } = sentenceFigures(normal);
    const anchor = anchorFor(normal, sourceDoc);
    const page = sourceDoc.pages?.findIndex((p) => p.includes(anchor));
    const sorted = [...new Set(years)].sort((a, b) => a - b);
    const asOf = sorted.length ? (sorted.length === 1 ? `${sorted[0]}` : `${sorted[0]}/${sorted.at(-1)}`) : undefined;
    claims.push({
      id: `${sourceId}-d${claims.length + 1}`.slice(0, 80),
      entities: ids,
      text: normal.slice(0, 1200),
      kind: 'fact',
      ...(asOf ? { asOf } : {}),
      quantities: figures ? figs.slice(0, 20).map((t) => quantityOf(t, normal, sorted)) : [],
      citation: {
        source: sourceId,
        section: item.section,
        ...(notes.length ? { footnotes: notes.filter((n) => n > 0).slice(0, 20) } : {}),
        ...(page !== undefined && page >= 0 ? { page: page + 1 } : {}),
      },
      anchor,
      draft: true,
    });
    for (const id of ids) withClaim.add(id);
  };
  /** The entities a sentence names, without a name found inside a longer one ("Harbour" in "Harbour Energy"). */
  const named = (s: string) => {
    const spans = patterns.flatMap((p) => {
      const m = p.re.exec(s);
      return m ? [{ id: p.id, a: m.index, b: m.index + m[0].length }] : [];
    });
    return spans
      .filter((x) => !spans.some((y) => y !== x && y.a <= x.a && y.b >= x.b && y.b - y.a > x.b - x.a))
      .map((x) => x.id);
  };
  for (const item of items) {
    const ids = named(item.sentence);
    const { figures } = sentenceFigures(item.sentence.replace(SUPERSCRIPT, ''));
    if (figures.length) {
      const who = ids.length ? ids : lastEntity ? [lastEntity] : [];
      if (who.length) claimFor(item, who.slice(0, 20), true);
    }
    if (ids.length) lastEntity = ids[0];
  }
  for (const e of entities) {
    if (withClaim.has(e.id)) continue;
    const p = patterns.find((x) => x.id === e.id)!;
    const item = items.find((i) => p.re.test(i.sentence));
    if (item) claimFor(item, [e.id], false);
  }
  // An entity named nowhere in a sentence (only in a heading) is dropped: a pack's entities all have claims.
  const kept = entities.filter((e) => withClaim.has(e.id));

  const title = opts.title ?? firstHeading ?? stem;
  return {
    meta: { id: `${sourceId}-pack`.slice(0, 80), version: '0.1.0', title: title.slice(0, 200) },
    source: {
      id: sourceId,
      title: title.slice(0, 300),
      author: null,
      publisher: null,
      year: null,
      kind: 'other',
      note: `Drafted by kb draft from ${basename(doc.file)}: give its author, publisher, year and kind.`,
      document: { path: doc.file, sections: pseudo, footnotes },
    },
    entities: kept,
    claims,
    file: doc.file,
  };
}

/** Writes a draft as a pack folder; refuses a folder that holds files unless `force`. Returns the files written. */
export function writeDraft(d: DraftPack, out: string, opts: { force?: boolean } = {}): string[] {
  if (existsSync(out) && readdirSync(out).length && !opts.force)
    throw new UserError(`${out}: the folder is not empty (give --force to overwrite the draft's files)`);
  mkdirSync(join(out, 'entities'), { recursive: true });
  mkdirSync(join(out, 'claims'), { recursive: true });
  const source = { ...d.source, document: { ...d.source.document, path: relative(resolve(out), resolve(d.file)) } };
  const files: [string, unknown][] = [
    ['pack.json', d.meta],
    ['sources.json', [source]],
    ['entities/draft.json', d.entities],
    ['claims/draft.json', d.claims],
  ];
  for (const [f, v] of files) writeFileSync(join(out, f), JSON.stringify(v, null, 2) + '\n');
  return files.map(([f]) => f);
}
