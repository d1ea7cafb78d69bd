/**
 * Hostile pages (issue 8): pages that overwrite built-ins, forbid everything
 * with their CSP, change 10,000 nodes a second, hold 100,000 nodes or nest
 * 1,000 levels deep, embed frames from their own and another origin, keep
 * text in shadow roots, are editors, or style every element they can reach.
 *
 * On each, Factlens must leave the page working at its own frame rate
 * (requestAnimationFrame callbacks over one second, against the same page
 * with the site switched off through the message protocol), must mark the
 * page and open its card or back off cleanly, must change nothing in
 * editable text, and must log no error. After each test: the extension made
 * no network request (NetworkRecorder) and asked the test servers for
 * nothing but the fixtures.
 *
 * Also here: the service worker stopped in mid-session (the next hover still
 * shows a card), and a check that the network recorder does catch requests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PageStats } from '../../lib/shared/protocol';
import {
  askTab,
  blockExternal,
  launchWithExtension,
  serviceWorker,
  stopServiceWorker,
  waitForRegistration,
  waitForScan,
  type Launched,
} from '../../tools/e2e/chromium';
import { ErrorLog } from '../../tools/e2e/errors';
import { highlightedTexts, hover, markTexts, textCenter } from '../../tools/e2e/page';
import { serveStatic, type StaticServer } from '../../tools/e2e/server';
import { cardShown, inCard, waitForCard, waitForNoCard } from '../../tools/e2e/card';

const FIXTURES = join(import.meta.dirname, '../fixtures/pages/hostile');
const CSP =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'";
/** Frame rate with Factlens on, against the same page with it off. Generous: 2 shared cores. */
const MIN_FRAME_RATIO = 0.5;

let b: Launched;
let server: StaticServer;
/** A second origin (another port) for the cross-origin frame. */
let other: StaticServer;
let errors: ErrorLog;
/** An extension page, to speak the message protocol as the popup does. */
let control: Page;
const rates: { page: string; without: number; with: number }[] = [];

beforeAll(async () => {
  server = await serveStatic({ '/': FIXTURES }, { '/csp.html': { 'content-security-policy': CSP } });
  other = await serveStatic({ '/': FIXTURES });
  b = await launchWithExtension();
  errors = new ErrorLog(b.context);
  // Registered first: while a route is set, Playwright does not report the worker's requests for its own files.
  await waitForRegistration(b.context);
  await blockExternal(b.context);
  await b.context.addInitScript(FRAME_RECORDER);
  control = await b.context.newPage();
  await control.goto(`chrome-extension://${b.extensionId}/popup.html`);
});

afterEach(() => {
  b.network.assertNone();
  // Only the fixtures were asked for: no content script fetched or inserted anything from the page's origin.
  const asked = [...server.requests.splice(0), ...other.requests.splice(0)];
  expect(asked.filter((p) => p !== '/favicon.ico' && !existsSync(join(FIXTURES, p)))).toEqual([]);
  expect(errors.take()).toEqual([]);
});

afterAll(async () => {
  if (rates.length)
    console.log(
      `frame rates (rAF callbacks/s, off → on):\n${rates.map((r) => `  ${r.page.padEnd(18)} ${r.without.toFixed(1).padStart(5)} → ${r.with.toFixed(1).padStart(5)}  (${((100 * r.with) / r.without).toFixed(0)} %)`).join('\n')}`,
    );
  await b?.close();
  await server?.close();
  await other?.close();
});

/** Switches Factlens on or off for the test servers' host, through the protocol, as the popup's switch does. */
async function setSite(enabled: boolean): Promise<void> {
  const answer = await control.evaluate(
    ({ url, enabled }) => chrome.runtime.sendMessage({ factlens: 1, type: 'site.set', payload: { url, enabled } }),
    { url: `${server.url}/`, enabled },
  );
  expect(answer).toMatchObject({ ok: true, value: { enabled } });
}

/**
 * Records the time of every animation frame of a page's main world from its
 * very start (an init script runs before the page's own scripts, whatever its CSP).
 */
const FRAME_RECORDER = `(() => {
  const times = (window.__frameTimes = []);
  requestAnimationFrame(function frame(t) {
    times.push(t);
    requestAnimationFrame(frame);
  });
})();`;

