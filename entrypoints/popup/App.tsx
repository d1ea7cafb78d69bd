import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../lib/shared/i18n';
import { Alert } from '../../lib/ui/Alert';
import {
  call,
  callTab,
  type ClaimView,
  callViewer,
  isViewerUrl,
  viewerUrl,
  type EntityView,
  type PageEntity,
  type SearchHit,
  type SiteState,
} from '../../lib/shared/protocol';
import type { Source } from '../../lib/model/schema';
import { typeLabel } from '../../lib/ui/format';
import { ClaimItem } from '../../lib/ui/ClaimItem';
import { SourceCite } from '../../lib/ui/SourceCite';
import { Highlighted } from './Highlight';
import { listKeys } from '../../lib/ui/list-keys';
import { claimForKey, copyKey, copyWithStatus, type CopyFormat, type CopyStatus } from '../../lib/ui/CopyActions';

/** The popup's tab; `url` is missing when the browser withholds access to it (no host permission). */
type Tab = { id: number; url?: string };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function currentTab(): Promise<Tab | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  const tab = param
    ? await browser.tabs.get(Number(param))
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.id !== undefined ? { id: tab.id, url: tab.url || undefined } : undefined;
}

/** The origin patterns to ask for: the page's origin, or every site when the page's address is hidden from us. */
const originPatterns = (url?: string) => (url ? [`${new URL(url).origin}/*`] : ['http://*/*', 'https://*/*']);

/**
 * The browser may withhold access to a site even though the manifest asks for
 * it (Chrome's "site access": on click / on specific sites). Then Factlens
 * cannot run there whatever its own settings say, and offers to ask.
 */
function Access({ tab, site }: { tab: Tab; site?: SiteState }) {
  const [granted, setGranted] = useState<boolean>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (tab.url)
      browser.permissions.contains({ origins: originPatterns(tab.url) }).then(setGranted, () => setGranted(true));
    else setGranted(false);
  }, [tab]);
  if (granted !== false || (site && !site.enabled)) return null;
  const ask = async () => {
    setError(undefined);
    try {
      const ok = await browser.permissions.request({ origins: originPatterns(tab.url) });
      setGranted(ok);
      if (ok)
        await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/content.js'] });
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <div class="notice" role="status">
      <p>{site ? t('accessWithheld', site.host) : t('accessWithheldTab')}</p>
      <button type="button" class="button" onClick={() => void ask()}>
        {tab.url ? t('accessAsk') : t('accessAskAll')}
      </button>
      <Alert message={error} />
    </div>
  );
}

function SiteControls({ tab }: { tab: Tab | undefined }) {
  const [site, setSite] = useState<SiteState>();
  const [error, setError] = useState<string>();
  const url = tab?.url ?? 'about:blank';
  useEffect(() => {
    call('site.get', { url }).then(setSite, (e) => setError(message(e)));
  }, [url]);
  if (!site) return <Alert message={error} />;
  // A tab whose address we may not read: the browser withholds this site.
  const hidden = tab !== undefined && tab.url === undefined;
  const run = async (f: () => Promise<SiteState>) => {
    setError(undefined);
    try {
      setSite(await f());
    } catch (e) {
      setError(message(e));
    }
  };
  const toggleSite = (enabled: boolean) => run(() => call('site.set', { url, enabled }));
  const togglePause = (active: boolean) =>
    run(async () => {
      await call('settings.set', { patch: { active } });
      return call('site.get', { url });
    });
  return (
    <div class="site">
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={site.active}
          onChange={(e) => void togglePause(e.currentTarget.checked)}
        />
        <span>{site.active ? t('activeOn') : t('activePaused')}</span>
      </label>
      {hidden ? (
        <Access tab={tab} />
      ) : site.unsupported ? (
        <p class="muted">{t('unsupportedPage')}</p>
      ) : (
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={site.enabled}
            onChange={(e) => void toggleSite(e.currentTarget.checked)}
          />
          <span>
            {t('onSite')} <strong>{site.host}</strong>
          </span>
        </label>
      )}
      {tab && !hidden && !site.unsupported ? <Access tab={tab} site={site} /> : null}
      <Alert message={error} />
    </div>
  );
}

