/**
 * "Open PDF links in Factlens" (setting `openPdfLinks`, off by default): a tab
 * about to go to a PDF goes to the viewer for it instead. It listens to
 * webNavigation, an optional permission that the options page asks for when the
 * reader turns the option on (docs/adr/0010-open-pdf-links.md).
 */
import { browser } from 'wxt/browser';
import { viewerUrl } from '../shared/protocol';

/** The one optional permission, asked for by the options page. */
const PDF_LINKS_PERMISSION = 'webNavigation';

/**
 * Whether a tab going to `url` should show it in the viewer instead: an http or
 * https address whose path ends in ".pdf" (any case). The viewer itself, the
 * extension's pages, file: and data: addresses are left alone.
 */
export function opensInViewer(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && /\.pdf$/i.test(u.pathname);
}

/** What the listener reads of a webNavigation.onBeforeNavigate event. */
export interface Navigation {
  tabId: number;
  frameId: number;
  url: string;
}

export interface NavigationPort {
  /** Whether webNavigation's events are there to listen to (the permission is granted). */
  available(): boolean;
  /** Whether the reader has granted the permission. */
  granted(): Promise<boolean>;
  listen(listener: (d: Navigation) => void): void;
  unlisten(listener: (d: Navigation) => void): void;
  /** Sends the tab to `url` (the viewer). */
  open(tabId: number, url: string): Promise<void>;
}

/**
 * The browser's webNavigation. The filter keeps the worker asleep for other
 * navigations (a character class, read alike by Chrome's RE2 and Firefox's
 * RegExp); `opensInViewer` decides.
 */
const FILTER = { url: [{ urlMatches: '^https?://[^?#]*\\.[Pp][Dd][Ff]([?#].*)?$' }] };

export const browserNavigation: NavigationPort = {
  available: () => !!browser.webNavigation?.onBeforeNavigate,
  granted: () => browser.permissions.contains({ permissions: [PDF_LINKS_PERMISSION] }),
  listen: (listener) => browser.webNavigation.onBeforeNavigate.addListener(listener, FILTER),
  unlisten: (listener) => browser.webNavigation?.onBeforeNavigate.removeListener(listener),
  open: async (tabId, url) => {
    await browser.tabs.update(tabId, { url });
  },
};

export interface PdfLinks {
  /**
   * At the top of every start of the background (the worker wakes for the very
   * navigation it must answer): listens at once when the permission is there,
   * then keeps listening only if the setting is on.
   */
  start(): Promise<boolean>;
  /** After a change of the setting or of the permissions: listens when both say so. True when listening. */
  sync(): Promise<boolean>;
}

/**
 * `isOn`: the setting. `siteAllows(url)`: whether Factlens is on for the PDF's
 * site (a PDF on a site the reader switched off stays in the browser's own
 * viewer).
 */
export function createPdfLinks(
  port: NavigationPort,
  isOn: () => Promise<boolean>,
  siteAllows: (url: string) => Promise<boolean> = async () => true,
): PdfLinks {
  let listening = false;
  // The latest decision; checks run one after another, and an event waits for the one under way.
  let wanted: Promise<boolean> = Promise.resolve(false);

  const listener = (d: Navigation) => {
    if (d.frameId !== 0 || d.tabId < 0 || !opensInViewer(d.url)) return;
    void wanted
      .then(async (on) =>
        on && listening && (await siteAllows(d.url)) ? port.open(d.tabId, viewerUrl(d.url)) : undefined,
      )
      .catch((e) => console.warn('[Factlens] opening a PDF link in the viewer failed:', e));
  };

  const decide = async () => {
    const on = port.available() && (await isOn()) && (await port.granted());
    if (on && !listening) port.listen(listener);
    if (!on && listening) port.unlisten(listener);
    listening = on;
    return on;
  };

  const sync = () => (wanted = wanted.catch(() => false).then(decide));

  return {
    start() {
      if (port.available() && !listening) {
        port.listen(listener);
        listening = true;
      }
      return sync();
    },
    sync,
  };
}
