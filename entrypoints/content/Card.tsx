import type { CardData, ClaimView, FigureCheck } from '../../lib/protocol';
import { formatNumber, kindLabel, sourceLine, typeLabel, whereLine } from '../../lib/overlay/format';

export interface CardProps {
  data: CardData;
  onClose: () => void;
  onMore: () => void;
  onMute: (scope: 'page' | 'everywhere') => void;
}

function Figure({ f }: { f: FigureCheck }) {
  const unit = f.unit ? ` ${f.unit}` : '';
  return f.agrees ? (
    <p class="fl-figure fl-agrees" role="note">
      This page’s figure ({f.pageText}) matches the source: {formatNumber(f.sourceValue)}
      {unit}
      {f.year ? ` (${f.year})` : ''}.
    </p>
  ) : (
    <p class="fl-figure fl-differs" role="alert">
      <strong>Figures differ.</strong> This page says {f.pageText}; the source says {formatNumber(f.sourceValue)}
      {unit}
      {f.year ? ` (${f.year})` : ''}.
    </p>
  );
}

function Claim({ c }: { c: ClaimView }) {
  return (
    <li class="fl-claim">
      <p class="fl-text">{c.text}</p>
      <p class="fl-meta">
        <span class={`fl-kind fl-kind-${c.kind}`}>{kindLabel(c.kind)}</span>
        {c.attributedTo ? <span> · {c.kind === 'statement' ? 'said by' : 'by'} {c.attributedTo}</span> : null}
        {c.asOf ? <span> · as of {c.asOf}</span> : null}
      </p>
      {c.note ? <p class="fl-note">Editor’s note: {c.note}</p> : null}
      <p class="fl-cite">
        <cite>{sourceLine(c)}</cite>, {whereLine(c)}
        <span class="fl-anchor"> — at “{c.anchor}”</span>
      </p>
    </li>
  );
}

export function Card({ data, onClose, onMore, onMute }: CardProps) {
  const { entity, claims, figures, total } = data;
  const titleId = `fl-title-${entity.id}`;
  return (
    <section class="fl-card" role="dialog" aria-labelledby={titleId} tabIndex={-1}>
      <header class="fl-head">
        <div>
          <h2 id={titleId} class="fl-name">
            {entity.name}
          </h2>
          <p class="fl-type">{typeLabel(entity.type)}</p>
        </div>
        <button type="button" class="fl-close" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      <p class="fl-desc">{entity.description}</p>
      {figures.filter((f) => !f.agrees).map((f) => (
        <Figure key={`${f.claim}-${f.pageText}`} f={f} />
      ))}
      {figures.filter((f) => f.agrees).slice(0, 1).map((f) => (
        <Figure key={`${f.claim}-${f.pageText}`} f={f} />
      ))}
      <ul class="fl-claims">
        {claims.map((c) => (
          <Claim key={c.id} c={c} />
        ))}
      </ul>
      <footer class="fl-foot">
        <button type="button" class="fl-link" onClick={onMore}>
          {total > claims.length ? `All ${total} claims` : 'Open in Factlens'}
        </button>
        <span class="fl-spacer" />
        <button type="button" class="fl-link" onClick={() => onMute('page')}>
          Hide on this page
        </button>
        <button type="button" class="fl-link" onClick={() => onMute('everywhere')}>
          Hide everywhere
        </button>
      </footer>
    </section>
  );
}
