/**
 * The walking skeleton in real Chromium: marks, card, popup search, site switch.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  ARTIFACTS,
  askTab,
  launchWithExtension,
  tabId,
  waitForRegistration,
  type Launched,
} from '../../tools/e2e/chromium';
import { highlightedTexts, hover } from '../../tools/e2e/page';
import { waitForCard, waitForNoCard } from '../../tools/e2e/card';
import { serveStatic, type StaticServer } from '../../tools/e2e/server';

let b: Launched;
let server: StaticServer;
let article: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serveStatic({ '/': join(import.meta.dirname, '../fixtures/pages') });
  article = `${server.url}/article.html`;
  b = await launchWithExtension();
  await waitForRegistration(b.context);
});

afterAll(async () => {
  await b?.close();
  await server?.close();
  // Nothing left the browser: the extension made no network request.
  b?.network.assertNone();
});

async function openArticle(): Promise<Page> {
  const page = b.context.pages()[0] ?? (await b.context.newPage());
  await page.goto(article);
  return page;
}

/** The mentions of the four skeleton entities on article.html. */
const EXPECTED = ['CR-929', 'CR929', 'Motor Sich', "Motor Sich's", 'Power of Siberia', 'SPFS'];

async function waitForMarks(page: Page): Promise<string[]> {
  await expect.poll(() => highlightedTexts(page), { timeout: 15_000 }).toEqual(expect.arrayContaining(EXPECTED));
  return highlightedTexts(page);
}

describe('Factlens in Chromium', () => {
  it('marks the four entities, across tags, and nothing in excluded regions', async () => {
    const page = await openArticle();
    const texts = await waitForMarks(page);
    // Each mention once; the German "Motor sich" and the excluded regions are not marked.
    for (const t of EXPECTED) expect(texts.filter((x) => x === t)).toHaveLength(1);
    expect(texts.filter((t) => /motor sich/i.test(t) && t !== 'Motor Sich' && t !== "Motor Sich's")).toEqual([]);
    const inExcluded = await page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('factlens-mark')!;
      return [...h].filter((r) => r.startContainer.parentElement!.closest('textarea, code, pre, script, #p-lower'))
        .length;
    });
    expect(inExcluded).toBe(0);
    const found = await askTab<{ id: string; count: number }[]>(b.context, article, 'page.entities');
    expect(Object.fromEntries(found.map((e) => [e.id, e.count]))).toMatchObject({
      'power-of-siberia': 1,
      spfs: 1,
      'motor-sich': 2,
      cr929: 2,
    });
    // Nothing on the page moved or changed: no element was added around the names.
    expect(await page.locator('#p-pipeline').innerHTML()).toBe(
      'Gas began to flow through <b>Power</b> of Siberia at the end of 2019, years after the supply deal was signed in Shanghai.',
    );
    expect(await page.evaluate(() => (window as unknown as { pageLog: string[] }).pageLog)).toEqual([]);
  });

  it('shows a sourced card on hover', async () => {
    const page = await openArticle();
    await waitForMarks(page);
    await hover(page, '#p-spfs', 'SPFS');
    const card = await waitForCard(page, { name: 'SPFS' });
    expect(card.text).toMatch(/Axis of Collusion/);
    expect(card.text).toMatch(/Balzer/);
    expect(card.text).toMatch(/section “[^”]+”/);
    expect(card.claims).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(ARTIFACTS, 'card.png') });
    // Leaving closes it after the abandon delay.
    await page.mouse.move(5, 5);
    await waitForNoCard(page);
  });

  it('opens the card from the keyboard and closes it with Escape', async () => {
    const page = await openArticle();
    await waitForMarks(page);
    // The reader's Tab onto the link that holds a name (a script's focus() opens nothing).
    await page.locator('#p-spfs').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('#p-motor') !== null)).toBe(true);
    expect((await waitForCard(page)).name).toBe('Motor Sich');
    await page.keyboard.press('Escape');
    await waitForNoCard(page);
  });

  it('the popup finds SPFS and shows its claims', async () => {
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
    await popup.fill('#q', 'SPFS');
    const first = popup.locator('.result').first();
    await first.waitFor({ timeout: 10_000 });
    expect(await first.locator('.name').textContent()).toBe('SPFS');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-search.png') });
    await first.click();
    await popup.locator('.entity h1').waitFor();
    expect(await popup.locator('.entity h1').textContent()).toBe('SPFS');
    expect(await popup.locator('.claim').count()).toBeGreaterThanOrEqual(3);
    expect(await popup.locator('.claim cite').first().textContent()).toMatch(/Balzer|essay/i);
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-entity.png'), fullPage: true });
    await popup.close();
  });

  it('switching the site off leaves the page unmarked after a reload; on again marks it', async () => {
    const page = await openArticle();
    await waitForMarks(page);
    const id = await tabId(b.context, article);
    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${id}`);
    const toggle = popup.getByRole('switch', { name: /^Factlens on / });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    expect(await popup.locator('.site strong').textContent()).toMatch(/^127\.0\.0\.1:\d+$/);
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(false);
    // The marks go at once…
    await expect.poll(() => highlightedTexts(page)).toEqual([]);
    // …and after a reload no Factlens code runs on the page.
    await page.reload();
    await page.waitForTimeout(1500);
    expect(await highlightedTexts(page)).toEqual([]);
    await expect(askTab(b.context, article, 'page.entities')).rejects.toThrow();
    await toggle.click();
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await page.reload();
    await waitForMarks(page);
    await popup.close();
  });
});
