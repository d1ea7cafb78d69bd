/**
 * Keeps the dynamically registered content script in step with the site list:
 * a switched-off site gets no Factlens code at all.
 */
import { browser } from 'wxt/browser';

export const CONTENT_SCRIPT_ID = 'factlens-content';
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

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
