/**
 * The popup and the options page in real Chromium: search (aliases, typos,
 * keyboard), the global pause, the mode and site list, appearance and
 * categories reaching open tabs, pack import (valid and broken), backup
 * export → reset → restore, and axe-core audits of popup, options and card.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { miniPack } from '../fixtures/mini-pack';
import { audit, describeViolations } from '../../tools/e2e/axe';
import {
  launchWithExtension,
  stopServiceWorker,
  tabId,
  waitForRegistration,
  type Launched,
} from '../../tools/e2e/chromium';
import { highlightedTexts, hover, settled } from '../../tools/e2e/page';
import { serveStatic, type StaticServer } from '../../tools/e2e/server';
import { auditCard, countInCard, waitForCard } from '../../tools/e2e/card';

let b: Launched;
let server: StaticServer;
let article: string;
let articlePage: Page;

beforeAll(async () => {
  server = await serveStatic({ '/': join(import.meta.dirname, '../fixtures/pages') });
  article = `${server.url}/article.html`;
  b = await launchWithExtension();
  await waitForRegistration(b.context);
  articlePage = b.context.pages()[0] ?? (await b.context.newPage());
  await articlePage.goto(article);
  await articlePage.waitForFunction(
    () => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('factlens-mark')?.size,
    null,
    { timeout: 15_000 },
  );
});

afterAll(async () => {
  await b?.close();
  await server?.close();
  // Nothing left the browser: the extension made no network request.
  b?.network.assertNone();
});

const ext = (path: string) => `chrome-extension://${b.extensionId}/${path}`;

async function popup(): Promise<Page> {
  const p = await b.context.newPage();
  await p.goto(ext(`popup.html?tab=${await tabId(b.context, article)}`));
  await p.locator('#q').waitFor();
  return p;
}

async function options(): Promise<Page> {
  const p = await b.context.newPage();
  await p.goto(ext('options.html'));
  await p.locator('#sites-title').waitFor();
  return p;
}

const settings = (p: Page) =>
  p.evaluate(() => chrome.runtime.sendMessage({ factlens: 1, type: 'settings.get', payload: {} }).then((a) => a.value));

/** The page's marked texts once two reads 300 ms apart agree (a settings change rescans the tab). */
async function settledTexts(page: Page): Promise<string[]> {
  const texts = await settled(page, () => highlightedTexts(page), { intervalMs: 300 });
  if (texts === null) throw new Error('the marks kept changing');
  return texts;
}

