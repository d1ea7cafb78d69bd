/**
 * The content script's orchestrator: scans the page once, paints the marks,
 * and drives the card from pointer, keyboard and touch.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createMatcher, type Matcher } from '../matcher/scan';
import { call, serve, type CardData, type ContentApi, type IndexPayload, type PageStats } from '../shared/protocol';
import { caretAt, MarkIndex, type Mark } from './marks';
import { blockAround, insideSkipped, iterBlocks, type TextBlock } from '../matcher/dom';
import { afterFrame, runInSlices, type SliceHandle } from './slices';
import { Watcher } from './watcher';
import { Painter } from './highlights';
import { Preview } from './preview';
import { measureScanOnce, scanBlocks } from './scanner';
import { skipOwnUi } from '../shared/ui-tag';
import { LazyCard } from '../shared/card-port';

const ABANDON_MS = 300;
const CYCLE_KEY = 'KeyM'; // Alt+Shift+M: next mention

export class Overlay {
  private payload!: IndexPayload;
  /** Made from the index by the first slice that needs it (its cost counts in that slice). */
  private matcher: Matcher | undefined;
  private marks = new MarkIndex();
  private painter = new Painter();
  private card: LazyCard;
  private preview: Preview<Mark, CardData>;
  private hiddenHere = new Set<string>();
  private hovered: Mark | undefined;
  private frame = 0;
  private lastPointer: { x: number; y: number } | undefined;
  private cursor = -1;
  private revealCursor = new Map<string, number>();
  /** True once torn down (site switched off, extension updated): a new injection starts afresh. */
  stopped = false;
  private jobs: SliceHandle[] = [];
  private stats: PageStats = { scanMs: 0, longestSliceMs: 0, slices: 0, blocks: 0, marks: 0, scanning: false };
  private cardStart = 0;
  private watcher: Watcher | undefined;
  private cleanups: (() => void)[] = [];

  constructor(private ctx: ContentScriptContext) {
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
          .show(data, m.range, {
            focus: how === 'keyboard' && this.focusCard,
            pointer: how === 'pointer' ? this.lastPointer : undefined,
          })
          .then(() => requestAnimationFrame(() => (this.stats.lastCardMs = performance.now() - start)))
          .catch(report);
      },
      hide: () => {
        this.painter.setActive(null);
        this.card.hide();
      },
      onError: report,
    });
  }

  /** Whether a keyboard-opened card takes focus (shortcut: yes; tabbing onto a link: no). */
  private focusCard = false;

  async start(): Promise<void> {
    await this.load();
    if (!this.stopped) this.listen();
  }

  /** Fetches the index and settings, then scans the page. */
  private async load(): Promise<void> {
    this.payload = await call('index.get', { url: location.href });
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
    if (!document.body || isEditorPage()) {
      this.stats.scanning = false;
      return;
    }
    // Start at the block under the top of the viewport and wrap around; asked once a frame has
    // been rendered, so that the question costs a hit test rather than a forced layout.
    const blocks = () => {
      const here =
        document.visibilityState === 'visible'
          ? caretAt(document, innerWidth / 2, Math.min(innerHeight / 3, 120))
          : null;
      const from = here ? blockAround(here.node) : undefined;
      return iterBlocks(document.body, { skip: skipOwnUi }, from);
    };
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
    blocks: Iterable<TextBlock> | (() => Iterable<TextBlock>),
    first?: (fn: () => void) => void,
  ): void {
    const hidden = this.hiddenSet();
    const firstOnly = this.payload.settings.firstMentionOnly;
    // The entities marked (first mention only): taken again only when the marks changed since.
    let seen: Set<string> | undefined;
    let seenVersion = -1;
    this.stats.scanning = true;
    const job = runInSlices(
      blocks,
      (block) => {
        this.stats.blocks++;
        if (firstOnly && seenVersion !== this.marks.version) seen = new Set(this.marks.counts().keys());
        const added = scanBlocks([block], (this.matcher ??= createMatcher(this.payload.index)), this.marks, {
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
    if (isEditorPage()) {
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
    this.scanInSlices(
      (function* () {
        for (const r of live) yield* iterBlocks(r, { skip: skipOwnUi });
      })(),
    );
  }

  private rescanAll(): void {
    this.teardownMarks();
    this.painter.setStyle(this.payload.settings.markStyle);
    this.scan();
  }

  private listen(): void {
    const on = <K extends keyof DocumentEventMap>(
      type: K,
      fn: (e: DocumentEventMap[K]) => void,
      opts: AddEventListenerOptions = { capture: true, passive: true },
    ) => {
      document.addEventListener(type, fn as EventListener, opts);
      this.cleanups.push(() => document.removeEventListener(type, fn as EventListener, opts));
    };
    on('pointermove', (e) => {
      if (e.pointerType === 'touch') return;
      this.lastPointer = { x: e.clientX, y: e.clientY };
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.onPointer(e.target);
      });
    });
    // Into a frame (whose events this document never sees) or out of the window: the pointer left the mark.
    on('pointerout', (e) => {
      const to = e.relatedTarget;
      if (e.pointerType === 'touch' || (to !== null && !(to instanceof Element && FRAME_TAGS.has(to.localName))))
        return;
      if (this.frame) cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.lastPointer = undefined;
      this.onPointer(null);
    });
    on('pointerdown', (e) => {
      if (e.pointerType !== 'touch' || this.card.contains(e.target)) return;
      const m = this.marks.at(document, e.clientX, e.clientY);
      if (m) {
        this.lastPointer = { x: e.clientX, y: e.clientY };
        this.focusCard = false;
        void this.preview.open(m);
      } else this.preview.close();
    });
    on('focusin', (e) => {
      if (this.card.contains(e.target)) return;
      const m = e.target instanceof Node && e.target !== document.body ? this.marks.inside(e.target) : undefined;
      if (m) {
        this.focusCard = false;
        void this.preview.open(m);
      }
    });
    on(
      'keydown',
      (e) => {
        if (e.key === 'Escape' && this.preview.state !== 'idle') this.preview.close();
        else if (e.altKey && e.shiftKey && e.code === CYCLE_KEY) {
          e.preventDefault();
          this.cycle(e.ctrlKey ? -1 : 1);
        }
      },
      { capture: true },
    );
    const replace = () => void this.card.place();
    window.addEventListener('scroll', replace, { passive: true, capture: true });
    window.addEventListener('resize', replace, { passive: true });
    this.cleanups.push(() => {
      window.removeEventListener('scroll', replace, { capture: true });
      window.removeEventListener('resize', replace);
    });
    if (document.body) {
      this.watcher = new Watcher({
        rescan: (roots) => this.rescan(roots),
        rescanAll: () => this.rescanAll(),
        ignore: (n) => isIgnored(n),
      });
      this.watcher.observe(document.body);
      this.cleanups.push(() => this.watcher?.disconnect());
    }
    // Single-page-app navigations: the old card no longer belongs to the page.
    this.ctx.addEventListener(window, 'wxt:locationchange', () => this.preview.close());
    const listener = serve<ContentApi>({
      'page.entities': () =>
        [...this.marks.counts()]
          .map(([id, count]) => ({ id, count, name: this.payload.names[id] ?? id }))
          .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
      'page.reveal': ({ entity }) => this.reveal(entity),
      'page.stats': () => ({ ...this.stats, marks: this.marks.all.length }),
      'page.refresh': async () => {
        this.teardownMarks();
        await this.load();
        return true;
      },
      'page.teardown': () => {
        this.stop();
        return true;
      },
    });
    browser.runtime.onMessage.addListener(listener);
    this.cleanups.push(() => browser.runtime.onMessage.removeListener(listener));
  }

  private onPointer(target: EventTarget | null): void {
    if (this.card.contains(target)) return;
    const p = this.lastPointer;
    const m = p ? this.marks.at(document, p.x, p.y) : undefined;
    if (m === this.hovered) return;
    this.hovered = m;
    if (m) this.preview.enter(m);
    else this.preview.leave();
  }

  private cycle(step: number): void {
    const list = this.marks.ordered();
    if (!list.length) return;
    this.cursor = (this.cursor + step + list.length) % list.length;
    const m = list[this.cursor]!;
    scrollToRange(m.range);
    this.focusCard = true;
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
      const s = await call('settings.get', {});
      if (!s.hiddenEntities.includes(entity))
        await call('settings.set', { patch: { hiddenEntities: [...s.hiddenEntities, entity] } });
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
    for (const c of this.cleanups.splice(0)) c();
    this.card.remove();
  }
}

/** Changes in these places never hold marks: Factlens's own UI and the regions the matcher skips. */
const isIgnored = (n: Node) => insideSkipped(n, { skip: skipOwnUi });

/** A document in designMode is an editor as a whole: like a contenteditable region, never marked. */
const isEditorPage = () => document.designMode === 'on';

/** Elements that hold another document: pointer events over them go to that document. */
const FRAME_TAGS = new Set(['iframe', 'frame', 'object', 'embed']);

function scrollToRange(range: Range): void {
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
