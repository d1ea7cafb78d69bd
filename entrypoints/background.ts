import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { FactlensDB } from '../lib/background/db';
import { PACK_MANIFEST_PATH, type PackManifest } from '../lib/shared/pack-manifest';
import { serve, type BackgroundApi } from '../lib/shared/protocol';
import { applyToOpenTabs, browserScripting } from '../lib/background/registration';
import { parsePack } from '../lib/model/schema';
import { createService, type BundledPack } from '../lib/background/service';
import { Store } from '../lib/background/store';

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
  const setUp = async () => {
    await service.ensureReady();
    await service.syncRegistration();
  };
  browser.runtime.onInstalled.addListener(
    () => void setUp().catch((e) => console.error('[Factlens] set-up failed', e)),
  );
  browser.runtime.onStartup.addListener(
    () => void setUp().catch((e) => console.error('[Factlens] start-up failed', e)),
  );
  // Registration may have been lost (Firefox keeps none across restarts): check on every wake.
  void service.syncRegistration().catch((e) => console.error('[Factlens] registration failed', e));
});