describe('the popup', () => {
  it('finds entities by alias in another language and despite a typo, with matched words highlighted', async () => {
    const p = await popup();
    for (const [query, name] of [
      ['Power of Siberai', 'Power of Siberia'],
      ['Сила Сибири', 'Power of Siberia'],
      ['Motor Sitch', 'Motor Sich'],
    ] as const) {
      await p.fill('#q', query);
      await expect.poll(() => p.locator('.result .name').first().textContent(), { timeout: 10_000 }).toBe(name);
    }
    await p.fill('#q', 'Power of Siberai');
    await expect
      .poll(() => p.locator('.result').first().locator('mark').allTextContents())
      .toEqual(expect.arrayContaining(['Power', 'Siberia']));
    await p.close();
  });

  it('works with the keyboard alone: arrows through results, Enter opens, Escape comes back', async () => {
    const p = await popup();
    await p.keyboard.type('gazprom');
    // Not the answer for "gaz", whose first result the later answers drop.
    await expect.poll(() => p.locator('.result .name').first().textContent(), { timeout: 10_000 }).toBe('Gazprom');
    await expect.poll(() => p.locator('.result').count()).toBeGreaterThan(1);
    await p.keyboard.press('ArrowDown');
    expect(await p.evaluate(() => document.activeElement?.classList.contains('result'))).toBe(true);
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowUp');
    await p.keyboard.press('ArrowUp');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('q');
    await p.keyboard.press('Enter');
    await p.locator('.entity h1').waitFor();
    expect(await p.locator('.entity h1').textContent()).toMatch(/Gazprom/);
    expect(await p.evaluate(() => document.activeElement?.classList.contains('back'))).toBe(true);
    await p.keyboard.press('Escape');
    await p.locator('#q').waitFor();
    await expect.poll(() => p.evaluate(() => document.activeElement?.id)).toBe('q');
    await p.close();
  });

  it('keeps the focus on a result when a later answer reorders the list, or goes back to the box', async () => {
    const p = await popup();
    const names = () => p.locator('.result .name').allTextContents();
    const focusedName = () => p.evaluate(() => document.activeElement?.querySelector('.name')?.textContent ?? null);
    // What a late answer for a query typed earlier does: the list changes under the focus.
    const answer = (q: string) =>
      p.evaluate((value) => {
        const box = document.querySelector<HTMLInputElement>('#q')!;
        box.value = value;
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }, q);
    await p.keyboard.type('sib');
    await expect.poll(async () => (await names()).length, { timeout: 10_000 }).toBeGreaterThan(3);
    const before = await names();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    const second = await focusedName();
    expect(second).toBe(before[1]);
    await answer('siberia');
    await expect.poll(async () => (await names()).indexOf(second!)).not.toBe(1);
    expect(await focusedName()).toBe(second);

    await p.fill('#q', 'gaz');
    await expect.poll(async () => (await names())[0]).toBe('Nezavisimaia gazeta');
    await p.keyboard.press('ArrowDown');
    expect(await focusedName()).toBe('Nezavisimaia gazeta');
    await answer('gazprom');
    await expect.poll(names).not.toContain('Nezavisimaia gazeta');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('q');
    await p.close();
  });

  it('pauses Factlens everywhere and resumes it, in the open tab too', async () => {
    const p = await popup();
    const pause = p.getByRole('switch', { name: /Factlens is on/ });
    await pause.click();
    await expect.poll(() => p.getByRole('switch', { name: /paused everywhere/ }).isChecked()).toBe(false);
    await expect.poll(() => highlightedTexts(articlePage), { timeout: 10_000 }).toEqual([]);
    await p.getByRole('switch', { name: /paused everywhere/ }).click();
    await expect.poll(() => highlightedTexts(articlePage), { timeout: 15_000 }).toContain('Power of Siberia');
    expect((await settings(p)).active).toBe(true);
    await p.close();
  });

  it('lists the names on this page with their counts; a click scrolls to and flashes each mention in turn', async () => {
    // "Motor</a> Sich" (across a link) and "Motor Sich's".
    const marked = (await settledTexts(articlePage)).filter((t) => t.startsWith('Motor')).length;
    expect(marked).toBe(2);
    const active = () =>
      articlePage.evaluate(() => {
        const h = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights.get('factlens-active');
        const s = h ? [...h][0] : undefined;
        if (!s) return null;
        const r = document.createRange();
        r.setStart(s.startContainer, s.startOffset);
        r.setEnd(s.endContainer, s.endOffset);
        const box = r.getBoundingClientRect();
        return {
          text: r.toString(),
          at: Math.round(box.left + box.top + scrollY),
          inView: box.top >= 0 && box.bottom <= innerHeight,
        };
      });
    const p = await popup();
    const next = p.locator('.page-list').getByRole('button', { name: `Motor Sich ×${marked}` });
    await next.click();
    await expect.poll(active, { timeout: 5_000 }).toMatchObject({ text: 'Motor Sich', inView: true });
    const first = (await active())!.at;
    // The flash is brief; the next click goes to the next mention.
    await expect.poll(active, { timeout: 5_000 }).toBeNull();
    await next.click();
    await expect.poll(async () => (await active())?.text, { timeout: 5_000 }).toBe("Motor Sich's");
    expect((await active())!.at).not.toBe(first);
    expect((await active())!.inView).toBe(true);
    // Its other button opens the entity with its claims.
    await p
      .locator('.page-list')
      .getByRole('button', { name: /Motor Sich/ })
      .nth(1)
      .click();
    await expect.poll(() => p.locator('.entity h1').textContent()).toContain('Motor Sich');
    await p.close();
  });

  it('passes an axe audit in its search and entity views', async () => {
    const p = await popup();
    let v = await audit(p);
    expect(v, describeViolations(v)).toEqual([]);
    await p.fill('#q', 'SPFS');
    await p.locator('.result').first().waitFor({ timeout: 10_000 });
    v = await audit(p);
    expect(v, describeViolations(v)).toEqual([]);
    await p.locator('.result').first().click();
    await p.locator('.entity h1').waitFor();
    v = await audit(p);
    expect(v, describeViolations(v)).toEqual([]);
    await p.close();
  });
});

