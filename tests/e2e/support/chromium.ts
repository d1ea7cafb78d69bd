/// <reference types="chrome" />
/**
 * Finds a Chromium on this machine and launches it with the built extension.
 * FACTLENS_CHROMIUM overrides the path.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

const CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/opt/google/chrome/chrome'];

export const ROOT = resolve(import.meta.dirname, '../../..');
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
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No extension build at ${dir}: run \`npm run build\` first (npm test does).`);
  return dir;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchWithExtension(extDir = requireBuild()): Promise<Launched> {
  const userDir = mkdtempSync(join(tmpdir(), 'factlens-e2e-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: findChromium(),
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    close: async () => {
      await context.close();
      rmSync(userDir, { recursive: true, force: true });
    },
  };
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

/** The current service worker (it may have been restarted since launch). */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
}

/** Waits until the background has registered the content script (after install). */
export async function waitForRegistration(context: BrowserContext, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const sw = await serviceWorker(context);
    const n = await sw.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length).catch(() => 0);
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
