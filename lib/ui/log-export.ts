/**
 * The reading log as files the reader takes away: CSV, Markdown, W3C Web
 * Annotation JSON-LD (target: the page with a TextQuoteSelector for the
 * mention; body: the claims with their sources), and schema.org ClaimReview
 * JSON-LD for an entry whose page gave a figure that differs from a claim's.
 * Built in the options page from the log and the claims still installed.
 */
import type { ClaimView, LogEntry } from '../shared/protocol';
import { claimText, passageUrl, sourceText } from './cite';

/** Claims by id: a claim whose pack was removed since is named by its id only. */
export type ClaimLookup = ReadonlyMap<string, ClaimView>;

const iso = (at: number) => new Date(at).toISOString();

/** A CSV field (RFC 4180), with a leading = + - @ or control character defused (a spreadsheet would run it). */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function logToCsv(entries: readonly LogEntry[], claims: ClaimLookup): string {
  const head = ['time', 'entity', 'page_title', 'page_url', 'site', 'mention', 'claims', 'sources', 'figure_differs'];
  const rows = entries.map((e) => [
    iso(e.at),
    e.entityName,
    e.title,
    e.url,
    e.host,
    e.mention,
    e.claims.join(' '),
    [...new Set(e.claims.flatMap((id) => (claims.get(id) ? [sourceText(claims.get(id)!.source)] : [])))].join(' | '),
    e.differs.length
      ? e.differs.map((f) => `${f.pageText} vs ${f.sourceValue}${f.unit ? ` ${f.unit}` : ''}`).join('; ')
      : '',
  ]);
  return [head, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Markdown's inline specials, escaped. */
const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
/** A URL inside a Markdown link: no spaces or parentheses left to end it early. */
const mdUrl = (u: string) => u.replace(/[ ()]/g, (c) => encodeURIComponent(c));

export function logToMarkdown(entries: readonly LogEntry[], claims: ClaimLookup): string {
  const out = ['# Factlens reading log', ''];
  for (const e of entries) {
    out.push(`## ${md(e.entityName)} — ${iso(e.at)}`, '');
    out.push(`Page: [${md(e.title || e.url)}](${mdUrl(e.url)})${e.mention ? ` — mention “${md(e.mention)}”` : ''}`, '');
    for (const f of e.differs)
      out.push(
        `**Figure differs:** the page says ${md(f.pageText)}, the source ${f.sourceValue}${f.unit ? ` ${md(f.unit)}` : ''}${f.year ? ` (${f.year})` : ''}.`,
        '',
      );
    for (const id of e.claims) {
      const c = claims.get(id);
      if (!c) {
        out.push(`- Claim \`${id}\` (no longer installed)`);
        continue;
      }
      const url = passageUrl(c);
      const [text, attribution, source] = claimText({ ...c, source: { ...c.source, url: null } }).split('\n');
      out.push(`- ${md(text!)}  `, `  ${md(attribution!)}  `, `  ${md(source!)}${url ? ` [Open](${mdUrl(url)})` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The mention with up to 32 characters either side, as a TextQuoteSelector wants them. */
function quoteSelector(e: LogEntry) {
  const exact = e.mention || e.context;
  if (!exact) return undefined;
  const at = e.mention ? e.context.indexOf(e.mention) : -1;
  const sel: { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string } = {
    type: 'TextQuoteSelector',
    exact,
  };
  if (at >= 0) {
    const prefix = e.context.slice(Math.max(0, at - 32), at);
    const suffix = e.context.slice(at + exact.length, at + exact.length + 32);
    if (prefix) sel.prefix = prefix;
    if (suffix) sel.suffix = suffix;
  }
  return sel;
}

const annotationId = (e: LogEntry) => `urn:factlens:reading-log:${e.at}:${encodeURIComponent(e.entity)}`;

function annotation(e: LogEntry, claims: ClaimLookup) {
  const selector = quoteSelector(e);
  const body: Record<string, unknown>[] = [];
  for (const id of e.claims) {
    const c = claims.get(id);
    if (!c) continue;
    body.push({
      type: 'TextualBody',
      value: claimText(c),
      format: 'text/plain',
      language: 'en',
      purpose: 'describing',
    });
    const url = passageUrl(c);
    if (url) body.push({ id: url, type: 'Text', purpose: 'linking' });
  }
  return {
    id: annotationId(e),
    type: 'Annotation',
    motivation: 'describing',
    created: iso(e.at),
    generator: { type: 'Software', name: 'Factlens' },
    body,
    target: { source: e.url, ...(selector ? { selector } : {}) },
  };
}

/** W3C Web Annotation JSON-LD: one Annotation per entry, in an AnnotationCollection. */
export function logToWebAnnotation(entries: readonly LogEntry[], claims: ClaimLookup): string {
  const items = entries.map((e) => annotation(e, claims));
  return JSON.stringify(
    {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:factlens:reading-log',
      type: 'AnnotationCollection',
      label: 'Factlens reading log',
      total: items.length,
      first: { id: 'urn:factlens:reading-log:page-0', type: 'AnnotationPage', startIndex: 0, items },
    },
    null,
    2,
  );
}

/** A source as a schema.org CreativeWork. */
function creativeWork(c: ClaimView) {
  const s = c.source;
  const work: Record<string, unknown> = { '@type': s.kind === 'report' ? 'Report' : 'CreativeWork', name: s.title };
  if (s.author) work['author'] = { '@type': 'Person', name: s.author };
  if (s.publisher) work['publisher'] = { '@type': 'Organization', name: s.publisher };
  if (s.year) work['datePublished'] = String(s.year);
  const url = passageUrl(c);
  if (url) work['url'] = url;
  return work;
}

/**
 * schema.org ClaimReview JSON-LD of an entry whose page gave a figure that
 * differs from a claim's (undefined for any other entry): the claim reviewed
 * is the page's sentence, its appearance the page; the rating says the figure
 * differs from the cited source, which the review cites.
 */
export function entryToClaimReview(e: LogEntry, claims: ClaimLookup): string | undefined {
  if (!e.differs.length) return undefined;
  const cited = e.differs.map((f) => claims.get(f.claim)).filter((c): c is ClaimView => !!c);
  const says = e.differs
    .map((f) => {
      const c = claims.get(f.claim);
      const src = c ? ` (${sourceText(c.source)})` : '';
      return `The page gives ${f.pageText}; the source${src} gives ${f.sourceValue}${f.unit ? ` ${f.unit}` : ''}${f.year ? ` for ${f.year}` : ''}.`;
    })
    .join(' ');
  return JSON.stringify(
    {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      datePublished: iso(e.at).slice(0, 10),
      claimReviewed: e.context || e.mention,
      itemReviewed: {
        '@type': 'Claim',
        appearance: { '@type': 'CreativeWork', url: e.url, ...(e.title ? { headline: e.title } : {}) },
      },
      author: { '@type': 'Organization', name: 'Factlens reader (automatic figure check)' },
      reviewRating: {
        '@type': 'Rating',
        alternateName: 'Figure differs from the cited source',
        ratingExplanation: says,
      },
      reviewBody: says,
      citation: cited.map(creativeWork),
    },
    null,
    2,
  );
}
