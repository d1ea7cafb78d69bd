/**
 * What a page's own scripts can do to Factlens (the hardening review's
 * attacks, each run as a page script): nothing but the reader's own input
 * opens, holds or presses the card; the page cannot stop Factlens; Factlens
 * posts nothing to the page.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Launched } from '../../tools/e2e/chromium';
import { hover, markTexts, textCenter } from '../../tools/e2e/page';
import type { StaticServer } from '../../tools/e2e/server';
import { startHarness, type Harness } from '../../tools/e2e/setup';
import { cardShown, inCard, waitForCard } from '../../tools/e2e/card';

let h: Harness;
let b: Launched;
let server: StaticServer;

beforeAll(async () => {
  h = await startHarness({ '/': join(import.meta.dirname, '../fixtures/pages') });
  ({ b, server } = h);
});
afterAll(async () => {
  await h?.close();
  h?.b.network.assertNone();
});

/** The article, marked, with a log of every message posted to its window from the start. */
async function article(): Promise<Page> {
  const page = await b.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { posted: string[] };
    w.posted = [];
    addEventListener('message', (e) => w.posted.push(JSON.stringify(e.data)));
  });
  await page.goto(`${server.url}/article.html`);
  await expect.poll(() => markTexts(page), { timeout: 15_000 }).toContain('SPFS');
  return page;
}

describe('a page script', () => {
  it('cannot open the card with synthetic pointer events or a scripted focus', async () => {
    const page = await article();
    const at = await textCenter(page, '#p-spfs', 'SPFS');
    await page.evaluate(({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      for (const type of ['pointerover', 'pointerenter', 'pointermove', 'mousemove'])
        target.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, pointerType: 'mouse' }));
      (document.querySelector('#p-motor a') as HTMLAnchorElement).focus();
    }, at);
    await page.waitForTimeout(1000);
    expect(await page.locator('factlens-card').count()).toBe(0);
    // The reader's own Tab onto the same link opens it.
    await page.locator('#p-motor a').evaluate((a) => (a as HTMLElement).blur());
    await page.locator('#p-spfs').click({ position: { x: 1, y: 1 } });
    for (let i = 0; i < 12 && !(await cardShown(page)); i++) await page.keyboard.press('Tab');
    expect((await waitForCard(page, { timeout: 5_000 })).name).toBe('Motor Sich');
    await page.close();
  });

  it('cannot read the card: it finds the host and nothing inside', async () => {
    const page = await article();
    await hover(page, '#p-spfs', 'SPFS');
    const shown = await waitForCard(page, { name: 'SPFS' });
    expect(shown.text).toMatch(/Axis of Collusion/);
    const seen = await page.evaluate(() => {
      const host = document.querySelector('factlens-card') as HTMLElement;
      let reopened = 'no error';
      try {
        host.attachShadow({ mode: 'open' });
      } catch (e) {
        reopened = (e as Error).name;
      }
      const sel = getSelection()!;
      sel.selectAllChildren(document.documentElement);
      const selected = sel.toString();
      sel.removeAllRanges();
      return {
        root: host.shadowRoot,
        text: host.textContent + host.innerText + host.innerHTML + host.outerHTML,
        selected,
        reopened,
        children: host.childElementCount,
      };
    });
    expect(seen.root).toBeNull();
    expect(seen.children).toBe(0);
    expect(seen.reopened).toBe('NotSupportedError');
    for (const text of [seen.text, seen.selected]) {
      expect(text).not.toMatch(/Axis of Collusion|Balzer/);
      expect(text).not.toContain('SPFS is');
    }
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('cannot press the card’s buttons: no hiding, no tabs opened, the card stays', async () => {
    const page = await article();
    await hover(page, '#p-spfs', 'SPFS');
    await waitForCard(page);
    const tabs = b.context.pages().length;
    const host = await page.evaluate(() => {
      const host = document.querySelector('factlens-card')!;
      // What a page can do: events at the host (the root is closed, so the buttons are out of reach).
      for (let i = 0; i < 5; i++) {
        host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
        host.dispatchEvent(new KeyboardEvent('keydown', { key: 'c', bubbles: true }));
        host.dispatchEvent(new PointerEvent('pointerleave'));
      }
      return { found: true, root: host.shadowRoot === null ? 'closed' : 'open' };
    });
    expect(host).toEqual({ found: true, root: 'closed' });
    // The extension's own world reaches the buttons; a script's click there is refused too.
    const pressed = await inCard(page, (root) => {
      const buttons = [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
      for (let i = 0; i < 5; i++) for (const x of buttons) x.click();
      root?.querySelector('.fl-root')?.dispatchEvent(new PointerEvent('pointerleave'));
      return buttons.length;
    });
    expect(pressed).toBeGreaterThan(0);
    await page.waitForTimeout(1200);
    expect(b.context.pages().length).toBe(tabs);
    expect(await cardShown(page)).toBe(true);
    expect(await markTexts(page)).toContain('SPFS');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('cannot stop Factlens with the "content script started" event, and sees no message from it', async () => {
    const page = await article();
    await page.evaluate((id) => {
      for (const name of ['content', 'overlay'])
        document.dispatchEvent(
          new CustomEvent(`${id}:content:wxt:content-script-started`, {
            detail: { contentScriptName: name, messageId: 'page' },
          }),
        );
    }, b.extensionId);
    await page.waitForTimeout(500);
    expect(await markTexts(page)).toContain('SPFS');
    await hover(page, '#p-spfs', 'SPFS');
    await waitForCard(page);
    const posted = await page.evaluate(() => (window as unknown as { posted: string[] }).posted);
    expect(posted.filter((m) => m.includes('wxt') || m.includes(b.extensionId))).toEqual([]);
    await page.close();
  });
});