/**
 * Animation frames a second over the `ms` after the load event: Factlens starts
 * at document_idle, after load, so its start-up and scan fall inside. (Strings:
 * no bundler helpers in the page, and no Array#map, which a page may replace.)
 */
const frameRate = (page: Page, ms: number) =>
  page.evaluate(`new Promise((done) => {
    const nav = performance.getEntriesByType('navigation')[0];
    (function wait() {
      const from = nav.loadEventEnd;
      if (!from || performance.now() < from + ${ms} + 50) return setTimeout(wait, 50);
      let n = 0;
      for (const t of window.__frameTimes) if (t >= from && t < from + ${ms}) n++;
      done((n * 1000) / ${ms});
    })();
  })`) as Promise<number>;

const url = (path: string) => `${server.url}/${path}`;

const stats = (page: Page) => askTab<PageStats>(b.context, page.url(), 'page.stats');

/** Waits until Factlens has scanned the page (every pending slice done). */
const scanned = (page: Page, timeout = 30_000): Promise<PageStats> => waitForScan(b.context, page.url(), timeout);

/**
 * Loads `path` with Factlens off and measures its frame rate, then loads it
 * with Factlens on and measures again while Factlens starts and scans.
 * Below the bound, both are measured once more (another process may have
 * had the cores): a real slowdown fails twice. Returns the page with
 * Factlens, still open.
 */
async function openMeasured(
  path: string,
  opts: { before?: (page: Page) => Promise<void>; ms?: number } = {},
): Promise<Page> {
  const ms = opts.ms ?? 1000;
  for (let attempt = 1; ; attempt++) {
    await setSite(false);
    const bare = await b.context.newPage();
    await bare.goto(url(path));
    await opts.before?.(bare);
    const without = await frameRate(bare, ms);
    // Factlens really was off: no content script answers.
    await expect(askTab(b.context, bare.url(), 'page.stats')).rejects.toThrow();
    await bare.close();
    await setSite(true);
    const page = await b.context.newPage();
    await page.goto(url(path));
    await opts.before?.(page);
    const withIt = await frameRate(page, ms);
    // And here it was on: its content script answers (it listens once it has loaded the index and started the scan).
    await expect.poll(async () => !!(await stats(page).catch(() => undefined)), { timeout: 15_000 }).toBe(true);
    if (withIt < without * MIN_FRAME_RATIO && attempt < 2) {
      await page.close();
      continue;
    }
    rates.push({ page: `${path.split('?')[0]!}${attempt > 1 ? ' (2nd)' : ''}`, without, with: withIt });
    expect(
      withIt,
      `frame rate on ${path}: ${withIt.toFixed(1)} with Factlens, ${without.toFixed(1)} without`,
    ).toBeGreaterThanOrEqual(without * MIN_FRAME_RATIO);
    return page;
  }
}

/** Hovers `text` inside `selector`, expects the card of `name`, then leaves it to close. */
async function expectCard(page: Page, selector: string, text: string, name: string): Promise<void> {
  await hover(page, selector, text);
  expect((await waitForCard(page, { name })).claims).toBeGreaterThanOrEqual(1);
  await page.mouse.move(2, 2);
  await waitForNoCard(page);
}

/** Hovers `text` and expects no card within a generous second and a half. */
async function expectNoCard(page: Page, selector: string, text: string): Promise<void> {
  await hover(page, selector, text);
  await page.waitForTimeout(1500);
  expect(await cardShown(page)).toBe(false);
  await page.mouse.move(2, 2);
}

/** Texts of marks whose range starts inside `selector` (light DOM). */
const marksIn = markTexts;

/** Factlens adds no element to the page but its card's host: marks are highlights, their style an adopted sheet. */
async function expectNoElementsAdded(page: Page): Promise<void> {
  expect(await page.locator('style[data-factlens], [wxt-shadow-root-document-styles]').count()).toBe(0);
}

