/// <reference types="chrome" />
/**
 * Finds a Chromium on this machine and launches it with the built extension.
 * FACTLENS_CHROMIUM overrides the path.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request, type Worker } from 'playwright-core';
import type { PageStats } from '../../lib/shared/protocol';

const CANDIDATES = [
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

export const ROOT = resolve(import.meta.dirname, '../..');
/** The build directory: FACTLENS_OUT (as in wxt.config.ts) or .output. */
export const OUT_DIR = resolve(ROOT, process.env.FACTLENS_OUT ?? '.output');
export const CHROME_BUILD = join(OUT_DIR, 'chrome-mv3');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

/** A browser binary: the path in `envVar` if set, else the first candidate that exists, else a clear error. */
export function findBrowser(name: string, envVar: string, candidates: string[], aptPackage: string): string {
  const override = process.env[envVar];
  if (override) {
    if (!existsSync(override)) throw new Error(`${envVar} points to ${override}, which does not exist.`);
    return override;
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No ${name} found for the end-to-end tests. Install one (Debian/Ubuntu: \`sudo apt-get install -y ${aptPackage}\`) ` +
        `or point ${envVar} at a ${name} binary. Looked in: ${candidates.join(', ')}`,
    );
  }
  return found;
}

export const findChromium = () => findBrowser('Chromium', 'FACTLENS_CHROMIUM', CANDIDATES, 'chromium');

export function requireBuild(dir = CHROME_BUILD): string {
  if (!existsSync(join(dir, 'manifest.json')))
    throw new Error(`No extension build at ${dir}: run \`npm run build\` first (npm test does).`);
  return dir;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Every request the extension made, from its install on (see NetworkRecorder). */
  network: NetworkRecorder;
  close(): Promise<void>;
}

/** Chromium's flags for every run here: no sandbox (root), no GPU, nothing that reaches the network by itself. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Starts Chromium without extensions, attaches the network recorder, then
 * loads the build with CDP's Extensions.loadUnpacked: the recorder sees the
 * extension's requests from its install on. Chromium without that command
 * gets the extension by flag (the recorder then starts just after the install).
 */
