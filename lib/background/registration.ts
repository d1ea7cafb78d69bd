/**
 * Keeps the dynamically registered content script in step with the site list:
 * a switched-off site gets no Factlens code at all.
 */
import { browser } from 'wxt/browser';

const CONTENT_SCRIPT_ID = 'factlens-content';
const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

export interface Targets {
  matches: string[];
  excludeMatches: string[];
}

export interface ScriptingPort {
  /** Registers, updates or removes the content script; true when it registered one that was missing. */
  sync(targets: Targets | null): Promise<boolean | void>;
}

/**
 * One registration change at a time: the worker's wake-up and onInstalled both
 * sync, and two registerContentScripts calls racing fail with "Duplicate script
 * ID" (which left a fresh install without its set-up).
 */
let queue: Promise<unknown> = Promise.resolve();

export const browserScripting: ScriptingPort = {
  sync(targets) {
    const next = queue.then(() => syncNow(targets));
    queue = next.catch(() => undefined);
    return next;
  },
};

async function syncNow(targets: Targets | null): Promise<boolean> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (!targets) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    return false;
  }
  const script = {
    id: CONTENT_SCRIPT_ID,
    js: [CONTENT_SCRIPT_FILE],
    matches: targets.matches,
    excludeMatches: targets.excludeMatches,
    runAt: 'document_idle' as const,
    allFrames: false,
  };
  if (existing.length) {
    await browser.scripting.updateContentScripts([script]);
    return false;
  }
  await browser.scripting.registerContentScripts([script]);
  return true;
}

/**
 * Brings the pages already open in step with new settings or packs: a page
 * where Factlens now runs rescans (or gets the content script if it has none),
 * a page where it no longer runs loses every mark and listener. `ensure` (on
 * install, update and start-up) gives the content script to a page that has
 * none running: one open before Factlens was installed, one whose script was
 * orphaned by an update, one that loaded while the registration was being made.
 */
export type TabAction = 'refresh' | 'ensure' | 'teardown' | 'keep';

export async function applyToOpenTabs(plan: (url: string) => TabAction, opts: { except?: number } = {}): Promise<void> {
  const { callTab } = await import('../shared/protocol');
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      // A tab still on its way to its first page has only a pending URL.
      const url = tab.url || (tab as { pendingUrl?: string }).pendingUrl;
      if (tab.id === undefined || tab.id === opts.except || !url || !/^https?:/.test(url)) return;
      const id = tab.id;
      const action = plan(url);
      const inject = () =>
        browser.scripting
          .executeScript({ target: { tabId: id }, files: [`/${CONTENT_SCRIPT_FILE}`] })
          .catch(() => undefined);
      if (action === 'refresh') {
        const refreshed = await callTab(id, 'page.refresh', {}).catch(() => false);
        if (!refreshed) await inject();
      } else if (action === 'ensure') {
        const running = await callTab(id, 'page.ping', {}).catch(() => false);
        if (!running) await inject();
      } else if (action === 'teardown') await callTab(id, 'page.teardown', {}).catch(() => undefined);
    }),
  );
}
