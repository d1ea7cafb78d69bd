/**
 * The card UI, injected by the background into a page's isolated world the
 * first time that page needs a card (see lib/shared/card-port.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { provideCardFactory } from './card-ui';

// (An inline function: WXT strips it, and the import with it, when it reads this file at build time.)
export default defineUnlistedScript(() => provideCardFactory());
