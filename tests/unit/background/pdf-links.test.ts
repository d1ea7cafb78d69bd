import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { createPdfLinks, opensInViewer, type Navigation, type NavigationPort } from '../../../lib/background/pdf-links';
import { createService } from '../../../lib/background/service';
import { FactlensDB } from '../../../lib/background/db';
import { Store } from '../../../lib/background/store';
import { PackSchema } from '../../../lib/model/schema';
import { miniPack } from '../../fixtures/mini-pack';
import { BUNDLED_PACK_ID } from '../../../lib/background/store';
import { call, serve, viewerUrl, type BackgroundApi } from '../../../lib/shared/protocol';
import { SettingsSchema, type Settings } from '../../../lib/model/settings';
import { isEnabledFor, setSiteEnabled } from '../../../lib/shared/sites';

beforeEach(() => fakeBrowser.reset());

describe('opensInViewer', () => {
  it('takes http and https addresses whose path ends in .pdf, in any case', () => {
    expect(opensInViewer('https://example.org/report.pdf')).toBe(true);
    expect(opensInViewer('http://127.0.0.1:8080/a/b/Report.PDF')).toBe(true);
    expect(opensInViewer('https://example.org/r.Pdf?download=1#page=3')).toBe(true);
    expect(opensInViewer('https://example.org/%D0%BE%D1%82%D1%87%D1%91%D1%82.pdf')).toBe(true);
  });

  it('leaves other addresses alone', () => {
    for (const url of [
      'https://example.org/report.html',
      'https://example.org/report.pdf.html',
      'https://example.org/pdf',
      'https://example.org/report?file=a.pdf',
      'https://example.org/page#a.pdf',
      'https://example.org/',
      'file:///home/me/report.pdf',
      'ftp://example.org/report.pdf',
      'data:application/pdf;base64,JVBERi0=',
      'blob:https://example.org/1234.pdf',
      'chrome-extension://abcdef/viewer.html?file=https%3A%2F%2Fexample.org%2Fa.pdf',
      'chrome-extension://abcdef/report.pdf',
      'moz-extension://abcdef/report.pdf',
      viewerUrl('https://example.org/a.pdf'),
      'about:blank',
      'not a url.pdf',
      '',
    ])
      expect(opensInViewer(url), url).toBe(false);
  });
});

/** A fake webNavigation: the permission, the listeners, the tabs sent to the viewer. */
function fakeNavigation(granted = true) {
  const listeners = new Set<(d: Navigation) => void>();
  const opened: { tabId: number; url: string }[] = [];
  const state = { granted, available: granted };
  const port: NavigationPort = {
    available: () => state.available,
    granted: async () => state.granted,
    listen: (l) => void listeners.add(l),
    unlisten: (l) => void listeners.delete(l),
    open: async (tabId, url) => void opened.push({ tabId, url }),
  };
  const navigate = async (d: Partial<Navigation> & { url: string }) => {
    for (const l of listeners) l({ tabId: 7, frameId: 0, ...d });
    await new Promise((r) => setTimeout(r, 0));
  };
  const grant = (on: boolean) => ((state.granted = on), (state.available = on));
  return { port, listeners, opened, navigate, grant };
}

