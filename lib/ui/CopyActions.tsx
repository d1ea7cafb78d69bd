/**
 * Copying a claim from the card and the popup: by its buttons, or by a key
 * while the card or the claim has focus. No hooks here: the card is a class
 * component, so that its script carries no preact/hooks.
 */
import type { ClaimView } from '../shared/protocol';
import { t } from '../shared/i18n';
import { bibtex, claimHtml, claimText, cslJson } from './cite';
import { copyToClipboard } from './clipboard';

export type CopyFormat = 'text' | 'bibtex' | 'csl';

/** The keys, as the card's key list and the options page's shortcut table show them. */
const COPY_KEYS = { c: 'text', b: 'bibtex', j: 'csl' } as const satisfies Record<string, CopyFormat>;

function copyClaim(c: ClaimView, format: CopyFormat): Promise<void> {
  if (format === 'text') return copyToClipboard(claimText(c), claimHtml(c));
  return copyToClipboard(format === 'bibtex' ? bibtex(c) : cslJson(c));
}

const LABEL = { text: 'copyClaim', bibtex: 'copyBibtex', csl: 'copyCsl' } as const;
const DONE = { text: 'copiedClaim', bibtex: 'copiedBibtex', csl: 'copiedCsl' } as const;

/** The copy format a key press asks for: a bare `c`, `b` or `j`, not typed into a field. */
export function copyKey(e: KeyboardEvent): CopyFormat | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return undefined;
  const el = e.target as HTMLElement | null;
  if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return undefined;
  return (COPY_KEYS as Record<string, CopyFormat>)[e.key];
}

/** The claim a key acts on: the one that holds the focus, else the first. */
export function claimForKey(target: EventTarget | null, claims: readonly ClaimView[]): ClaimView | undefined {
  const item = (target as Element | null)?.closest?.('[data-claim]');
  const id = item?.getAttribute('data-claim');
  return claims.find((c) => c.id === id) ?? claims[0];
}

export interface CopyStatus {
  ok: boolean;
  text: string;
}

/** Copies, and says how it went in the line under the claims. */
export function copyWithStatus(c: ClaimView, format: CopyFormat): Promise<CopyStatus> {
  return copyClaim(c, format).then(
    () => ({ ok: true, text: t(DONE[format]) }),
    (e: unknown) => ({ ok: false, text: t('copyFailed', e instanceof Error ? e.message : String(e)) }),
  );
}

/** The three copy buttons under a claim. */
export function CopyButtons({
  claim,
  onCopy,
  classes,
}: {
  claim: ClaimView;
  onCopy: (c: ClaimView, format: CopyFormat) => void;
  classes: { row: string; button: string };
}) {
  return (
    <p class={classes.row}>
      {(['text', 'bibtex', 'csl'] as const).map((f) => (
        <button
          key={f}
          type="button"
          class={classes.button}
          data-copy={f}
          aria-label={`${t(LABEL[f])}: ${claim.text.slice(0, 60)}`}
          onClick={(e) => e.isTrusted && onCopy(claim, f)}
        >
          {t(LABEL[f])}
        </button>
      ))}
    </p>
  );
}
