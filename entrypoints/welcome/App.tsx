import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../lib/shared/i18n';
import { Alert } from '../../lib/ui/Alert';
import { ModeChoice } from '../../lib/ui/ModeChoice';
import { call } from '../../lib/shared/protocol';
import { ShortcutTable } from '../../lib/ui/Shortcuts';
import type { Settings } from '../../lib/model/settings';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A short article in the reader's language, marked and carded by the real overlay. */
function Sample() {
  return (
    <article class="sample" aria-labelledby="sample-title" lang={t('locale')}>
      <p class="muted small">{t('sampleNote')}</p>
      <h3 id="sample-title">{t('sampleTitle')}</h3>
      <p>{t('sampleP1')}</p>
      <p>{t('sampleP2')}</p>
      <p>{t('sampleP3')}</p>
    </article>
  );
}

/** Everywhere (except the sites switched off) or only on the sites switched on: saved at once. */
function Where() {
  const [s, setS] = useState<Settings>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    call('settings.get', {}).then(setS, (e) => setError(message(e)));
  }, []);
  const choose = async (enabledByDefault: boolean) => {
    setError(undefined);
    try {
      setS(await call('settings.set', { patch: { enabledByDefault } }));
      setStatus(t('saved'));
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <section class="card-section" aria-labelledby="where-title">
      <h2 id="where-title">{t('sitesTitle')}</h2>
      {s ? <ModeChoice enabledByDefault={s.enabledByDefault} onChoose={(v) => void choose(v)} /> : null}
      <p class="muted">{t('welcomeWhereHelp')}</p>
      <p role="status" class="status saved">
        {status}
      </p>
      <Alert message={error} />
    </section>
  );
}

export function App() {
  return (
    <main class="options welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p class="lead">{t('welcomeLead1')}</p>
      <p class="lead">{t('welcomeLead2')}</p>
      <p class="lead">{t('welcomeLead3')}</p>
      <section class="card-section demo" id="demo" aria-labelledby="demo-title">
        <h2 id="demo-title">{t('welcomeDemoTitle')}</h2>
        <p class="muted">{t('welcomeDemoHelp')}</p>
        <Sample />
      </section>
      <Where />
      <section class="card-section" aria-labelledby="keys-title">
        <h2 id="keys-title">{t('shortcutsTitle')}</h2>
        <ShortcutTable />
      </section>
      <section class="card-section" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t('welcomePrivacyTitle')}</h2>
        <p>{t('welcomePrivacy')}</p>
      </section>
      <p>
        <button type="button" class="button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('settingsLink')}
        </button>
      </p>
    </main>
  );
}
