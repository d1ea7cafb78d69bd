/**
 * Paints marks with the CSS Custom Highlight API: no element is added to or
 * changed in the page, so layout, selection, copy, find-in-page and
 * framework hydration behave exactly as without Factlens.
 */
export type MarkStyle = 'underline' | 'background' | 'none';

const HIGHLIGHT = 'factlens-mark';
const HIGHLIGHT_ACTIVE = 'factlens-active';

const CSS_TEXT: Record<MarkStyle, string> = {
  underline: `::highlight(${HIGHLIGHT}){text-decoration:underline dotted 1.5px;text-decoration-color:rgba(196,110,0,.95)}`,
  background: `::highlight(${HIGHLIGHT}){background-color:rgba(255,196,0,.30)}`,
  none: '',
};
const ACTIVE_CSS = `::highlight(${HIGHLIGHT_ACTIVE}){background-color:rgba(255,196,0,.45)}`;

export function highlightSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export class Painter {
  private sheet: CSSStyleSheet | undefined;
  private style: HTMLStyleElement | undefined;
  private marks: Highlight | undefined;
  private active: Highlight | undefined;
  /** The style asked for, and whether the page has it yet. */
  private wanted: MarkStyle | undefined;
  private applied = false;

  constructor(private doc: Document = document) {}

  /**
   * Sets the marks' style. The page gets the style sheet with its first mark
   * (paint or setActive), not before: a new sheet makes the browser restyle
   * the whole document, which a page without marks never needs.
   */
  setStyle(style: MarkStyle): void {
    this.wanted = style;
    if (this.applied) this.apply();
  }

  private apply(): void {
    if (this.wanted === undefined) return;
    this.applied = true;
    const css = CSS_TEXT[this.wanted] + ACTIVE_CSS;
    // A constructed sheet adds no node to the page; a <style> is the fallback
    // where adopting one from an isolated world is refused.
    try {
      if (!this.sheet) {
        this.sheet = new CSSStyleSheet();
        this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];
      }
      this.sheet.replaceSync(css);
      return;
    } catch {
      this.sheet = undefined;
    }
    if (!this.style) {
      this.style = this.doc.createElement('style');
      this.style.setAttribute('data-factlens', '');
      (this.doc.head ?? this.doc.documentElement).append(this.style);
    }
    this.style.textContent = css;
  }

  paint(ranges: Iterable<AbstractRange>): void {
    if (!highlightSupported()) return;
    if (!this.marks) {
      this.marks = new Highlight();
      this.marks.priority = 1;
      CSS.highlights.set(HIGHLIGHT, this.marks);
    }
    for (const r of ranges) {
      if (!this.applied) this.apply();
      this.marks.add(r);
    }
  }

  unpaint(ranges: Iterable<AbstractRange>): void {
    if (!this.marks) return;
    for (const r of ranges) this.marks.delete(r);
  }

  setActive(range: AbstractRange | null): void {
    if (!highlightSupported()) return;
    if (!this.active) {
      this.active = new Highlight();
      this.active.priority = 2;
      CSS.highlights.set(HIGHLIGHT_ACTIVE, this.active);
    }
    this.active.clear();
    if (range) {
      if (!this.applied) this.apply();
      this.active.add(range);
    }
  }

  /** Removes every trace: highlights and styles. */
  clear(): void {
    // Only our own entries: after an update a new instance registers under the same names while
    // the orphan of the old one is still being stopped.
    if (highlightSupported()) {
      if (this.marks && CSS.highlights.get(HIGHLIGHT) === this.marks) CSS.highlights.delete(HIGHLIGHT);
      if (this.active && CSS.highlights.get(HIGHLIGHT_ACTIVE) === this.active) CSS.highlights.delete(HIGHLIGHT_ACTIVE);
    }
    this.marks = this.active = undefined;
    this.applied = false;
    if (this.sheet) {
      const sheet = this.sheet;
      try {
        this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== sheet);
      } catch {
        /* the page may have frozen the list; an empty sheet then styles nothing */
      }
      sheet.replaceSync('');
      this.sheet = undefined;
    }
    this.style?.remove();
    this.style = undefined;
  }
}
