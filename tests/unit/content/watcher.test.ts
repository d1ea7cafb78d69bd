// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { blockOf, outermost, Watcher } from '../../../lib/content/watcher';
import { runInSlices } from '../../../lib/content/slices';

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('block roots', () => {
  it('finds the nearest block around a text node', () => {
    document.body.innerHTML = '<div id="d"><p id="p">a <b id="b">bold</b> c</p></div>';
    const bold = document.getElementById('b')!.firstChild!;
    expect(blockOf(bold)).toBe(document.getElementById('p'));
    expect(blockOf(document.getElementById('p')!)).toBe(document.getElementById('p'));
  });

  it('keeps only outermost roots', () => {
    document.body.innerHTML = '<div id="d"><p id="p">x</p></div><p id="q">y</p>';
    const [d, p, q] = ['d', 'p', 'q'].map((id) => document.getElementById(id)!);
    expect(outermost([p!, d!, q!, p!])).toEqual([d, q]);
  });
});

describe('mutation watcher', () => {
  const flushMicro = () => new Promise((r) => setTimeout(r, 0));

  it('batches changes into debounced rescans of their blocks', async () => {
    document.body.innerHTML = '<p id="p">one</p><p id="q">two</p>';
    const calls: Node[][] = [];
    const w = new Watcher({
      rescan: (r) => calls.push(r),
      rescanAll: () => calls.push([document.body]),
      debounceMs: 20,
    });
    w.observe(document.body);
    document.getElementById('p')!.firstChild!.textContent = 'one changed';
    const span = document.createElement('span');
    span.textContent = 'new';
    document.getElementById('q')!.append(span);
    await flushMicro();
    expect(calls).toEqual([]);
    await new Promise((r) => setTimeout(r, 40));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.map((n) => (n as Element).id).sort()).toEqual(['p', 'q']);
    w.disconnect();
  });

  it('rescans a page that never stops changing at least every maxWaitMs', async () => {
    document.body.innerHTML = '<p id="p">0</p>';
    const calls: number[] = [];
    const w = new Watcher({
      rescan: () => calls.push(Date.now()),
      rescanAll: () => undefined,
      debounceMs: 40,
      maxWaitMs: 100,
      floodBatches: 1000,
    });
    w.observe(document.body);
    const text = document.getElementById('p')!.firstChild as Text;
    const start = Date.now();
    while (Date.now() - start < 350) {
      text.data = String(Date.now());
      await new Promise((r) => setTimeout(r, 15));
    }
    // Changes every 15 ms would starve a plain 40 ms debounce forever.
    expect(calls.length).toBeGreaterThanOrEqual(2);
    w.disconnect();
  });

  it('ignores changes in ignored nodes', async () => {
    document.body.innerHTML = '<p id="p">one</p><factlens-card id="ui"></factlens-card>';
    const calls: Node[][] = [];
    const ui = document.getElementById('ui')!;
    const w = new Watcher({
      rescan: (r) => calls.push(r),
      rescanAll: () => undefined,
      debounceMs: 5,
      ignore: (n) => ui.contains(n),
    });
    w.observe(document.body);
    ui.append(document.createElement('div'));
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toEqual([]);
    w.disconnect();
  });

  it('rescans a block whose element becomes (or stops being) editable, but not inside an editor', async () => {
    document.body.innerHTML =
      '<p id="p">one <span id="s">two</span></p><div id="ce" contenteditable="true"><p id="inner">x</p></div>';
    const calls: string[][] = [];
    const editable = (n: Node) =>
      !!(n.nodeType === 1 ? (n as Element) : n.parentElement)?.closest(
        '[contenteditable]:not([contenteditable="false"])',
      );
    const w = new Watcher({
      rescan: (r) => calls.push(r.map((n) => (n as Element).id)),
      rescanAll: () => undefined,
      debounceMs: 5,
      ignore: editable,
    });
    w.observe(document.body);
    document.getElementById('s')!.setAttribute('contenteditable', 'true');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toEqual([['p']]);
    document.getElementById('s')!.removeAttribute('contenteditable');
    document.getElementById('inner')!.setAttribute('contenteditable', 'false');
    document.getElementById('p')!.setAttribute('title', 'not watched');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toEqual([['p'], ['p']]);
    w.disconnect();
  });

  it('with its own defaults, calls a page that changes every quarter second a storm, and rescans it all every 10 s', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<p id="clock">0</p>';
    let all = 0;
    const batches: number[] = [];
    const w = new Watcher({ rescan: () => batches.push(Date.now()), rescanAll: () => all++ });
    w.observe(document.body);
    const clock = document.getElementById('clock')!;
    const start = Date.now();
    for (let t = 0; t < 25_000; t += 250) {
      clock.firstChild!.textContent = String(t);
      await vi.advanceTimersByTimeAsync(250);
    }
    // A storm from the 8th batch in 2 s: no batch then, one full rescan after 10 s of it (at about
    // 12 s and 24 s), and batches again once it was done. Before, the 20 batches in 2 s the guard
    // waited for could never come (one per 200 ms at most): all 100 changes were rescans.
    expect(all).toBe(2);
    expect(batches.length).toBeGreaterThanOrEqual(16);
    expect(batches.length).toBeLessThanOrEqual(21);
    expect(batches.filter((t) => t - start > 3_000 && t - start < 11_000)).toEqual([]);
    // Quiet, then one change: one batch.
    await vi.advanceTimersByTimeAsync(12_000);
    expect(w.storming).toBe(false);
    const before = batches.length;
    clock.firstChild!.textContent = 'once';
    await vi.advanceTimersByTimeAsync(300);
    expect(batches.length).toBe(before + 1);
    expect(all).toBe(2);
    w.disconnect();
  });

  it('falls back to one full rescan when mutations flood', async () => {
    document.body.innerHTML = '<div id="box"></div>';
    let all = 0;
    const roots: Node[][] = [];
    const w = new Watcher({
      rescan: (r) => roots.push(r),
      rescanAll: () => all++,
      debounceMs: 1,
      floodRoots: 10,
      floodWindowMs: 50,
    });
    w.observe(document.body);
    const box = document.getElementById('box')!;
    for (let i = 0; i < 50; i++) {
      const p = document.createElement('p');
      p.textContent = `item ${i}`;
      box.append(p);
      p.append(document.createTextNode(' more'));
    }
    await new Promise((r) => setTimeout(r, 20));
    // 50 new <p>s, but all are children of #box, whose own childList changed: one root.
    expect(roots).toEqual([[box]]);
    expect(all).toBe(0);
    // Now a real storm of separate blocks.
    const ps = [...box.querySelectorAll('p')];
    ps.forEach((p, i) => (p.firstChild!.textContent = `changed ${i}`));
    await flushMicro();
    w.flush();
    expect(w.storming).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(all).toBe(1);
    expect(w.storming).toBe(false);
    w.disconnect();
  });
});

