/**
 * Turns a DOM subtree into text blocks for the matcher. A block is the text
 * of consecutive text nodes not separated by a block-level element, so names
 * match across inline tags (`<b>Power</b> of Siberia`) but never across
 * blocks (`<h1>A</h1><p>B</p>`). Block-ness is decided by tag name: computed
 * style would force style recalculation on every element.
 */

/** Elements whose text is never the page's prose. */
export const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'CODE', 'PRE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'CANVAS', 'KBD', 'SAMP', 'VAR']);

/** Elements that start a new block. */
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'BUTTON', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR', 'IMG', 'LEGEND', 'LI', 'MAIN', 'MENU', 'NAV',
  'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'VIDEO', 'AUDIO', 'PICTURE', 'HTML',
]);

export interface TextBlock {
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node begins. */
  starts: number[];
  lang?: string;
}

export interface CollectOptions {
  /** Extra elements to leave out, with their subtrees (Factlens's own UI). */
  skip?: (el: Element) => boolean;
}

function editable(el: Element): boolean {
  const v = el.getAttribute('contenteditable');
  return v !== null && v.toLowerCase() !== 'false';
}

/** Is this element (or an ancestor up to `root`) a region that is never scanned? */
export function insideSkipped(node: Node, opts: CollectOptions = {}): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (SKIP_TAGS.has(el.tagName.toUpperCase()) || editable(el) || opts.skip?.(el)) return true;
  }
  return false;
}

function langOf(node: Node): string | undefined {
  const el = node.parentElement?.closest('[lang]');
  return el?.getAttribute('lang') || undefined;
}

export function collectBlocks(root: Node, opts: CollectOptions = {}): TextBlock[] {
  const doc = root.ownerDocument ?? (root as Document);
  const blocks: TextBlock[] = [];
  if (root.nodeType === 1 && insideSkipped(root, opts)) return blocks;
  let current: TextBlock | undefined;
  let parentOfLast: Node | null = null;
  const close = () => {
    if (current && /\S/.test(current.text)) {
      current.lang = langOf(current.nodes[0]!);
      blocks.push(current);
    }
    current = undefined;
  };
  const walker = doc.createTreeWalker(root, 5 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 3) return 1;
      const el = node as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIP_TAGS.has(tag) || editable(el) || opts.skip?.(el) || el.namespaceURI === 'http://www.w3.org/2000/svg') {
        close();
        return 2; // FILTER_REJECT: skip the subtree
      }
      if (BLOCK_TAGS.has(tag)) close();
      return 3; // FILTER_SKIP: descend, but report only text
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // Block elements close the current block in acceptNode; leaving one is
    // seen when the next text node sits under a different block parent.
    const text = n as Text;
    const parent = text.parentNode;
    if (current && parent !== parentOfLast && leftBlock(parentOfLast, text)) close();
    parentOfLast = parent;
    if (!current) current = { text: '', nodes: [], starts: [] };
    current.starts.push(current.text.length);
    current.nodes.push(text);
    current.text += text.data;
  }
  close();
  return blocks;
}

/** Did the walk leave a block element between the previous text node's parent and `text`? */
function leftBlock(prevParent: Node | null, text: Node): boolean {
  if (!prevParent) return false;
  // Climb from the previous parent to the common ancestor: any block on the way was left.
  for (let el: Node | null = prevParent; el && !el.contains(text); el = el.parentNode) {
    if (el.nodeType === 1 && BLOCK_TAGS.has((el as Element).tagName.toUpperCase())) return true;
  }
  return false;
}

/** A DOM Range over text offsets [start, end) of a block (possibly across nodes). */
export function rangeFor(block: TextBlock, start: number, end: number): Range {
  const doc = block.nodes[0]!.ownerDocument;
  const range = doc.createRange();
  /** Last node whose start is <= offset (strict: < offset). */
  const last = (offset: number, strict: boolean) => {
    let lo = 0;
    let hi = block.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const st = block.starts[mid]!;
      if (strict ? st < offset : st <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const at = (offset: number, isStart: boolean) => {
    let i = last(offset, !isStart);
    // A start at the very end of a node belongs to the next one.
    while (isStart && i + 1 < block.nodes.length && offset - block.starts[i]! >= block.nodes[i]!.data.length) i++;
    return { node: block.nodes[i]!, offset: offset - block.starts[i]! };
  };
  const s = at(start, true);
  const e = at(end, false);
  range.setStart(s.node, s.offset);
  range.setEnd(e.node, e.offset);
  return range;
}

export interface BlockMatch<M> {
  block: TextBlock;
  match: M;
}

/** Scans each block with `scan` and pairs the matches with their blocks. */
export function scanBlocksWith<M extends { start: number; end: number }>(blocks: TextBlock[], scan: (b: TextBlock) => M[]): BlockMatch<M>[] {
  const out: BlockMatch<M>[] = [];
  for (const block of blocks) for (const match of scan(block)) out.push({ block, match });
  return out;
}