/** The tab's Factlens: its content script, or the PDF viewer page shown in it. */
const ask = (tab: Tab) => (isViewerUrl(tab.url) ? callViewer : callTab);

/** Whether the tab shows a PDF: its address says so, or the document is one (the browser's PDF viewer). */
async function showsPdf(tab: Tab): Promise<boolean> {
  if (!tab.url || !/^(https?|file):/.test(tab.url)) return false;
  if (/\.pdf$/i.test(new URL(tab.url).pathname)) return true;
  try {
    const [r] = await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: () => document.contentType,
    });
    return r?.result === 'application/pdf';
  } catch {
    return false;
  }
}

/** "Open in Factlens" for a PDF in the tab; "Open a PDF from this computer" always. */
function Pdf({ tab }: { tab: Tab | undefined }) {
  const [pdf, setPdf] = useState(false);
  useEffect(() => {
    if (tab) showsPdf(tab).then(setPdf, () => setPdf(false));
  }, [tab]);
  return (
    <p class="pdf-actions">
      {pdf && tab?.url ? (
        <button
          type="button"
          class="button"
          onClick={() => void browser.tabs.update(tab.id, { url: viewerUrl(tab.url) }).then(() => close())}
        >
          {t('popupOpenPdf')}
        </button>
      ) : null}
      <button
        type="button"
        class="linkish"
        onClick={() => void browser.tabs.create({ url: viewerUrl() }).then(() => close())}
      >
        {t('viewerOpenFile')}
      </button>
    </p>
  );
}

