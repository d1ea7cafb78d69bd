import type { CardData, FigureCheck } from '../../lib/shared/protocol';
import { t } from '../../lib/shared/i18n';
import { formatNumber, typeLabel } from '../../lib/ui/format';
import { ClaimItem } from '../../lib/ui/ClaimItem';

export interface CardProps {
  data: CardData;
  onClose: () => void;
  onMore: () => void;
  onHide: (scope: 'page' | 'everywhere') => void;
}

function Figure({ f }: { f: FigureCheck }) {
  const source = `${formatNumber(f.sourceValue)}${f.unit ? ` ${f.unit}` : ''}${f.year ? ` (${f.year})` : ''}`;
  return f.agrees ? (
    <p class="fl-figure fl-agrees" role="note">
      {t('figureAgrees', f.pageText, source)}
    </p>
  ) : (
    <p class="fl-figure fl-differs" role="alert">
      <strong>{t('figuresDiffer')}</strong> {t('figureDiffers', f.pageText, source)}
    </p>
  );
}

/** A click handler that acts on the reader's own clicks only, never on a page script's el.click(). */
const reader = (fn: () => void) => (e: MouseEvent) => {
  if (e.isTrusted) fn();
};

export function Card({ data, onClose, onMore, onHide }: CardProps) {
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
        <button type="button" class="fl-close" aria-label={t('close')} onClick={reader(onClose)}>
          ×
        </button>
      </header>
      <p class="fl-desc">{entity.description}</p>
      {figures
        .filter((f) => !f.agrees)
        .map((f) => (
          <Figure key={`${f.claim}-${f.pageText}`} f={f} />
        ))}
      {figures
        .filter((f) => f.agrees)
        .slice(0, 1)
        .map((f) => (
          <Figure key={`${f.claim}-${f.pageText}`} f={f} />
        ))}
      <ul class="fl-claims">
        {claims.map((c) => (
          <ClaimItem key={c.id} claim={c} place="card" />
        ))}
      </ul>
      <footer class="fl-foot">
        <button type="button" class="fl-link" onClick={reader(onMore)}>
          {total > claims.length ? t('allClaims', total) : t('openInFactlens')}
        </button>
        <span class="fl-spacer" />
        <button type="button" class="fl-link" onClick={reader(() => onHide('page'))}>
          {t('hideOnPage')}
        </button>
        <button type="button" class="fl-link" onClick={reader(() => onHide('everywhere'))}>
          {t('hideEverywhere')}
        </button>
      </footer>
    </section>
  );
}
