import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../../lib/shared/i18n';
import { Alert } from '../../lib/ui/Alert';
import { ModeChoice } from '../../lib/ui/ModeChoice';
import { call, type PackInfo } from '../../lib/shared/protocol';
import { exportBackup, restoreBackup } from '../../lib/ui/transfer';
import { categoryLabel } from '../../lib/ui/format';
import { CATEGORIES } from '../../lib/shared/vocabulary';
import { normaliseSiteInput } from '../../lib/ui/site-input';
import { ShortcutTable } from '../../lib/ui/Shortcuts';
import type { Settings } from '../../lib/model/settings';
import { ReadingLog } from './ReadingLog';
import { PdfLinks } from './PdfLinks';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Saves a change to the settings. A change to a list is a function of the
 * settings it applies to: saves run one after another, each computed from what
 * the one before it saved, so a second click made while the first is saving
 * (a worker waking up) is not lost.
 */
type Save = (patch: Partial<Settings> | ((current: Settings) => Partial<Settings>)) => Promise<void>;

/** An error from the background, shown as a heading and (for import errors) a list of problems. */
function ErrorBox({ error }: { error: string }) {
  const [head, ...lines] = error.split('\n');
  const items = lines.map((l) => l.replace(/^- /, '')).filter(Boolean);
  return (
    <div class="error" role="alert">
      <p>{head}</p>
      {items.length ? (
        <ul class="problems">
          {items.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="card-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function Sites({ s, save }: { s: Settings; save: Save }) {
  const [entry, setEntry] = useState('');
  const [error, setError] = useState<string>();
  const listKey = s.enabledByDefault ? 'disabledFor' : 'enabledFor';
  const list = s[listKey];
  const add = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const r = normaliseSiteInput(entry);
    if (!r.ok) return setError(t('siteInvalid', entry.trim()));
    if (list.includes(r.entry)) return setError(t('siteDuplicate', r.entry));
    await save((c) => ({ [listKey]: c[listKey].includes(r.entry) ? c[listKey] : [...c[listKey], r.entry] }));
    setEntry('');
  };
  return (
    <Section id="sites" title={t('sitesTitle')}>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={s.active}
          onChange={(e) => void save({ active: e.currentTarget.checked })}
        />
        <span>{s.active ? t('activeOn') : t('activePaused')}</span>
      </label>
      <ModeChoice enabledByDefault={s.enabledByDefault} onChoose={(v) => void save({ enabledByDefault: v })} />
      <h3 id="site-list-title">{s.enabledByDefault ? t('sitesOff') : t('sitesOn')}</h3>
      {list.length ? (
        <ul class="site-list" aria-labelledby="site-list-title">
          {list.map((x) => (
            <li key={x}>
              <code>{x}</code>
              <button
                type="button"
                class="linkish small"
                aria-label={t('removeNamed', x)}
                onClick={() => void save((c) => ({ [listKey]: c[listKey].filter((y) => y !== x) }))}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{s.enabledByDefault ? t('sitesOffEmpty') : t('sitesOnEmpty')}</p>
      )}
      <form class="row" onSubmit={(e) => void add(e)}>
        <label for="site-entry">{t('siteAdd')}</label>
        <input
          id="site-entry"
          type="text"
          value={entry}
          placeholder="example.com"
          aria-describedby="site-help"
          aria-invalid={error ? 'true' : undefined}
          onInput={(e) => setEntry(e.currentTarget.value)}
        />
        <button type="submit" class="button">
          {t('add')}
        </button>
      </form>
      <p id="site-help" class="muted small">
        {t('siteHelp')}
      </p>
      <Alert message={error} />
    </Section>
  );
}

function Appearance({ s, save }: { s: Settings; save: Save }) {
  const [dwell, setDwell] = useState(s.dwellMs);
  useEffect(() => setDwell(s.dwellMs), [s.dwellMs]);
  return (
    <Section id="appearance" title={t('appearanceTitle')}>
      <div class="row">
        <label for="mark-style">{t('markStyle')}</label>
        <select
          id="mark-style"
          value={s.markStyle}
          onChange={(e) => void save({ markStyle: e.currentTarget.value as Settings['markStyle'] })}
        >
          <option value="underline">{t('markUnderline')}</option>
          <option value="background">{t('markBackground')}</option>
          <option value="none">{t('markNone')}</option>
        </select>
      </div>
      <label class="check">
        <input
          type="checkbox"
          checked={s.firstMentionOnly}
          onChange={(e) => void save({ firstMentionOnly: e.currentTarget.checked })}
        />
        {t('firstMentionOnly')}
      </label>
      <div class="row">
        <label for="dwell">{t('dwell')}</label>
        <input
          id="dwell"
          type="range"
          min={0}
          max={1000}
          step={50}
          value={dwell}
          aria-valuetext={t('ms', dwell)}
          onInput={(e) => setDwell(Number(e.currentTarget.value))}
          onChange={(e) => void save({ dwellMs: Number(e.currentTarget.value) })}
        />
        <output for="dwell">{t('ms', dwell)}</output>
      </div>
      <div class="row">
        <label for="theme">{t('theme')}</label>
        <select
          id="theme"
          value={s.theme}
          onChange={(e) => void save({ theme: e.currentTarget.value as Settings['theme'] })}
        >
          <option value="auto">{t('themeAuto')}</option>
          <option value="light">{t('themeLight')}</option>
          <option value="dark">{t('themeDark')}</option>
        </select>
      </div>
    </Section>
  );
}

function Categories({ s, save }: { s: Settings; save: Save }) {
  const hidden = new Set(s.hiddenCategories);
  const toggle = (c: string, shown: boolean) =>
    void save((current) => {
      const next = new Set(current.hiddenCategories);
      if (shown) next.delete(c);
      else next.add(c);
      return { hiddenCategories: CATEGORIES.filter((x) => next.has(x)) };
    });
  return (
    <Section id="categories" title={t('categoriesTitle')}>
      <fieldset>
        <legend>{t('categoriesLegend')}</legend>
        <div class="grid">
          {CATEGORIES.map((c) => (
            <label key={c} class="check">
              <input type="checkbox" checked={!hidden.has(c)} onChange={(e) => toggle(c, e.currentTarget.checked)} />
              {categoryLabel(c)}
            </label>
          ))}
        </div>
      </fieldset>
    </Section>
  );
}

function Muted({ s, save }: { s: Settings; save: Save }) {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    void Promise.all(
      s.hiddenEntities.map(
        async (id) => [id, (await call('entity.get', { id }).catch(() => null))?.entity.name ?? id] as const,
      ),
    ).then((pairs) => setNames(Object.fromEntries(pairs)));
  }, [s.hiddenEntities]);
  return (
    <Section id="hidden" title={t('hiddenTitle')}>
      {s.hiddenEntities.length ? (
        <ul class="site-list">
          {s.hiddenEntities.map((id) => (
            <li key={id}>
              <span>{names[id] ?? id}</span>
              <button
                type="button"
                class="linkish small"
                aria-label={t('showAgainNamed', names[id] ?? id)}
                onClick={() => void save((c) => ({ hiddenEntities: c.hiddenEntities.filter((m) => m !== id) }))}
              >
                {t('showAgain')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('hiddenEmpty')}</p>
      )}
    </Section>
  );
}

function Shortcuts() {
  return (
    <Section id="shortcuts" title={t('shortcutsTitle')}>
      <ShortcutTable />
    </Section>
  );
}

/** Reads a chosen file as text, with a clear error for files that are too large. */
async function readFile(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) throw new Error(t('fileTooLarge', file.name, Math.round(maxBytes / 1048576)));
  return file.text();
}

const MAX_FILE = 10 * 1024 * 1024;
/** As the background's MAX_BACKUP_BYTES: room for the settings and 40 MB of packs. */
const MAX_BACKUP_FILE = 5 * MAX_FILE;

function Data({ onChanged }: { onChanged: (s?: Settings) => void }) {
  const [packs, setPacks] = useState<PackInfo[]>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const packFile = useRef<HTMLInputElement>(null);
  const backupFile = useRef<HTMLInputElement>(null);
  const reload = () => call('packs.list', {}).then(setPacks, (e) => setError(message(e)));
  useEffect(() => void reload(), []);

  const run = async (f: () => Promise<string>) => {
    setError(undefined);
    setStatus(undefined);
    try {
      setStatus(await f());
    } catch (e) {
      setError(message(e));
    }
  };
  const importPack = (input: HTMLInputElement) =>
    run(async () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return '';
      const info = await call('packs.import', { json: await readFile(file, MAX_FILE) });
      await reload();
      return t('packImported', info.title, info.entities, info.claims);
    });
  const remove = (p: PackInfo) =>
    run(async () => {
      setPacks(await call('packs.remove', { id: p.id }));
      return t('packRemoved', p.title);
    });
  const exportData = () =>
    run(async () => {
      const json = await exportBackup();
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      a.download = `factlens-backup-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      return t('exported');
    });
  const restore = (input: HTMLInputElement) =>
    run(async () => {
      const file = input.files?.[0];
      input.value = '';
      if (!file) return '';
      const r = await restoreBackup(await readFile(file, MAX_BACKUP_FILE));
      setPacks(r.packs);
      onChanged(r.settings);
      return t('restored');
    });
  const reset = () =>
    run(async () => {
      setConfirming(false);
      onChanged(await call('data.reset', {}));
      return t('resetDone');
    });

  return (
    <Section id="data" title={t('dataTitle')}>
      <table class="table">
        <caption class="visually-hidden">{t('packsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('packName')}</th>
            <th scope="col">{t('packVersion')}</th>
            <th scope="col">{t('packEntities')}</th>
            <th scope="col">{t('packClaims')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('packActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(packs ?? []).map((p) => (
            <tr key={p.id}>
              <td>
                {p.title} <span class="muted small">{p.bundled ? t('packBundled') : t('packImportedLabel')}</span>
              </td>
              <td>{p.version}</td>
              <td>{p.entities}</td>
              <td>{p.claims}</td>
              <td>
                {p.bundled ? null : (
                  <button
                    type="button"
                    class="linkish small"
                    aria-label={t('removeNamed', p.title)}
                    onClick={() => void remove(p)}
                  >
                    {t('remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="row">
        <label for="pack-file">{t('importPack')}</label>
        <input
          id="pack-file"
          ref={packFile}
          type="file"
          accept=".json,application/json"
          aria-describedby="pack-help"
          onChange={(e) => void importPack(e.currentTarget)}
        />
      </div>
      <p id="pack-help" class="muted small">
        {t('importPackHelp')}
      </p>
      <div class="row">
        <button type="button" class="button" onClick={() => void exportData()}>
          {t('exportData')}
        </button>
      </div>
      <div class="row">
        <label for="backup-file">{t('restoreData')}</label>
        <input
          id="backup-file"
          ref={backupFile}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void restore(e.currentTarget)}
        />
      </div>
      <div class="row">
        {confirming ? (
          <>
            <span>{t('resetConfirm')}</span>
            <button type="button" class="button danger" onClick={() => void reset()}>
              {t('resetYes')}
            </button>
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </>
        ) : (
          <button type="button" class="button" onClick={() => setConfirming(true)}>
            {t('resetSettings')}
          </button>
        )}
      </div>
      <p class="muted small">{t('resetHelp')}</p>
      <p role="status" class="status">
        {status}
      </p>
      {error ? <ErrorBox error={error} /> : null}
    </Section>
  );
}

export function App() {
  const [settings, setSettings] = useState<Settings>();
  /** Counts restores and resets: the reading log reloads after one. */
  const [restores, setRestores] = useState(0);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState('');
  useEffect(() => {
    call('settings.get', {}).then(setSettings, (e) => setError(message(e)));
  }, []);
  // The settings as last saved, and the saves still to run (one at a time, see Save).
  const latest = useRef<Settings | undefined>(undefined);
  const queue = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    latest.current = settings;
  }, [settings]);
  const save: Save = (patch) => {
    const run = queue.current.then(async () => {
      setError(undefined);
      try {
        const current = latest.current ?? (await call('settings.get', {}));
        const saved = await call('settings.set', { patch: typeof patch === 'function' ? patch(current) : patch });
        latest.current = saved;
        setSettings(saved);
        setSaved(t('saved'));
        setTimeout(() => setSaved(''), 2000);
      } catch (e) {
        setError(message(e));
      }
    });
    queue.current = run;
    return run;
  };
  return (
    <main class="options">
      <header class="top">
        <h1>{t('optionsTitle')}</h1>
        <button
          type="button"
          class="linkish"
          onClick={() =>
            void browser.tabs.create({ url: (browser.runtime.getURL as (p: string) => string)('/welcome.html') })
          }
        >
          {t('welcomeLink')}
        </button>
      </header>
      <p role="status" class="status saved">
        {saved}
      </p>
      {error ? <ErrorBox error={error} /> : null}
      {settings ? (
        <>
          <Sites s={settings} save={save} />
          <Appearance s={settings} save={save} />
          <Categories s={settings} save={save} />
          <Muted s={settings} save={save} />
          <Shortcuts />
          <ReadingLog key={restores} s={settings} save={save} Section={Section} />
          <PdfLinks s={settings} save={save} Section={Section} />
          <Data
            onChanged={(s) => {
              setRestores((n) => n + 1);
              if (s) setSettings(s);
            }}
          />
        </>
      ) : error ? null : (
        <p class="muted">{t('loading')}</p>
      )}
    </main>
  );
}
