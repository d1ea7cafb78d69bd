/**
 * "Open PDF links in the Factlens viewer" (options → PDF links, off by default):
 * a click on a link to a .pdf lands on the viewer showing that PDF, marked; off,
 * or for any other link, the tab goes where the link says; after the worker has
 * slept the first click is still caught; no request but for the PDF.
 *
 * The option needs webNavigation, an optional permission that the browser grants
 * only after its own prompt, which a headless Chromium shows and no test can
 * answer. So the build is copied into a folder this file makes, with webNavigation
 * among the required permissions (the prompt's "Allow", in effect); the options
 * page's request then answers true at once, as after "Allow". A second copy, with
 * no webNavigation at all, stands for "Deny". The build itself keeps it optional
 * (tests/e2e/build.test.ts).
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  blockExternal,
  launchWithExtension,
  requireBuild,
  stopServiceWorker,
  viewerEntities,
  waitForScan,
  type Launched,
} from '../../tools/e2e/chromium';
import { audit, describeViolations } from '../../tools/e2e/axe';
import { serveStatic, type StaticServer } from '../../tools/e2e/server';
import { writeTestPdfs, type TestPdfs } from '../../tools/e2e/pdfs';

const made: string[] = [];
/** A fresh folder of this run's own (never one a checkout may or may not have). */
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

/** The Chrome build, copied, with its manifest's permissions edited. */
function buildCopy(edit: (m: { permissions?: string[]; optional_permissions?: string[] }) => void): string {
  const dir = tempDir('factlens-ext-');
  cpSync(requireBuild(), dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  expect(m.optional_permissions).toEqual(['webNavigation']);
  edit(m);
  writeFileSync(file, JSON.stringify(m));
  return dir;
}

let server: StaticServer;
let pdfs: TestPdfs;
let b: Launched;
let blocked: string[];

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Briefing</title></head><body>
<main><h1>Briefing</h1><p>Gazprom and the Power of Siberia pipeline, in the documents below.</p>
<ul>
<li><a id="pdf" href="/files/names.pdf">The report (PDF)</a></li>
<li><a id="upper" href="/files/Columns.PDF?download=0">The briefing (PDF)</a></li>
<li><a id="html" href="/files/other.html">Another page</a></li>
</ul></main></body></html>`;

beforeAll(async () => {
  pdfs = await writeTestPdfs(tempDir('factlens-pdf-'));
  copyFileSync(join(pdfs.dir, pdfs.columns), join(pdfs.dir, 'Columns.PDF'));
  writeFileSync(join(pdfs.dir, 'article.html'), ARTICLE);
  writeFileSync(join(pdfs.dir, 'other.html'), '<!doctype html><html lang="en"><title>Other</title><p>Other page.</p>');
  server = await serveStatic({ '/files/': pdfs.dir });
  b = await launchWithExtension(
    buildCopy((m) => {
      m.permissions = [...(m.permissions ?? []), 'webNavigation'];
      m.optional_permissions = [];
    }),
  );
  blocked = await blockExternal(b.context);
});
afterAll(async () => {
  await b?.close();
  await server?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const url = (name: string) => `${server.url}/files/${name}`;
const viewerFor = (pdf: string) => `chrome-extension://${b.extensionId}/viewer.html?file=${encodeURIComponent(pdf)}`;

async function options(l: Launched): Promise<Page> {
  const p = await l.context.newPage();
  await p.goto(`chrome-extension://${l.extensionId}/options.html`);
  await p.locator('#pdf-links-title').waitFor();
  return p;
}

const settings = (p: Page) =>
  p.evaluate(() =>
    chrome.runtime
      .sendMessage({ factlens: 1, type: 'settings.get', payload: {} })
      .then((a: { value: { openPdfLinks: boolean } }) => a.value),
  );

/** The option's switch on the options page, set by a click (a user gesture, as the permission request needs). */
async function setOption(on: boolean): Promise<void> {
  const p = await options(b);
  const box = p.getByRole('switch', { name: /Open PDF links in the Factlens viewer/ });
  expect(await box.isChecked()).toBe(!on);
  await box.click();
  await expect.poll(() => settings(p)).toMatchObject({ openPdfLinks: on });
  await expect.poll(() => box.isChecked()).toBe(on);
  await expect(p.getByRole('alert').count()).resolves.toBe(0);
  await p.close();
}

async function article(): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(url('article.html'));
  return page;
}

