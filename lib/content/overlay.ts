/**
 * The content script's life cycle: loads the index, scans the page in slices,
 * paints the marks, rescans what the page changes, and tears everything down
 * with one AbortController. Input (pointer, touch, focus, keyboard) is
 * input.ts; the requests of the popup and the background are page-api.ts.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createMatcher, type Matcher } from '../matcher/scan';
import { call, type CardData, type IndexPayload, type PageStats } from '../shared/protocol';
import { fetchIndex } from './index-fetch';
import { caretAt, MarkIndex, type Mark } from './marks';
import { blockAround, insideSkipped, liveRange, walkSteps, type TextBlock } from '../matcher/dom';
import { afterFrame, runInSlices, type SliceHandle } from './slices';
import { Watcher } from './watcher';
import { Painter } from './highlights';
import { Preview } from './preview';
import { blockParts, measureScanOnce, scanBlocks } from './scanner';
import { skipOwnUi } from '../shared/ui-tag';
import { LazyCard } from '../shared/card-port';
import { Input } from './input';
import { servePageApi } from './page-api';

const ABANDON_MS = 300;

/**
 * Where the overlay's text comes from when it is not the page's DOM walked as
 * blocks: the PDF viewer, whose text layers are absolutely placed runs that
 * only their geometry joins into sentences (lib/content/pdf-text.ts).
 */
export interface BlockSource {
  /** The blocks inside `roots` (all the source's blocks when absent), in reading order. */
  blocks(roots?: readonly Node[]): Iterable<TextBlock>;
  /** Calls `changed` with the parts whose text was made or remade, until `signal` aborts. */
  watch(changed: (roots: Node[]) => void, signal: AbortSignal): void;
}

export interface OverlayOptions {
  /** The text to mark (default: the document's blocks, watched for changes). */
  source?: BlockSource;
  /** The tab this page is shown in, for the popup's requests addressed to an extension page. */
  tabId?: () => number | undefined;
}

export class Overlay {
  /** Set by load(); the page API answers before it (names then fall back to ids). */
  private payload!: IndexPayload;
  /** Made from the index by the first slice that needs it (its cost counts in that slice). */
  private matcher: Matcher | undefined;
  readonly marks = new MarkIndex();
  private painter = new Painter();
  readonly card: LazyCard;
  readonly preview: Preview<Mark, CardData>;
  private input = new Input(this);
  private hiddenHere = new Set<string>();
  private cursor = -1;
  private revealCursor = new Map<string, number>();
  /** True once torn down (site switched off, extension updated): a new injection starts afresh. */
  stopped = false;
  private jobs: SliceHandle[] = [];
  private stats: PageStats = { scanMs: 0, longestSliceMs: 0, slices: 0, blocks: 0, marks: 0, scanning: false };
  private cardStart = 0;
  /** Aborted by stop(): every listener, the watcher and the page API go with it. */
  private abort = new AbortController();

  constructor(
    private ctx: ContentScriptContext,
    private opts: OverlayOptions = {},
  ) {
    this.card = new LazyCard(
      ctx,
      {
        onClose: () => this.preview.close(),
        onMore: (entity) => void call('ui.open', { entity }).catch(report),
        onHide: (entity, scope) => void this.hide(entity, scope),
        onPointerEnter: () => this.preview.hold(),
        onPointerLeave: () => this.preview.leave(),
      },
      () => call('ui.loadCard', {}),
    );
    this.preview = new Preview<Mark, CardData>({
      dwellMs: 200,
      abandonMs: ABANDON_MS,
      onDue: () => (this.cardStart = performance.now()),
      fetch: async (m) => {
        const [data] = await Promise.all([
          call('card.get', { entity: m.entity, context: m.context }),
          this.card.load(),
        ]);
        return data;
      },
      show: (m, data, how) => {
        this.painter.setActive(m.range);
        const start = this.cardStart;
        void this.card
          .show(data, liveRange(m.range), {
            focus: how === 'keyboard' && this.input.focusCard,
            pointer: how === 'pointer' ? this.input.lastPointer : undefined,
          })
          .then(() => {
            requestAnimationFrame(() => {
              this.stats.lastCardMs = performance.now() - start;
              this.stats.lastCardWhileScanning = this.stats.scanning;
            });
            // The reading log (off unless the reader turned it on): the background keeps what it served.
            if (this.payload.settings.readingLog)
              void call('card.opened', { entity: m.entity, mention: m.text.slice(0, 300) }).catch(report);
          })
          .catch(report);
      },
      hide: () => {
        this.painter.setActive(null);
        this.card.hide();
      },
      onError: report,
    });
  }

