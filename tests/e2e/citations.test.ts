/**
 * Citations that travel, in Chromium: copying from the card (key and button)
 * and from the popup's entity view, the link to the source at the passage,
 * and the reading log: off by default, on, listed, exported, and carried
 * through a backup and restore.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Claim, Source } from '../../lib/model/schema';
import { claimText, passageUrl } from '../../lib/ui/cite';
import { ROOT } from '../../tools/e2e/chromium';
import { audit, describeViolations } from '../../tools/e2e/axe';
import { hover, markTexts } from '../../tools/e2e/page';
import { startHarness, type Harness } from '../../tools/e2e/setup';
import { auditCard, clickInCard, inCard, waitForCard, waitForNoCard } from '../../tools/e2e/card';

// The card's root is closed: it is read and clicked through tools/e2e/card.ts (the extension's own world).
const cardVisible = (page: Page) => waitForCard(page);
const cardText = (page: Page, sel: string) =>
  inCard(page, (root, sel) => root?.querySelector(`.fl-card ${sel}`)?.textContent ?? null, sel);
const cardAttr = (page: Page, sel: string, name: string) =>
  inCard(
    page,
    (root, a: { sel: string; name: string }) => root?.querySelector(`.fl-card ${a.sel}`)?.getAttribute(a.name) ?? null,
    { sel, name },
  );
const cardClick = (page: Page, sel: string) => clickInCard(page, { selector: `.fl-card ${sel}` });
/** Gives the card the focus (a click on its description), then presses `key`. */
async function cardPress(page: Page, key: string): Promise<void> {
  await cardClick(page, '.fl-desc');
  await page.keyboard.press(key);
}
const PACK = join(ROOT, 'data/pack');
const sources = JSON.parse(readFileSync(join(PACK, 'sources.json'), 'utf8')) as Source[];
/** A bundled claim with its source, as the card has it. */
function claimById(id: string) {
  for (const f of readdirSync(join(PACK, 'claims'))) {
    const found = (JSON.parse(readFileSync(join(PACK, 'claims', f), 'utf8')) as Claim[]).find((c) => c.id === id);
    if (found) return { ...found, source: sources.find((s) => s.id === found.citation.source)! };
  }
  throw new Error(`no claim ${id}`);
}

let h: Harness;
let page: Page;
const ext = (path: string) => `chrome-extension://${h.b.extensionId}/${path}`;
const readClipboard = (p: Page) => p.evaluate(() => navigator.clipboard.readText());
const readClipboardHtml = (p: Page) =>
  p.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item && item.types.includes('text/html') ? (await item.getType('text/html')).text() : null;
  });

beforeAll(async () => {
  h = await startHarness({ '/': join(import.meta.dirname, '../fixtures/pages') });
  // For every origin: the test page's and the popup's (an extension origin cannot be named here).
  await h.b.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await h.b.context.newPage();
  await page.goto(`${h.server.url}/citations.html`);
  await waitForMark(page);
});

/** Waits until the page's SPFS is marked (in hooks too, where expect.poll may not run). */
async function waitForMark(p: Page): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await markTexts(p)).includes('SPFS')) return;
    await p.waitForTimeout(150);
  }
  throw new Error('SPFS was never marked');
}
afterAll(async () => {
  await h?.close();
  // Nothing left the browser: opening a card, copying and logging made no request.
  h?.b.network.assertNone();
});

async function openCard(): Promise<string> {
  await page.mouse.move(2, 2);
  await waitForNoCard(page);
  await hover(page, '#p-spfs', 'SPFS');
  await cardVisible(page);
  expect(await cardText(page, '.fl-name')).toBe('SPFS');
  return (await cardAttr(page, '.fl-claim', 'data-claim'))!;
}

