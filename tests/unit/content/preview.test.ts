import { describe, expect, it } from 'vitest';
import { Preview, type Timers } from '../../../lib/content/preview';

class FakeTimers implements Timers {
  now = 0;
  private q: { at: number; fn: () => void; id: number }[] = [];
  private id = 0;
  set(fn: () => void, ms: number) {
    const id = ++this.id;
    this.q.push({ at: this.now + ms, fn, id });
    return id;
  }
  clear(h: unknown) {
    this.q = this.q.filter((t) => t.id !== h);
  }
  async advance(ms: number) {
    this.now += ms;
    for (;;) {
      const due = this.q.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.q = this.q.filter((t) => t !== due);
      due.fn();
      await Promise.resolve();
    }
    await new Promise((r) => setTimeout(r, 0));
  }
}

function setup(fetchImpl?: (t: string) => Promise<string>) {
  const timers = new FakeTimers();
  const log: string[] = [];
  const p = new Preview<string, string>({
    dwellMs: 200,
    abandonMs: 300,
    timers,
    fetch: fetchImpl ?? (async (t) => `data:${t}`),
    show: (t, d, how) => log.push(`show ${t} ${d} ${how}`),
    hide: () => log.push('hide'),
  });
  return { p, timers, log };
}

describe('card preview state machine', () => {
  it('shows after the dwell, not before', async () => {
    const { p, timers, log } = setup();
    p.enter('a');
    await timers.advance(150);
    expect(log).toEqual([]);
    expect(p.state).toBe('dwelling');
    await timers.advance(60);
    expect(log).toEqual(['show a data:a pointer']);
    expect(p.state).toBe('shown');
  });

  it('fetches while the pointer dwells, and shows only when the dwell is over', async () => {
    const fetched: string[] = [];
    const { p, timers, log } = setup(async (t) => {
      fetched.push(t);
      return `data:${t}`;
    });
    p.enter('a');
    expect(fetched).toEqual(['a']);
    await timers.advance(100);
    expect(log).toEqual([]);
    await timers.advance(100);
    expect(log).toEqual(['show a data:a pointer']);
    expect(fetched).toEqual(['a']);
  });

  it('a pointer that passes by shows nothing', async () => {
    const { p, timers, log } = setup();
    p.enter('a');
    await timers.advance(100);
    p.leave();
    await timers.advance(500);
    expect(log).toEqual([]);
    expect(p.state).toBe('idle');
  });

  it('stays open while the pointer travels into the card', async () => {
    const { p, timers, log } = setup();
    p.enter('a');
    await timers.advance(200);
    p.leave();
    await timers.advance(150);
    p.hold();
    await timers.advance(1000);
    expect(log).toEqual(['show a data:a pointer']);
    p.leave();
    await timers.advance(300);
    expect(log).toEqual(['show a data:a pointer', 'hide']);
  });

  it('moving to another mark replaces the card', async () => {
    const { p, timers, log } = setup();
    p.enter('a');
    await timers.advance(200);
    p.enter('b');
    expect(log).toEqual(['show a data:a pointer', 'hide']);
    await timers.advance(200);
    expect(log.at(-1)).toBe('show b data:b pointer');
  });

  it('keyboard opens at once and Esc closes', async () => {
    const { p, log } = setup();
    await p.open('k');
    expect(log).toEqual(['show k data:k keyboard']);
    p.close();
    expect(log).toEqual(['show k data:k keyboard', 'hide']);
    expect(p.state).toBe('idle');
  });

  it('a late answer for an abandoned mark is dropped', async () => {
    let release!: (v: string) => void;
    const { p, timers, log } = setup((t) =>
      t === 'slow' ? new Promise((r) => (release = r)) : Promise.resolve(`data:${t}`),
    );
    p.enter('slow');
    await timers.advance(200);
    expect(p.state).toBe('fetching');
    p.leave();
    release('late');
    await timers.advance(0);
    expect(log).toEqual([]);
  });

  it('a failed fetch returns to idle and reports', async () => {
    const errors: unknown[] = [];
    const timers = new FakeTimers();
    const p = new Preview<string, string>({
      dwellMs: 10,
      abandonMs: 10,
      timers,
      fetch: async () => {
        throw new Error('worker asleep');
      },
      show: () => undefined,
      hide: () => undefined,
      onError: (e) => errors.push(e),
    });
    p.enter('x');
    await timers.advance(10);
    expect(p.state).toBe('idle');
    expect(String(errors[0])).toMatch(/worker asleep/);
  });
});
