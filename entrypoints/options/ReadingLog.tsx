/** The reading log: its switch (off by default), its entries with filters, deletion and exports. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import { call, type ClaimView, type LogEntry } from '../../lib/shared/protocol';
import type { Settings } from '../../lib/model/settings';
import {
  entryToClaimReview,
  logToCsv,
  logToMarkdown,
  logToWebAnnotation,
  type ClaimLookup,
} from '../../lib/ui/log-export';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Offers a text as a file to save (the reader's own download: nothing leaves otherwise). */
function download(text: string, name: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The installed claims of the entries' entities (a claim removed since is left out). */
async function claimsFor(entries: readonly LogEntry[]): Promise<ClaimLookup> {
  const map = new Map<string, ClaimView>();
  for (const id of new Set(entries.map((e) => e.entity))) {
    const view = await call('entity.get', { id }).catch(() => null);
    for (const c of view?.claims ?? []) map.set(c.id, c);
  }
  return map;
}

const day = () => new Date().toISOString().slice(0, 10);

export function ReadingLog({
  s,
  save,
  Section,
}: {
  s: Settings;
  save: (patch: Partial<Settings>) => Promise<void>;
  Section: (p: { id: string; title: string; children: preact.ComponentChildren }) => preact.JSX.Element;
}) {
  const [entries, setEntries] = useState<LogEntry[]>();
  const [entity, setEntity] = useState('');
  const [site, setSite] = useState('');
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const reload = () => call('log.list', {}).then(setEntries, (e) => setError(message(e)));
  useEffect(() => void reload(), [s.readingLog]);

  const all = entries ?? [];
  const entities = [...new Map(all.map((e) => [e.entity, e.entityName])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  const sites = [...new Set(all.map((e) => e.host))].sort();
  const shown = all.filter((e) => (!entity || e.entity === entity) && (!site || e.host === site));

  const run = async (f: () => Promise<string>) => {
    setError(undefined);
    setStatus(undefined);
    try {
      setStatus(await f());
    } catch (e) {
      setError(message(e));
    }
  };
  const remove = (ids: number[]) =>
    run(async () => {
      const n = await call('log.delete', { ids });
      await reload();
      return t('logDeleted', n);
    });
  const removeAll = () =>
    run(async () => {
      setConfirming(false);
      const n = await call('log.delete', { all: true });
      await reload();
      return t('logDeleted', n);
    });
  const exportAs = (kind: 'csv' | 'md' | 'jsonld') =>
    run(async () => {
      const claims = await claimsFor(shown);
      if (kind === 'csv') download(logToCsv(shown, claims), `factlens-log-${day()}.csv`, 'text/csv');
      else if (kind === 'md') download(logToMarkdown(shown, claims), `factlens-log-${day()}.md`, 'text/markdown');
      else
        download(logToWebAnnotation(shown, claims), `factlens-log-${day()}.annotations.jsonld`, 'application/ld+json');
      return t('logExported', shown.length);
    });
  const exportReview = (e: LogEntry) =>
    run(async () => {
      const json = entryToClaimReview(e, await claimsFor([e]));
      if (!json) return '';
      download(json, `factlens-claimreview-${e.entity}-${e.at}.jsonld`, 'application/ld+json');
      return t('logExported', 1);
    });

  return (
    <Section id="log" title={t('logTitle')}>
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={s.readingLog}
          aria-describedby="log-help"
          onChange={(e) => void save({ readingLog: e.currentTarget.checked })}
        />
        <span>{s.readingLog ? t('logOn') : t('logOff')}</span>
      </label>
      <p id="log-help" class="muted small">
        {t('logHelp')}
      </p>
      {all.length ? (
        <>
          <div class="row">
            <label for="log-entity">{t('logFilterEntity')}</label>
            <select id="log-entity" value={entity} onChange={(e) => setEntity(e.currentTarget.value)}>
              <option value="">{t('logAll')}</option>
              {entities.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
            <label for="log-site">{t('logFilterSite')}</label>
            <select id="log-site" value={site} onChange={(e) => setSite(e.currentTarget.value)}>
              <option value="">{t('logAll')}</option>
              {sites.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </div>
          <p class="muted small">{t('logCount', shown.length, all.length)}</p>
          <table class="table log">
            <caption class="visually-hidden">{t('logTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('logTime')}</th>
                <th scope="col">{t('logEntity')}</th>
                <th scope="col">{t('logPage')}</th>
                <th scope="col">{t('logClaims')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('packActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.id} data-log-id={e.id}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td>
                    {e.entityName}
                    {e.differs.length ? <span class="differs"> {t('logDiffers')}</span> : null}
                  </td>
                  <td>
                    <a href={e.url} target="_blank" rel="noopener noreferrer">
                      {e.title || e.url}
                    </a>{' '}
                    <span class="muted small">{e.host}</span>
                  </td>
                  <td>{e.claims.length}</td>
                  <td>
                    {e.differs.length ? (
                      <button type="button" class="linkish small" onClick={() => void exportReview(e)}>
                        {t('logExportClaimReview')}
                      </button>
                    ) : null}{' '}
                    <button
                      type="button"
                      class="linkish small"
                      aria-label={t('logDeleteNamed', e.entityName, e.title || e.url)}
                      onClick={() => void remove([e.id!])}
                    >
                      {t('remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row">
            <button type="button" class="button" onClick={() => void exportAs('csv')}>
              {t('logExportCsv')}
            </button>
            <button type="button" class="button" onClick={() => void exportAs('md')}>
              {t('logExportMarkdown')}
            </button>
            <button type="button" class="button" onClick={() => void exportAs('jsonld')}>
              {t('logExportAnnotations')}
            </button>
          </div>
          <div class="row">
            {confirming ? (
              <>
                <span>{t('logDeleteAllConfirm', all.length)}</span>
                <button type="button" class="button danger" onClick={() => void removeAll()}>
                  {t('logDeleteAll')}
                </button>
                <button type="button" class="button" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
              </>
            ) : (
              <button type="button" class="button" onClick={() => setConfirming(true)}>
                {t('logDeleteAll')}
              </button>
            )}
          </div>
        </>
      ) : (
        <p class="muted log-empty">{t('logEmpty')}</p>
      )}
      <p role="status" class="status">
        {status}
      </p>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </Section>
  );
}
