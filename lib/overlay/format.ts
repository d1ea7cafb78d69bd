/** Shared text formatting for the card and the popup (no dependencies). */
import type { ClaimView } from '../protocol';

const TYPE_LABELS: Record<string, string> = {
  'payment-system': 'payment system',
  'power-plant': 'power plant',
  'weapon-system': 'weapon system',
  'military-exercise': 'military exercise',
};

export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

const KIND_LABELS: Record<ClaimView['kind'], string> = {
  fact: 'Fact',
  statement: 'Statement',
  assessment: 'Assessment',
  estimate: 'Estimate',
};

export function kindLabel(kind: ClaimView['kind']): string {
  return KIND_LABELS[kind];
}

/** "Harley Balzer, Axis of Collusion… (Atlantic Council, 2021)". */
export function sourceLine(c: ClaimView): string {
  const s = c.source;
  const pub = [s.publisher, s.year].filter((x) => x !== null && x !== undefined).join(', ');
  return `${s.author ? `${s.author}, ` : ''}${s.title}${pub ? ` (${pub})` : ''}`;
}

/** "section “…”, note 12 (citing …)". */
export function whereLine(c: ClaimView): string {
  const parts = [`section “${c.citation.section}”`];
  if (c.citation.footnotes?.length) parts.push(`${c.citation.footnotes.length > 1 ? 'notes' : 'note'} ${c.citation.footnotes.join(', ')}`);
  let out = parts.join(', ');
  if (c.citation.secondary) out += ` — citing ${c.citation.secondary}`;
  return out;
}

export function formatNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