export async function launchWithExtension(
  extDir = requireBuild(),
  opts: {
    args?: string[];
    env?: Record<string, string>;
    /** Runs in the browser before the extension is installed (tabs that were open before the install). */
    beforeInstall?: (context: BrowserContext) => Promise<void>;
    /** Keep the first-run page that the install opens (by default it is closed, as a returning reader would). */
    keepWelcome?: boolean;
  } = {},
): Promise<Launched> {
  const userDir = mkdtempSync(join(tmpdir(), 'factlens-e2e-'));
  const launch = (args: string[], ignoreDefaultArgs: string[] = []) =>
    chromium.launchPersistentContext(userDir, {
      executablePath: findChromium(),
      headless: true,
      viewport: { width: 1200, height: 900 },
      ignoreDefaultArgs,
      args: [...args, ...BROWSER_ARGS, ...(opts.args ?? [])],
      ...(opts.env ? { env: { ...process.env, ...opts.env } as Record<string, string> } : {}),
    });
  let context = await launch(['--enable-unsafe-extension-debugging'], ['--disable-extensions']);
  let network = new NetworkRecorder(context);
  let extensionId: string;
  try {
    const cdp = await context.browser()!.newBrowserCDPSession();
    await opts.beforeInstall?.(context);
    extensionId = (await cdp.send('Extensions.loadUnpacked', { path: extDir })).id;
    await cdp.detach();
  } catch (e) {
    if (opts.beforeInstall) throw new Error(`installing after start-up needs CDP's Extensions.loadUnpacked: ${e}`);
    await context.close();
    context = await launch([`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`]);
    network = new NetworkRecorder(context);
    extensionId = '';
  }
  const isOurs = (w: Worker) =>
    w.url().startsWith(extensionId ? `chrome-extension://${extensionId}/` : 'chrome-extension://');
  const worker =
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 30_000 }));
  extensionId = new URL(worker.url()).host;
  network.extensionId = extensionId;
  if (!opts.keepWelcome) {
    // Closed once it has rendered: Chromium's i18n then answers '' to every later extension page of
    // this run when the first one is closed while it is still loading.
    const welcome = await welcomePage(context, extensionId);
    await welcome.locator('h1').waitFor({ timeout: 15_000 });
    await welcome.close();
  }
  return {
    context,
    worker,
    extensionId,
    network,
    close: async () => {
      await context.close();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/** The first-run page that the install opens, once it is there. */
export async function welcomePage(context: BrowserContext, extensionId: string, timeoutMs = 15_000): Promise<Page> {
  const isWelcome = (p: Page) => p.url() === `chrome-extension://${extensionId}/welcome.html`;
  return (
    context.pages().find(isWelcome) ??
    (await context
      .waitForEvent('page', { predicate: (p) => isWelcome(p) || p.url() === 'about:blank', timeout: timeoutMs })
      .then(async (p) => {
        if (!isWelcome(p)) await p.waitForURL(/\/welcome\.html$/, { timeout: timeoutMs });
        return p;
      }))
  );
}

/** A request the extension made, and which of its parts made it. */
interface ExtensionRequest {
  by: 'service worker' | 'extension page' | 'content script';
  url: string;
}

/** The extension's own files and in-memory URLs: fetching these sends nothing anywhere. */
const OWN_URL = /^(chrome-extension|data|blob):/;

/**
 * Records the requests the extension makes (nothing may leave the browser):
 *
 * - its service worker's: Playwright reports them with `request.serviceWorker()`;
 * - its pages' (popup, options): requests of frames at chrome-extension://;
 * - its content scripts' in web pages (fetch, XHR, sendBeacon, …): the CDP
 *   initiator of the request names a chrome-extension:// script on its stack
 *   (a content script shares the page's network identity, so this is the only
 *   way to tell its requests from the page's).
 *
 * Requests for chrome-extension://, data: and blob: URLs are the extension
 * reading its own files; any other request is a leak. Not seen here: a request
 * a content script causes only indirectly (an <img> it inserts has initiator
 * "other"); on fixture pages the test server's request log covers that.
 */
class NetworkRecorder {
  /** Requests to anything but the extension's own files: must stay empty. */
  readonly leaks: ExtensionRequest[] = [];
  /** Requests for the extension's own files: shows the recorder sees the extension at all. */
  readonly own: ExtensionRequest[] = [];
  /** Set once the extension is loaded: only its requests count (Chromium's own extensions are not ours). */
  extensionId = '';

  constructor(context: BrowserContext) {
    context.on('request', (r) => this.onRequest(r));
    for (const p of context.pages()) void this.watchPage(p);
    context.on('page', (p) => void this.watchPage(p));
  }

  private ours(url: string | undefined): boolean {
    return (
      !!url && url.startsWith(this.extensionId ? `chrome-extension://${this.extensionId}/` : 'chrome-extension://')
    );
  }

  private note(by: ExtensionRequest['by'], url: string): void {
    (OWN_URL.test(url) ? this.own : this.leaks).push({ by, url });
  }

  private onRequest(r: Request): void {
    const sw = r.serviceWorker();
    if (sw) {
      if (this.ours(sw.url())) this.note('service worker', r.url());
      return;
    }
    let frameUrl: string | undefined;
    try {
      frameUrl = r.frame().url();
    } catch {
      return; // no frame and no worker: not a request of a page or of ours
    }
    if (this.ours(frameUrl)) this.note('extension page', r.url());
  }

  private async watchPage(page: Page): Promise<void> {
    type Initiator = { url?: string; stack?: Stack };
    type Stack = { callFrames: { url: string }[]; parent?: Stack };
    try {
      const cdp = await page.context().newCDPSession(page);
      cdp.on(
        'Network.requestWillBeSent',
        (e: { request: { url: string }; initiator: Initiator; documentURL?: string }) => {
          // Requests of extension pages are counted by onRequest already.
          if (page.url().startsWith('chrome-extension:')) return;
          const scripts: string[] = [];
          if (e.initiator.url) scripts.push(e.initiator.url);
          for (let s = e.initiator.stack; s; s = s.parent) for (const f of s.callFrames) scripts.push(f.url);
          if (scripts.some((u) => this.ours(u))) this.note('content script', e.request.url);
        },
      );
      await cdp.send('Network.enable');
    } catch {
      /* the page closed before the session attached */
    }
  }

  /**
   * Throws when the extension made any request beyond its own files but those
   * to exactly the addresses in `allowed` (the PDF viewer fetching the document
   * the reader asked for), listing them; then starts afresh. Returns the
   * allowed requests made, in order.
   */
  assertOnly(allowed: readonly string[]): string[] {
    const all = this.leaks.splice(0);
    const ok = all.filter((l) => allowed.includes(l.url));
    const leaks = all.filter((l) => !allowed.includes(l.url));
    if (leaks.length)
      throw new Error(
        `The extension made ${leaks.length} network request(s) besides ${allowed.join(', ')}:\n${leaks.map((l) => `  ${l.by}: ${l.url}`).join('\n')}`,
      );
    return ok.map((l) => l.url);
  }

  /** Throws when the extension made any request beyond its own files, listing them; then starts afresh. */
  assertNone(): void {
    const leaks = this.leaks.splice(0);
    if (leaks.length)
      throw new Error(
        `The extension made ${leaks.length} network request(s):\n${leaks.map((l) => `  ${l.by}: ${l.url}`).join('\n')}`,
      );
  }
}

/**
 * Stops the extension's service worker as Chromium does when it idles (CDP
 * Target.closeTarget) and waits until its target is gone (a new worker, woken
 * meanwhile by a page's message, is another target); the next message wakes
 * it. (Playwright keeps the same Worker object across the restart and fires
 * no 'close' for it: a global set in the worker beforehand shows which worker
 * answers.)
 */
export async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<boolean> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  const find = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`),
    );
  try {
    const target = await find();
    if (!target) return false;
    await cdp.send('Target.closeTarget', { targetId: target.targetId });
    // That worker gone is enough: a page's message may wake a new one (another target) at once.
    const same = async () => (await find())?.targetId === target.targetId;
    for (const until = Date.now() + 5_000; Date.now() < until && (await same());)
      await new Promise((r) => setTimeout(r, 20));
    return !(await same());
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Aborts every page request that is not to the local test server, and
 * records the aborted URLs: the corpus pages link to hosts that cannot be
 * reached here (and must not be), and a page's own resources are never
 * Factlens's doing.
 */
export async function blockExternal(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await context.route(
    (url) => (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '127.0.0.1',
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return blocked;
}

/**
 * Installs the build again over the installed extension, as an update does:
 * the worker is replaced (onInstalled with reason "update") and the content
 * scripts in open tabs are orphaned. Returns once the new worker runs.
 */
export async function updateExtension(context: BrowserContext, extDir = requireBuild()): Promise<Worker> {
  const old = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  const marker = Math.random().toString(36).slice(2);
  await old?.evaluate((m) => ((globalThis as { __factlensMarker?: string }).__factlensMarker = m), marker);
  const cdp = await context.browser()!.newBrowserCDPSession();
  try {
    await cdp.send('Extensions.loadUnpacked', { path: extDir });
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  for (const until = Date.now() + 20_000; Date.now() < until;) {
    for (const w of context.serviceWorkers()) {
      const m = await w
        .evaluate(() => (globalThis as { __factlensMarker?: string }).__factlensMarker)
        .catch(() => marker);
      if (m !== marker) return w;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no new service worker after the update');
}

/** The current service worker (it may have been restarted since launch). */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
}

/** Waits until the background has registered the content script (after install). */
export async function waitForRegistration(context: BrowserContext, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const sw = await serviceWorker(context);
    const n = await sw
      .evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length)
      .catch(() => 0);
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the content script was never registered');
}

/** Sends a ContentApi request to a tab's content script through the worker. */
export async function askTab<T>(context: BrowserContext, url: string, type: string, payload: unknown = {}): Promise<T> {
  const sw = await serviceWorker(context);
  return sw.evaluate(
    async ({ url, type, payload }) => {
      const [tab] = await chrome.tabs.query({ url });
      if (!tab?.id) throw new Error(`no tab at ${url}`);
      const answer = await chrome.tabs.sendMessage(tab.id, { factlens: 1, type, payload }, { frameId: 0 });
      if (!answer?.ok) throw new Error(answer?.error ?? 'no answer');
      return answer.value;
    },
    { url, type, payload },
  ) as Promise<T>;
}

export async function tabId(context: BrowserContext, url: string): Promise<number> {
  const sw = await serviceWorker(context);
  return sw.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, url);
}

/**
 * The viewer's own answer to the popup's "On this page" for the viewer in
 * `page` (entity id → mentions), sent from the worker: a page does not receive
 * its own runtime messages. The viewer, an extension page, names its own tab
 * (found by address, a viewer tab of an earlier test that is still closing
 * could be asked instead); while its listener is not registered yet (the
 * page still loading), the message is sent again for up to 5 s.
 */
export async function viewerEntities(context: BrowserContext, page: Page): Promise<Record<string, number>> {
  const tab = await page.evaluate(() => chrome.tabs.getCurrent().then((t) => t?.id ?? -1));
  for (const until = Date.now() + 5_000; ;) {
    try {
      const list = await (
        await serviceWorker(context)
      ).evaluate(
        (tab) =>
          chrome.runtime
            .sendMessage({ factlens: 1, type: 'page.entities', payload: {}, tab })
            .then((a: { value: { id: string; count: number }[] }) => a.value),
        tab,
      );
      return Object.fromEntries(list.map((e) => [e.id, e.count]));
    } catch (err) {
      if (Date.now() > until || !/Receiving end does not exist/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Waits until Factlens has finished scanning the page at `url` (it ran a slice
 * and no job is left), polling its `page.stats` every 50 ms; the last stats.
 */
export async function waitForScan(context: BrowserContext, url: string, timeoutMs = 30_000): Promise<PageStats> {
  const until = Date.now() + timeoutMs;
  let last: PageStats | undefined;
  for (;;) {
    last = await askTab<PageStats>(context, url, 'page.stats').catch(() => undefined);
    if (last && last.slices > 0 && !last.scanning) return last;
    if (Date.now() > until) throw new Error(`no finished scan on ${url} (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
