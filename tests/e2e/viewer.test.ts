/**
 * The PDF viewer: generated PDFs (tools/e2e/pdfs.ts) opened by address and
 * from disk, marked and carded by the same overlay as a web page; names over
 * two lines, a hyphenated break, two columns, Cyrillic and Chinese; keyboard,
 * find, zoom, axe; a 200-page document scrolled without a long task; and no
 * request but the PDFs asked for.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { blockExternal, launchWithExtension, tabId, viewerEntities, type Launched } from '../../tools/e2e/chromium';
import { audit, describeViolations } from '../../tools/e2e/axe';
import { hover } from '../../tools/e2e/page';
import { serveStatic, type StaticServer } from '../../tools/e2e/server';
import { auditCard, waitForCard, waitForNoCard } from '../../tools/e2e/card';
import { writeTestPdfs, type TestPdfs } from '../../tools/e2e/pdfs';

let b: Launched;
let server: StaticServer;
let pdfs: TestPdfs;
let blocked: string[];
const asked: string[] = [];

beforeAll(async () => {
  pdfs = await writeTestPdfs(mkdtempSync(join(tmpdir(), 'factlens-pdf-')));
  server = await serveStatic({ '/pdf/': pdfs.dir });
  b = await launchWithExtension();
  blocked = await blockExternal(b.context);
});
afterAll(async () => {
  await b?.close();
  await server?.close();
  if (pdfs) rmSync(pdfs.dir, { recursive: true, force: true });
});

const pdfUrl = (name: string) => `${server.url}/pdf/${name}`;

async function openViewer(name: string): Promise<Page> {
  const page = await b.context.newPage();
  asked.push(pdfUrl(name));
  await page.goto(`chrome-extension://${b.extensionId}/viewer.html?file=${encodeURIComponent(pdfUrl(name))}`);
  return page;
}

/**
 * The marks, each as the text of every text node it covers (a mark over two
 * lines covers two runs of the text layer: ["Power of", "Siberia pipeline"]).
 */
function markPieces(page: Page): Promise<string[][]> {
  return page.evaluate(() => {
    const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('factlens-mark');
    const out: string[][] = [];
    for (const r of h ?? []) {
      const live = document.createRange();
      live.setStart(r.startContainer, r.startOffset);
      live.setEnd(r.endContainer, r.endOffset);
      const pieces: string[] = [];
      const walker = document.createTreeWalker(live.commonAncestorContainer, NodeFilter.SHOW_TEXT);
      for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
        if (n.nodeType !== 3 || !live.intersectsNode(n)) continue;
        const t = n as Text;
        const s = t === r.startContainer ? r.startOffset : 0;
        const e = t === r.endContainer ? r.endOffset : t.data.length;
        pieces.push(t.data.slice(s, e));
      }
      out.push(pieces);
    }
    return out;
  });
}

/** The names the viewer in `page`'s tab lists (the popup's "On this page"). */
const entities = (page: Page) => viewerEntities(b.context, page);

