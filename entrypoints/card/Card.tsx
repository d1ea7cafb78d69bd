import type { CardData, FigureCheck } from '../../lib/shared/protocol';
import { t } from '../../lib/shared/i18n';
import { formatNumber, typeLabel } from '../../lib/ui/format';
import { ClaimItem } from '../../lib/ui/ClaimItem';
import { claimForKey, copyKey, copyWithStatus, type CopyFormat, type CopyStatus } from '../../lib/ui/CopyActions';
import { Component } from 'preact';
import type { ClaimView } from '../../lib/shared/protocol';

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

/** The card's own keys, listed on `?`. */
function KeyList() {
  const rows: [string, string][] = [
    ['c', t('keyCopyClaim')],
    ['b', t('keyCopyBibtex')],
    ['j', t('keyCopyCsl')],
    ['?', t('keyShowKeys')],
    ['Esc', t('cmdCloseCard')],
  ];
  return (
    <dl class="fl-keylist" aria-label={t('cardKeys')}>
      {rows.map(([k, what]) => (
        <div key={k}>
          <dt>
            <kbd>{k}</kbd>
          </dt>
          <dd>{what}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A class, not hooks: the card's script stays free of preact/hooks. */
export class Card extends Component<CardProps, { status?: CopyStatus; keys: boolean }> {
  override state = { status: undefined as CopyStatus | undefined, keys: false };

  private copy = (c: ClaimView, format: CopyFormat) => {
    void copyWithStatus(c, format).then((status) => this.setState({ status }));
  };

  private toggleKeys = () => this.setState((s) => ({ keys: !s.keys }));

  private onKeyDown = (e: KeyboardEvent) => {
    if (!e.isTrusted) return;
    if (e.key === '?' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      this.toggleKeys();
      return;
    }
    const format = copyKey(e);
    const claim = format && claimForKey(e.target, this.props.data.claims);
    if (!format || !claim) return;
    e.preventDefault();
    this.copy(claim, format);
  };

  override render() {
    const { data, onClose, onMore, onHide } = this.props;
    const { status, keys } = this.state;
    const copy = this.copy;
    const onKeyDown = this.onKeyDown;
    const { entity, claims, figures, total } = data;
    const titleId = `fl-title-${entity.id}`;
    return (
      <section class="fl-card" role="dialog" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
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
            <ClaimItem key={c.id} claim={c} place="card" onCopy={copy} />
          ))}
        </ul>
        <p class={`fl-status${status && !status.ok ? ' fl-status-error' : ''}`} role="status">
          {status?.text ?? ''}
        </p>
        {keys ? <KeyList /> : null}
        <footer class="fl-foot">
          <button type="button" class="fl-link" onClick={reader(onMore)}>
            {total > claims.length ? t('allClaims', total) : t('openInFactlens')}
          </button>
          <button
            type="button"
            class="fl-link fl-keys"
            aria-expanded={keys}
            aria-keyshortcuts="?"
            title={t('cardKeys')}
            onClick={reader(this.toggleKeys)}
          >
            {t('keysHint')}
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
}
