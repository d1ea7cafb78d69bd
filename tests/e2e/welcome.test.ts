/**
 * The first-run page: opened once on install (not on an update), its sample
 * article marked and carded by the real overlay, its choice of where Factlens
 * runs saved, in all four UI languages, with no axe violation; and the
 * popup's start state that leads to it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  blockExternal,
  launchWithExtension,
  tabId,
  updateExtension,
  welcomePage,
  type Launched,
} from '../../tools/e2e/chromium';
import { audit, describeViolations } from '../../tools/e2e/axe';
import { hover, markTexts } from '../../tools/e2e/page';
import { serveStatic, type StaticServer } from '../../tools/e2e/server';
import { auditCard, waitForCard, waitForNoCard } from '../../tools/e2e/card';

let b: Launched;
let server: StaticServer;
let welcome: Page;

beforeAll(async () => {
  server = await serveStatic({ '/': join(import.meta.dirname, '../fixtures/pages') });
  b = await launchWithExtension(undefined, { keepWelcome: true });
  await blockExternal(b.context);
  welcome = await welcomePage(b.context, b.extensionId);
});
afterAll(async () => {
  await b?.close();
  await server?.close();
  b?.network.assertNone();
});

const welcomeTabs = () => b.context.pages().filter((p) => p.url().endsWith('/welcome.html')).length;
const settings = (): Promise<{ enabledByDefault: boolean }> =>
  welcome.evaluate(() =>
    chrome.runtime.sendMessage({ factlens: 1, type: 'settings.get', payload: {} }).then((a) => a.value),
  );

/** The demo's card for a name of the sample article. */
async function demoCard(page: Page, text: string): Promise<string> {
  await page.mouse.move(1, 1);
  await hover(page, '.sample', text);
  return (await waitForCard(page)).name;
}

describe('the first-run page', () => {
  it('opens once on install, and its sample article is marked and answers a hover with the real card', async () => {
    expect(welcomeTabs()).toBe(1);
    await expect
      .poll(() => markTexts(welcome, '.sample'), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Power of Siberia', 'Gazprom', 'SPFS', 'SWIFT', 'VTB', 'CR929']));
    expect(await demoCard(welcome, 'Power of Siberia')).toBe('Power of Siberia');
    expect((await waitForCard(welcome)).text).toMatch(/Axis of Collusion/);
    const v = await audit(welcome);
    expect(v, describeViolations(v)).toEqual([]);
    const vc = await auditCard(welcome);
    expect(vc, describeViolations(vc)).toEqual([]);
    await welcome.keyboard.press('Escape');
    await waitForNoCard(welcome);
  });

  it('saves the choice of where Factlens runs, and shows it again', async () => {
    expect((await settings()).enabledByDefault).toBe(true);
    await welcome.getByRole('radio', { name: 'Only on the sites I switch on' }).check();
    await expect.poll(async () => (await settings()).enabledByDefault).toBe(false);
    await expect.poll(() => welcome.getByRole('status').first().textContent()).toBe('Saved');
    await welcome.reload();
    await expect
      .poll(() => welcome.getByRole('radio', { name: 'Only on the sites I switch on' }).isChecked())
      .toBe(true);
    await welcome.getByRole('radio', { name: 'Everywhere except the sites I switch off' }).check();
    await expect.poll(async () => (await settings()).enabledByDefault).toBe(true);
  });

  it('is not opened again by an update', async () => {
    const other = await b.context.newPage();
    await updateExtension(b.context);
    // The update closes the extension's pages, the first-run page with them; none opens anew.
    await other.waitForTimeout(2000);
    expect(welcomeTabs()).toBe(0);
    await other.close();
  });
});

describe("the popup's start state", () => {
  it('lists the sources and example names, and leads to the sample article', async () => {
    const plain = await b.context.newPage();
    await plain.goto(`${server.url}/no-mentions.html`);
    const p = await b.context.newPage();
    await p.goto(`chrome-extension://${b.extensionId}/popup.html?tab=${await tabId(b.context, plain.url())}`);
    const start = p.locator('.start');
    await start.waitFor({ timeout: 10_000 });
    await expect
      .poll(() => start.locator('.sources li').allTextContents())
      .toEqual([
        'Harley Balzer, Axis of Collusion: The Fragile Putin–Xi Partnership (Atlantic Council, 2021)',
        'Untitled essay on Putin and Xi (second part of a series)',
      ]);
    await start.getByRole('button', { name: 'SPFS' }).click();
    await expect.poll(() => p.locator('.entity-name').textContent()).toBe('SPFS');
    await p.locator('.back').click();
    const opened = b.context.waitForEvent('page', { predicate: (x) => x.url().includes('/welcome.html') });
    await p.locator('.start').getByRole('button', { name: 'Try it on the sample article' }).click();
    const demo = await opened;
    await demo.waitForURL(/welcome\.html#demo$/);
    await expect.poll(() => markTexts(demo, '.sample'), { timeout: 15_000 }).toContain('SPFS');
    await demo.close();
    await p.close();
    await plain.close();
  });
});

describe("in the browser's language", () => {
  it.each([
    ['ru', 'Добро пожаловать в Factlens', 'Сила Сибири'],
    ['uk', 'Вітаємо у Factlens', 'Сила Сибіру'],
    ['zh-CN', '欢迎使用 Factlens', '西伯利亚力量'],
  ])('%s: the page, its sample article and its card', async (lang, title, name) => {
    const other = await launchWithExtension(undefined, {
      args: [`--lang=${lang}`],
      env: { LANGUAGE: lang.replace('-', '_') },
      keepWelcome: true,
    });
    try {
      const page = await welcomePage(other.context, other.extensionId);
      await expect.poll(() => page.locator('h1').textContent()).toBe(title);
      expect(await page.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${lang.slice(0, 2)}`));
      // (In Chinese the mark runs on over the closing quote into 管道, "pipeline": 西伯利亚力量”管道.)
      await expect
        .poll(async () => (await markTexts(page, '.sample')).some((m) => m.startsWith(name)), { timeout: 15_000 })
        .toBe(true);
      expect(await demoCard(page, name)).toBe('Power of Siberia');
      const v = await audit(page);
      expect(v, describeViolations(v)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
