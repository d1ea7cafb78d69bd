import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';
import { Alert } from '../../lib/ui/Alert';

export interface ViewerState {
  /** Nothing open yet, opening, open, or failed. */
  status: 'empty' | 'loading' | 'open' | 'error';
  error?: string;
  page: number;
  pages: number;
  scale: number;
  dark: boolean;
  title?: string;
}

export interface ViewerActions {
  openFile(file: File): void;
  goTo(n: number): void;
  zoom(scale: number): void;
  fitWidth(): void;
  setDark(dark: boolean): void;
  find(query: string): Promise<number>;
  findStep(step: number): { index: number; total: number } | undefined;
  findClose(): void;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];

/** The "Open a PDF from this computer" button: a file input under a button's look. */
function OpenFile({ onFile, big }: { onFile: (f: File) => void; big?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class={big ? 'button primary' : 'tool'} onClick={() => input.current?.click()}>
        {t('viewerOpenFile')}
      </button>
      <input
        ref={input}
        type="file"
        accept="application/pdf,.pdf"
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0];
          if (f) onFile(f);
          e.currentTarget.value = '';
        }}
      />
    </>
  );
}

function FindBar({ actions, onClose }: { actions: ViewerActions; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    let live = true;
    const q = query;
    const id = setTimeout(() => {
      if (!q.trim()) return setStatus('');
      void actions.find(q).then((n) => {
        if (!live) return;
        if (!n) return setStatus(t('viewerFindNone'));
        const at = actions.findStep(1);
        setStatus(at ? t('viewerFindCount', at.index + 1, at.total) : '');
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [query]);
  const step = (s: number) => {
    const at = actions.findStep(s);
    if (at) setStatus(t('viewerFindCount', at.index + 1, at.total));
  };
  return (
    <div class="findbar" role="search">
      <label for="find" class="visually-hidden">
        {t('viewerFind')}
      </label>
      <input
        id="find"
        ref={input}
        type="search"
        placeholder={t('viewerFind')}
        autocomplete="off"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      />
      <button type="button" class="tool" onClick={() => step(-1)} aria-label={t('viewerFindPrev')}>
        ↑
      </button>
      <button type="button" class="tool" onClick={() => step(1)} aria-label={t('viewerFindNext')}>
        ↓
      </button>
      <span class="find-status" role="status">
        {status}
      </span>
      <button type="button" class="tool" onClick={onClose} aria-label={t('viewerFindClose')}>
        ×
      </button>
    </div>
  );
}

/** What the viewer shows with no document open: how to open one (and why the last one did not open). */
export function Empty({ state, actions }: { state: ViewerState; actions: ViewerActions }) {
  if (state.status === 'open') return null;
  if (state.status === 'loading')
    return (
      <p class="empty" role="status">
        {t('viewerLoading')}
      </p>
    );
  return (
    <section class="empty" aria-labelledby="viewer-title">
      <h1 id="viewer-title">{t('viewerTitle')}</h1>
      <p class="lead">{t('viewerLead')}</p>
      <Alert message={state.error ? t('viewerError', state.error) : undefined} />
      <p>
        <OpenFile big onFile={actions.openFile} />
      </p>
      <p class="muted">{t('viewerDrop')}</p>
    </section>
  );
}

/** The toolbar over an open document: pages, zoom, find, dark pages, another file. */
export function App({ state, actions }: { state: ViewerState; actions: ViewerActions }) {
  const [finding, setFinding] = useState(false);
  const [pageText, setPageText] = useState(String(state.page));
  useEffect(() => setPageText(String(state.page)), [state.page]);
  const closeFind = () => {
    setFinding(false);
    actions.findClose();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (state.status !== 'open') return;
      if (mod && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        setFinding(true);
        (document.getElementById('find') as HTMLInputElement | null)?.focus();
      } else if (mod && (e.key === '=' || e.key === '+')) {
        e.preventDefault();
        actions.zoom(ZOOMS.find((z) => z > state.scale + 0.001) ?? state.scale);
      } else if (mod && e.key === '-') {
        e.preventDefault();
        actions.zoom([...ZOOMS].reverse().find((z) => z < state.scale - 0.001) ?? state.scale);
      } else if (mod && e.key === '0') {
        e.preventDefault();
        actions.zoom(1);
      } else if (!mod && !e.altKey && !(e.target instanceof HTMLInputElement)) {
        if (e.key === 'n' || e.key === 'j') actions.goTo(state.page + 1);
        else if (e.key === 'p' || e.key === 'k') actions.goTo(state.page - 1);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [state.status, state.page, state.scale]);

  if (state.status !== 'open') return null;
  const zoomIn = ZOOMS.find((z) => z > state.scale + 0.001);
  const zoomOut = [...ZOOMS].reverse().find((z) => z < state.scale - 0.001);
  return (
    <header class="toolbar">
      <div class="tools" role="toolbar" aria-label={t('viewerTools')}>
        <h1 class="doc-title" title={state.title}>
          {state.title ?? ''}
        </h1>
        <button
          type="button"
          class="tool"
          disabled={state.page <= 1}
          onClick={() => actions.goTo(state.page - 1)}
          aria-label={t('viewerPrev')}
        >
          ‹
        </button>
        <label class="page-of">
          <span class="visually-hidden">{t('viewerPage')}</span>
          <input
            type="text"
            inputMode="numeric"
            size={4}
            value={pageText}
            onInput={(e) => setPageText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') actions.goTo(Number(pageText) || state.page);
            }}
            onBlur={() => setPageText(String(state.page))}
          />
          <span aria-hidden="true"> / {state.pages}</span>
          <span class="visually-hidden">{t('viewerPageOf', state.pages)}</span>
        </label>
        <button
          type="button"
          class="tool"
          disabled={state.page >= state.pages}
          onClick={() => actions.goTo(state.page + 1)}
          aria-label={t('viewerNext')}
        >
          ›
        </button>
        <span class="sep" />
        <button
          type="button"
          class="tool"
          disabled={zoomOut === undefined}
          onClick={() => zoomOut !== undefined && actions.zoom(zoomOut)}
          aria-label={t('viewerZoomOut')}
        >
          −
        </button>
        <output class="zoom" aria-label={t('viewerZoom')}>
          {Math.round(state.scale * 100)}%
        </output>
        <button
          type="button"
          class="tool"
          disabled={zoomIn === undefined}
          onClick={() => zoomIn !== undefined && actions.zoom(zoomIn)}
          aria-label={t('viewerZoomIn')}
        >
          +
        </button>
        <button type="button" class="tool" onClick={actions.fitWidth}>
          {t('viewerFitWidth')}
        </button>
        <span class="sep" />
        <button type="button" class="tool" aria-pressed={finding} onClick={() => setFinding(!finding)}>
          {t('viewerFind')}
        </button>
        <button type="button" class="tool" aria-pressed={state.dark} onClick={() => actions.setDark(!state.dark)}>
          {t('viewerDark')}
        </button>
        <OpenFile onFile={actions.openFile} />
      </div>
      {finding ? <FindBar actions={actions} onClose={closeFind} /> : null}
    </header>
  );
}