  async start(): Promise<void> {
    // Answer the popup and the background from the first moment (page.ping: this tab runs Factlens).
    this.servePage();
    await this.load();
    if (!this.stopped) this.listen();
  }

  /** Fetches the index and settings, then scans the page. */
  private async load(): Promise<void> {
    this.payload = await fetchIndex(location.href);
    if (this.stopped) return;
    this.matcher = undefined;
    this.preview.setDwell(this.payload.settings.dwellMs);
    this.card.theme = this.payload.settings.theme;
    this.painter.setStyle(this.payload.settings.markStyle);
    this.scan();
  }

  private hiddenSet(): Set<string> {
    return new Set([
      ...this.payload.settings.hiddenEntities,
      ...(this.payload.hiddenByCategory ?? []),
      ...this.hiddenHere,
    ]);
  }

  /** Scans the whole page: the reader's part first, then the rest in idle-time slices. */
  private scan(): void {
    this.jobs.forEach((j) => j.cancel());
    this.jobs = [];
    const source = this.opts.source;
    if (source) return this.scanInSlices(() => source.blocks());
    if (!document.body || isEditorPage()) {
      this.stats.scanning = false;
      return;
    }
    // Start at the first block the reader sees and wrap around; asked once a frame has been
    // rendered, so that the question costs a hit test rather than a forced layout.
    const blocks = () => walkSteps(document.body, { skip: skipOwnUi }, firstVisibleBlock());
    this.scanInSlices(blocks, afterFrame);
  }

  /**
   * For the benchmark only (scripts/bench.ts, through the DevTools protocol in the content
   * script's own world, which pages cannot reach): one whole scan of the page at once, as the
   * slices do it (matcher built, blocks walked and matched, ranges made and indexed), into marks
   * and a highlight of its own that are never shown. Returns its duration in ms.
   */
  measureScan(): number {
    const t = performance.now();
    measureScanOnce(this.payload.index, document.body, this.hiddenSet(), this.payload.settings.firstMentionOnly);
    return performance.now() - t;
  }

  private countSlice(ms: number): void {
    this.stats.scanMs += ms;
    this.stats.slices++;
    if (ms > this.stats.longestSliceMs) this.stats.longestSliceMs = ms;
  }

  private scanInSlices(
    blocks: Iterable<TextBlock | undefined> | (() => Iterable<TextBlock | undefined>),
    first?: (fn: () => void) => void,
  ): void {
    const hidden = this.hiddenSet();
    const firstOnly = this.payload.settings.firstMentionOnly;
    // The entities marked (first mention only): taken again only when the marks changed since.
    let seen: Set<string> | undefined;
    let seenVersion = -1;
    this.stats.scanning = true;
    // One step per block, per part of a long block, or per stretch of a walk in steps.
    const parts = () => blockParts(typeof blocks === 'function' ? blocks() : blocks);
    const job = runInSlices(
      parts,
      (part) => {
        if (part === undefined) return;
        if (part.from === 0) this.stats.blocks++;
        if (firstOnly && seenVersion !== this.marks.version) seen = new Set(this.marks.counts().keys());
        const added = scanBlocks([part], (this.matcher ??= createMatcher(this.payload.index)), this.marks, {
          hidden,
          firstMentionOnly: firstOnly,
          seen,
        });
        seenVersion = this.marks.version;
        if (added.length) this.painter.paint(added.map((m) => m.range));
      },
      { onSlice: (ms) => this.countSlice(ms), first },
    );
    this.jobs.push(job);
    void job.done.then(() => {
      this.jobs = this.jobs.filter((j) => j !== job);
      // Another job (a rescan, or the scan that replaced a cancelled one) may still be running.
      this.stats.scanning = this.jobs.length > 0;
      // The page has marks: fetch the card UI while the reader is still reading.
      if (this.marks.all.length && !this.stopped) schedule(() => void this.card.load().catch(report));
    });
  }

  /** Rescans the subtrees the page changed. */
  private rescan(roots: Node[]): void {
    if (!this.opts.source && isEditorPage()) {
      // The page became an editor (designMode) since the scan: no marks anywhere.
      if (this.marks.all.length) this.rescanAll();
      return;
    }
    const gone = this.marks.removeWithin(roots);
    if (gone.length) {
      if (this.preview.target && gone.includes(this.preview.target)) this.preview.close();
      this.painter.unpaint(gone.map((m) => m.range));
    }
    const live = roots.filter((r) => r.isConnected);
    const source = this.opts.source;
    if (source) return this.scanInSlices(() => source.blocks(live));
    this.scanInSlices(
      (function* () {
        for (const r of live) yield* walkSteps(r, { skip: skipOwnUi });
      })(),
    );
  }