describe('slices', () => {
  it('runs every item, within the budget per slice', async () => {
    let t = 0;
    const slices: number[][] = [];
    let current: number[] = [];
    const h = runInSlices(
      [1, 2, 3, 4, 5, 6, 7],
      (x) => {
        t += 3;
        current.push(x);
      },
      {
        budgetMs: 5,
        now: () => t,
        defer: (fn) => {
          slices.push(current);
          current = [];
          setTimeout(fn, 0);
        },
      },
    );
    expect(await h.done).toBe(true);
    slices.push(current);
    expect(slices).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
  });

  it('can be cancelled', async () => {
    let t = 0;
    const seen: number[] = [];
    const h = runInSlices(
      [1, 2, 3, 4],
      (x) => {
        t += 10;
        seen.push(x);
      },
      { budgetMs: 5, now: () => t, defer: (fn) => setTimeout(fn, 0) },
    );
    h.cancel();
    expect(await h.done).toBe(false);
    expect(seen).toEqual([1]);
  });

  it('pulls items lazily from an iterator (a DOM walk) and counts that work in the slice', async () => {
    let t = 0;
    const pulled: number[] = [];
    function* gen() {
      for (let k = 1; k <= 5; k++) {
        t += 4; // walking to the next block takes time too
        pulled.push(k);
        yield k;
      }
    }
    const seen: number[] = [];
    const slices: number[] = [];
    const h = runInSlices(gen(), (x) => seen.push(x), {
      budgetMs: 5,
      now: () => t,
      defer: (fn) => setTimeout(fn, 0),
      onSlice: (ms) => slices.push(ms),
    });
    expect(pulled).toEqual([1, 2]);
    expect(await h.done).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(Math.max(...slices)).toBeLessThanOrEqual(8);
  });
});
