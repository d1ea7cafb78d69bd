/** One claim as the card and the popup's entity view show it: text, kind and attribution, editor's note, citation. */
import type { ClaimView } from '../shared/protocol';
import { t } from '../shared/i18n';
import { anchorLine, attributionLine, kindLabel, whereLine } from './format';
import { SourceCite } from './SourceCite';
import { CopyButtons, type CopyFormat } from './CopyActions';

/** Class names of each place: the card's live in its shadow root under an `fl-` prefix. */
const CLASSES = {
  card: {
    item: 'fl-claim',
    text: 'fl-text',
    meta: 'fl-meta',
    note: 'fl-note',
    cite: 'fl-cite',
    anchor: 'fl-anchor',
    copy: { row: 'fl-copy', button: 'fl-link fl-small' },
  },
  popup: {
    item: 'claim',
    text: '',
    meta: 'meta',
    note: 'meta note',
    cite: 'meta',
    anchor: '',
    copy: { row: 'meta copy', button: 'linkish small' },
  },
} as const;

export function ClaimItem({
  claim: c,
  place,
  onCopy,
}: {
  claim: ClaimView;
  place: keyof typeof CLASSES;
  onCopy?: (c: ClaimView, format: CopyFormat) => void;
}) {
  const k = CLASSES[place];
  const kind = kindLabel(c.kind);
  return (
    <li class={k.item} data-claim={c.id}>
      <p class={k.text || undefined}>{c.text}</p>
      <p class={k.meta}>
        {place === 'card' ? <span class={`fl-kind fl-kind-${c.kind}`}>{kind}</span> : <strong>{kind}</strong>}
        {attributionLine(c)}
      </p>
      {c.note ? <p class={k.note}>{t('editorsNote', c.note)}</p> : null}
      <p class={k.cite}>
        <SourceCite claim={c} />, {whereLine(c)}
        <span class={k.anchor || undefined}> — {anchorLine(c.anchor)}</span>
      </p>
      {onCopy ? <CopyButtons claim={c} onCopy={onCopy} classes={k.copy} /> : null}
    </li>
  );
}