  private rescanAll(): void {
    this.teardownMarks();
    this.painter.setStyle(this.payload.settings.markStyle);
    this.scan();
  }

  private listen(): void {
    const signal = this.abort.signal;
    this.input.listen(signal);
    if (this.opts.source) this.opts.source.watch((roots) => this.rescan(roots), signal);
    else if (document.body) {
      const watcher = new Watcher({
        rescan: (roots) => this.rescan(roots),
        rescanAll: () => this.rescanAll(),
        ignore: (n) => isIgnored(n),
      });
      watcher.observe(document.body);
      signal.addEventListener('abort', () => watcher.disconnect());
    }
    // Single-page-app navigations: the old card no longer belongs to the page.
    this.ctx.addEventListener(window, 'wxt:locationchange', () => this.preview.close());
  }

  private servePage(): void {
    servePageApi(
      {
        entities: () =>
          [...this.marks.counts()]
            .map(([id, count]) => ({ id, count, name: (this.payload as IndexPayload | undefined)?.names[id] ?? id }))
            .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
        reveal: (entity) => this.reveal(entity),
        stats: () => ({ ...this.stats, marks: this.marks.all.length }),
        refresh: async () => {
          this.teardownMarks();
          await this.load();
        },
        stop: () => this.stop(),
      },
      this.abort.signal,
      this.opts.tabId,
    );
  }

  cycle(step: number): void {
    const list = this.marks.ordered();
    if (!list.length) return;
    this.cursor = (this.cursor + step + list.length) % list.length;
    const m = list[this.cursor]!;
    scrollToRange(m.range);
    void this.preview.open(m);
  }

  private reveal(entity: string): boolean {
    const list = this.marks.ordered().filter((m) => m.entity === entity);
    if (!list.length) return false;
    const i = ((this.revealCursor.get(entity) ?? -1) + 1) % list.length;
    this.revealCursor.set(entity, i);
    const m = list[i]!;
    scrollToRange(m.range);
    this.painter.setActive(m.range);
    setTimeout(() => {
      if (this.preview.target !== m) this.painter.setActive(null);
    }, 1200);
    return true;
  }

  private async hide(entity: string, scope: 'page' | 'everywhere'): Promise<void> {
    this.preview.close();
    if (scope === 'everywhere') {
      await call('entity.hide', { entity });
      this.payload.settings.hiddenEntities = [...this.payload.settings.hiddenEntities, entity];
    } else this.hiddenHere.add(entity);
    const gone = this.marks.remove(new Set(this.marks.all.filter((m) => m.entity === entity)));
    this.painter.unpaint(gone.map((m) => m.range));
  }

  private teardownMarks(): void {
    this.jobs.forEach((j) => j.cancel());
    this.jobs = [];
    this.preview.close();
    this.painter.clear();
    this.marks.clear();
  }

  stop(): void {
    this.stopped = true;
    this.teardownMarks();
    this.abort.abort();
    this.card.remove();
  }
}

/**
 * The first block in the viewport that is not pinned there (a fixed or sticky
 * header stays on screen wherever the reader is): the scan starts with what is
 * on screen, so a mention the reader sees is marked, and answers a hover, in the
 * first slices of a page of any length. Probed down the middle of the viewport.
 */
function firstVisibleBlock(): Element | undefined {
  if (document.visibilityState !== 'visible') return undefined;
  for (const y of [4, innerHeight / 8, innerHeight / 4, innerHeight / 2]) {
    const here = caretAt(document, innerWidth / 2, y);
    const block = here && blockAround(here.node);
    if (block && block !== document.body && !pinned(block)) return block;
  }
  return undefined;
}

function pinned(el: Element): boolean {
  for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
    const p = getComputedStyle(e).position;
    if (p === 'fixed' || p === 'sticky') return true;
  }
  return false;
}

/** Changes in these places never hold marks: Factlens's own UI and the regions the matcher skips. */
const isIgnored = (n: Node) => insideSkipped(n, { skip: skipOwnUi });

/** A document in designMode is an editor as a whole: like a contenteditable region, never marked. */
const isEditorPage = () => document.designMode === 'on';

function scrollToRange(range: AbstractRange): void {
  const el = range.startContainer.parentElement;
  el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
}

function schedule(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
}

function report(err: unknown): void {
  // Never let a Factlens failure surface as a page error; keep it visible to developers.
  console.debug('[Factlens]', err);
}
