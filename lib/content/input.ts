/**
 * The overlay's input: pointer, touch, focus and keyboard on the page, turned
 * into the card's state machine's events (lib/content/preview.ts). Every
 * listener is registered with the overlay's AbortSignal, so one abort()
 * removes them all. Only the reader's own input counts: events a page script
 * dispatches (isTrusted false) are ignored, and focus opens a card only right
 * after a trusted Tab (a script's el.focus() fires a trusted focus event).
 */
import type { CardData } from '../shared/protocol';
import type { LazyCard } from '../shared/card-port';
import type { Mark, MarkIndex } from './marks';
import type { Preview } from './preview';

const CYCLE_KEY = 'KeyM'; // Alt+Shift+M: next mention
/** A link focused this soon after a trusted Tab was reached by the reader's keyboard. */
const TAB_FOCUS_MS = 1000;

/** Elements that hold another document: pointer events over them go to that document. */
const FRAME_TAGS = new Set(['iframe', 'frame', 'object', 'embed']);

export interface InputHost {
  marks: MarkIndex;
  card: LazyCard;
  preview: Preview<Mark, CardData>;
  /** Alt+Shift+M (and Ctrl for backwards): the next mention. */
  cycle(step: number): void;
}

export class Input {
  /** The pointer's last position, for placing the card next to it. */
  lastPointer: { x: number; y: number } | undefined;
  /** Whether a keyboard-opened card takes focus (shortcut: yes; tabbing onto a link: no). */
  focusCard = false;
  private hovered: Mark | undefined;
  private frame = 0;
  /** When the reader last pressed Tab (a script's focus() comes with no key press). */
  private lastTab = -Infinity;

  constructor(private host: InputHost) {}

  /** Listens on the document and window until `signal` aborts. */
  listen(signal: AbortSignal): void {
    const { marks, card, preview } = this.host;
    const passive = { capture: true, passive: true, signal };
    const on = <K extends keyof DocumentEventMap>(
      type: K,
      fn: (e: DocumentEventMap[K]) => void,
      opts: AddEventListenerOptions = passive,
    ) => document.addEventListener(type, fn as EventListener, opts);
    on('pointermove', (e) => {
      if (!e.isTrusted || e.pointerType === 'touch') return;
      this.lastPointer = { x: e.clientX, y: e.clientY };
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.onPointer(e.target);
      });
    });
    // Into a frame (whose events this document never sees) or out of the window: the pointer left the mark.
    on('pointerout', (e) => {
      const to = e.relatedTarget;
      if (
        !e.isTrusted ||
        e.pointerType === 'touch' ||
        (to !== null && !(to instanceof Element && FRAME_TAGS.has(to.localName)))
      )
        return;
      if (this.frame) cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.lastPointer = undefined;
      this.onPointer(null);
    });
    on('pointerdown', (e) => {
      if (!e.isTrusted || e.pointerType !== 'touch' || card.contains(e.target)) return;
      const m = marks.at(document, e.clientX, e.clientY);
      if (m) {
        this.lastPointer = { x: e.clientX, y: e.clientY };
        this.focusCard = false;
        void preview.open(m);
      } else preview.close();
    });
    on('focusin', (e) => {
      if (!e.isTrusted || performance.now() - this.lastTab > TAB_FOCUS_MS || card.contains(e.target)) return;
      const m = e.target instanceof Node && e.target !== document.body ? marks.inside(e.target) : undefined;
      if (m) {
        this.focusCard = false;
        void preview.open(m);
      }
    });
    on(
      'keydown',
      (e) => {
        if (!e.isTrusted) return;
        if (e.key === 'Tab') this.lastTab = performance.now();
        if (e.key === 'Escape' && preview.state !== 'idle') preview.close();
        else if (e.altKey && e.shiftKey && e.code === CYCLE_KEY) {
          e.preventDefault();
          this.focusCard = true;
          this.host.cycle(e.ctrlKey ? -1 : 1);
        }
      },
      { capture: true, signal },
    );
    const replace = () => void card.place();
    window.addEventListener('scroll', replace, passive);
    window.addEventListener('resize', replace, { passive: true, signal });
    signal.addEventListener('abort', () => {
      if (this.frame) cancelAnimationFrame(this.frame);
      this.frame = 0;
    });
  }

  private onPointer(target: EventTarget | null): void {
    const { marks, card, preview } = this.host;
    if (card.contains(target)) return;
    const p = this.lastPointer;
    const m = p ? marks.at(document, p.x, p.y) : undefined;
    if (m === this.hovered) return;
    this.hovered = m;
    if (m) preview.enter(m);
    else preview.leave();
  }
}
