/** Shared text formatting for the card, the popup and the options page. */
import { t, tOr, uiLanguage } from '../shared/i18n';
import type { ClaimView } from '../shared/protocol';
import { publicUrl } from './cite';

/** "payment system", in the UI language. */
export function typeLabel(type: string): string {
  return tOr('type_', type, type.replace(/-/g, ' '));
}

export function kindLabel(kind: ClaimView['kind']): string {
  return tOr('kind_', kind);
}

export function categoryLabel(category: string): string {
  return tOr('cat_', category, category.replace(/-/g, ' '));
}

/** "said by X" / "by X" / "as of 2021" after a claim's kind. */
export function attributionLine(c: Pick<ClaimView, 'kind' | 'attributedTo' | 'asOf'>): string {
  let out = '';
  if (c.attributedTo) out += ` · ${t(c.kind === 'statement' ? 'saidBy' : 'by', c.attributedTo)}`;
  if (c.asOf) out += ` · ${t('asOf', c.asOf)}`;
  return out;
}

/** "Harley Balzer, Axis of Collusion… (Atlantic Council, 2021)". */
export function sourceLine(c: Pick<ClaimView, 'source'>): string {
  const s = c.source;
  const pub = [s.publisher, s.year].filter((x) => x !== null && x !== undefined).join(', ');
  return `${s.author ? `${s.author}, ` : ''}${s.title}${pub ? ` (${pub})` : ''}`;
}

/** The source's public page, when it has one (http or https only: a pack cannot smuggle a script URL). */
export function sourceUrl(c: Pick<ClaimView, 'source'>): string | undefined {
  return publicUrl(c.source);
}

/** "section “…”, note 12 (citing …)". */
export function whereLine(c: ClaimView): string {
  const parts = [t('citeSection', c.citation.section)];
  if (c.citation.page) parts.push(t('citePage', String(c.citation.page)));
  if (c.citation.footnotes?.length)
    parts.push(t(c.citation.footnotes.length > 1 ? 'citeNotes' : 'citeNote', c.citation.footnotes.join(', ')));
  let out = parts.join(', ');
  if (c.citation.secondary) out += ` — ${t('citing', c.citation.secondary)}`;
  return out;
}

export function formatNumber(n: number): string {
  let lang = uiLanguage();
  try {
    new Intl.NumberFormat(lang);
  } catch {
    lang = 'en';
  }
  return n.toLocaleString(lang, { maximumFractionDigits: 2 });
}

/** "at “…”": the words of the source the claim rests on. */
export function anchorLine(anchor: string): string {
  return t('atAnchor', anchor);
}
