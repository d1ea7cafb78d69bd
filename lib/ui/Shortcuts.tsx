/** The keyboard shortcuts as the browser has them (the reader may have changed them), and how to change them. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../shared/i18n';

export function ShortcutTable() {
  const [commands, setCommands] = useState<{ name?: string; description?: string; shortcut?: string }[]>();
  useEffect(() => {
    browser.commands.getAll().then(setCommands, () => setCommands([]));
  }, []);
  const isFirefox = browser.runtime.getURL('/').startsWith('moz-extension:');
  const describe = (c: { name?: string; description?: string }) =>
    c.name === 'toggle-site'
      ? t('cmdToggleSite')
      : c.name === '_execute_action' || c.name === '_execute_browser_action'
        ? t('cmdOpenSearch')
        : (c.description ?? c.name ?? '');
  return (
    <>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('shortcutAction')}</th>
            <th scope="col">{t('shortcutKeys')}</th>
          </tr>
        </thead>
        <tbody>
          {(commands ?? []).map((c) => (
            <tr key={c.name}>
              <td>{describe(c)}</td>
              <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="muted">{t('shortcutNone')}</span>}</td>
            </tr>
          ))}
          <tr>
            <td>{t('cmdCycle')}</td>
            <td>
              <kbd>Alt+Shift+M</kbd>
            </td>
          </tr>
          <tr>
            <td>{t('cmdCardKeys')}</td>
            <td>
              <kbd>c</kbd> <kbd>b</kbd> <kbd>j</kbd> <kbd>?</kbd>
            </td>
          </tr>
          <tr>
            <td>{t('cmdCloseCard')}</td>
            <td>
              <kbd>Esc</kbd>
            </td>
          </tr>
        </tbody>
      </table>
      {isFirefox ? (
        <p class="muted small">{t('shortcutsFirefox')}</p>
      ) : (
        <button
          type="button"
          class="button"
          onClick={() => void browser.tabs.create({ url: 'chrome://extensions/shortcuts' })}
        >
          {t('shortcutsChange')}
        </button>
      )}
    </>
  );
}