/** The names the viewer in `page`'s tab lists (the popup's "On this page"). */
const entities = (page: Page) => viewerEntities(b.context, page);

/** Clicks a link of the article and waits until the PDF at `pdf` is asked for (the page's or the viewer's request). */
async function clickAndWaitForRequest(page: Page, link: string, path: string): Promise<void> {
  const before = server.requests.filter((r) => r === path).length;
  await page.click(link);
  await expect
    .poll(() => server.requests.filter((r) => r === path).length, { timeout: 10_000 })
    .toBeGreaterThan(before);
}

/** The PDFs the viewer fetched, at their own addresses: the only requests the extension may make. */
const asked: string[] = [];

describe('opening PDF links in the viewer', () => {
  it('is off by default: a PDF link goes to the PDF itself', async () => {
    const p = await options(b);
    expect(await settings(p)).toMatchObject({ openPdfLinks: false });
    const v = await audit(p);
    expect(v, describeViolations(v)).toEqual([]);
    await p.close();
    const page = await article();
    await clickAndWaitForRequest(page, '#pdf', '/files/names.pdf');
    await page.waitForTimeout(1000);
    expect(page.url()).not.toMatch(/^chrome-extension:/);
    await page.close();
  });

  it('when on, opens a PDF link in the viewer, marked; other links go where they say', async () => {
    await setOption(true);
    // A new tab each time: a tab leaving the viewer would count as the viewer's request.
    let page = await article();
    await page.click('#pdf');
    asked.push(url('names.pdf'));
    await page.waitForURL(viewerFor(url('names.pdf')), { timeout: 15_000 });
    await expect.poll(() => entities(page), { timeout: 20_000 }).toEqual({ gazprom: 2, 'power-of-siberia': 1 });
    await page.close();
    page = await article();
    // The address's case does not matter, nor its query.
    await page.click('#upper');
    asked.push(url('Columns.PDF?download=0'));
    await page.waitForURL(viewerFor(url('Columns.PDF?download=0')), { timeout: 15_000 });
    await expect.poll(() => entities(page), { timeout: 20_000 }).toEqual({ 'power-of-siberia': 1, vtb: 1, gazprom: 1 });
    await page.close();
    page = await article();
    await page.click('#html');
    await page.waitForURL(url('other.html'));
    await page.waitForTimeout(500);
    expect(page.url()).toBe(url('other.html'));
    await page.close();
  });

  it('catches the first PDF link after the worker has slept', async () => {
    const page = await article();
    // The article's own messages (its index, its scan) done first: none of them wakes the worker again.
    await waitForScan(b.context, page.url());
    expect(await stopServiceWorker(b.context, b.extensionId)).toBe(true);
    await page.click('#pdf');
    asked.push(url('names.pdf'));
    await page.waitForURL(viewerFor(url('names.pdf')), { timeout: 15_000 });
    await expect.poll(() => entities(page), { timeout: 20_000 }).toEqual({ gazprom: 2, 'power-of-siberia': 1 });
    await page.close();
  });

  it('turned off again, leaves PDF links alone', async () => {
    await setOption(false);
    const page = await article();
    await clickAndWaitForRequest(page, '#pdf', '/files/names.pdf');
    await page.waitForTimeout(1000);
    expect(page.url()).not.toMatch(/^chrome-extension:/);
    await page.close();
  });

  it('made no request but for the PDFs the viewer showed', () => {
    const made = b.network.assertOnly(asked);
    expect(new Set(made)).toEqual(new Set(asked));
    expect(blocked).toEqual([]);
    expect(server.requests.filter((r) => !r.startsWith('/files/'))).toEqual([]);
  });
});

describe('without the permission', () => {
  it('keeps the option off and says why', async () => {
    // No webNavigation in the manifest at all: the request fails, as when the reader answers "Deny".
    const denied = await launchWithExtension(buildCopy((m) => (m.optional_permissions = [])));
    try {
      const p = await options(denied);
      const box = p.getByRole('switch', { name: /Open PDF links in the Factlens viewer/ });
      await box.click();
      await expect.poll(() => p.getByRole('alert').textContent()).toMatch(/did not give the permission/);
      expect(await box.isChecked()).toBe(false);
      expect(await settings(p)).toMatchObject({ openPdfLinks: false });
      const v = await audit(p);
      expect(v, describeViolations(v)).toEqual([]);
    } finally {
      await denied.close();
    }
  });
});