function OnThisPage({
  tab,
  onOpen,
  onItems,
}: {
  tab: Tab | undefined;
  onOpen: (id: string) => void;
  onItems: (n: number) => void;
}) {
  const [items, setItems] = useState<PageEntity[]>();
  useEffect(() => {
    if (!tab) return onItems(0);
    const got = (list: PageEntity[]) => (setItems(list), onItems(list.length));
    ask(tab)(tab.id, 'page.entities', {}).then(got, () => got([]));
  }, [tab]);
  if (!tab || !items?.length) return null;
  return (
    <section aria-labelledby="on-page" class="page-list">
      <h2 id="on-page">{t('onThisPage')}</h2>
      <ul>
        {items.map((it) => (
          <li key={it.id}>
            <button
              type="button"
              class="linkish"
              onClick={() => void ask(tab)(tab.id, 'page.reveal', { entity: it.id })}
              title={t('showNextMention')}
            >
              {it.name} <span class="count">×{it.count}</span>
            </button>
            <button
              type="button"
              class="linkish small"
              onClick={() => onOpen(it.id)}
              aria-label={t('claimsAbout', it.name)}
            >
              {t('claimsLink')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A few of the bundled pack's entities, to try without a page that names them. */
const EXAMPLES = ['power-of-siberia', 'spfs', 'gazprom', 'motor-sich', 'cr929', 'treaty-of-aigun'];

const openWelcome = (hash = '') =>
  void browser.tabs.create({ url: (browser.runtime.getURL as (p: string) => string)(`/welcome.html${hash}`) });

/** What the popup shows where the page names nothing: the sources, example names, the sample article. */
function StartHere({ onOpen }: { onOpen: (id: string) => void }) {
  const [sources, setSources] = useState<Source[]>();
  const [names, setNames] = useState<{ id: string; name: string }[]>();
  useEffect(() => {
    call('sources.list', {}).then(setSources, () => setSources([]));
    Promise.all(EXAMPLES.map((id) => call('entity.get', { id }).catch(() => null))).then(
      (views) => setNames(views.flatMap((v) => (v ? [{ id: v.entity.id, name: v.entity.name }] : []))),
      () => setNames([]),
    );
  }, []);
  return (
    <section aria-labelledby="start-title" class="page-list start">
      <h2 id="start-title">{t('startTitle')}</h2>
      {sources?.length ? (
        <>
          <p class="muted">{t('startSources')}</p>
          <ul class="sources">
            {sources.map((s) => (
              <li key={s.id}>
                <SourceCite claim={{ source: s }} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {names?.length ? (
        <>
          <p class="muted">{t('startExamples')}</p>
          <ul class="examples">
            {names.map((n) => (
              <li key={n.id}>
                <button type="button" class="linkish" onClick={() => onOpen(n.id)}>
                  {n.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <button type="button" class="button" onClick={() => openWelcome('#demo')}>
        {t('startSample')}
      </button>
    </section>
  );
}

/** Entities hidden everywhere from a card, with a way back. */
function Hidden() {
  const [items, setItems] = useState<{ id: string; name: string }[]>();
  const load = async () => {
    const s = await call('settings.get', {});
    const named = await Promise.all(
      s.hiddenEntities.map(async (id) => ({ id, name: (await call('entity.get', { id }))?.entity.name ?? id })),
    );
    setItems(named);
  };
  useEffect(() => {
    void load().catch(() => setItems([]));
  }, []);
  if (!items?.length) return null;
  const unhide = async (id: string) => {
    const s = await call('settings.get', {});
    await call('settings.set', { patch: { hiddenEntities: s.hiddenEntities.filter((m) => m !== id) } });
    await load();
  };
  return (
    <section aria-labelledby="hidden-everywhere" class="page-list hidden-list">
      <h2 id="hidden-everywhere">{t('hiddenEverywhere')}</h2>
      <ul>
        {items.map((it) => (
          <li key={it.id}>
            <span>{it.name}</span>
            <button
              type="button"
              class="linkish small"
              onClick={() => void unhide(it.id)}
              aria-label={t('showAgainNamed', it.name)}
            >
              {t('showAgain')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EntityPage({ id, onBack }: { id: string; onBack: () => void }) {
  const [view, setView] = useState<EntityView | null>();
  const [error, setError] = useState<string>();
  const back = useRef<HTMLButtonElement>(null);
  const [status, setStatus] = useState<CopyStatus>();
  const copy = (c: ClaimView, format: CopyFormat) => void copyWithStatus(c, format).then(setStatus);
  useEffect(() => {
    call('entity.get', { id }).then(setView, (e) => setError(message(e)));
  }, [id]);
  useEffect(() => back.current?.focus(), [view]);
  const backButton = (
    <button type="button" class="linkish back" ref={back} onClick={onBack}>
      ← {t('backToSearch')}
    </button>
  );
  if (error)
    return (
      <>
        {backButton}
        <Alert message={error} />
      </>
    );
  if (view === undefined) return <p class="muted">{t('loading')}</p>;
  if (view === null)
    return (
      <>
        {backButton}
        <p class="error" role="alert">
          {t('noEntity', id)}
        </p>
      </>
    );
  const e = view.entity;
  const aliases = e.aliases.map((a) => a.text).filter((x) => x !== e.name);
  const onKeyDown = (ev: KeyboardEvent) => {
    if (ev.key === 'Escape') return (ev.preventDefault(), onBack());
    const format = copyKey(ev);
    const claim = format && claimForKey(ev.target, view.claims);
    if (!format || !claim) return;
    ev.preventDefault();
    copy(claim, format);
  };
  return (
    <article class="entity" onKeyDown={onKeyDown}>
      {backButton}
      <h1 class="entity-name">{e.name}</h1>
      <p class="muted type">{typeLabel(e.type)}</p>
      <p>{e.description}</p>
      {aliases.length ? <p class="muted aliases">{t('alsoWritten', aliases.join(' · '))}</p> : null}
      <h2>{t('claimsCount', view.claims.length)}</h2>
      <p class="muted small">{t('popupCopyHint')}</p>
      <p class={`status${status && !status.ok ? ' error' : ''}`} role="status">
        {status?.text ?? ''}
      </p>
      <ol class="claims">
        {view.claims.map((c) => (
          <ClaimItem key={c.id} claim={c} place="popup" onCopy={copy} />
        ))}
      </ol>
    </article>
  );
}

export function App() {
  const [tab, setTab] = useState<Tab>();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  /** How many entities the current page names (undefined until asked). */
  const [onPage, setOnPage] = useState<number>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string | null>(new URLSearchParams(location.search).get('entity'));
  const input = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLUListElement>(null);
  /** The entity whose result has the focus, so that new results for the same query keep it. */
  const focused = useRef<string | null>(null);

  useEffect(() => {
    currentTab().then(setTab, () => setTab(undefined));
  }, []);
  useEffect(() => {
    let live = true;
    if (!query.trim()) {
      setHits([]);
      return;
    }
    call('search', { query, limit: 20 }).then(
      (h) => live && (setHits(h), setError(undefined)),
      (e) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [query]);

  // A reordered result list moves its buttons, and a moved button loses the
  // focus: give it back to the same entity's result, or to the box.
  useLayoutEffect(() => {
    const id = focused.current;
    if (id === null || results.current?.contains(document.activeElement)) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const again = results.current?.querySelector<HTMLElement>(`.result[data-entity="${CSS.escape(id)}"]`);
    (again ?? input.current)?.focus();
  }, [hits]);

  if (open)
    return (
      <main class="popup">
        <EntityPage
          id={open}
          onBack={() => {
            setOpen(null);
            setTimeout(() => input.current?.focus());
          }}
        />
      </main>
    );

  const onKeys = listKeys(
    () => input.current,
    () => [...(results.current?.querySelectorAll<HTMLElement>('.result') ?? [])],
    () => setQuery(''),
  );

  return (
    <main
      class="popup"
      onKeyDown={onKeys}
      onFocusIn={(e) => {
        const el = e.target as HTMLElement;
        focused.current = el.classList.contains('result') ? (el.dataset.entity ?? null) : null;
      }}
    >
      <header class="top">
        <h1>Factlens</h1>
        <span class="top-links">
          <button type="button" class="linkish" onClick={() => openWelcome()}>
            {t('welcomeLink')}
          </button>
          <button type="button" class="linkish" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('settingsLink')}
          </button>
        </span>
      </header>
      <SiteControls tab={tab} />
      <Pdf tab={tab} />
      <div class="search" role="search">
        <label for="q" class="visually-hidden">
          {t('searchLabel')}
        </label>
        <input
          id="q"
          ref={input}
          type="search"
          placeholder={t('searchLabel')}
          autoFocus
          autocomplete="off"
          aria-describedby="q-help"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <p id="q-help" class="visually-hidden">
          {t('searchHelp')}
        </p>
      </div>
      <Alert message={error} />
      {query.trim() ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title" class="visually-hidden">
            {t('results')}
          </h2>
          <p class="visually-hidden" role="status">
            {hits.length ? t('resultsCount', hits.length) : ''}
          </p>
          {hits.length === 0 ? <p class="muted">{t('nothingFound', query)}</p> : null}
          <ul class="results" ref={results}>
            {hits.map((h) => (
              <li key={h.entity.id}>
                <button type="button" class="result" data-entity={h.entity.id} onClick={() => setOpen(h.entity.id)}>
                  <span class="name">
                    <Highlighted text={h.entity.name} terms={h.terms} />
                  </span>
                  <span class="muted type"> · {typeLabel(h.entity.type)}</span>
                  <span class="desc">
                    <Highlighted text={h.entity.description} terms={h.terms} />
                  </span>
                  {h.claims.slice(0, 1).map((c) => (
                    <span key={c.id} class="snippet">
                      <Highlighted text={c.text} terms={h.terms} />
                    </span>
                  ))}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <>
          <OnThisPage tab={tab} onOpen={setOpen} onItems={setOnPage} />
          {onPage === 0 ? <StartHere onOpen={setOpen} /> : null}
          <Hidden />
        </>
      )}
    </main>
  );
}
