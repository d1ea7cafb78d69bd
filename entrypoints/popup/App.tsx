import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { call, callTab, type EntityView, type PageEntity, type SearchHit, type SiteState } from '../../lib/protocol';
import { kindLabel, sourceLine, typeLabel, whereLine } from '../../lib/overlay/format';
import { Highlighted } from './Highlight';

async function currentTab(): Promise<{ id: number; url: string } | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  const tab = param ? await browser.tabs.get(Number(param)) : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.id !== undefined && tab.url ? { id: tab.id, url: tab.url } : undefined;
}

function SiteSwitch({ tab }: { tab: { id: number; url: string } | undefined }) {
  const [site, setSite] = useState<SiteState>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (tab) call('site.get', { url: tab.url }).then(setSite, (e) => setError(String(e.message ?? e)));
  }, [tab]);
  if (!tab || !site) return null;
  if (site.unsupported) return <p class="site muted">Factlens works on web pages (http and https) only.</p>;
  const toggle = async (enabled: boolean) => {
    setError(undefined);
    try {
      const next = await call('site.set', { url: tab.url, enabled });
      setSite(next);
      if (!enabled) await callTab(tab.id, 'page.teardown', {}).catch(() => undefined);
      else await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/content.js'] }).catch(() => undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="site">
      <label class="switch">
        <input type="checkbox" role="switch" checked={site.enabled} onChange={(e) => void toggle(e.currentTarget.checked)} />
        <span>
          Factlens on <strong>{site.host}</strong>
        </span>
      </label>
      {error ? <p class="error" role="alert">{error}</p> : null}
    </div>
  );
}

function OnThisPage({ tab, onOpen }: { tab: { id: number; url: string } | undefined; onOpen: (id: string) => void }) {
  const [items, setItems] = useState<PageEntity[]>();
  useEffect(() => {
    if (tab) callTab(tab.id, 'page.entities', {}).then(setItems, () => setItems([]));
  }, [tab]);
  if (!tab || !items?.length) return null;
  return (
    <section aria-label="On this page" class="page-list">
      <h2>On this page</h2>
      <ul>
        {items.map((it) => (
          <li key={it.id}>
            <button type="button" class="linkish" onClick={() => void callTab(tab.id, 'page.reveal', { entity: it.id })} title="Show the next mention">
              {it.name} <span class="count">×{it.count}</span>
            </button>
            <button type="button" class="linkish small" onClick={() => onOpen(it.id)} aria-label={`Claims about ${it.name}`}>
              claims
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Entities hidden everywhere from a card, with a way back. */
function Hidden({ tab }: { tab: { id: number; url: string } | undefined }) {
  const [items, setItems] = useState<{ id: string; name: string }[]>();
  const load = async () => {
    const s = await call('settings.get', {});
    const named = await Promise.all(s.muted.map(async (id) => ({ id, name: (await call('entity.get', { id }))?.entity.name ?? id })));
    setItems(named);
  };
  useEffect(() => {
    void load().catch(() => setItems([]));
  }, []);
  if (!items?.length) return null;
  const unhide = async (id: string) => {
    const s = await call('settings.get', {});
    await call('settings.set', { patch: { muted: s.muted.filter((m) => m !== id) } });
    if (tab) await callTab(tab.id, 'page.refresh', {}).catch(() => undefined);
    await load();
  };
  return (
    <section aria-label="Hidden everywhere" class="page-list hidden-list">
      <h2>Hidden everywhere</h2>
      <ul>
        {items.map((it) => (
          <li key={it.id}>
            <span>{it.name}</span>
            <button type="button" class="linkish small" onClick={() => void unhide(it.id)} aria-label={`Show ${it.name} again`}>
              show again
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
  useEffect(() => {
    call('entity.get', { id }).then(setView, (e) => setError(String(e.message ?? e)));
  }, [id]);
  if (error) return <p class="error" role="alert">{error}</p>;
  if (view === undefined) return <p class="muted">Loading…</p>;
  if (view === null) return <p class="error" role="alert">No entity “{id}”.</p>;
  const e = view.entity;
  return (
    <article class="entity">
      <button type="button" class="linkish back" onClick={onBack}>
        ← Search
      </button>
      <h2>{e.name}</h2>
      <p class="muted type">{typeLabel(e.type)}</p>
      <p>{e.description}</p>
      {e.aliases.length ? (
        <p class="muted aliases">Also written: {e.aliases.map((a) => a.text).filter((t) => t !== e.name).join(' · ')}</p>
      ) : null}
      <h3>
        {view.claims.length} claim{view.claims.length === 1 ? '' : 's'}
      </h3>
      <ol class="claims">
        {view.claims.map((c) => (
          <li key={c.id} class="claim">
            <p>{c.text}</p>
            <p class="meta">
              <strong>{kindLabel(c.kind)}</strong>
              {c.attributedTo ? ` · ${c.kind === 'statement' ? 'said by' : 'by'} ${c.attributedTo}` : ''}
              {c.asOf ? ` · as of ${c.asOf}` : ''}
            </p>
            {c.note ? <p class="meta note">Editor’s note: {c.note}</p> : null}
            <p class="meta">
              <cite>{sourceLine(c)}</cite>, {whereLine(c)} — at “{c.anchor}”
            </p>
          </li>
        ))}
      </ol>
    </article>
  );
}

export function App() {
  const [tab, setTab] = useState<{ id: number; url: string }>();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string | null>(new URLSearchParams(location.search).get('entity'));
  const input = useRef<HTMLInputElement>(null);

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
      (e) => live && setError(String(e.message ?? e)),
    );
    return () => {
      live = false;
    };
  }, [query]);

  if (open) return <main class="popup"><EntityPage id={open} onBack={() => { setOpen(null); setTimeout(() => input.current?.focus()); }} /></main>;

  return (
    <main class="popup">
      <header class="top">
        <h1>Factlens</h1>
      </header>
      <SiteSwitch tab={tab} />
      <div class="search">
        <label for="q" class="visually-hidden">
          Search entities and claims
        </label>
        <input
          id="q"
          ref={input}
          type="search"
          placeholder="Search entities and claims"
          autoFocus
          autocomplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      {error ? <p class="error" role="alert">{error}</p> : null}
      {query.trim() ? (
        <section aria-live="polite" aria-label="Results">
          {hits.length === 0 ? <p class="muted">Nothing found for “{query}”.</p> : null}
          <ul class="results">
            {hits.map((h) => (
              <li key={h.entity.id}>
                <button type="button" class="result" onClick={() => setOpen(h.entity.id)}>
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
          <OnThisPage tab={tab} onOpen={setOpen} />
          <Hidden tab={tab} />
        </>
      )}
    </main>
  );
}
