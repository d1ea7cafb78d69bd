/**
 * "Open PDF links in the Factlens viewer" (off by default). Turning it on asks
 * for the optional webNavigation permission, inside the click (browsers ask only
 * in a user gesture); turning it off gives the permission back.
 * See docs/adr/0010-open-pdf-links.md.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren, JSX } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../lib/shared/i18n';
import type { Settings } from '../../lib/model/settings';

/** The same as PDF_LINKS_PERMISSION in lib/background/pdf-links.ts (the options page may not load the background's code). */
const PERMISSION = { permissions: ['webNavigation' as const] };

export function PdfLinks({
  s,
  save,
  Section,
}: {
  s: Settings;
  save: (patch: Partial<Settings>) => Promise<void>;
  Section: (p: { id: string; title: string; children: ComponentChildren }) => JSX.Element;
}) {
  const [error, setError] = useState<string>();
  const [granted, setGranted] = useState<boolean>();
  const check = () => browser.permissions.contains(PERMISSION).then(setGranted, () => setGranted(false));
  useEffect(() => void check(), [s.openPdfLinks]);

  // Asked for at once, in the click: nothing is awaited before permissions.request.
  const turnOn = async (box: HTMLInputElement) => {
    const ok = await browser.permissions.request(PERMISSION).catch(() => false);
    if (!ok) {
      box.checked = false;
      setError(t('pdfLinksRefused'));
      return;
    }
    await save({ openPdfLinks: true });
    await check();
  };
  const turnOff = async () => {
    await save({ openPdfLinks: false });
    // A build that requires the permission (the end-to-end tests' copy) cannot give it back.
    await browser.permissions.remove(PERMISSION).catch(() => undefined);
    await check();
  };
  const change = (box: HTMLInputElement) => {
    setError(undefined);
    void (box.checked ? turnOn(box) : turnOff());
  };

  return (
    <Section id="pdf-links" title={t('pdfLinksTitle')}>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={s.openPdfLinks}
          aria-describedby="pdf-links-help"
          onChange={(e) => change(e.currentTarget)}
        />
        <span>{s.openPdfLinks ? t('pdfLinksOn') : t('pdfLinksOff')}</span>
      </label>
      <p id="pdf-links-help" class="muted small">
        {t('pdfLinksHelp')}
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : s.openPdfLinks && granted === false ? (
        <p class="error" role="alert">
          {t('pdfLinksMissing')}
        </p>
      ) : null}
    </Section>
  );
}
