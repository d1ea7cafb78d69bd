/** Helpers that run inside test pages. */
import type { Frame, Page } from 'playwright-core';

/** Playwright's and Puppeteer's pages both evaluate a function with one argument. */
type Evaluates = { evaluate: (fn: never, arg: never) => Promise<unknown> };

/** The centre of the first occurrence of `text` inside `selector`, in viewport coordinates (scrolled into view). */
export async function textCenter(
  page: Page | Evaluates,
  selector: string,
  text: string,
): Promise<{ x: number; y: number }> {
  const box = await (page as Page).evaluate(
    ({ selector, text }) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`no ${selector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf(text);
        if (i >= 0) {
          const r = document.createRange();
          r.setStart(n, i);
          r.setEnd(n, i + text.length);
          r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
          const b = r.getBoundingClientRect();
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        }
      }
      throw new Error(`"${text}" not in ${selector}`);
    },
    { selector, text },
  );
  return box;
}

/**
 * Texts of Factlens's marks, read from the page's own world: all of them, or
 * those whose start lies inside `selector` and is still on the page. Marks are
 * StaticRanges, which have no text of their own: it is read through a Range
 * made here. (No Array#map: a hostile page may have replaced it.)
 */
export function markTexts(page: Page | Frame, selector?: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const h = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights?.get('factlens-mark');
    const out: string[] = [];
    for (const r of h ?? []) {
      if (selector !== null && !(r.startContainer.isConnected && r.startContainer.parentElement?.closest(selector)))
        continue;
      const x = document.createRange();
      x.setStart(r.startContainer, r.startOffset);
      x.setEnd(r.endContainer, r.endOffset);
      out.push(x.toString());
    }
    return out;
  }, selector ?? null);
}

/** Texts of all the marks on the page. */
export const highlightedTexts = (page: Page) => markTexts(page);

/** Hovers `text` and waits for the card. */
export async function hover(page: Page, selector: string, text: string): Promise<void> {
  const { x, y } = await textCenter(page, selector, text);
  await page.mouse.move(x - 40, y - 40);
  await page.mouse.move(x, y, { steps: 4 });
}

/**
 * What `read` gives once two reads `intervalMs` apart agree (pages change by
 * themselves, and a settings change rescans a tab); null if it never did in
 * `tries` reads.
 */
export async function settled<T>(
  page: Page,
  read: () => Promise<T>,
  { intervalMs = 150, tries = 14 } = {},
): Promise<T | null> {
  let last = JSON.stringify(await read());
  for (let k = 1; k < tries; k++) {
    await page.waitForTimeout(intervalMs);
    const now = JSON.stringify(await read());
    if (now === last) return JSON.parse(now) as T;
    last = now;
  }
  return null;
}