describe('hostile pages', () => {
  it('overwritten built-ins (appendChild, Array map, JSON.parse, addEventListener): marks, card, nothing called', async () => {
    const page = await openMeasured('prototypes.html');
    await scanned(page);
    expect(await highlightedTexts(page)).toEqual(expect.arrayContaining(['Power of Siberia', 'Gazprom', 'Motor Sich']));
    await expectCard(page, '#prose', 'Gazprom', 'Gazprom');
    await expectCard(page, '#more', 'Motor Sich', 'Motor Sich');
    await expectNoElementsAdded(page);
    // The page's own code still works, and nothing called the sabotaged built-ins.
    const state = await page.evaluate(() => {
      const w = window as unknown as { pageOk: boolean; pageFrames: number; hostileCalls: Record<string, number> };
      return { ok: w.pageOk, frames: w.pageFrames, calls: { ...w.hostileCalls } };
    });
    expect(state.ok).toBe(true);
    expect(state.frames).toBeGreaterThan(30);
    expect(state.calls).toEqual({ appendChild: 0, map: 0, parse: 0, addEventListener: 0 });
    await page.close();
  });

  it(`a strict CSP sent as a header (${CSP.split(';')[0]}, Trusted Types): marks, a fully styled card, no violation`, async () => {
    const page = await openMeasured('csp.html');
    await scanned(page);
    // The policy is in force: even an innerHTML assignment is refused (and reported: that one error is ours).
    const before = errors.take();
    expect(
      await page.evaluate(() => {
        try {
          // eslint-disable-next-line no-self-assign -- the assignment itself is what the policy must refuse
          document.body.innerHTML = document.body.innerHTML;
          return 'allowed';
        } catch {
          return 'refused';
        }
      }),
    ).toBe('refused');
    expect(errors.take()).toEqual([expect.stringMatching(/requires 'TrustedHTML' assignment/)]);
    expect(before).toEqual([]);
    expect(await highlightedTexts(page)).toEqual(expect.arrayContaining(['Power of Siberia', 'Gazprom', 'SPFS']));
    // The marks' style is an adopted sheet, which the CSP does not block.
    expect(
      await page.evaluate(() =>
        document.adoptedStyleSheets.some((s) => [...s.cssRules].some((r) => r.cssText.includes('factlens-mark'))),
      ),
    ).toBe(true);
    await hover(page, '#more', 'SPFS');
    await waitForCard(page);
    // Its stylesheet applied: the card's own width, border radius and font.
    const style = await inCard(page, (root) => {
      const s = getComputedStyle(root!.querySelector('.fl-card')!);
      return { width: s.width, radius: s.borderTopLeftRadius, font: s.fontSize };
    });
    expect(style).toEqual({ width: '380px', radius: '8px', font: '14px' });
    await page.mouse.move(2, 2);
    await waitForNoCard(page);
    await expectNoElementsAdded(page);
    await page.close();
  });

  it('10,000 node changes a second: the page keeps its pace, Factlens keeps its slices short and its card', async () => {
    const page = await openMeasured('mutations.html');
    const churn = () =>
      page.evaluate(() => ({ ...(window as unknown as { churn: { changed: number; frames: number } }).churn }));
    const a = await churn();
    await page.waitForTimeout(1000);
    const z = await churn();
    expect(z.changed - a.changed).toBeGreaterThan(8000);
    await expect.poll(() => marksIn(page, '#prose'), { timeout: 10_000 }).toEqual(['Power of Siberia', 'Gazprom']);
    await expectCard(page, '#prose', 'Power of Siberia', 'Power of Siberia');
    const s = await stats(page);
    expect(s.longestSliceMs).toBeLessThanOrEqual(100);
    await page.close();
  });

  it('5,000 marks cost the page nothing: its own DOM changes take no longer than with a bare observer (1.2×)', async () => {
    // The page changes an element without names 20,000 times and times itself. The browser updates
    // every live Range of a document on every change; marks are StaticRanges, which it does not.
    const churn = async (page: Page) => {
      const runs: number[] = [];
      for (let k = 0; k < 9; k++)
        runs.push(await page.evaluate(() => (window as unknown as { churn: (n: number) => number }).churn(20_000)));
      // The fastest run: the page's own cost with the least of the machine's noise in it.
      return Math.min(...runs);
    };
    await setSite(false);
    const bare = await b.context.newPage();
    await bare.goto(url('many-marks.html'));
    const without = await churn(bare);
    // The control: the same page with a mutation observer like Factlens's watcher (which a page whose text
    // changes needs, to mark what arrives), and nothing else: what watching a dynamic page costs at all.
    await bare.evaluate(() => {
      const mo = new MutationObserver(() => {});
      mo.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      (window as unknown as { mo: MutationObserver }).mo = mo;
    });
    const observed = await churn(bare);
    await bare.close();
    await setSite(true);
    const page = await b.context.newPage();
    await page.goto(url('many-marks.html'));
    const s = await scanned(page, 60_000);
    expect(s.marks).toBe(5000);
    // Up to three rounds of nine: the machine's noise, not Factlens, decides a single round.
    const bound = Math.max(observed, without) * 1.2;
    let withIt = await churn(page);
    for (let round = 1; round < 3 && withIt > bound; round++) withIt = Math.min(withIt, await churn(page));
    console.log(
      `20,000 DOM changes: ${without.toFixed(1)} ms alone, ${observed.toFixed(1)} ms with a mutation observer, ${withIt.toFixed(1)} ms with Factlens and its 5,000 marks`,
    );
    // The marks add nothing to what observing costs (with live Ranges: 3,615 ms against 25 ms alone).
    expect(withIt).toBeLessThanOrEqual(bound);
    await page.close();
  });

  it('a 100,000-node DOM: scanned to the end in short slices while the page keeps its frame rate', async () => {
    // Two seconds here: adopting Factlens's style sheet for its marks makes the browser restyle
    // all 100,000 nodes once (about 0.3 s on this machine), which one second would overweight.
    const page = await openMeasured('huge.html', { ms: 2000 });
    const nodes = await page.evaluate(() => {
      const w = document.createTreeWalker(document.body);
      let n = 0;
      while (w.nextNode()) n++;
      return n;
    });
    expect(nodes).toBeGreaterThanOrEqual(100_000);
    const s = await scanned(page, 90_000);
    console.log(
      `100,000 nodes: ${s.blocks} blocks in ${s.slices} slices, ${s.scanMs.toFixed(0)} ms in all, longest slice ${s.longestSliceMs.toFixed(1)} ms`,
    );
    expect(s.longestSliceMs).toBeLessThanOrEqual(100);
    expect(await marksIn(page, '#huge')).toEqual(Array(20).fill('Gazprom'));
    expect(await marksIn(page, '#last')).toEqual(['Gazprom']);
    await expectCard(page, '#last', 'Gazprom', 'Gazprom');
    await page.close();
  });

  it('one paragraph of 2 MB with an ambiguous name: scanned in parts, in short slices, every mention marked', async () => {
    // (No frame-rate check here: the browser's own layout and paint of a 2 MB text node under
    // load is what that would measure; Factlens's share is its slices, checked below.)
    await setSite(true);
    const page = await b.context.newPage();
    await page.goto(url('long-paragraph.html'));
    expect(await page.evaluate(() => document.querySelector('#long')!.textContent!.length)).toBeGreaterThan(2_000_000);
    const s = await scanned(page, 60_000);
    console.log(
      `2 MB paragraph: ${s.blocks} blocks in ${s.slices} slices, ${s.scanMs.toFixed(0)} ms in all, longest slice ${s.longestSliceMs.toFixed(1)} ms`,
    );
    // One block, one task before (about 0.4 s of matching in Node, 9 s before context words were read once).
    expect(s.longestSliceMs).toBeLessThanOrEqual(50);
    expect(s.slices).toBeGreaterThan(3);
    expect(await marksIn(page, '#long')).toEqual(Array(450).fill('Amur'));
    expect(await marksIn(page, '#after')).toEqual(['Gazprom']);
    await page.close();
  });

  it('a 1,000-level nest: a name split across 500 levels is marked and opens its card', async () => {
    const page = await openMeasured('nest.html');
    await scanned(page);
    const depth = await page.evaluate(() => {
      let d = 0;
      for (let n: Node | null = document.querySelector('#deep')!.lastChild; n; n = n.lastChild) d++;
      for (let n: Node | null = document.querySelector('#deep'); n; n = n.parentNode) d++;
      return d;
    });
    expect(depth).toBeGreaterThanOrEqual(1000);
    expect(await marksIn(page, '#deep')).toEqual(['Power of Siberia', 'Motor Sich']);
    await expectCard(page, '#deep', 'Power of Siberia', 'Power of Siberia');
    await expectCard(page, '#deep', 'Motor', 'Motor Sich');
    await page.close();
  });

  it('same-origin, cross-origin and designMode frames: the top page is marked, the frames are left alone and keep running', async () => {
    const path = `frames.html?cross=${encodeURIComponent(other.url)}`;
    const framesReady = async (page: Page) => {
      await expect
        .poll(() => page.frames().filter((f) => f.url().endsWith('/frame-inner.html')).length, { timeout: 10_000 })
        .toBe(2);
      for (const f of page.frames().filter((f) => f !== page.mainFrame())) await f.waitForLoadState('load');
    };
    const page = await openMeasured(path, { before: framesReady });
    await scanned(page);
    expect(await marksIn(page, '#prose')).toEqual(['Power of Siberia', 'Gazprom']);
    await expectCard(page, '#prose', 'Gazprom', 'Gazprom');
    const inner = page.frames().filter((f) => f !== page.mainFrame());
    expect(inner.map((f) => f.url()).sort()).toEqual(
      [`${other.url}/frame-inner.html`, `${server.url}/frame-inner.html`, 'about:srcdoc'].sort(),
    );
    for (const f of inner) {
      const state = await f.evaluate(() => ({
        marks: (CSS as unknown as { highlights: Map<string, unknown> }).highlights.has('factlens-mark'),
        html: document.body.innerHTML,
        frames: (window as unknown as { frames_?: number }).frames_,
      }));
      expect(state.marks, f.url()).toBe(false);
      if (f.url() === 'about:srcdoc')
        expect(state.html).toBe(
          `<p>An editor frame: Gazprom and Power of Siberia, typed here.</p><script>document.designMode='on'</script>`,
        );
      if (state.frames !== undefined) {
        await page.waitForTimeout(300);
        expect(await f.evaluate(() => (window as unknown as { frames_: number }).frames_)).toBeGreaterThan(
          state.frames,
        );
      }
    }
    // From a mark straight into a frame, before the dwell is over: the page never sees the pointer
    // move inside the frame, but it left the mark, so no card opens.
    // Everything measured first, then two moves back to back, so that even under load the pointer
    // leaves the mark well inside the 200 ms dwell (a stepped hover and a wait could outlast it).
    for (const id of ['#same', '#cross']) {
      const at = await textCenter(page, '#prose', 'Gazprom');
      const box = (await page.locator(id).boundingBox())!;
      await page.mouse.move(at.x, at.y);
      await page.mouse.move(box.x + 40, box.y + 20);
      await page.waitForTimeout(1200);
      expect(await cardShown(page), id).toBe(false);
      await page.mouse.move(2, 2);
    }
    await page.close();
  });

  it('text in open shadow roots: left alone (not marked, not changed, no card); the light DOM around it is marked', async () => {
    const page = await openMeasured('shadow.html');
    await scanned(page);
    const shadowHtml = () =>
      page.evaluate(() => [...document.querySelectorAll('news-box')].map((el) => el.shadowRoot!.innerHTML));
    const before = await shadowHtml();
    expect(await marksIn(page, '#prose')).toEqual(['Power of Siberia', 'Gazprom']);
    expect(await marksIn(page, '#slotted')).toEqual(['SPFS']);
    const inShadow = await page.evaluate(() => {
      const h = (CSS as unknown as { highlights?: Map<string, Set<Range>> }).highlights?.get('factlens-mark');
      return h ? [...h].filter((r) => r.startContainer.getRootNode() instanceof ShadowRoot).length : 0;
    });
    expect(inShadow).toBe(0);
    // Text inside a shadow root: hovering opens nothing.
    const at = await page.evaluate(() => {
      const p = document.querySelector('#box')!.shadowRoot!.querySelector('.inside')!;
      const r = document.createRange();
      const t = p.firstChild!;
      const i = t.textContent!.indexOf('Gazprom');
      r.setStart(t, i);
      r.setEnd(t, i + 7);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    });
    await page.mouse.move(at.x - 30, at.y - 30);
    await page.mouse.move(at.x, at.y, { steps: 4 });
    await page.waitForTimeout(1500);
    expect(await cardShown(page)).toBe(false);
    await page.mouse.move(2, 2);
    await expectCard(page, '#prose', 'Power of Siberia', 'Power of Siberia');
    await expectCard(page, '#slotted', 'SPFS', 'SPFS');
    expect(await shadowHtml()).toEqual(before);
    await page.close();
  });

  it('contenteditable regions: never marked, never modified, typing untouched; a region made editable loses its marks', async () => {
    const page = await openMeasured('editable.html');
    await scanned(page);
    const editors = () =>
      page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll('[id^="ce-"]')].map((el) => [el.id, el.innerHTML])),
      );
    const before = await page.evaluate(() => (window as unknown as { before: Record<string, string> }).before);
    expect(Object.keys(before)).toHaveLength(4);
    expect(await editors()).toEqual(before);
    expect(await marksIn(page, '#prose')).toEqual(['Power of Siberia', 'Gazprom']);
    expect(await marksIn(page, '[contenteditable]')).toEqual([]);
    await expectNoCard(page, '#ce-true', 'Gazprom');
    await expectCard(page, '#prose', 'Gazprom', 'Gazprom');
    // Typing: every key reaches the editor, which holds exactly what was typed.
    await page.focus('#ce-true');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' More on SPFS.');
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => (window as unknown as { inputs: number }).inputs)).toBe(' More on SPFS.'.length);
    const after = await editors();
    expect(after['ce-true']!.startsWith(before['ce-true']!)).toBe(true);
    expect(after['ce-true']!.slice(before['ce-true']!.length).replace(/&nbsp;/g, ' ')).toBe(' More on SPFS.');
    expect({ ...after, 'ce-true': '' }).toEqual({ ...before, 'ce-true': '' });
    expect(await marksIn(page, '[contenteditable]')).toEqual([]);
    // A marked paragraph that the page turns into an editor loses its marks.
    expect(await marksIn(page, '#later')).toEqual(['Gazprom', 'Motor Sich']);
    const laterHtml = await page.locator('#later').innerHTML();
    await page.evaluate(() => document.querySelector('#later')!.setAttribute('contenteditable', 'true'));
    await expect.poll(() => marksIn(page, '#later'), { timeout: 5_000 }).toEqual([]);
    expect(await page.locator('#later').innerHTML()).toBe(laterHtml);
    await page.close();
  });

  it('a designMode document: nothing marked, nothing changed, typing untouched', async () => {
    const page = await openMeasured('designmode.html');
    expect(await page.evaluate(() => document.designMode)).toBe('on');
    // Factlens runs here but backs off: no scan at all.
    expect(await stats(page)).toMatchObject({ slices: 0, blocks: 0, marks: 0 });
    expect(await highlightedTexts(page)).toEqual([]);
    expect(
      await page.evaluate(() => document.body.innerHTML === (window as unknown as { before: string }).before),
    ).toBe(true);
    await expectNoCard(page, '#prose', 'Gazprom');
    await page.click('#more');
    await page.keyboard.press('End');
    await page.keyboard.type(' Typed.');
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => (window as unknown as { inputs: number }).inputs)).toBe(' Typed.'.length);
    expect((await page.locator('#more').textContent())!.replace(/\u00a0/g, ' ')).toBe(
      'The engine maker Motor Sich and the payment system SPFS. Typed.',
    );
    expect(await highlightedTexts(page)).toEqual([]);
    await page.close();
  });

  it('page CSS aimed at *, mark, custom elements and :host, and a 10px root: the card is readable, visible and in view', async () => {
    const page = await openMeasured('css.html');
    await scanned(page);
    // The page's styles are in force.
    expect(
      await page.evaluate(() => [
        getComputedStyle(document.documentElement).fontSize,
        getComputedStyle(document.querySelector('#prose')!).textTransform,
      ]),
    ).toEqual(['10px', 'uppercase']);
    expect(await highlightedTexts(page)).toEqual(expect.arrayContaining(['Power of Siberia', 'Gazprom', 'SPFS']));
    await hover(page, '#more', 'SPFS');
    await waitForCard(page);
    const look = await inCard(page, (root) => {
      root = root!;
      const host = document.querySelector('factlens-card')!;
      const el = root.querySelector('.fl-card')!;
      const s = (sel: string) => getComputedStyle(root.querySelector(sel)!);
      const r = el.getBoundingClientRect();
      const hs = getComputedStyle(host);
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + 30);
      return {
        text: {
          size: s('.fl-text').fontSize,
          spacing: s('.fl-text').letterSpacing,
          transform: s('.fl-text').textTransform,
          family: s('.fl-text').fontFamily.includes('Comic'),
        },
        name: s('.fl-name').fontSize,
        cite: s('.fl-cite').fontSize,
        host: { display: hs.display, visibility: hs.visibility, opacity: hs.opacity, transform: hs.transform },
        box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width },
        viewport: { w: innerWidth, h: innerHeight },
        onTop: top === host,
      };
    });
    expect(look.text).toEqual({ size: '14px', spacing: 'normal', transform: 'none', family: false });
    expect(look.name).toBe('16px');
    expect(look.cite).toBe('12px');
    expect(look.host).toMatchObject({ visibility: 'visible', opacity: '1', transform: 'none' });
    expect(look.host.display).not.toBe('none');
    expect(look.box.width).toBe(380);
    expect(look.box.left).toBeGreaterThanOrEqual(0);
    expect(look.box.top).toBeGreaterThanOrEqual(0);
    expect(look.box.right).toBeLessThanOrEqual(look.viewport.w);
    expect(look.box.bottom).toBeLessThanOrEqual(look.viewport.h);
    expect(look.onTop).toBe(true);
    await page.mouse.move(2, 2);
    await waitForNoCard(page);
    await page.close();
  });
});

