import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../../lib/content/overlay';

const INSTANCE = Symbol.for('factlens.overlay');
type Global = typeof globalThis & { [INSTANCE]?: Overlay };

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Registered by the background with scripting.registerContentScripts, in step
  // with the site list: a switched-off site runs no Factlens code at all.
  registration: 'runtime',
  // No window.postMessage on start: it showed every page the extension's id.
  noScriptStartedPostMessage: true,
  async main() {
    // (Imported here: WXT loads this file at build time to read the options above, where a context cannot exist.)
    const { ContentScriptContext } = await import('wxt/utils/content-script-context');
    /**
     * The overlay's context: WXT's, without its "a newer script started" kill switch, a document
     * event a page can dispatch as well as a script can (it stopped Factlens on any page that sent
     * it). One overlay per page is kept by INSTANCE below; an orphan stops when its runtime goes away.
     */
    class OverlayContext extends ContentScriptContext {
      override stopOldScripts(): void {}
      override listenForNewerScripts(): void {}
    }
    const ctx = new OverlayContext('overlay');
    const g = globalThis as Global;
    // The background injects only into a tab whose Factlens did not answer (page.ping): an instance
    // still here is an orphan of an update sharing this world. One overlay per page: it goes.
    g[INSTANCE]?.stop();
    const overlay = new Overlay(ctx);
    g[INSTANCE] = overlay;
    ctx.onInvalidated(() => {
      overlay.stop();
      if (g[INSTANCE] === overlay) delete g[INSTANCE];
    });
    // An update, a reload, a disable or an uninstall orphans this script: its runtime goes away
    // (runtime.id is undefined from then on) and nothing tells it. Asking costs a property read a
    // second; once orphaned, the context is invalidated and the overlay removes its marks,
    // listeners and card, so the new instance (injected into every open tab) takes over cleanly.
    const orphaned = setInterval(() => {
      if (ctx.isInvalid) clearInterval(orphaned);
    }, 1000);
    await overlay.start().catch((err) => console.debug('[Factlens] not started:', err));
  },
});