describe('the options page', () => {
  it('passes an axe audit', async () => {
    const p = await options();
    await p.locator('.table tbody tr').first().waitFor();
    const v = await audit(p);
    expect(v, describeViolations(v)).toEqual([]);
    // The audit does find problems: an image without a text alternative.
    await p.evaluate(() =>
      document.querySelector('main')!.append(Object.assign(document.createElement('img'), { src: 'icon/16.png' })),
    );
    expect((await audit(p)).map((x) => x.id)).toContain('image-alt');
    await p.close();
  });

  it('switches to "only the sites I switch on": the open tab loses its marks until its site is added, by keyboard alone', async () => {
    const p = await options();
    await p.getByRole('radio', { name: /Only on the sites I switch on/ }).check();
    await expect.poll(() => highlightedTexts(articlePage), { timeout: 10_000 }).toEqual([]);
    await p.locator('#site-entry').focus();
    await p.keyboard.type('not a site!');
    await p.keyboard.press('Enter');
    await expect.poll(() => p.getByRole('alert').textContent()).toMatch(/is not a site/);
    await p.locator('#site-entry').fill('');
    await p.keyboard.type(article); // a pasted address becomes host + path
    await p.keyboard.press('Enter');
    await expect.poll(() => p.locator('.site-list code').allTextContents()).toEqual(['127.0.0.1/article.html']);
    await expect.poll(() => highlightedTexts(articlePage), { timeout: 15_000 }).toContain('Power of Siberia');
    // Back to the default mode; the list of switched-on sites is kept for later.
    await p.getByRole('radio', { name: /Everywhere except/ }).check();
    await expect.poll(async () => (await settings(p)).enabledByDefault).toBe(true);
    expect((await settings(p)).enabledFor).toEqual(['127.0.0.1/article.html']);
    await p.close();
  });

  it('keeps every category click made while the first is still saving (the worker asleep)', async () => {
    const p = await options();
    expect(await stopServiceWorker(b.context, b.extensionId)).toBe(true);
    // Three clicks at once: the first save waits for the worker to wake, the others must not be lost.
    for (const name of ['Finance', 'Energy', 'Trade']) await p.getByRole('checkbox', { name }).click();
    await expect
      .poll(async () => [...(await settings(p)).hiddenCategories].sort(), { timeout: 10_000 })
      .toEqual(['energy', 'finance', 'trade']);
    for (const name of ['Finance', 'Energy', 'Trade']) await p.getByRole('checkbox', { name }).click();
    await expect.poll(async () => (await settings(p)).hiddenCategories, { timeout: 10_000 }).toEqual([]);
    await p.close();
  });

  it('hides a category and changes the mark style in the open tab', async () => {
    const p = await options();
    // SPFS is only "finance"; Power of Siberia is "energy" and "trade": a name stays while one of its categories is shown.
    await p.getByRole('checkbox', { name: 'Finance' }).uncheck();
    await p.getByRole('checkbox', { name: 'Energy' }).uncheck();
    await expect.poll(async () => (await settings(p)).hiddenCategories.length).toBe(2);
    // Each change rescans the tab (its marks are cleared first): judge the page once it holds still.
    await expect
      .poll(
        async () => {
          const texts = await settledTexts(articlePage);
          return { spfs: texts.includes('SPFS'), power: texts.includes('Power of Siberia') };
        },
        { timeout: 10_000 },
      )
      .toEqual({ spfs: false, power: true });
    await p.getByRole('checkbox', { name: 'Trade' }).uncheck();
    await expect.poll(() => settledTexts(articlePage), { timeout: 10_000 }).not.toContain('Power of Siberia');
    for (const name of ['Finance', 'Energy', 'Trade']) await p.getByRole('checkbox', { name }).check();
    await expect.poll(async () => (await settings(p)).hiddenCategories).toEqual([]);
    await expect
      .poll(() => highlightedTexts(articlePage), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['Power of Siberia', 'SPFS']));
    await p.selectOption('#mark-style', 'background');
    await expect.poll(async () => (await settings(p)).markStyle).toBe('background');
    await p.selectOption('#mark-style', 'underline');
    await expect.poll(async () => (await settings(p)).markStyle).toBe('underline');
    await p.close();
  });

  it('imports a valid pack (listed, searchable, removable) and rejects a broken one naming every problem, changing nothing', async () => {
    const p = await options();
    const rows = p.locator('.table').last().locator('tbody tr');
    await rows.first().waitFor();
    const before = await rows.count();
    const pack = { ...miniPack({ id: 'e2e-pack', title: 'E2E pack' }) };
    await p.setInputFiles('#pack-file', {
      name: 'pack.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(pack)),
    });
    await expect
      .poll(() => p.locator('.status').last().textContent(), { timeout: 10_000 })
      .toMatch(/Imported “E2E pack”: 2 names, 3 claims/);
    await expect.poll(() => rows.count()).toBe(before + 1);

    const pop = await popup();
    await pop.fill('#q', 'North Line');
    await expect.poll(() => pop.locator('.result .name').first().textContent(), { timeout: 10_000 }).toBe('North Line');
    await pop.close();

    const broken = { ...miniPack({ id: 'broken-pack' }) } as Record<string, unknown>;
    (broken.entities as Record<string, unknown>[])[0]!.type = 'spaceship';
    (broken.claims as Record<string, unknown>[])[1]!.entities = ['nobody'];
    await p.setInputFiles('#pack-file', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    const alert = p.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toMatch(/not imported/);
    const problems = await alert.locator('li').allTextContents();
    expect(problems.some((x) => x.includes('entities[0].type'))).toBe(true);
    expect(problems.some((x) => /claims\[1\]\.entities\[0\].*nobody/.test(x))).toBe(true);
    expect(await rows.count()).toBe(before + 1);

    await p.setInputFiles('#pack-file', {
      name: 'junk.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"id": "x",'),
    });
    await expect.poll(() => alert.textContent()).toMatch(/not valid JSON|JSON/);

    await p.getByRole('button', { name: 'Remove E2E pack' }).click();
    await expect.poll(() => rows.count()).toBe(before);
    await p.close();
  });

  it('exports packs and settings, resets, and restores the backup', async () => {
    const p = await options();
    await p.locator('.table tbody tr').first().waitFor();
    await p.setInputFiles('#pack-file', {
      name: 'pack.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(miniPack({ id: 'kept-pack', title: 'Kept pack' }))),
    });
    await expect.poll(() => p.locator('.status').last().textContent(), { timeout: 10_000 }).toMatch(/Kept pack/);
    await p.selectOption('#theme', 'dark');
    await p.getByRole('checkbox', { name: /first mention/ }).check();
    await expect.poll(async () => (await settings(p)).firstMentionOnly).toBe(true);
    const mine = await settings(p);

    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: /Export/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^factlens-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const backup = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(backup)).toMatchObject({
      factlens: 'backup',
      settings: { theme: 'dark', firstMentionOnly: true },
      packs: [{ id: 'kept-pack' }],
    });

    await p.getByRole('button', { name: /Reset settings/ }).click();
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(async () => (await settings(p)).theme).toBe('auto');
    await expect.poll(() => p.locator('#theme').inputValue()).toBe('auto');
    await p.getByRole('button', { name: 'Remove Kept pack' }).click();
    await expect.poll(() => p.getByRole('button', { name: 'Remove Kept pack' }).count()).toBe(0);

    await p.setInputFiles('#backup-file', {
      name: 'backup.json',
      mimeType: 'application/json',
      buffer: Buffer.from(backup),
    });
    await expect.poll(() => p.locator('.status').last().textContent(), { timeout: 10_000 }).toMatch(/restored/);
    expect(await settings(p)).toEqual(mine);
    await expect.poll(() => p.locator('#theme').inputValue()).toBe('dark');
    await expect.poll(() => p.getByRole('button', { name: 'Remove Kept pack' }).count()).toBe(1);

    // A broken backup changes nothing.
    await p.setInputFiles('#backup-file', {
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"factlens":"backup","settings":{"theme":"purple"},"packs":[]}'),
    });
    await expect.poll(() => p.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/settings\.theme/);
    expect(await settings(p)).toEqual(mine);

    // Leave defaults for the other tests.
    await p.getByRole('button', { name: 'Remove Kept pack' }).click();
    await p.getByRole('button', { name: /Reset settings/ }).click();
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(async () => (await settings(p)).theme).toBe('auto');
    await p.close();
  });

  it('lists the keyboard shortcuts', async () => {
    const p = await options();
    await expect.poll(() => p.locator('#shortcuts-title + .table tbody tr').count()).toBeGreaterThanOrEqual(3);
    const text = await p.locator('#shortcuts-title + .table').textContent();
    expect(text).toMatch(/Switch Factlens on or off for this site/);
    expect(text).toMatch(/Open Factlens search/);
    await p.close();
  });
});

