/**
 * The Factlens PDF viewer (an extension page: the browsers' own PDF viewers
 * take no content scripts). pdf.js renders the pages and their text layers;
 * the very overlay and card a web page gets mark and answer the text layers,
 * which come to it as blocks joined the way a reader reads (pdf-view.ts,
 * lib/content/pdf-text.ts). Ways in: `?file=<address>` (the popup's "Open in
 * Factlens", and PDF links when the reader lets Factlens open them), a file
 * from this computer (the button, or dropped on the page), read from disk.
 * The only request the page makes is for the PDF at `file`.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t, uiLanguage } from '../../lib/shared/i18n';
import { call } from '../../lib/shared/protocol';
import { Overlay } from '../../lib/content/overlay';
import { provideCardFactory } from '../card/card-ui';
import { App, Empty, type ViewerActions, type ViewerState } from './App';
import { Finder } from './find';
import { fetchPdf, PdfView } from './pdf-view';
import '../popup/style.css';
import './style.css';

document.documentElement.lang = uiLanguage();
document.title = t('viewerTitle');
const pagesEl = document.getElementById('pages')!;
document.getElementById('main')!.setAttribute('aria-label', t('viewerPages'));

let state: ViewerState = { status: 'empty', page: 1, pages: 0, scale: 1.25, dark: false };
let view: PdfView | undefined;
let overlay: Overlay | undefined;
let finder: Finder | undefined;
let tabId: number | undefined;

const update = (patch: Partial<ViewerState>) => {
  state = { ...state, ...patch };
  document.body.classList.toggle('dark-pages', state.dark);
  render(<App state={state} actions={actions} />, document.getElementById('app')!);
  render(<Empty state={state} actions={actions} />, document.getElementById('empty')!);
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function show(load: () => Promise<Uint8Array>, name: string): Promise<void> {
  overlay?.stop();
  view?.destroy();
  finder?.clear();
  pagesEl.replaceChildren();
  update({ status: 'loading', error: undefined, page: 1, pages: 0 });
  try {
    const data = await load();
    const next = new PdfView(pagesEl, {
      onPage: (page) => update({ page }),
      onScale: (scale) => {
        overlay?.preview.close();
        update({ scale });
      },
    });
    view = next;
    const { pages, title } = await next.open(data);
    const shown = title ?? name;
    document.title = `${shown} · Factlens`;
    update({ status: 'open', pages, title: shown, scale: next.scale });
    finder = new Finder(next);
    overlay = new Overlay(new ContentScriptContext('viewer'), { source: next, tabId: () => tabId });
    overlay.start().catch((err) => console.warn('[Factlens] the overlay did not start:', err));
  } catch (e) {
    update({ status: 'error', error: message(e) });
  }
}

const actions: ViewerActions = {
  openFile: (file) => void show(async () => new Uint8Array(await file.arrayBuffer()), file.name),
  goTo: (n) => view?.goTo(n),
  zoom: (scale) => view?.setScale(scale),
  fitWidth: () => view?.fitWidth(),
  setDark: (dark) => update({ dark }),
  find: async (q) => (finder ? finder.search(q) : 0),
  findStep: (s) => {
    if (!finder?.step(s)) return undefined;
    return { index: finder.index, total: finder.matches.length };
  },
  findClose: () => finder?.clear(),
};

// Dropped on the page: a PDF from this computer, read from disk.
addEventListener('dragover', (e) => {
  if (e.dataTransfer?.types.includes('Files')) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }
});
addEventListener('drop', (e) => {
  const file = [...(e.dataTransfer?.files ?? [])].find((f) => f.type === 'application/pdf' || /\.pdf$/i.test(f.name));
  if (!file) return;
  e.preventDefault();
  actions.openFile(file);
});

provideCardFactory();
update({});
void browser.tabs
  ?.getCurrent()
  .then((tab) => (tabId = tab?.id))
  .catch(() => undefined);
// Dark pages follow the card's theme (the reader's setting, or the system's).
void call('settings.get', {})
  .then((s) => {
    const dark = s.theme === 'dark' || (s.theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
    if (dark !== state.dark) update({ dark });
  })
  .catch(() => undefined);

const file = new URLSearchParams(location.search).get('file');
if (file) {
  let name = file;
  try {
    name = decodeURIComponent(new URL(file).pathname.split('/').pop() || file);
  } catch {
    // not a URL: fetch says so below
  }
  void show(() => fetchPdf(file), name);
}
