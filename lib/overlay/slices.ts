/**
 * Runs work in short slices so that no main-thread task of Factlens's runs
 * long: each slice stops after `budgetMs` and the rest continues in the next
 * idle period (or a zero-delay timeout where requestIdleCallback is missing).
 */
export interface SliceOptions {
  budgetMs?: number;
  now?: () => number;
  /** Schedules the next slice. */
  defer?: (fn: () => void) => void;
  /** Told how long each slice ran (for the page's scan statistics). */
  onSlice?: (ms: number) => void;
}

const defaultDefer = (fn: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 200 });
  else setTimeout(fn, 0);
};

export interface SliceHandle {
  cancel(): void;
  done: Promise<boolean>;
}

/**
 * Calls `step(item)` for each item, `budgetMs` at a time. `done` resolves
 * true when all ran, false when cancelled.
 */
export function runInSlices<T>(items: readonly T[], step: (item: T) => void, opts: SliceOptions = {}): SliceHandle {
  const budget = opts.budgetMs ?? 8;
  const now = opts.now ?? (() => performance.now());
  const defer = opts.defer ?? defaultDefer;
  let i = 0;
  let cancelled = false;
  let resolve!: (v: boolean) => void;
  const done = new Promise<boolean>((r) => (resolve = r));
  const slice = () => {
    if (cancelled) return resolve(false);
    const start = now();
    while (i < items.length) {
      step(items[i++]!);
      if (now() - start >= budget) break;
    }
    opts.onSlice?.(now() - start);
    if (i < items.length) defer(slice);
    else resolve(true);
  };
  slice();
  return {
    cancel: () => {
      cancelled = true;
    },
    done,
  };
}

/**
 * Reorders `items` (in document order) so that the one holding `pivot` and
 * those after it come first, then the ones before: the reader's part of the
 * page is scanned first.
 */
export function startingAt<T>(items: readonly T[], pivotIndex: number): T[] {
  if (pivotIndex <= 0 || pivotIndex >= items.length) return [...items];
  return [...items.slice(pivotIndex), ...items.slice(0, pivotIndex)];
}

/** Index of the first item whose node is at or after `node` in document order (binary search). */
export function firstAtOrAfter<T>(items: readonly T[], nodeOf: (t: T) => Node, node: Node): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const n = nodeOf(items[mid]!);
    const before = n !== node && !!(n.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
