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
  /** Schedules the first slice (default: it runs at once, inside the call). */
  first?: (fn: () => void) => void;
  /** Told how long each slice ran (for the page's scan statistics). */
  onSlice?: (ms: number) => void;
}

const defaultDefer = (fn: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => fn(), { timeout: 200 });
  else setTimeout(fn, 0);
};

/**
 * Calls `fn` in a task after the browser has rendered a frame, when style and
 * layout are up to date: reading geometry then (caretPositionFromPoint) costs
 * a hit test, not a forced layout of the whole page inside Factlens's task.
 * Where no frame comes (a hidden tab), after a short timeout instead.
 */
export function afterFrame(fn: () => void, fallbackMs = 250): void {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden')
    return void setTimeout(go, 0);
  requestAnimationFrame(() => setTimeout(go, 0));
  setTimeout(go, fallbackMs);
}

export interface SliceHandle {
  cancel(): void;
  done: Promise<boolean>;
}

/**
 * Calls `step(item)` for each item, `budgetMs` at a time. `items` may be a
 * function that returns them: it is called at the start of the first slice
 * (its work counts in that slice). `done` resolves true when all ran, false
 * when cancelled.
 */
export function runInSlices<T>(
  items: Iterable<T> | (() => Iterable<T>),
  step: (item: T) => void,
  opts: SliceOptions = {},
): SliceHandle {
  const budget = opts.budgetMs ?? 8;
  const now = opts.now ?? (() => performance.now());
  const defer = opts.defer ?? defaultDefer;
  let it: Iterator<T> | undefined;
  let cancelled = false;
  let resolve!: (v: boolean) => void;
  const done = new Promise<boolean>((r) => (resolve = r));
  const slice = () => {
    if (cancelled) return resolve(false);
    const start = now();
    let finished = false;
    it ??= (typeof items === 'function' ? items() : items)[Symbol.iterator]();
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
  if (opts.first) opts.first(slice);
  else slice();
  return {
    cancel: () => {
      cancelled = true;
    },
    done,
  };
}
