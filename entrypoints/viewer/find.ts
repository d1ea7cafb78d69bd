/**
 * Find in the document (Ctrl+F in the viewer): over the text the overlay
 * reads (each page's blocks, lines joined as a reader reads them, so a phrase
 * broken across two lines is found), case-insensitively. Matches are painted
 * with highlights of their own, the current one stronger, and scrolled to.
 */
import { rangeFor, type TextBlock } from '../../lib/matcher/dom';
import type { PdfView } from './pdf-view';

const ALL = 'factlens-find';
const CURRENT = 'factlens-find-current';

export interface Match {
  page: number;
  block: TextBlock;
  start: number;
  end: number;
}

const supported = () => typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';

export class Finder {
  matches: Match[] = [];
  index = -1;
  private query = '';
  private run = 0;

  constructor(private view: PdfView) {
    if (supported() && !document.getElementById('factlens-find-style')) {
      const style = document.createElement('style');
      style.id = 'factlens-find-style';
      style.textContent = `::highlight(${ALL}){background-color:rgba(0,120,255,.25)}::highlight(${CURRENT}){background-color:rgba(0,120,255,.55)}`;
      document.head.append(style);
    }
  }

  /** Finds `query` in every page (making the text of pages not made yet); resolves with the number of matches. */
  async search(query: string): Promise<number> {
    const run = ++this.run;
    this.query = query;
    this.matches = [];
    this.index = -1;
    this.paint();
    const q = query.toLocaleLowerCase();
    if (!q.trim()) return 0;
    for (let n = 1; n <= this.view.numPages; n++) {
      const blocks = await this.view.ensureText(n);
      if (run !== this.run) return this.matches.length;
      for (const block of blocks) {
        const text = block.text.toLocaleLowerCase();
        // Lower-casing changed the length (rare letters): positions would not line up; skip.
        if (text.length !== block.text.length) continue;
        for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + q.length))
          this.matches.push({ page: n, block, start: i, end: i + q.length });
      }
    }
    this.paint();
    return this.matches.length;
  }

  get current(): string {
    return this.query;
  }

  /** Goes to the next (step 1) or previous (-1) match. */
  step(step: number): Match | undefined {
    if (!this.matches.length) return undefined;
    this.index = (this.index + step + this.matches.length) % this.matches.length;
    const m = this.matches[this.index]!;
    this.paint();
    const el = m.block.nodes[0]?.parentElement;
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    return m;
  }

  clear(): void {
    this.run++;
    this.matches = [];
    this.index = -1;
    this.query = '';
    this.paint();
  }

  private paint(): void {
    if (!supported()) return;
    const all = new Highlight();
    const current = new Highlight();
    this.matches.forEach((m, i) => (i === this.index ? current : all).add(rangeFor(m.block, m.start, m.end)));
    CSS.highlights.set(ALL, all);
    CSS.highlights.set(CURRENT, current);
  }
}
