import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { FactlensDB } from '../lib/background/db';
import { PACK_MANIFEST_PATH, type PackManifest } from '../lib/shared/pack-manifest';
import { serve, type BackgroundApi } from '../lib/shared/protocol';
import { applyToOpenTabs, browserScripting } from '../lib/background/registration';
import { parsePack } from '../lib/model/schema';
import { createService, type BundledPack } from '../lib/background/service';
import { Store } from '../lib/background/store';
import { browserNavigation, createPdfLinks } from '../lib/background/pdf-links';
import { isEnabledFor } from '../lib/shared/sites';

const url = (path: string) => (browser.runtime.getURL as (p: string) => string)(path);

const manifest = async () => (await (await fetch(url(`/${PACK_MANIFEST_PATH}`))).json()) as PackManifest;

async function loadBundled(): Promise<BundledPack> {
  const m = await manifest();
  const parsed = parsePack(await (await fetch(url(`/${m.file}`))).json());
  if (!parsed.ok) throw new Error(`bundled pack invalid: ${parsed.errors.slice(0, 5).join('; ')}`);
  return { pack: parsed.pack, hash: m.hash };
}

export default defineBackground(() => {
  // The worker may sleep at any time; everything below is rebuilt on wake and
  // Dexie reopens the database on first use.
  const store = new Store(new FactlensDB());
  // Open PDF links in the viewer, when the reader asked for it: listening at once, on every wake,
  // catches the navigation that woke the worker.
  const pdfLinks = createPdfLinks(
    browserNavigation,
    async () => (await store.getSettings()).openPdfLinks,
    async (pdf) => isEnabledFor(await store.getSettings(), pdf),
  );
  const pdfLinksFailed = (e: unknown) => console.warn('[Factlens] PDF links:', e);
  void pdfLinks.start().catch(pdfLinksFailed);
  browser.permissions.onAdded.addListener(() => void pdfLinks.sync().catch(pdfLinksFailed));
  browser.permissions.onRemoved.addListener(() => void pdfLinks.sync().catch(pdfLinksFailed));
  const service = createService({
    store,
    loadBundled,
    bundledHash: manifest,
    scripting: browserScripting,
    openPage: async (path) => {
      await browser.tabs.create({ url: url(path) });
    },
    injectCard: async (tabId, frameId) => {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ['/card.js'] });
    },
    applyToTabs: (plan, except) => applyToOpenTabs(plan, { except }),
    onSettings: () => void pdfLinks.sync().catch(pdfLinksFailed),
  });
  // Keyboard shortcut (commands): switch Factlens on or off for the current tab's site.
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-site') return;
    void (async () => {
      const active = tab?.url ? tab : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (!active?.url) return;
      const noSender = {};
      const site = await service.handlers['site.get']({ url: active.url }, noSender);
      if (site.unsupported) return;
      await service.handlers['site.set']({ url: active.url, enabled: !site.enabled }, noSender);
    })().catch((e) => console.warn('[Factlens] toggle-site failed:', e));
  });
  browser.runtime.onMessage.addListener(
    serve<BackgroundApi>(service.handlers, { onError: (type, err) => console.warn(`[Factlens] ${type} failed:`, err) }),
  );
  // Register first, so that a page loading from now on gets the content script; then the tabs
  // already open (before the install, or with a script orphaned by an update); then seed the
  // pack (a page's first index.get waits for it). One set-up at a time: install and wake-up
  // may both ask for it.
  let settingUp: Promise<void> | undefined;
  const setUp = () =>
    (settingUp ??= (async () => {
      await service.syncRegistration();
      await service.catchUpTabs();
      await service.ensureReady();
    })().finally(() => (settingUp = undefined)));
  const fail = (what: string) => (e: unknown) => console.error(`[Factlens] ${what} failed`, e);
  browser.runtime.onInstalled.addListener(({ reason }) => {
    const done = setUp().catch(fail('set-up'));
    // The first-run page, once: on install, not on updates (it is linked from the popup and options).
    if (reason === 'install')
      void done.then(() => browser.tabs.create({ url: url('/welcome.html') })).catch(fail('welcome'));
  });
  browser.runtime.onStartup.addListener(() => void setUp().catch(fail('start-up')));
  // On every wake: the browser may have dropped the registration (a disable and enable, a Firefox
  // restart); when it had to be made again, the open tabs are caught up too.
  void service
    .syncRegistration()
    .then((anew) => (anew ? setUp() : undefined))
    .catch(fail('registration'));
});
