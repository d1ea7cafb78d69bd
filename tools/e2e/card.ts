/**
 * The card, seen by a test. Its shadow root is closed, so neither the page nor
 * Playwright's selectors reach it; the tests reach it the way only the
 * extension can: a DevTools session evaluates in the extension's own world on
 * the page (the content script's isolated world, or an extension page's main
 * world), where `chrome.dom.openOrClosedShadowRoot` opens the card's root.
 * Clicks are real mouse clicks at an element's centre (trusted input), so the
 * card's own isTrusted checks stay in force.
 */
import type { CDPSession, Page } from 'playwright-core';
import axe from 'axe-core';
import type { Violation } from './axe';

interface Context {
  id: number;
  origin: string;
  frameId: string;
}

interface Probe {
  session: CDPSession;
  contexts: Map<number, Context>;
  mainFrame: () => Promise<string>;
}

const probes = new WeakMap<Page, Promise<Probe>>();

async function attach(page: Page): Promise<Probe> {
  const session = await page.context().newCDPSession(page);
  const contexts = new Map<number, Context>();
  session.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = (context.auxData ?? {}) as { frameId?: string };
    contexts.set(context.id, { id: context.id, origin: context.origin, frameId: aux.frameId ?? '' });
  });
  session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
  session.on('Runtime.executionContextsCleared', () => contexts.clear());
  await session.send('Runtime.enable');
  const mainFrame = async () => (await session.send('Page.getFrameTree')).frameTree.frame.id;
  return { session, contexts, mainFrame };
}

function probe(page: Page): Promise<Probe> {
  let p = probes.get(page);
  if (!p) {
    p = attach(page);
    probes.set(page, p);
  }
  return p;
}

/** What a function run in the card's world is given. */
type InCard<A, T> = (root: ShadowRoot | null, arg: A) => T;

/**
 * Runs `fn(root, arg)` in the extension's world on the page's main frame, with
 * the card's shadow root (null while there is no card). Of several extension
 * worlds (an orphaned instance after an update beside the new one), the first,
 * newest first, whose extension is alive and that sees a card; else the newest
 * alive one.
 */
export async function inCard<A, T>(page: Page, fn: InCard<A, T>, arg?: A): Promise<T> {
  const p = await probe(page);
  const frame = await p.mainFrame();
  const worlds = [...p.contexts.values()]
    .filter((c) => c.frameId === frame && /^(chrome-extension|moz-extension):/.test(c.origin))
    .sort((a, b) => b.id - a.id);
  const expression = `(() => {
    const alive = typeof chrome !== 'undefined' && !!chrome.runtime && !!chrome.runtime.id;
    const host = document.querySelector('factlens-card');
    const root = host ? (chrome.dom?.openOrClosedShadowRoot?.(host) ?? host.shadowRoot) : null;
    return { alive, root: !!root, value: (${fn.toString()})(root, ${JSON.stringify(arg ?? null)}) };
  })()`;
  let fallback: { value: T } | undefined;
  for (const world of worlds) {
    const r = await p.session
      .send('Runtime.evaluate', {
        expression,
        contextId: world.id,
        returnByValue: true,
        awaitPromise: true,
      })
      .catch(() => undefined);
    if (!r || r.exceptionDetails) {
      if (r?.exceptionDetails)
        throw new Error(`in the card's world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      continue;
    }
    const v = r.result.value as { alive: boolean; root: boolean; value: T };
    if (!v.alive) continue;
    if (v.root) return v.value;
    fallback ??= { value: v.value };
  }
  if (fallback) return fallback.value;
  throw new Error('no world of the extension on this page');
}

export interface CardView {
  /** The entity's name as the card shows it. */
  name: string;
  /** The card's text (textContent). */
  text: string;
  /** What the reader sees (innerText). */
  visibleText: string;
  /** Claims listed. */
  claims: number;
  /** Whether the focus is inside the card. */
  focused: boolean;
}

/** The card on show, or null. */
function readCard(page: Page): Promise<CardView | null> {
  return inCard(page, (root) => {
    const card = root?.querySelector<HTMLElement>('.fl-card');
    if (!card || !card.isConnected || card.getClientRects().length === 0) return null;
    return {
      name: card.querySelector('.fl-name')?.textContent ?? '',
      text: card.textContent ?? '',
      visibleText: card.innerText,
      claims: card.querySelectorAll('.fl-claim').length,
      focused: !!root!.activeElement,
    };
  });
}

/** Waits for a card (whose name is `name`, if given) and returns it. */
export async function waitForCard(
  page: Page,
  { timeout = 10_000, name }: { timeout?: number; name?: string } = {},
): Promise<CardView> {
  const end = Date.now() + timeout;
  let last: CardView | null = null;
  for (;;) {
    last = await readCard(page).catch(() => null);
    if (last && (name === undefined || last.name === name)) return last;
    if (Date.now() > end)
      throw new Error(`no card${name ? ` of ${name}` : ''} in ${timeout} ms (saw ${last?.name ?? 'none'})`);
    await page.waitForTimeout(50);
  }
}

/** Waits until no card is on show. */
export async function waitForNoCard(page: Page, timeout = 5_000): Promise<void> {
  const end = Date.now() + timeout;
  while (await readCard(page).catch(() => null)) {
    if (Date.now() > end) throw new Error(`the card stayed for ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

/** Whether a card is on show. */
export const cardShown = async (page: Page) => (await readCard(page)) !== null;

/** Counts the elements of the card that `selector` finds. */
export const countInCard = (page: Page, selector: string) =>
  inCard(page, (root, selector) => root?.querySelectorAll(selector).length ?? 0, selector);

/**
 * Clicks, with the mouse, the card's button whose text or label is `label`
 * (or the first element `selector` finds).
 */
export async function clickInCard(page: Page, target: { button: string } | { selector: string }): Promise<void> {
  const at = await inCard(
    page,
    (root, t) => {
      const el =
        'selector' in t
          ? root?.querySelector<HTMLElement>(t.selector)
          : [...(root?.querySelectorAll<HTMLElement>('button') ?? [])].find(
              (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === t.button,
            );
      if (!el) return null;
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    target,
  );
  if (!at) throw new Error(`nothing in the card for ${JSON.stringify(target)}`);
  await page.mouse.click(at.x, at.y);
}

/**
 * axe on the card. axe cannot enter a closed root, so the extension's world
 * copies the card, with its styles, into an open root at the same place, and
 * axe audits the copy from the page, which is then removed.
 */
export async function auditCard(page: Page): Promise<Violation[]> {
  const made = await inCard(page, (root) => {
    if (!root) return false;
    const copy = document.createElement('factlens-audit');
    copy.setAttribute('style', document.querySelector('factlens-card')!.getAttribute('style') ?? '');
    const open = copy.attachShadow({ mode: 'open' });
    for (const n of root.childNodes) open.append(n.cloneNode(true));
    document.documentElement.append(copy);
    return true;
  });
  if (!made) throw new Error('no card to audit');
  await page.evaluate(axe.source);
  try {
    return await page.evaluate(async () => {
      const a = (window as unknown as { axe: typeof axe }).axe;
      const r = await a.run({ include: [['factlens-audit', '.fl-card']] } as never, { resultTypes: ['violations'] });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
    });
  } finally {
    await page.evaluate(() => document.querySelector('factlens-audit')?.remove());
  }
}
