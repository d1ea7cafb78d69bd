/**
 * The overlay on dynamic and structured pages: a hydrated Preact app that
 * re-renders, infinite scroll, and mentions in headings, links, tables and
 * lists.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, tabId, type Launched } from '../../tools/e2e/chromium';
import { highlightedTexts, hover, markTexts } from '../../tools/e2e/page';
import type { StaticServer } from '../../tools/e2e/server';
import { startHarness, type Harness } from '../../tools/e2e/setup';
import { clickInCard, waitForCard } from '../../tools/e2e/card';

let h: Harness;
let b: Launched;
let server: StaticServer;

beforeAll(async () => {
  h = await startHarness({
    '/': join(import.meta.dirname, '../fixtures/pages'),
    '/vendor/preact/': join(ROOT, 'node_modules/preact'),
  });
  ({ b, server } = h);
});
afterAll(async () => {
  await h?.close();
  // Nothing left the browser: the extension made no network request.
  h?.b.network.assertNone();
});

const open = async (path: string): Promise<Page> => {
  const page = await b.context.newPage();
  await page.goto(`${server.url}/${path}`);
  return page;
};

/** Texts of marks whose range starts inside `selector`. */
const marksIn = markTexts;

describe('dynamic pages', () => {
  it('a hydrated app that re-renders keeps working, with no hydration errors, and its new text is marked', async () => {
    const page = await open('app.html');
    await page.waitForFunction(() => (window as unknown as { hydrated?: boolean }).hydrated === true);
    await expect
      .poll(() => highlightedTexts(page), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Power of Siberia', 'SPFS', 'Motor Sich']));
    const before = await page.evaluate(() => (window as unknown as { renders: number }).renders);
    await page.waitForTimeout(1500);
    // The app re-rendered many times; the re-rendered text is still marked, once.
    expect(await page.evaluate(() => (window as unknown as { renders: number }).renders)).toBeGreaterThan(before + 3);
    await expect.poll(() => marksIn(page, '#tick'), { timeout: 5_000 }).toEqual(['SPFS']);
    expect(await page.locator('#lead').innerHTML()).toBe('Talks on <a href="#p">Power of Siberia</a> continue.');
    await page.evaluate(() => (window as unknown as { addItem: (s: string) => void }).addItem('CR929 wide-body'));
    await expect.poll(() => marksIn(page, '#list'), { timeout: 5_000 }).toEqual(['Motor Sich', 'CR929']);
    expect(await page.evaluate(() => (window as unknown as { appErrors: string[] }).appErrors)).toEqual([]);
    await page.close();
  });

  it('infinite scroll: new items are marked as they arrive', async () => {
    const page = await open('scroll.html');
    await page.waitForTimeout(800);
    expect(await marksIn(page, '#feed')).toEqual([]);
    // The reader reaches the bottom three times; each time the page appends items.
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.evaluate(() => (window as unknown as { more: () => void }).more());
      await page.waitForTimeout(150);
    }
    await expect.poll(async () => (await marksIn(page, '#feed')).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    const texts = await marksIn(page, '#feed');
    expect(new Set(texts)).toEqual(new Set(['SPFS', 'CR929', 'Motor Sich', 'Power of Siberia', 'Gazprom']));
    await page.close();
  });
});

describe('structured pages', () => {
  it('marks names in headings, links, table cells and list items, never across cells or items, never in editable text', async () => {
    const page = await open('structures.html');
    await expect
      .poll(() => highlightedTexts(page), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Power of Siberia', 'SPFS', 'CR929', 'Gazprom']));
    expect(await marksIn(page, '#h')).toEqual(['Power of Siberia']);
    expect(await marksIn(page, '#link')).toEqual(['SPFS']);
    expect(await marksIn(page, '#table')).toEqual(expect.arrayContaining(['CR929', 'Motor Sich']));
    expect((await marksIn(page, '#table')).filter((t) => /Power|Siberia/.test(t))).toEqual([]);
    expect((await marksIn(page, '#list')).filter((t) => /Power|Siberia/.test(t))).toEqual([]);
    expect(await marksIn(page, '#list')).toContain('Gazprom');
    expect(await marksIn(page, '#ce')).toEqual([]);
    // Typing into the editable paragraph changes nothing there.
    await page.click('#ce');
    await page.keyboard.type(' More on SPFS.');
    await page.waitForTimeout(600);
    expect(await marksIn(page, '#ce')).toEqual([]);
    expect(await page.locator('#ce').textContent()).toContain('More on SPFS.');
    await page.close();
  });
});

describe('hiding an entity', () => {
  it('hides an entity everywhere from its card, and the popup brings it back', async () => {
    const page = await open('article.html');
    const url = page.url();
    await expect.poll(() => highlightedTexts(page), { timeout: 15_000 }).toContain('SPFS');
    await hover(page, '#p-spfs', 'SPFS');
    await waitForCard(page);
    await clickInCard(page, { button: 'Hide everywhere' });
    await expect.poll(() => highlightedTexts(page)).not.toContain('SPFS');
    expect(await highlightedTexts(page)).toContain('CR929');
    await page.reload();
    await expect.poll(() => highlightedTexts(page), { timeout: 15_000 }).toContain('CR929');
    expect(await highlightedTexts(page)).not.toContain('SPFS');

    const popup = await b.context.newPage();
    await popup.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${await tabId(b.context, url)}`);
    const again = popup.getByRole('button', { name: 'Show SPFS again' });
    await again.waitFor({ timeout: 10_000 });
    await again.click();
    await expect.poll(() => highlightedTexts(page), { timeout: 10_000 }).toContain('SPFS');
    await popup.close();
    await page.close();
  });
});
