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
export function runInSlices<T>(items: Iterable<T>, step: (item: T) => void, opts: SliceOptions = {}): SliceHandle {
  const budget = opts.budgetMs ?? 8;
  const now = opts.now ?? (() => performance.now());
  const defer = opts.defer ?? defaultDefer;
  const it = items[Symbol.iterator]();
  let cancelled = false;
  let resolve!: (v: boolean) => void;
  const done = new Promise<boolean>((r) => (resolve = r));
  const slice = () => {
    if (cancelled) return resolve(false);
    const start = now();
    let finished = false;
    for (;;) {
      // Taking the next item is work too (a generator may walk the DOM): it counts.
      const r = it.next();
      if (r.done) {
        finished = true;
        break;
      }
      step(r.value);
      if (now() - start >= budget) break;
    }
    opts.onSlice?.(now() - start);
    if (finished) resolve(true);
    else defer(slice);
  };
  slice();
  return {
    cancel: () => {
      cancelled = true;
    },
    done,
  };
}

