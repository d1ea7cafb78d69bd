/**
 * A claim as it leaves Factlens: plain text and HTML for pasting, the citation
 * alone as CSL-JSON and BibTeX, and the link to the source at the passage (a
 * text fragment). Our own small mapping, not citation-js (see docs/citations.md):
 * it runs in the card, whose script is injected into pages and size-budgeted.
 *
 * The copied text is in English whatever the UI language, like the claims it
 * carries (the pack is written in English), and so the same for every reader.
 */
import type { ClaimView } from '../shared/protocol';
import type { Source } from '../model/schema';

type Claimish = Pick<ClaimView, 'text' | 'kind' | 'attributedTo' | 'asOf' | 'citation' | 'anchor' | 'source'>;
type Citation = ClaimView['citation'];

const KIND: Record<ClaimView['kind'], string> = {
  fact: 'Fact',
  statement: 'Statement',
  assessment: 'Assessment',
  estimate: 'Estimate',
};

/** The source's public page, when it has one (http or https only: a pack cannot smuggle a script URL). */
export function publicUrl(source: Pick<Source, 'url'>): string | undefined {
  const u = source.url;
  return u && /^https?:\/\//i.test(u) ? u : undefined;
}

/** A page that a text fragment cannot reach into: a PDF (Chromium does not apply fragments inside its viewer). */
const isPdf = (url: string) => /\.pdf(?:$|[?#])/i.test(new URL(url).pathname + new URL(url).search);

/** Quotes and apostrophes: publishers print curly ones where our anchors may have straight ones, or the reverse. */
const QUOTES = /["'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb]/;
/** Where a footnote marker may sit in the printed text: after a stop, comma, colon, semicolon or bracket. */
const MARKER_SPOT = /(?<=[.,;:!?)\]])\s+/;
/** The fewest words a fragment may have: shorter ones match too many places. */
const MIN_FRAGMENT_WORDS = 4;

/**
 * The stretch of the anchor a text fragment looks for, or undefined to link
 * the page alone. The anchor was checked against the text we hold, which may
 * differ from the public page in two ways: quotes and apostrophes (straight in
 * one, curly in the other), and footnote markers (taken out of our text, still
 * printed on the page after a punctuation mark). So the anchor is cut at every
 * quote and, when the claim cites a footnote, at every place a marker may sit;
 * the longest piece is kept if it has at least four words.
 */
export function fragmentText(anchor: string, citation: Pick<Citation, 'footnotes'>): string | undefined {
  let pieces = splitAtQuotes(anchor);
  if (citation.footnotes?.length) pieces = pieces.flatMap((p) => p.split(MARKER_SPOT));
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  // Punctuation at the ends of a piece belongs to the cut, not to the words.
  const cleaned = pieces.map((p) => p.trim().replace(/^[\s.,;:!?()[\]–—-]+|[\s.,;:!?()[\]–—-]+$/gu, ''));
  let best = '';
  for (const p of cleaned) if (words(p).length > words(best).length) best = p;
  return words(best).length >= MIN_FRAGMENT_WORDS ? best.replace(/\s+/g, ' ') : undefined;
}

/**
 * The anchor's pieces between quotes. A quote inside a word (an apostrophe:
 * "Xi's") takes that word with it, since a fragment starts and ends at word
 * boundaries: "Xi's first trip" leaves "first trip".
 */
function splitAtQuotes(anchor: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  let dropFirst = false;
  const re = new RegExp(QUOTES.source, 'g');
  for (let m = re.exec(anchor); ; m = re.exec(anchor)) {
    const end = m ? m.index : anchor.length;
    let piece = anchor.slice(start, end);
    const inWord = !!m && /\p{L}/u.test(anchor[end - 1] ?? '') && /\p{L}/u.test(anchor[end + 1] ?? '');
    if (dropFirst) piece = piece.replace(/^\S*/, '');
    if (inWord) piece = piece.replace(/\S*$/, '');
    pieces.push(piece);
    if (!m) break;
    start = end + 1;
    dropFirst = inWord;
  }
  return pieces;
}

/**
 * Percent-encodes a text directive's term (Text Fragments, "text directive"):
 * everything encodeURIComponent encodes, and `-` (it would end a prefix), plus
 * `!'()*~` that some parsers treat as delimiters. `&` and `,` are encoded by
 * encodeURIComponent already.
 */
export function encodeFragmentTerm(s: string): string {
  return encodeURIComponent(s).replace(/[-!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The link to the source: its public page, at the claim's passage when a text
 * fragment can find it there (see fragmentText), the page alone otherwise;
 * undefined when the source has no public page.
 */
export function passageUrl(c: Pick<Claimish, 'source' | 'anchor' | 'citation'>): string | undefined {
  const url = publicUrl(c.source);
  if (!url) return undefined;
  if (isPdf(url)) return url;
  const text = fragmentText(c.anchor, c.citation);
  if (!text) return url;
  const base = url.replace(/#.*$/, '');
  return `${base}#:~:text=${encodeFragmentTerm(text)}`;
}

/** An untitled work's title is a description: written in square brackets, as citation styles do. */
const titleOf = (s: Pick<Source, 'title'>) => (/^untitled\b/i.test(s.title) ? `[${s.title}]` : `“${s.title}”`);

/** "Harley Balzer, “Axis of Collusion…”, Atlantic Council, 2021" or "[Untitled essay…], author unknown, undated". */
export function sourceText(s: Source): string {
  const parts = s.author ? [s.author, titleOf(s)] : [titleOf(s), 'author unknown'];
  if (s.publisher) parts.push(s.publisher);
  parts.push(s.year !== null && s.year !== undefined ? String(s.year) : 'undated');
  return parts.join(', ');
}

/** "section “Summary”, p. 12, note 49 (citing …)". */
function locatorText(c: Citation): string {
  const parts = [`section “${c.section}”`];
  if (c.page) parts.push(`p. ${c.page}`);
  if (c.footnotes?.length) parts.push(`${c.footnotes.length > 1 ? 'notes' : 'note'} ${c.footnotes.join(', ')}`);
  let out = parts.join(', ');
  if (c.secondary) out += ` (citing ${c.secondary})`;
  return out;
}

/** "Assessment · by Harley Balzer · as of 2021". */
function attributionText(c: Pick<Claimish, 'kind' | 'attributedTo' | 'asOf'>): string {
  let out = KIND[c.kind];
  if (c.attributedTo) out += ` · ${c.kind === 'statement' ? 'said by' : 'by'} ${c.attributedTo}`;
  if (c.asOf) out += ` · as of ${c.asOf}`;
  return out;
}

/** The claim with its attribution, date and citation, as plain text. */
export function claimText(c: Claimish): string {
  const url = passageUrl(c);
  return [
    c.text,
    attributionText(c),
    `Source: ${sourceText(c.source)}, ${locatorText(c.citation)}, at “${c.anchor}”.${url ? ` ${url}` : ''}`,
  ].join('\n');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** The same as claimText, as HTML for rich paste: the source linked at the passage. */
export function claimHtml(c: Claimish): string {
  const url = passageUrl(c);
  const src = escapeHtml(sourceText(c.source));
  const linked = url ? `<a href="${escapeHtml(url)}">${src}</a>` : src;
  return (
    `<blockquote><p>${escapeHtml(c.text)}</p>` +
    `<p><small>${escapeHtml(attributionText(c))}</small></p>` +
    `<p><small>Source: ${linked}, ${escapeHtml(locatorText(c.citation))}, at “${escapeHtml(c.anchor)}”.</small></p></blockquote>`
  );
}

/** A personal name as CSL and BibTeX want it: the last word is the family name. */
function splitName(name: string): { family: string; given?: string } {
  const words = name.trim().split(/\s+/);
  const family = words.pop()!;
  return words.length ? { family, given: words.join(' ') } : { family };
}

const CSL_TYPE: Record<Source['kind'], string> = {
  report: 'report',
  essay: 'article',
  article: 'article',
  book: 'book',
  dataset: 'dataset',
  other: 'document',
};

/** The note a citation carries besides its section and page: footnotes, the secondary source. */
function noteOf(c: Citation, s: Source): string | undefined {
  const parts: string[] = [];
  if (c.footnotes?.length) parts.push(`${c.footnotes.length > 1 ? 'notes' : 'note'} ${c.footnotes.join(', ')}`);
  if (c.secondary) parts.push(`citing ${c.secondary}`);
  if (!s.author) parts.push('author unknown');
  if (s.year === null || s.year === undefined) parts.push('undated');
  return parts.length ? parts.join('; ') : undefined;
}

interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: { family: string; given?: string }[];
  publisher?: string;
  issued?: { 'date-parts': number[][] };
  URL?: string;
  genre?: string;
  section: string;
  page?: number;
  note?: string;
}

/** The claim's citation as one CSL-JSON item (csl-data.json), with its section, page and note. */
function cslItem(c: Pick<Claimish, 'citation' | 'source' | 'anchor'>): CslItem {
  const s = c.source;
  const item: CslItem = { id: s.id, type: CSL_TYPE[s.kind], title: s.title, section: c.citation.section };
  if (s.author) item.author = [splitName(s.author)];
  if (s.publisher) item.publisher = s.publisher;
  if (s.year !== null && s.year !== undefined) item.issued = { 'date-parts': [[s.year]] };
  if (s.kind === 'essay') item.genre = 'essay';
  const url = publicUrl(s);
  if (url) item.URL = url;
  if (c.citation.page) item.page = c.citation.page;
  const note = noteOf(c.citation, s);
  if (note) item.note = note;
  return item;
}

/** CSL-JSON text: an array of one item, as Zotero, Pandoc and citeproc read it. */
export function cslJson(c: Pick<Claimish, 'citation' | 'source' | 'anchor'>): string {
  return JSON.stringify([cslItem(c)], null, 2);
}

/** Escapes BibTeX's special characters in a field's value (braces are kept balanced by escaping them). */
function bibEscape(s: string): string {
  return s.replace(/[\\{}&%$#_^~]/g, (ch) =>
    ch === '\\' ? '\\textbackslash{}' : ch === '^' ? '\\^{}' : ch === '~' ? '\\~{}' : `\\${ch}`,
  );
}

const BIB_TYPE: Record<Source['kind'], string> = {
  report: 'techreport',
  essay: 'misc',
  article: 'misc',
  book: 'book',
  dataset: 'misc',
  other: 'misc',
};

/** The claim's citation as one BibTeX entry keyed by the source's id (UTF-8, as biber and bibtex8 read it). */
export function bibtex(c: Pick<Claimish, 'citation' | 'source' | 'anchor'>): string {
  const s = c.source;
  const type = BIB_TYPE[s.kind];
  const fields: [string, string][] = [];
  if (s.author) {
    const n = splitName(s.author);
    fields.push(['author', bibEscape(n.given ? `${n.family}, ${n.given}` : n.family)]);
  }
  // Double braces keep the title's capitals as written.
  fields.push(['title', `{${bibEscape(s.title)}}`]);
  if (s.publisher) fields.push([type === 'techreport' ? 'institution' : 'publisher', bibEscape(s.publisher)]);
  if (s.year !== null && s.year !== undefined) fields.push(['year', String(s.year)]);
  if (s.kind === 'essay') fields.push(['type', 'Essay']);
  const url = publicUrl(s);
  // A URL is read verbatim (the url package): only braces would break the entry.
  if (url) fields.push(['url', url.replace(/\{/g, '%7B').replace(/\}/g, '%7D')]);
  if (c.citation.page) fields.push(['pages', String(c.citation.page)]);
  const note = [`Section “${c.citation.section}”`, noteOf(c.citation, s)].filter(Boolean).join('; ');
  fields.push(['note', bibEscape(note)]);
  return `@${type}{${s.id},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}\n`;
}