describe('the PDF links listener', () => {
  const PDF = 'https://example.org/report.pdf';

  it('opens a main-frame PDF link in the viewer when the setting is on and the permission granted', async () => {
    const nav = fakeNavigation();
    const links = createPdfLinks(nav.port, async () => true);
    expect(await links.start()).toBe(true);
    expect(nav.listeners.size).toBe(1);
    await nav.navigate({ url: PDF });
    await nav.navigate({ url: 'https://example.org/page.html' });
    await nav.navigate({ url: 'https://example.org/frame.pdf', frameId: 3 });
    await nav.navigate({ url: 'https://example.org/prerender.pdf', tabId: -1 });
    expect(nav.opened).toEqual([{ tabId: 7, url: viewerUrl(PDF) }]);
    expect(nav.opened[0]!.url).toBe(
      `chrome-extension://${browser.runtime.id}/viewer.html?file=${encodeURIComponent(PDF)}`,
    );
  });

  it('leaves a PDF on a site the reader switched off to the browser, with the real site list', async () => {
    const nav = fakeNavigation();
    const settings = setSiteEnabled(SettingsSchema.parse({ openPdfLinks: true }), 'https://off.example/', false);
    const links = createPdfLinks(
      nav.port,
      async () => settings.openPdfLinks,
      async (url) => isEnabledFor(settings, url),
    );
    await links.start();
    await nav.navigate({ url: 'https://off.example/a.pdf' });
    await nav.navigate({ url: PDF });
    expect(nav.opened).toEqual([{ tabId: 7, url: viewerUrl(PDF) }]);
  });

  it('does not listen while the setting is off, nor without the permission', async () => {
    const off = fakeNavigation();
    expect(await createPdfLinks(off.port, async () => false).start()).toBe(false);
    expect(off.listeners.size).toBe(0);
    const refused = fakeNavigation(false);
    expect(await createPdfLinks(refused.port, async () => true).start()).toBe(false);
    expect(refused.listeners.size).toBe(0);
  });

  it('on a wake, listens before the settings are read, and an early navigation waits for them', async () => {
    const nav = fakeNavigation();
    let answer!: (on: boolean) => void;
    const links = createPdfLinks(nav.port, () => new Promise<boolean>((r) => (answer = r)));
    const started = links.start();
    // Listening synchronously: the navigation that woke the worker is not missed.
    expect(nav.listeners.size).toBe(1);
    await nav.navigate({ url: PDF });
    expect(nav.opened).toEqual([]);
    answer(true);
    expect(await started).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(nav.opened).toEqual([{ tabId: 7, url: viewerUrl(PDF) }]);
  });

  it('on a wake with the setting off, stops listening once the settings are read, and opens nothing', async () => {
    const nav = fakeNavigation();
    let answer!: (on: boolean) => void;
    const links = createPdfLinks(nav.port, () => new Promise<boolean>((r) => (answer = r)));
    const started = links.start();
    await nav.navigate({ url: PDF });
    answer(false);
    expect(await started).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(nav.listeners.size).toBe(0);
    expect(nav.opened).toEqual([]);
  });

  it('follows the setting and the permission as they change, with one listener at most', async () => {
    const nav = fakeNavigation(false);
    let on = false;
    const links = createPdfLinks(nav.port, async () => on);
    await links.start();
    on = true; // the options page saves the setting, then the permission comes (permissions.onAdded)
    expect(await links.sync()).toBe(false);
    nav.grant(true);
    expect(await links.sync()).toBe(true);
    expect(await links.sync()).toBe(true);
    expect(nav.listeners.size).toBe(1);
    await nav.navigate({ url: PDF });
    expect(nav.opened.length).toBe(1);
    nav.grant(false); // removed in the browser's settings (permissions.onRemoved)
    expect(await links.sync()).toBe(false);
    expect(nav.listeners.size).toBe(0);
    nav.grant(true);
    await links.sync();
    on = false; // turned off
    expect(await links.sync()).toBe(false);
    expect(nav.listeners.size).toBe(0);
  });
});

describe('the service', () => {
  it('tells of every saved change of the settings, so the listener follows openPdfLinks', async () => {
    const seen: Settings[] = [];
    const service = createService({
      store: new Store(new FactlensDB('pdf-links-1')),
      loadBundled: async () => ({ pack: PackSchema.parse(miniPack({ id: BUNDLED_PACK_ID })), hash: 'h1' }),
      scripting: { sync: async () => undefined },
      onSettings: (s) => void seen.push(s),
    });
    browser.runtime.onMessage.addListener(serve<BackgroundApi>(service.handlers));
    expect((await call('settings.get', {})).openPdfLinks).toBe(false);
    expect((await call('settings.set', { patch: { openPdfLinks: true } })).openPdfLinks).toBe(true);
    await expect(call('settings.set', { patch: { openPdfLinks: 'yes' as unknown as boolean } })).rejects.toThrow(
      /invalid setting: openPdfLinks/,
    );
    await call('data.reset', {});
    expect(seen.map((s) => s.openPdfLinks)).toEqual([true, false]);
  });
});