describe('copy from the card', () => {
  it('c copies the first claim with its attribution, date and citation, as text and as HTML', async () => {
    const id = await openCard();
    expect(await cardText(page, '.fl-foot .fl-keys')).toContain('c');
    await cardPress(page, 'c');
    await expect.poll(() => cardText(page, '.fl-status')).toBe('Copied the claim with its citation.');
    const claim = claimById(id);
    expect(await readClipboard(page)).toBe(claimText(claim));
    const html = (await readClipboardHtml(page))!;
    expect(html).toContain(`<a href="${passageUrl(claim)!.replace(/&/g, '&amp;')}">`);
    expect(html).toContain('Harley Balzer');
  });

  it('the buttons copy the citation as BibTeX and CSL-JSON; ? lists the keys', async () => {
    await openCard();
    await cardClick(page, '.fl-copy [data-copy="bibtex"]');
    await expect
      .poll(() => readClipboard(page))
      .toMatch(/^@techreport\{balzer-2021,\n {2}author = \{Balzer, Harley\},/);
    await cardClick(page, '.fl-copy [data-copy="csl"]');
    await expect.poll(async () => JSON.parse(await readClipboard(page))[0]?.id).toBe('balzer-2021');
    await cardPress(page, '?');
    await expect.poll(() => cardText(page, '.fl-keylist')).toContain('Copy the citation as BibTeX');
    // With its copy buttons, status line and key list, the card still passes an axe audit.
    const v = await auditCard(page);
    expect(v, describeViolations(v)).toEqual([]);
  });

  it('links the citation to the source at the passage, in a new tab, without opening anything itself', async () => {
    const id = await openCard();
    const claim = claimById(id);
    const href = await cardAttr(page, '.fl-cite a', 'href');
    expect(href).toBe(passageUrl(claim));
    expect(href).toMatch(/^https:\/\/www\.atlanticcouncil\.org\/.+#:~:text=[^-&,]+$/);
    expect(await cardAttr(page, '.fl-cite a', 'target')).toBe('_blank');
    expect(await cardAttr(page, '.fl-cite a', 'rel')).toBe('noopener noreferrer');
  });
});

describe('copy from the popup', () => {
  it('the entity view copies by button and by key', async () => {
    const p = await h.b.context.newPage();
    await p.goto(ext('popup.html?entity=spfs'));
    const first = p.locator('.claims .claim').first();
    await first.waitFor();
    const claim = claimById((await first.getAttribute('data-claim'))!);
    await first.locator('[data-copy="text"]').click();
    await expect.poll(() => readClipboard(p)).toBe(claimText(claim));
    await first.locator('[data-copy="text"]').focus();
    await p.keyboard.press('j');
    await expect.poll(async () => JSON.parse(await readClipboard(p))[0]?.section).toBe(claim.citation.section);
    await p.close();
  });
});

describe('the reading log', () => {
  const options = async () => {
    const p = await h.b.context.newPage();
    await p.goto(ext('options.html'));
    await p.locator('#log-title').waitFor();
    return p;
  };

  it('is off by default: a card opened leaves no entry', async () => {
    await openCard();
    const p = await options();
    expect(await p.locator('#log-title ~ label input[role="switch"]').isChecked()).toBe(false);
    await expect.poll(() => p.locator('.log-empty').count()).toBe(1);
    await p.close();
  });

  it('on: the card opened is listed, exported, backed up and restored', async () => {
    const p = await options();
    await p.locator('#log-title ~ label input[role="switch"]').check();
    await expect
      .poll(() => p.evaluate(() => chrome.runtime.sendMessage({ factlens: 1, type: 'settings.get', payload: {} })))
      .toMatchObject({ value: { readingLog: true } });
    // The page reloads its settings (the background refreshes open tabs), then the reader opens a card.
    await page.reload();
    await waitForMark(page);
    await openCard();
    await p.reload();
    const row = p.locator('table.log tbody tr');
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('Test article: a payments figure');
    expect(await row.textContent()).toContain('figure differs');
    const v = await audit(p);
    expect(v, describeViolations(v)).toEqual([]);

    const save = async (button: string) => {
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        p.getByRole('button', { name: button }).click(),
      ]);
      return readFileSync((await download.path())!, 'utf8');
    };
    const csv = await save('Export CSV');
    expect(csv.split('\r\n')[1]).toContain(`,${h.server.url}/citations.html,`);
    const anno = JSON.parse(await save('Export Web Annotations (JSON-LD)'));
    expect(anno.first.items[0].target).toMatchObject({
      source: `${h.server.url}/citations.html`,
      selector: { type: 'TextQuoteSelector', exact: 'SPFS' },
    });
    const md = await save('Export Markdown');
    expect(md).toContain('## SPFS');
    const review = JSON.parse(await save('ClaimReview'));
    expect(review).toMatchObject({
      '@type': 'ClaimReview',
      claimReviewed: expect.stringContaining('about 200 Russian banks'),
    });

    // Backup, delete the log, restore: the entry is back.
    const backup = await save('Export my packs and settings');
    expect(JSON.parse(backup).log).toHaveLength(1);
    await p.getByRole('button', { name: 'Delete the whole log' }).click();
    await p.locator('section[aria-labelledby="log-title"] .button.danger').click();
    await expect.poll(() => p.locator('.log-empty').count()).toBe(1);
    await p.setInputFiles('#backup-file', {
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(backup),
    });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('SPFS');
    await p.close();
  });
});