describe('text from a pack', () => {
  it('is always shown as text, never run as HTML, in the popup and the card', async () => {
    const evil = miniPack({ id: 'html-pack', title: '<i>HTML</i> pack' });
    evil.entities[0]!.description = 'A pipeline <img src="x" onerror="window.__pwned = 1">';
    evil.claims[0]!.text = '<script>window.__pwned = 2</script><b>bold</b> North Line claim';
    evil.claims[0]!.note = '<a href="javascript:window.__pwned=3">click</a>';
    const p = await options();
    await p.locator('.table tbody tr').first().waitFor();
    await p.setInputFiles('#pack-file', {
      name: 'html.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(evil)),
    });
    await expect
      .poll(() => p.locator('.status').last().textContent(), { timeout: 10_000 })
      .toMatch(/Imported “<i>HTML<\/i> pack”/);

    const pop = await popup();
    await pop.fill('#q', 'North Line');
    await pop.locator('.result').first().click();
    await pop.locator('.entity h1').waitFor();
    expect(await pop.locator('.entity').innerText()).toContain(
      '<script>window.__pwned = 2</script><b>bold</b> North Line claim',
    );
    expect(
      await pop.locator('.entity img, .entity b, .entity script, .entity i, .entity a[href^="javascript"]').count(),
    ).toBe(0);
    expect(await pop.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await pop.close();

    const page = await b.context.newPage();
    await page.goto(`${server.url}/pack-text.html`);
    await expect.poll(() => highlightedTexts(page), { timeout: 15_000 }).toContain('North Line');
    await hover(page, '#p-north', 'North Line');
    expect((await waitForCard(page)).visibleText).toContain('<img src="x" onerror="window.__pwned = 1">');
    expect(await countInCard(page, 'img, b, script, a[href^="javascript"]')).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.close();

    await p.getByRole('button', { name: 'Remove <i>HTML</i> pack' }).click();
    await expect.poll(() => p.getByRole('button', { name: 'Remove <i>HTML</i> pack' }).count()).toBe(0);
    await p.close();
  });
});

describe("in the browser's language", () => {
  it('shows the popup and the options page in Russian, Ukrainian and Chinese', async () => {
    for (const [lang, search, options] of [
      ['ru', 'Поиск по названиям и утверждениям', 'Где работает Factlens'],
      ['uk', 'Пошук за назвами та твердженнями', 'Де працює Factlens'],
      ['zh-CN', '搜索实体和说法', 'Factlens 在哪里运行'],
    ] as const) {
      const other = await launchWithExtension(undefined, {
        args: [`--lang=${lang}`],
        env: { LANGUAGE: lang.replace('-', '_') },
      });
      try {
        const p = await other.context.newPage();
        await p.goto(`chrome-extension://${other.extensionId}/popup.html`);
        await expect.poll(() => p.locator('#q').getAttribute('placeholder')).toBe(search);
        expect(await p.evaluate(() => document.documentElement.lang)).toMatch(new RegExp(`^${lang.slice(0, 2)}`));
        await p.goto(`chrome-extension://${other.extensionId}/options.html`);
        await expect.poll(() => p.locator('#sites-title').textContent()).toBe(options);
      } finally {
        await other.close();
      }
    }
  });
});

describe('the card', () => {
  it('passes an axe audit', async () => {
    await articlePage.bringToFront();
    await expect.poll(() => highlightedTexts(articlePage), { timeout: 15_000 }).toContain('SPFS');
    await hover(articlePage, '#p-spfs', 'SPFS');
    await waitForCard(articlePage);
    const v = await auditCard(articlePage);
    expect(v, describeViolations(v)).toEqual([]);
  });
});

describe('when the browser withholds site access', () => {
  const hostAccess = async (mode: 'ON_CLICK' | 'ON_ALL_SITES') => {
    const page = await b.context.newPage();
    await page.goto('chrome://extensions');
    await page.evaluate(
      ({ id, mode }) =>
        (
          chrome as unknown as { developerPrivate: { updateExtensionConfiguration(c: object): Promise<void> } }
        ).developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: mode }),
      { id: b.extensionId, mode },
    );
    await page.close();
  };

  it('the popup says so and offers to ask for access', async () => {
    const id = await tabId(b.context, article); // found by address: only while access is granted
    await hostAccess('ON_CLICK');
    try {
      expect(await b.worker.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }))).toBe(
        false,
      );
      const p = await b.context.newPage();
      await p.goto(ext(`popup.html?tab=${id}`));
      const notice = p.locator('.notice');
      await expect
        .poll(() => notice.textContent(), { timeout: 10_000 })
        .toMatch(/site access setting does not let Factlens read this page/);
      expect(await notice.getByRole('button', { name: /Allow on all sites/ }).count()).toBe(1);
      const v = await audit(p);
      expect(v, describeViolations(v)).toEqual([]);
      await p.close();
    } finally {
      await hostAccess('ON_ALL_SITES');
    }
    expect(await b.worker.evaluate(() => chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] }))).toBe(true);
    const p = await popup();
    await expect.poll(() => p.locator('.site strong').textContent()).toMatch(/^127\.0\.0\.1/);
    expect(await p.locator('.notice').count()).toBe(0);
    await p.close();
  });
});