const waitForMarks = (page: Page, n: number) =>
  expect.poll(async () => (await markPieces(page)).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(n);

describe('the PDF viewer', () => {
  it('marks names over two lines and over a hyphenated break as one mention, and not across a running head', async () => {
    const page = await openViewer(pdfs.names);
    await waitForMarks(page, 3);
    const pieces = await markPieces(page);
    expect(pieces).toEqual(expect.arrayContaining([['Gazprom'], ['Power of', 'Siberia pipeline'], ['Gaz-', 'prom']]));
    // The head "… the Power of" over the body's "Siberia holds …" is not a mention.
    expect(await entities(page)).toEqual({ gazprom: 2, 'power-of-siberia': 1 });
    await hover(page, '.textLayer', 'Gazprom signed');
    expect((await waitForCard(page)).name).toBe('Gazprom');
    const vc = await auditCard(page);
    expect(vc, describeViolations(vc)).toEqual([]);
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    const v = await audit(page);
    expect(v, describeViolations(v)).toEqual([]);
    await page.close();
  });

  it('reads two columns drawn line by line across as two columns', async () => {
    const page = await openViewer(pdfs.columns);
    await waitForMarks(page, 3);
    // "Officials said the Power of" (left) beside "Siberia pipeline talks" (right) is not one name.
    expect(await entities(page)).toEqual({ 'power-of-siberia': 1, vtb: 1, gazprom: 1 });
    expect(await markPieces(page)).toEqual(
      expect.arrayContaining([['Power of', 'Siberia pipeline'], ['VTB'], ['Gazprom']]),
    );
    await page.close();
  });

  it.each([
    ['cyrillic', () => pdfs.cyrillic, [['Газпром'], ['Силе', 'Сибири']], 'Газпром'],
    ['chinese', () => pdfs.chinese, [['俄罗斯天然气工业公司'], ['西伯利亚', '力量管道']], '俄罗斯天然气工业公司'],
  ])('marks %s text, a name over two lines included', async (_l, name, expected, hovered) => {
    const page = await openViewer(name());
    await waitForMarks(page, 2);
    expect(await markPieces(page)).toEqual(expect.arrayContaining(expected));
    await hover(page, '.textLayer', hovered);
    expect((await waitForCard(page)).name).toBe('Gazprom');
    await page.close();
  });

  it('answers the keyboard: next mention with its card focused, find, zoom, dark pages', async () => {
    const page = await openViewer(pdfs.names);
    await waitForMarks(page, 3);
    await page
      .locator('.textLayer')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+Shift+KeyM');
    const card = await waitForCard(page);
    expect(card.focused).toBe(true);
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
    // Find runs over the text as read: a phrase over two lines is found, the running head is not glued on.
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('find');
    await page.keyboard.type('Power of Siberia');
    await expect.poll(() => page.locator('.find-status').textContent()).toBe('1 of 1');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => page.locator('output.zoom').textContent()).toBe('150%');
    await page.keyboard.press('Control+Minus');
    await expect.poll(() => page.locator('output.zoom').textContent()).toBe('125%');
    // The marks outlive a zoom: the same text nodes, laid out anew.
    await hover(page, '.textLayer', 'Gazprom signed');
    expect((await waitForCard(page)).name).toBe('Gazprom');
    await page.mouse.move(1, 1);
    await page.getByRole('button', { name: 'Dark pages' }).click();
    expect(await page.evaluate(() => document.body.classList.contains('dark-pages'))).toBe(true);
    const v = await audit(page);
    expect(v, describeViolations(v)).toEqual([]);
    await page.close();
  });

  it('opens a PDF from this computer, by the file picker and by a drop, with no request', async () => {
    const page = await b.context.newPage();
    await page.goto(`chrome-extension://${b.extensionId}/viewer.html`);
    await page.getByRole('heading', { name: 'Factlens PDF viewer' }).waitFor();
    const v = await audit(page);
    expect(v, describeViolations(v)).toEqual([]);
    const before = server.requests.length;
    await page.locator('input[type=file]').setInputFiles(join(pdfs.dir, pdfs.cyrillic));
    await waitForMarks(page, 2);
    expect(await entities(page)).toEqual({ gazprom: 1, 'power-of-siberia': 1 });
    const bytes = [...readFileSync(join(pdfs.dir, pdfs.names))];
    await page.evaluate((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'names.pdf', { type: 'application/pdf' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    await expect.poll(() => entities(page), { timeout: 20_000 }).toEqual({ gazprom: 2, 'power-of-siberia': 1 });
    expect(server.requests.length).toBe(before);
    await page.close();
  });

  it("lists the document's names in the popup and jumps to them", async () => {
    const page = await openViewer(pdfs.columns);
    await waitForMarks(page, 3);
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${await tabId(b.context, page.url())}`);
    const list = popup.locator('.page-list');
    await expect.poll(() => list.locator('li').count(), { timeout: 10_000 }).toBe(3);
    await list.getByRole('button', { name: /^VTB/ }).click();
    await popup.close();
    await page.close();
  });

  // The viewer is an extension page: every task on its main thread is Factlens's (pdf.js included).
  it('marks all 200 pages of a long document as they render, and scrolls fast without long tasks', async () => {
    const page = await openViewer(pdfs.long);
    await page.locator('.page[data-page="200"]').waitFor({ state: 'attached', timeout: 30_000 });
    await waitForMarks(page, 5);
    // The first page's canvas is drawn before the measure starts (and drawing is what is measured after).
    await page.locator('.page[data-page="1"] canvas').waitFor({ state: 'attached', timeout: 20_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.longTasks.push(Math.round(e.duration));
      }).observe({ type: 'longtask' });
    });
    await page
      .locator('.textLayer')
      .first()
      .click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('PageDown');
      await page.waitForTimeout(60);
    }
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, 1500);
      await page.waitForTimeout(60);
    }
    const at = Number(await page.locator('.page-of input').inputValue());
    // Scrolling has settled: the page in view is drawn, inside the measure.
    await page.locator(`.page[data-page="${at}"] canvas`).waitFor({ state: 'attached', timeout: 10_000 });
    await page.waitForTimeout(300);
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    console.log(`200 pages: scrolled to page ${at}, long tasks: ${JSON.stringify(longTasks)}`);
    expect(at).toBeGreaterThan(20);
    // None on an idle machine. Under load (the unit tests may run beside this one, or other work on the
    // machine) Blink's own frame lifecycle took 50-65 ms once or twice: up to three such tasks are let
    // pass, none of 100 ms or more (before the viewer's fix: 8-46 tasks of 50-190 ms).
    expect(longTasks.filter((ms) => ms > 50).length).toBeLessThanOrEqual(3);
    expect(Math.max(0, ...longTasks)).toBeLessThan(100);
    // Every page's text is marked in the end (the text layers are made one page at a time), each once.
    await expect.poll(async () => (await entities(page)).gazprom, { timeout: 60_000, interval: 1000 }).toBe(1200); // six paragraphs a page, each naming Gazprom once
    await page.close();
  });

  it('made no request but for the PDFs asked for', () => {
    const made = b.network.assertOnly(asked);
    expect(new Set(made)).toEqual(new Set(asked));
    expect(blocked).toEqual([]);
    // The test server saw the PDFs, each once per time it was opened by address.
    expect(server.requests.filter((r) => !r.startsWith('/pdf/'))).toEqual([]);
    expect(server.requests.length).toBe(asked.length);
  });
});
