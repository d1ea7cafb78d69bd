/**
 * The custom element that hosts Factlens's card in a page. The content
 * script's block walk skips it, so the card's own text is never marked.
 */
export const UI_TAG = 'factlens-card';

/** A skip test for the block walk: Factlens's own UI. */
export const skipOwnUi = (el: Element, name = el.localName) => name === UI_TAG;
