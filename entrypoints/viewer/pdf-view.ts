/**
 * The viewer's pages: pdf.js renders each page's canvas and text layer, and
 * the text layers are the overlay's text (a BlockSource). Text layers are
 * made for every page, one page at a time in the background, nearest to the
 * reader's place first, and kept (they are a few hundred small spans a page);
 * canvases are drawn only for the pages near the viewport and dropped when
 * far, so a 200-page document costs what a few pages do. Each page's text is
 * handed to the overlay as soon as its layer is made: pages are scanned as
 * they render, never the document at once.
 */
import {
  getDocument,
  GlobalWorkerOptions,
  TextLayer,
  type PDFDocumentProxy,
  type PDFPageProxy,
  type RenderTask,
} from 'pdfjs-dist';
import type { TextContent, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api';
import PdfWorker from 'pdfjs-dist/build/pdf.worker.mjs?worker';
import { browser } from 'wxt/browser';
import type { TextBlock } from '../../lib/matcher/dom';
import type { BlockSource } from '../../lib/content/overlay';
import { pdfBlocks, type PdfRun } from '../../lib/content/pdf-text';

const url = (p: string) => (browser.runtime.getURL as (p: string) => string)(p);

/** Canvases kept drawn at most (the nearest pages); the others are released. */
const MAX_CANVASES = 8;
export const MIN_SCALE = 0.5;
export const MAX_SCALE = 4;

interface PageView {
  n: number;
  el: HTMLDivElement;
  textEl: HTMLDivElement;
  /** Size at scale 1, in CSS px (PDF points). */
  w: number;
  h: number;
  page?: PDFPageProxy;
  layer?: TextLayer;
  /** The scale the text layer was laid out for. */
  layerScale?: number;
  blocks?: TextBlock[];
  making?: Promise<void>;
  canvas?: HTMLCanvasElement;
  canvasScale?: number;
  task?: RenderTask;
  near: boolean;
}

export interface ViewEvents {
  /** The page at the top of the viewport changed (1-based). */
  onPage(n: number): void;
  /** The scale changed. */
  onScale(scale: number): void;
  /** A page's text layer was made (for find). */
  onText?(made: number, total: number): void;
}

let worker: Worker | undefined;

/** The document's bytes at `href` (the one request the viewer makes), or an error the reader can act on. */
export async function fetchPdf(href: string): Promise<Uint8Array> {
  const res = await fetch(href, { credentials: 'include' });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText}`.trim());
  return new Uint8Array(await res.arrayBuffer());
}

export class PdfView implements BlockSource {
  private doc!: PDFDocumentProxy;
  readonly pages: PageView[] = [];
  scale = 1.25;
  private io: IntersectionObserver | undefined;
  private changed: ((roots: Node[]) => void) | undefined;
  /** Pages whose text was made before the overlay watched, and not in its first scan. */
  private unseen: Node[] = [];
  private seen = new Set<Node>();
  private current = 1;
  private destroyed = false;
  private textMade = 0;
  lang: string | undefined;

  constructor(
    private container: HTMLElement,
    private events: ViewEvents,
  ) {}

  /** Opens the document and lays out its pages (placeholders at page 1's size until each page loads). */
  async open(data: Uint8Array): Promise<{ pages: number; title?: string }> {
    worker ??= new PdfWorker();
    GlobalWorkerOptions.workerPort = worker;
    this.doc = await getDocument({
      data,
      // The extension's pages run under script-src 'self': no eval, no WebAssembly.
      isEvalSupported: false,
      useWasm: false,
      enableXfa: false,
      cMapUrl: url('/pdfjs/cmaps/'),
      cMapPacked: true,
      standardFontDataUrl: url('/pdfjs/standard_fonts/'),
    }).promise;
    const first = await this.doc.getPage(1);
    const [x0, y0, x1, y1] = first.view as [number, number, number, number];
    const meta = await this.doc.getMetadata().catch(() => undefined);
    const info = meta?.info as { Title?: string; Language?: string } | undefined;
    this.lang = info?.Language || undefined;
    const frag = document.createDocumentFragment();
    for (let n = 1; n <= this.doc.numPages; n++) {
      const el = document.createElement('div');
      el.className = 'page';
      el.dataset.page = String(n);
      const textEl = document.createElement('div');
      textEl.className = 'textLayer';
      el.append(textEl);
      frag.append(el);
      this.pages.push({ n, el, textEl, w: x1 - x0, h: y1 - y0, near: false });
    }
    this.pages[0]!.page = first;
    this.container.append(frag);
    this.layout();
    this.io = new IntersectionObserver((entries) => this.onIntersect(entries), {
      rootMargin: '100% 0px',
    });
    for (const p of this.pages) this.io.observe(p.el);
    addEventListener('scroll', () => this.trackPage(), { passive: true });
    void this.makeAllText();
    return { pages: this.doc.numPages, title: info?.Title || undefined };
  }

  get numPages(): number {
    return this.pages.length;
  }

  /** BlockSource: the blocks of the pages whose text is made (under `roots`, when given). */
  *blocks(roots?: readonly Node[]): Iterable<TextBlock> {
    for (const p of this.pages) {
      if (!p.blocks) continue;
      if (roots && !roots.some((r) => r === p.textEl || r.contains(p.textEl))) continue;
      if (!roots) this.seen.add(p.textEl);
      yield* p.blocks;
    }
  }

  watch(changed: (roots: Node[]) => void, signal: AbortSignal): void {
    this.changed = changed;
    signal.addEventListener('abort', () => (this.changed = undefined));
    const late = this.unseen.filter((r) => !this.seen.has(r));
    this.unseen = [];
    if (late.length) changed(late);
  }

  /** Lays the pages out at the current scale (sizes only; canvases and text follow as pages come near). */
  private layout(): void {
    for (const p of this.pages) {
      p.el.style.width = `${Math.floor(p.w * this.scale)}px`;
      p.el.style.height = `${Math.floor(p.h * this.scale)}px`;
      p.el.style.setProperty('--total-scale-factor', String(this.scale));
    }
  }

  setScale(scale: number): void {
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.round(scale * 100) / 100));
    if (next === this.scale || !this.pages.length) return;
    // Keep the reader's place: the same point of the same page at the top.
    const page = this.pages[this.current - 1]!;
    const into = (scrollY - (page.el.getBoundingClientRect().top + scrollY)) / (page.h * this.scale);
    this.scale = next;
    this.layout();
    scrollTo({ top: page.el.getBoundingClientRect().top + scrollY + into * page.h * next, behavior: 'instant' });
    for (const p of this.pages) if (p.near) this.draw(p);
    this.events.onScale(next);
  }

  /** Fits the page width to the window. */
  fitWidth(): void {
    const p = this.pages[this.current - 1];
    if (p) this.setScale((this.container.clientWidth - 32) / p.w);
  }

  goTo(n: number): void {
    const p = this.pages[Math.min(this.pages.length, Math.max(1, n)) - 1];
    if (!p) return;
    scrollTo({ top: p.el.getBoundingClientRect().top + scrollY - this.toolbarHeight(), behavior: 'instant' });
    this.trackPage();
  }

  get page(): number {
    return this.current;
  }

  private toolbarHeight(): number {
    return document.querySelector('.toolbar')?.getBoundingClientRect().height ?? 0;
  }

  private trackPage(): void {
    const y = this.toolbarHeight() + 8;
    // Pages are stacked in order: a binary search for the one under y.
    let lo = 0;
    let hi = this.pages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.pages[mid]!.el.getBoundingClientRect().bottom < y) lo = mid + 1;
      else hi = mid;
    }
    const n = lo + 1;
    if (n !== this.current) {
      this.current = n;
      this.events.onPage(n);
    }
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const p = this.pages[Number((e.target as HTMLElement).dataset.page) - 1];
      if (!p) continue;
      p.near = e.isIntersecting;
      if (p.near) this.draw(p);
    }
    this.release();
  }

  private async pageOf(p: PageView): Promise<PDFPageProxy> {
    if (!p.page) {
      p.page = await this.doc.getPage(p.n);
      const [x0, y0, x1, y1] = p.page.view as [number, number, number, number];
      if (x1 - x0 !== p.w || y1 - y0 !== p.h) {
        p.w = x1 - x0;
        p.h = y1 - y0;
        this.layout();
      }
    }
    return p.page;
  }

  /** Draws a page near the viewport: its text layer (laid out for the scale) and its canvas. */
  private draw(p: PageView): void {
    void (async () => {
      await this.makeText(p);
      if (this.destroyed || !p.near) return;
      if (p.layer && p.layerScale !== this.scale) {
        p.layer.update({ viewport: (await this.pageOf(p)).getViewport({ scale: this.scale }) });
        p.layerScale = this.scale;
      }
      if (p.canvasScale === this.scale || !p.near) return;
      p.task?.cancel();
      const page = await this.pageOf(p);
      const viewport = page.getViewport({ scale: this.scale });
      const dpr = devicePixelRatio || 1;
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * dpr);
      canvas.height = Math.floor(viewport.height * dpr);
      canvas.setAttribute('aria-hidden', 'true');
      const task = page.render({
        canvas,
        viewport,
        transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : undefined,
      });
      p.task = task;
      try {
        await task.promise;
      } catch {
        return; // cancelled: zoomed again, or the page went far
      }
      if (p.task !== task) return;
      p.task = undefined;
      p.canvas?.remove();
      p.canvas = canvas;
      p.canvasScale = this.scale;
      p.el.prepend(canvas);
    })().catch((err) => console.warn('[Factlens] page', p.n, err));
  }

  /** Drops the canvases of pages far from the viewport, beyond the nearest MAX_CANVASES. */
  private release(): void {
    const drawn = this.pages.filter((p) => p.canvas || p.task);
    if (drawn.length <= MAX_CANVASES) return;
    for (const p of drawn) {
      if (p.near) continue;
      p.task?.cancel();
      p.task = undefined;
      p.canvas?.remove();
      p.canvas = undefined;
      p.canvasScale = undefined;
    }
  }

  /** Makes every page's text layer, nearest to the reader first, one page at a time between frames. */
  private async makeAllText(): Promise<void> {
    for (;;) {
      if (this.destroyed) return;
      const from = this.current - 1;
      let next: PageView | undefined;
      for (let d = 0; d < this.pages.length && !next; d++) {
        const after = this.pages[from + d];
        const before = this.pages[from - d];
        if (after && !after.blocks) next = after;
        else if (before && !before.blocks) next = before;
      }
      if (!next) return;
      await this.makeText(next);
      await idle();
    }
  }

  /** Makes a page's text layer and its blocks, once; the overlay is told. */
  private makeText(p: PageView): Promise<void> {
    p.making ??= (async () => {
      const page = await this.pageOf(p);
      const content = await page.getTextContent({ includeMarkedContent: true });
      if (this.destroyed) return;
      const layer = new TextLayer({
        textContentSource: content,
        container: p.textEl,
        viewport: page.getViewport({ scale: this.scale }),
      });
      await layer.render();
      // pdf.js measures text on a canvas of its own in the body: nothing there to read.
      for (const c of document.querySelectorAll('body > .hiddenCanvasElement')) c.setAttribute('aria-hidden', 'true');
      p.layer = layer;
      p.layerScale = this.scale;
      const [, y0] = page.view as [number, number];
      p.blocks = pdfBlocks(
        runsOf(content, layer.textDivs, y0),
        { height: p.h },
        this.lang ?? content.lang ?? undefined,
      );
      this.textMade++;
      this.events.onText?.(this.textMade, this.pages.length);
      if (this.changed) this.changed([p.textEl]);
      else this.unseen.push(p.textEl);
    })();
    return p.making;
  }

  /** Whether every page's text is made. */
  get allText(): boolean {
    return this.textMade === this.pages.length;
  }

  /** Makes the text of this page now (find, going to a match). */
  async ensureText(n: number): Promise<TextBlock[]> {
    const p = this.pages[n - 1]!;
    await this.makeText(p);
    return p.blocks ?? [];
  }

  destroy(): void {
    this.destroyed = true;
    this.io?.disconnect();
    for (const p of this.pages) p.task?.cancel();
    void this.doc?.destroy();
  }
}

/**
 * The runs of a page's text content, each with the text node of its span in
 * the text layer (the layer makes one span per item that has a string, in
 * order), and whether it is inside a tagged artifact.
 */
function runsOf(content: TextContent, divs: readonly HTMLElement[], y0: number): PdfRun<Text>[] {
  const runs: PdfRun<Text>[] = [];
  const tags: boolean[] = [];
  let i = 0;
  for (const item of content.items as (TextItem | TextMarkedContent)[]) {
    if (!('str' in item)) {
      if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps')
        tags.push((item as { tag?: string }).tag === 'Artifact');
      else if (item.type === 'endMarkedContent') tags.pop();
      continue;
    }
    const div = divs[i++];
    const node = div?.firstChild;
    if (!node || node.nodeType !== 3) {
      // An empty item that ends a line (the layer draws no span for it).
      if (item.hasEOL && runs.length) runs[runs.length - 1]!.eol = true;
      continue;
    }
    const [a, b, c, d, e, f] = item.transform as number[];
    runs.push({
      str: item.str,
      x: e!,
      y: f! - y0,
      width: item.width,
      size: Math.hypot(c!, d!) || item.height,
      rotated: Math.abs(b!) > 1e-3 || Math.abs(c!) > 1e-3 || a! < 0,
      artifact: tags.includes(true),
      eol: item.hasEOL,
      node: node as Text,
    });
  }
  return runs;
}

/** Resolves after the browser has had a frame and an idle moment (the next page's text waits for it). */
function idle(): Promise<void> {
  return new Promise((r) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => r(), { timeout: 100 });
    else setTimeout(r, 0);
  });
}
