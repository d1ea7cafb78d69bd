import { BLOCK_TAGS } from '../matcher/dom';

/**
 * Watches a page for changes (single-page apps, infinite scroll, live text)
 * and hands over the subtrees to rescan in debounced batches. When mutations
 * flood in, it asks for one full rescan instead (as Dark Reader does).
 */
export interface WatcherOptions {
  /** Called with the changed subtrees (none contains another). */
  rescan: (roots: Node[]) => void;
  /** Called instead of `rescan` when there were too many changes. */
  rescanAll: () => void;
  /** Nodes to ignore (Factlens's own UI, skipped regions). */
  ignore?: (node: Node) => boolean;
  debounceMs?: number;
  /** A page that never stops changing is still rescanned at least this often. */
  maxWaitMs?: number;
  /** More changed roots than this in one batch: full rescan. */
  floodRoots?: number;
  /**
   * More batches than this within `floodWindowMs`: full rescan, once, after the storm. Batches
   * come at most once per `debounceMs`, so it must stay below floodWindowMs / debounceMs (10 with
   * the defaults) or it can never be reached.
   */
  floodBatches?: number;
  floodWindowMs?: number;
  /** A storm that never calms down still gets its full rescan this often. */
  maxStormMs?: number;
}

/** The nearest block-level element around a node: the unit the matcher scans. */
export function blockOf(node: Node): Node {
  let el: Node | null = node.nodeType === 1 ? node : node.parentNode;
  while (el && el.nodeType === 1 && (!BLOCK_TAGS.has((el as Element).localName) || (el as Element).localName === 'br'))
    el = el.parentNode;
  return el ?? node;
}

/** Drops roots that another root contains. */
export function outermost(roots: Iterable<Node>): Node[] {
  const list = [...new Set(roots)];
  return list.filter((r) => !list.some((o) => o !== r && o.contains(r)));
}

export class Watcher {
  private observer: MutationObserver;
  private pending = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private batches: number[] = [];
  private flooded = false;
  private stormActivity = false;
  private firstPendingAt = 0;
  private stormSince = 0;
  private o: Required<Omit<WatcherOptions, 'ignore'>> & Pick<WatcherOptions, 'ignore'>;

  constructor(opts: WatcherOptions) {
    this.o = {
      debounceMs: 200,
      maxWaitMs: 600,
      floodRoots: 400,
      floodBatches: 7,
      floodWindowMs: 2000,
      maxStormMs: 10_000,
      ...opts,
    };
    this.observer = new MutationObserver((records) => this.onRecords(records));
  }

  observe(root: Node): void {
    // contenteditable too: a region that becomes an editor loses its marks (one that stops being one gets them).
    this.observer.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['contenteditable'],
    });
  }

  private onRecords(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'attributes') {
        // The element is skipped now (or was): rescan its block, unless an ancestor is skipped anyway.
        const parent = r.target.parentNode;
        if (parent && !this.o.ignore?.(parent)) this.pending.add(blockOf(r.target));
        continue;
      }
      if (this.o.ignore?.(r.target)) continue;
      if (r.type === 'characterData') this.pending.add(blockOf(r.target));
      else {
        if (r.addedNodes.length === 0 && r.removedNodes.length === 0) continue;
        let relevant = false;
        for (const n of r.addedNodes)
          if (!this.o.ignore?.(n) && (n.nodeType === 1 || n.nodeType === 3)) relevant = true;
        for (const n of r.removedNodes) if (n.nodeType === 1 || n.nodeType === 3) relevant = true;
        if (relevant) this.pending.add(blockOf(r.target));
      }
    }
    if (!this.pending.size) return;
    if (this.flooded) {
      // During a storm only note that the page is still changing.
      this.stormActivity = true;
      this.pending.clear();
      return;
    }
    const now = Date.now();
    if (this.timer === undefined) this.firstPendingAt = now;
    else clearTimeout(this.timer);
    // Debounced, but never postponed past maxWaitMs from the first pending change.
    const wait = Math.max(0, Math.min(this.o.debounceMs, this.firstPendingAt + this.o.maxWaitMs - now));
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Runs the pending batch now (tests, page hide). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const now = Date.now();
    this.batches = this.batches.filter((t) => now - t < this.o.floodWindowMs);
    this.batches.push(now);
    const roots = outermost([...this.pending].filter((n) => n.isConnected));
    this.pending.clear();
    if (roots.length > this.o.floodRoots || this.batches.length > this.o.floodBatches) {
      // A storm: wait for a quiet window, then rescan everything once.
      this.flooded = true;
      this.stormActivity = false;
      this.stormSince = now;
      this.timer = setTimeout(() => this.afterStorm(), this.o.floodWindowMs);
      return;
    }
    if (roots.length) this.o.rescan(roots);
  }

  get storming(): boolean {
    return this.flooded;
  }

  private afterStorm(): void {
    if (this.stormActivity && Date.now() - this.stormSince < this.o.maxStormMs) {
      this.stormActivity = false;
      this.timer = setTimeout(() => this.afterStorm(), this.o.floodWindowMs);
      return;
    }
    this.timer = undefined;
    this.flooded = false;
    this.batches = [];
    this.o.rescanAll();
  }

  disconnect(): void {
    this.observer.disconnect();
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.pending.clear();
  }
}
