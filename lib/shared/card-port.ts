/**
 * The card UI is a separate script (entrypoints/card.ts: Preact, Floating UI,
 * styles) that the background injects into the page's isolated world the
 * first time a page needs it. The content script only knows this interface,
 * which keeps it small on the many pages that never show a card.
 */
import type { CardData } from './protocol';

export interface CardHandlers {
  onClose: () => void;
  onMore: (entity: string) => void;
  onHide: (entity: string, scope: 'page' | 'everywhere') => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
}

export interface CardPort {
  theme: 'auto' | 'light' | 'dark';
  show(data: CardData, anchor: Range, opts: { focus: boolean; pointer?: { x: number; y: number } }): Promise<void>;
  place(): Promise<void>;
  contains(node: EventTarget | null): boolean;
  hide(): void;
  remove(): void;
}

/** The global (in the extension's isolated world) where the card script leaves its factory. */
export const CARD_FACTORY = Symbol.for('factlens.cardFactory');

export type CardFactory = (ctx: unknown, handlers: CardHandlers) => CardPort;
type Global = typeof globalThis & { [CARD_FACTORY]?: CardFactory };

/** Loads the card script once, on first use (or ahead of time with `load()`). */
export class LazyCard implements Omit<CardPort, 'theme'> {
  private ui: CardPort | undefined;
  private loading: Promise<CardPort> | undefined;
  theme: CardPort['theme'] = 'auto';

  constructor(
    private ctx: unknown,
    private handlers: CardHandlers,
    private inject: () => Promise<unknown>,
  ) {}

  load(): Promise<CardPort> {
    if (this.ui) return Promise.resolve(this.ui);
    this.loading ??= (async () => {
      const g = globalThis as Global;
      if (!g[CARD_FACTORY]) await this.inject();
      const factory = g[CARD_FACTORY];
      if (!factory) throw new Error('the card UI did not load');
      this.ui = factory(this.ctx, this.handlers);
      return this.ui;
    })().catch((err) => {
      this.loading = undefined;
      throw err;
    });
    return this.loading;
  }

  async show(
    data: CardData,
    anchor: Range,
    opts: { focus: boolean; pointer?: { x: number; y: number } },
  ): Promise<void> {
    const ui = await this.load();
    ui.theme = this.theme;
    await ui.show(data, anchor, opts);
  }
  async place(): Promise<void> {
    await this.ui?.place();
  }
  contains(node: EventTarget | null): boolean {
    return this.ui?.contains(node) ?? false;
  }
  hide(): void {
    this.ui?.hide();
  }
  remove(): void {
    this.ui?.remove();
  }
}
