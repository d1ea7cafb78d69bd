/**
 * The marks found on a page, indexed for hit-testing by text node. Matching
 * (lib/matcher) is kept apart from showing (highlights, card), as in the
 * Hypothesis client.
 */
import { liveRange } from '../matcher/dom';

export interface Mark {
  id: number;
  entity: string;
  /**
   * Where the mention is: a StaticRange, which the browser does not update on
   * the page's DOM changes (see markRange). `liveRange` makes a Range of it
   * where one is needed (hit-testing the hovered mark, placing the card).
   */
  range: AbstractRange;
  /** The text as it appears on the page. */
  text: string;
  /** The sentence around the mention (for ranking claims and checking figures). */
  context: string;
}

export interface Caret {
  node: Node;
  offset: number;
}

/** The text position under a point, in either browser's API. */
export function caretAt(doc: Document, x: number, y: number): Caret | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

function rectsContain(range: AbstractRange, x: number, y: number, slack = 1): DOMRect | undefined {
  for (const r of liveRange(range).getClientRects()) {
    if (x >= r.left - slack && x <= r.right + slack && y >= r.top - slack && y <= r.bottom + slack) return r;
  }
  return undefined;
}

export class MarkIndex {
  readonly all: Mark[] = [];
  private byNode = new Map<Node, Mark[]>();
  private nextId = 1;
  /** Changes whenever a mark is added or removed. */
  version = 0;

  add(entity: string, range: AbstractRange, text: string, context: string): Mark {
    this.version++;
    const mark: Mark = { id: this.nextId++, entity, range, text, context };
    this.all.push(mark);
    const nodes: Node[] = range.startContainer === range.endContainer ? [range.startContainer] : [];
    if (!nodes.length) {
      // A mark across nodes: a live Range for the walk, dropped after it.
      const live = liveRange(range);
      const walker = range.startContainer.ownerDocument!.createTreeWalker(
        live.commonAncestorContainer,
        NodeFilter.SHOW_TEXT,
      );
      for (let n: Node | null = walker.currentNode; n; n = walker.nextNode())
        if (n.nodeType === 3 && live.intersectsNode(n)) nodes.push(n);
    }
    for (const n of nodes) {
      const list = this.byNode.get(n);
      if (list) list.push(mark);
      else this.byNode.set(n, [mark]);
    }
    return mark;
  }

  /** Forgets exactly these marks. */
  remove(gone: ReadonlySet<Mark>): Mark[] {
    if (!gone.size) return [];
    this.version++;
    for (const [n, list] of this.byNode) {
      const kept = list.filter((m) => !gone.has(m));
      if (kept.length) this.byNode.set(n, kept);
      else this.byNode.delete(n);
    }
    const kept = this.all.filter((m) => !gone.has(m));
    this.all.length = 0;
    this.all.push(...kept);
    return [...gone];
  }

  /** Forgets the marks inside any of `roots`, and those whose text left the page. */
  removeWithin(roots: readonly Node[]): Mark[] {
    // The roots' own text nodes looked up, not every mark tested against every root: a rescan
    // of a few changed blocks on a page of 10,000 marks costs the blocks, not marks × roots.
    const gone = new Set<Mark>();
    for (const m of this.all) if (!m.range.startContainer.isConnected) gone.add(m);
    for (const root of roots) {
      const take = (n: Node) => {
        for (const m of this.byNode.get(n) ?? []) if (root.contains(m.range.startContainer)) gone.add(m);
      };
      if (root.nodeType === 3) take(root);
      else {
        const walker = (root.ownerDocument ?? document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) take(n);
      }
    }
    return this.remove(gone);
  }

  /** The mark under a viewport point, if the point is really over its text. */
  at(doc: Document, x: number, y: number): Mark | undefined {
    const caret = caretAt(doc, x, y);
    if (!caret) return undefined;
    const list = this.byNode.get(caret.node);
    if (!list) return undefined;
    for (const m of list) if (rectsContain(m.range, x, y)) return m;
    return undefined;
  }

  /** The first mark inside an element (for keyboard focus on a link that holds a name). */
  inside(el: Node): Mark | undefined {
    return this.all.find((m) => el.contains(m.range.startContainer));
  }

  /** Marks in document order. */
  ordered(): Mark[] {
    return [...this.all].sort((a, b) => compareStarts(a.range, b.range));
  }

  counts(): Map<string, number> {
    const c = new Map<string, number>();
    for (const m of this.all) c.set(m.entity, (c.get(m.entity) ?? 0) + 1);
    return c;
  }

  clear(): void {
    this.version++;
    this.all.length = 0;
    this.byNode.clear();
  }
}

/** Document order of two ranges' starts (a StaticRange has no compareBoundaryPoints). */
function compareStarts(a: AbstractRange, b: AbstractRange): number {
  if (a.startContainer === b.startContainer) return a.startOffset - b.startOffset;
  const pos = a.startContainer.compareDocumentPosition(b.startContainer);
  return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : pos & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
}
