import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '../../lib/content/overlay';

const INSTANCE = Symbol.for('factlens.overlay');
type Global = typeof globalThis & { [INSTANCE]?: Overlay };

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  // Registered by the background with scripting.registerContentScripts, in step
  // with the site list: a switched-off site runs no Factlens code at all.
  registration: 'runtime',
  async main(ctx) {
    const g = globalThis as Global;
    if (g[INSTANCE] && !g[INSTANCE].stopped) return; // injected twice into the same page
    const overlay = new Overlay(ctx);
    g[INSTANCE] = overlay;
    ctx.onInvalidated(() => {
      overlay.stop();
      delete g[INSTANCE];
    });
    await overlay.start().catch((err) => console.debug('[Factlens] not started:', err));
  },
});
