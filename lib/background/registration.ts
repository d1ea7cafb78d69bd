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
  sync(targets: Targets | null): Promise<void>;
}

export const browserScripting: ScriptingPort = {
  async sync(targets) {
    const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    if (!targets) {
      if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
      return;
    }
    const script = {
      id: CONTENT_SCRIPT_ID,
      js: [CONTENT_SCRIPT_FILE],
      matches: targets.matches,
      excludeMatches: targets.excludeMatches,
      runAt: 'document_idle' as const,
      allFrames: false,
    };
    if (existing.length) await browser.scripting.updateContentScripts([script]);
    else await browser.scripting.registerContentScripts([script]);
  },
};

/**
 * Brings the pages already open in step with new settings or packs: a page
 * where Factlens now runs rescans (or gets the content script if it has none),
 * a page where it no longer runs loses every mark and listener.
 */
export type TabAction = 'refresh' | 'teardown' | 'keep';

export async function applyToOpenTabs(plan: (url: string) => TabAction, opts: { except?: number } = {}): Promise<void> {
  const { callTab } = await import('../shared/protocol');
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.id === opts.except || !tab.url || !/^https?:/.test(tab.url)) return;
      const id = tab.id;
      const action = plan(tab.url);
      if (action === 'refresh') {
        const refreshed = await callTab(id, 'page.refresh', {}).catch(() => false);
        if (!refreshed)
          await browser.scripting
            .executeScript({ target: { tabId: id }, files: [`/${CONTENT_SCRIPT_FILE}`] })
            .catch(() => undefined);
      } else if (action === 'teardown') await callTab(id, 'page.teardown', {}).catch(() => undefined);
    }),
  );
}