describe('a sleeping service worker', () => {
  it('stopped in mid-session, it wakes on the next hover and the card shows (Dexie reopened)', async () => {
    await setSite(true);
    const page = await b.context.newPage();
    await page.goto(url('plain.html'));
    await scanned(page);
    await expectCard(page, '#more', 'SPFS', 'SPFS');
    for (const [selector, text] of [
      ['#more', 'SPFS'],
      ['#prose', 'Gazprom'],
    ] as const) {
      const sw = await serviceWorker(b.context);
      await sw.evaluate(() => ((globalThis as unknown as { asleep: boolean }).asleep = true));
      expect(await stopServiceWorker(b.context, b.extensionId)).toBe(true);
      await expectCard(page, selector, text, text);
      // A fresh worker answered: the old one's globals are gone.
      expect(
        await (await serviceWorker(b.context)).evaluate(() => (globalThis as unknown as { asleep?: boolean }).asleep),
      ).toBeUndefined();
    }
    await page.close();
  });
});

describe('the network recorder', () => {
  it('sees the extension from its install on, and catches a request from its worker, its pages and its content scripts', async () => {
    // The install fetched the bundled pack from the extension's own files.
    expect(b.network.own.some((r) => r.by === 'service worker' && r.url.endsWith('/pack/manifest.json'))).toBe(true);
    const page = await b.context.newPage();
    await page.goto(url('plain.html'));
    const sw = await serviceWorker(b.context);
    await sw.evaluate(
      (u) =>
        fetch(u).then(
          () => undefined,
          () => undefined,
        ),
      `${server.url}/plain.html?leak=worker`,
    );
    await control.evaluate(
      (u) =>
        fetch(u).then(
          () => undefined,
          () => undefined,
        ),
      `${server.url}/plain.html?leak=popup`,
    );
    // A script of the extension in the page (named as the content script is) that fetches.
    await page.addScriptTag({
      content: `fetch('/plain.html?leak=content-script').catch(() => {});\n//# sourceURL=chrome-extension://${b.extensionId}/content-scripts/content.js`,
    });
    await expect
      .poll(() => b.network.leaks.map((l) => `${l.by} ${new URL(l.url).search}`).sort())
      .toEqual(['content script ?leak=content-script', 'extension page ?leak=popup', 'service worker ?leak=worker']);
    expect(() => b.network.assertNone()).toThrow(/3 network request/);
    expect(b.network.leaks).toEqual([]);
    // The page's own request is not the extension's.
    await page.evaluate(() => fetch('/plain.html').then(() => undefined));
    await page.waitForTimeout(300);
    expect(b.network.leaks).toEqual([]);
    server.requests.length = 0;
    await page.close();
  });
});
