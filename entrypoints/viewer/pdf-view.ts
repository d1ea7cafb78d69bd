/**
 * The viewer's pages: pdf.js renders each page's canvas and text layer, and
 * the text layers are the overlay's text (a BlockSource). Text layers are
 * made for every page, one page at a time in the background, nearest to the
 * reader's place first, and kept (they are a few hundred small spans a page;
 * the browser skips the pages out of view, `content-visibility: auto`);
 * canvases are drawn only for the pages near the viewport once scrolling
 * settles, one at a time, and dropped when far, so a 200-page document costs
 * what a few pages do. Each page's text is
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
/** A page's canvas is drawn once the reader has not scrolled for this long (none while flinging). */
const SETTLE_MS = 150;
/** Pixels of one page's canvas at most: beyond it (high zoom) the page is drawn coarser and stretched. */
const MAX_CANVAS_PIXELS = 2 ** 23;
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
  /** Near pages whose canvas is to be drawn (at the current scale). */
  private waiting = new Set<PageView>();
  /** The canvas being drawn (one at a time). */
  private drawing: Promise<void> | undefined;
  private scratch: HTMLCanvasElement | undefined;
  private lastScroll = 0;
  private settle: ReturnType<typeof setTimeout> | undefined;
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
    addEventListener('scroll', () => this.onScroll(), { passive: true });
    void this.makeAllText();
    return { pages: this.doc.numPages, title: info?.Title || undefined };
  }

  get numPages(): number {
    return this.pages.length;
  }

  /**
   * BlockSource: the blocks of the pages whose text is made now (under `roots`, when given).
   * The pages are taken at the call, not as the scan goes: a page made while the scan runs
   * comes to the overlay by `watch`, and would otherwise be scanned (and counted) twice.
   */
  blocks(roots?: readonly Node[]): Iterable<TextBlock> {
    const pages = this.pages.filter(
      (p) => p.blocks && (!roots || roots.some((r) => r === p.textEl || r.contains(p.textEl))),
    );
    if (!roots) for (const p of pages) this.seen.add(p.textEl);
    return (function* () {
      for (const p of pages) yield* p.blocks!;
    })();
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

  /**
   * A page came near the viewport: its text layer now (laid out for the scale), its canvas
   * once scrolling settles (queued; see pump).
   */
  private draw(p: PageView): void {
    void (async () => {
      await this.makeText(p);
      if (this.destroyed || !p.near) return;
      if (p.layer && p.layerScale !== this.scale) {
        p.layer.update({ viewport: (await this.pageOf(p)).getViewport({ scale: this.scale }) });
        p.layerScale = this.scale;
      }
      if (p.canvasScale !== this.scale) {
        this.waiting.add(p);
        this.pump();
      }
    })().catch((err) => console.warn('[Factlens] page', p.n, err));
  }

  private onScroll(): void {
    this.lastScroll = performance.now();
    this.trackPage();
    this.pump();
  }

  /**
   * Draws the waiting pages' canvases, one at a time, the page in view first, and only
   * once the reader has stopped scrolling for SETTLE_MS: a page flung past is never drawn.
   */
  private pump(): void {
    if (this.destroyed || this.drawing || !this.waiting.size) return;
    const wait = this.lastScroll + SETTLE_MS - performance.now();
    if (wait > 0) {
      clearTimeout(this.settle);
      this.settle = setTimeout(() => this.pump(), wait + 1);
      return;
    }
    let next: PageView | undefined;
    for (const p of this.waiting) if (!next || Math.abs(p.n - this.current) < Math.abs(next.n - this.current)) next = p;
    this.waiting.delete(next!);
    this.drawing = this.drawCanvas(next!)
      .catch((err) => console.warn('[Factlens] page', next!.n, err))
      .finally(() => {
        this.drawing = undefined;
        this.pump();
      });
  }

  /**
   * Renders a page into the one scratch canvas, out of the document, then hands the picture
   * to the page's own canvas as a bitmap (no copy of the pixels on the main thread, nothing
   * allocated per page but the bitmap). pdf.js runs the page's drawing in slices of its own.
   */
  private async drawCanvas(p: PageView): Promise<void> {
    if (!p.near || p.canvasScale === this.scale) return;
    const page = await this.pageOf(p);
    const scale = this.scale;
    const viewport = page.getViewport({ scale });
    const out = outputScale(viewport.width, viewport.height, devicePixelRatio || 1);
    const w = Math.floor(viewport.width * out);
    const h = Math.floor(viewport.height * out);
    this.scratch ??= document.createElement('canvas');
    const scratch = this.scratch;
    if (scratch.width !== w || scratch.height !== h) {
      scratch.width = w;
      scratch.height = h;
    }
    const task = page.render({
      canvas: scratch,
      viewport,
      transform: out !== 1 ? [out, 0, 0, out, 0, 0] : undefined,
    });
    p.task = task;
    // pdf.js draws in slices of about 15 ms, each in an animation frame, where the frame's own
    // work (style, layout, compositing) would join it in one task: each slice in a task of its own.
    task.onContinue = (next: () => void) => void setTimeout(next, 0);
    try {
      await task.promise;
    } catch {
      return; // cancelled: the page went far, or the view was closed
    } finally {
      p.task = undefined;
    }
    if (!p.near || this.destroyed) return;
    const bitmap = await createImageBitmap(scratch);
    if (!p.near || this.destroyed || scale !== this.scale) {
      bitmap.close();
      if (p.near && !this.destroyed) this.waiting.add(p);
      return;
    }
    if (!p.canvas) {
      p.canvas = document.createElement('canvas');
      p.canvas.setAttribute('aria-hidden', 'true');
      p.el.prepend(p.canvas);
    }
    p.canvas.getContext('bitmaprenderer')!.transferFromImageBitmap(bitmap);
    p.canvasScale = scale;
    this.release();
  }

  /** Drops the canvases of pages far from the viewport, beyond the nearest MAX_CANVASES; stops drawing far pages. */
  private release(): void {
    for (const p of this.waiting) if (!p.near) this.waiting.delete(p);
    for (const p of this.pages) if (!p.near && p.task) p.task.cancel();
    const drawn = this.pages.filter((p) => p.canvas);
    if (drawn.length <= MAX_CANVASES) return;
    for (const p of drawn) {
      if (p.near) continue;
      p.canvas!.getContext('bitmaprenderer')!.transferFromImageBitmap(null);
      p.canvas!.remove();
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
    clearTimeout(this.settle);
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

/**
 * The canvas pixels per CSS pixel for a page of w × h CSS pixels: the device's, unless the
 * canvas would pass MAX_CANVAS_PIXELS (then fewer, the page stretched to its size).
 */
function outputScale(w: number, h: number, dpr: number): number {
  const max = Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, w * h));
  return Math.min(dpr, max);
}

/** Resolves after the browser has had a frame and an idle moment (the next page's text waits for it). */
function idle(): Promise<void> {
  return new Promise((r) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => r(), { timeout: 100 });
    else setTimeout(r, 0);
  });
}
