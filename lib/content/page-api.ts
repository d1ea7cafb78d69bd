/**
 * The overlay's page API: the requests the popup and the background send to
 * this tab's content script (ContentApi in lib/shared/protocol.ts), served
 * until the overlay's AbortSignal aborts.
 */
import { browser } from 'wxt/browser';
import { serve, type ContentApi, type PageEntity, type PageStats } from '../shared/protocol';

export interface PageApiHost {
  entities(): PageEntity[];
  reveal(entity: string): boolean;
  stats(): PageStats;
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * `tabId`: an extension page's own tab (the PDF viewer), which the popup
 * reaches by a runtime message addressed to that tab (tabs.sendMessage
 * reaches content scripts only).
 */
export function servePageApi(host: PageApiHost, signal: AbortSignal, tabId?: () => number | undefined): void {
  const listener = serve<ContentApi>(
    {
      'page.ping': () => true,
      'page.entities': () => host.entities(),
      'page.reveal': ({ entity }) => host.reveal(entity),
      'page.stats': () => host.stats(),
      'page.refresh': async () => {
        await host.refresh();
        return true;
      },
      'page.teardown': () => {
        host.stop();
        return true;
      },
    },
    { tab: tabId },
  );
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
