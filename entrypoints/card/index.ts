/**
 * The card UI, injected by the background into a page's isolated world the
 * first time that page needs a card (see lib/shared/card-port.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CARD_FACTORY, type CardFactory } from '../../lib/shared/card-port';
import { CardUi } from './card-ui';

export default defineUnlistedScript(() => {
  const factory: CardFactory = (ctx, handlers) => new CardUi(ctx as ContentScriptContext, handlers);
  (globalThis as typeof globalThis & { [CARD_FACTORY]?: CardFactory })[CARD_FACTORY] = factory;
});
