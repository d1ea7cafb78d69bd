/**
 * The card's host: a closed shadow root (WXT createShadowRootUi) holding a Preact
 * tree, placed next to the mark with @floating-ui/dom.
 */
import { render } from 'preact';
import { computePosition, flip, inline, offset, shift, type VirtualElement } from '@floating-ui/dom';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardData } from '../../lib/shared/protocol';
import { UI_TAG } from '../../lib/shared/ui-tag';
import { Card } from './Card';
import cardCss from './style.css?inline';

import { CARD_FACTORY, type CardFactory, type CardHandlers, type CardPort } from '../../lib/shared/card-port';

export class CardUi implements CardPort {
  private ui: ShadowRootContentScriptUi<void> | undefined;
  private root: HTMLElement | undefined;
  private anchor: Range | undefined;
  private pointer: { x: number; y: number } | undefined;
  theme: 'auto' | 'light' | 'dark' = 'auto';

  constructor(
    private ctx: ContentScriptContext,
    private handlers: CardHandlers,
  ) {}

  get host(): HTMLElement | undefined {
    return this.ui?.shadowHost;
  }

  private async ensure(): Promise<HTMLElement> {
    if (this.root) return this.root;
    this.ui = await createShadowRootUi<void>(this.ctx, {
      name: UI_TAG,
      position: 'inline',
      // Closed: a page script finds the host and nothing inside it (no claim text, no buttons to press).
      mode: 'closed',
      anchor: () => document.documentElement,
      css: cardCss,
      isolateEvents: ['keydown', 'keyup', 'keypress'],
      onMount: (container) => {
        const root = document.createElement('div');
        root.className = 'fl-root';
        // The reader's own input only: a page script's events (isTrusted false) neither hold nor close it.
        root.addEventListener('pointerenter', (e) => e.isTrusted && this.handlers.onPointerEnter());
        root.addEventListener('pointerleave', (e) => e.isTrusted && this.handlers.onPointerLeave());
        root.addEventListener('keydown', (e) => {
          if (e.isTrusted && e.key === 'Escape') this.handlers.onClose();
        });
        container.append(root);
        this.root = root;
      },
    });
    const host = this.ui.shadowHost;
    host.setAttribute(
      'style',
      'all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483647;display:block;',
    );
    this.ui.mount();
    return this.root!;
  }

  async show(
    data: CardData,
    anchor: Range,
    opts: { focus: boolean; pointer?: { x: number; y: number } },
  ): Promise<void> {
    const root = await this.ensure();
    this.anchor = anchor;
    this.pointer = opts.pointer;
    root.className = `fl-root fl-${this.theme}`;
    root.hidden = false;
    render(
      <Card
        data={data}
        onClose={this.handlers.onClose}
        onMore={() => this.handlers.onMore(data.entity.id)}
        onHide={(scope) => this.handlers.onHide(data.entity.id, scope)}
      />,
      root,
    );
    await this.place();
    if (opts.focus) (root.querySelector('.fl-card') as HTMLElement | null)?.focus();
  }

  /** Re-places the card (after scroll or resize). */
  async place(): Promise<void> {
    const root = this.root;
    const range = this.anchor;
    if (!root || !range || root.hidden) return;
    const rects = () => Array.from(range.getClientRects());
    const reference: VirtualElement = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => rects() as unknown as DOMRectList,
      contextElement: range.startContainer.parentElement ?? undefined,
    };
    const pointer = this.pointer;
    const { x, y } = await computePosition(reference, root, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(6),
        inline(pointer ? { x: pointer.x, y: pointer.y } : {}),
        flip({ padding: 8 }),
        shift({ padding: 8 }),
      ],
    });
    root.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  }

  contains(node: EventTarget | null): boolean {
    return !!node && !!this.ui && (node === this.ui.shadowHost || this.ui.shadow.contains(node as Node));
  }

  get visible(): boolean {
    return !!this.root && !this.root.hidden && !!this.root.firstChild;
  }

  hide(): void {
    if (!this.root) return;
    render(null, this.root);
    this.root.hidden = true;
    this.anchor = undefined;
  }

  remove(): void {
    if (this.root) render(null, this.root);
    this.ui?.remove();
    this.ui = undefined;
    this.root = undefined;
  }
}

/** Leaves the card's factory where LazyCard looks for it (the injected card script, and the first-run page's demo). */
export function provideCardFactory(): void {
  const factory: CardFactory = (ctx, handlers) => new CardUi(ctx as ContentScriptContext, handlers);
  (globalThis as typeof globalThis & { [CARD_FACTORY]?: CardFactory })[CARD_FACTORY] = factory;
}
