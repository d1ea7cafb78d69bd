/**
 * The card's life cycle as a small state machine (after Wikipedia's Page
 * Previews): pointer dwells on a mark → fetch → show; leaving the mark or the
 * card starts an abandon delay that re-entering either cancels. Keyboard
 * opens skip the dwell. Timers are injected so tests drive time.
 */
export type PreviewState = 'idle' | 'dwelling' | 'fetching' | 'shown' | 'abandoning';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface PreviewOptions<T, D> {
  dwellMs: number;
  abandonMs: number;
  fetch: (target: T) => Promise<D>;
  show: (target: T, data: D, how: 'pointer' | 'keyboard') => void;
  hide: () => void;
  /** Called when the card is due (dwell over, or opened at once): for latency figures. */
  onDue?: (target: T) => void;
  onError?: (err: unknown) => void;
  timers?: Timers;
}

const realTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as number) };

export class Preview<T, D> {
  state: PreviewState = 'idle';
  target: T | undefined;
  private timer: unknown;
  private token = 0;
  private timers: Timers;

  constructor(private opts: PreviewOptions<T, D>) {
    this.timers = opts.timers ?? realTimers;
  }

  setDwell(ms: number): void {
    this.opts.dwellMs = ms;
  }

  /** The pointer entered a mark. */
  enter(target: T): void {
    if (this.target === target && (this.state === 'shown' || this.state === 'abandoning')) {
      this.cancelTimer();
      this.state = 'shown';
      return;
    }
    if (this.target === target && (this.state === 'dwelling' || this.state === 'fetching')) return;
    this.cancelTimer();
    if (this.state === 'shown' || this.state === 'abandoning') this.close();
    this.target = target;
    this.state = 'dwelling';
    // Fetch while the pointer dwells: a sleeping worker wakes up during the dwell.
    const early = this.opts.fetch(target);
    early.catch(() => undefined);
    this.timer = this.timers.set(() => void this.load(target, 'pointer', early), this.opts.dwellMs);
  }

  /** The pointer left the mark or the card. */
  leave(): void {
    if (this.state === 'dwelling' || this.state === 'fetching') {
      this.reset();
      return;
    }
    if (this.state === 'shown') {
      this.state = 'abandoning';
      this.timer = this.timers.set(() => this.close(), this.opts.abandonMs);
    }
  }

  /** The pointer is inside the card: keep it. */
  hold(): void {
    if (this.state === 'abandoning') {
      this.cancelTimer();
      this.state = 'shown';
    }
  }

  /** Open at once (keyboard focus, shortcut, tap). */
  open(target: T): Promise<void> {
    this.cancelTimer();
    if (this.state === 'shown' || this.state === 'abandoning') this.close();
    this.target = target;
    return this.load(target, 'keyboard');
  }

  close(): void {
    const wasShown = this.state === 'shown' || this.state === 'abandoning';
    this.reset();
    if (wasShown) this.opts.hide();
  }

  private async load(target: T, how: 'pointer' | 'keyboard', early?: Promise<D>): Promise<void> {
    const token = ++this.token;
    this.state = 'fetching';
    this.opts.onDue?.(target);
    try {
      const data = await (early ?? this.opts.fetch(target));
      if (token !== this.token || this.target !== target) return;
      this.state = 'shown';
      this.opts.show(target, data, how);
    } catch (err) {
      if (token === this.token) this.reset();
      this.opts.onError?.(err);
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private reset(): void {
    this.cancelTimer();
    this.token++;
    this.state = 'idle';
    this.target = undefined;
  }
}
