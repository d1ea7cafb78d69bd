/**
 * Turns a DOM subtree into text blocks for the matcher. A block is the text
 * of consecutive text nodes not separated by a block-level element, so names
 * match across inline tags (`<b>Power</b> of Siberia`, `<a>Motor</a> Sich`)
 * but never across blocks (`<h1>A</h1><p>B</p>`, `<br>`, `<li>`, `<td>`).
 *
 * Block-ness is decided by tag name (BLOCK_TAGS), not computed style, which
 * would force a style recalculation per element: the HTML elements that the
 * default style sheet renders as block, list item, table part or line break,
 * plus replaced elements (img, video: the words on either side of a picture
 * are not one name) and buttons. A page that styles a <span> as a block may
 * get a name matched across it; one that styles a <div> inline may miss one.
 *
 * Never scanned, with their subtrees (SKIP_TAGS): script, style, noscript,
 * template, form controls, code, pre, kbd, samp, var, svg, math, embedded
 * documents; any element with contenteditable other than "false" (an editor:
 * wrapping its text would corrupt what the user types); and whatever
 * `opts.skip` rejects (Factlens's own UI). A skipped element also ends the
 * block (`Motor<code>x</code> Sich` is not one name). Ruby annotations
 * (<rt>, <rp>) are left out without ending the block. Attribute values and
 * comments are never text.
 */

/** Elements whose text is never the page's prose (local names). */
const SKIP_TAGS = new Set(
  'script style noscript template textarea input select option code pre svg math iframe object canvas kbd samp var'.split(
    ' ',
  ),
);

/** Elements that start and end a block (local names). */
export const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote body br button caption center dd details dialog div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hgroup hr img legend li main menu nav ol p search section summary table tbody td tfoot th thead tr ul ' +
    'video audio picture html'
  ).split(' '),
);

export interface TextBlock {
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node begins. */
  starts: number[];
  /** The nearest lang attribute (read when asked: most blocks never are). */
  readonly lang?: string;
}

class Block implements TextBlock {
  private l: string | undefined | null = null;
  constructor(
    public text: string,
    public nodes: Text[],
    public starts: number[],
  ) {}
  get lang(): string | undefined {
    if (this.l === null) this.l = langOf(this.nodes[0]!);
    return this.l;
  }
}

export interface CollectOptions {
  /**
   * Extra elements to leave out, with their subtrees (Factlens's own UI).
   * `name` is the element's local name, already read by the walk.
   */
  skip?: (el: Element, name: string) => boolean;
}

/** What an element is to the walk (local name → kind; absent: inline). */
const K_BLOCK = 1;
const K_SKIP = 2;
const K_RUBY = 3;
const KIND = new Map<string, number>([
  ...[...BLOCK_TAGS].map((t) => [t, K_BLOCK] as const),
  ...[...SKIP_TAGS].map((t) => [t, K_SKIP] as const),
  ['rt', K_RUBY],
  ['rp', K_RUBY],
]);

function editable(el: Element): boolean {
  const v = el.getAttribute('contenteditable');
  return v !== null && v.toLowerCase() !== 'false';
}

/** Is this element (or an ancestor up to `root`) a region that is never scanned? */
export function insideSkipped(node: Node, opts: CollectOptions = {}): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (skipped(el, opts)) return true;
  }
  return false;
}

/**
 * Is the element left out with its subtree? The walk passes what it has read
 * already: the local name, its entry in KIND, and whether the subtree may hold
 * an editor at all (see mayHoldEditor).
 */
function skipped(
  el: Element,
  opts: CollectOptions,
  name = el.localName,
  kind = KIND.get(name),
  editors = true,
): boolean {
  return (
    kind === K_SKIP ||
    (editors && el.hasAttribute('contenteditable') && editable(el)) ||
    (opts.skip !== undefined && opts.skip(el, name))
  );
}

/**
 * Might the subtree hold an editor (an element with contenteditable)? One
 * native query per walk instead of an attribute read per element: nearly no
 * page has one.
 */
function mayHoldEditor(root: Node): boolean {
  return (
    typeof (root as ParentNode).querySelector !== 'function' ||
    (root as ParentNode).querySelector('[contenteditable]') !== null
  );
}

function langOf(node: Node): string | undefined {
  const el = node.parentElement?.closest('[lang]');
  return el?.getAttribute('lang') || undefined;
}

/**
 * Walks the subtree depth-first by hand (firstChild / nextSibling): no
 * per-node callback, and entering or leaving a block element closes the
 * current block, so no ancestor climbing is needed. An iterator, so that a
 * caller can take blocks a few at a time (no long task on huge pages).
 *
 * With `from` (a block element inside `root`), the walk starts there, runs to
 * the end of `root`, then wraps around from the start of `root` up to `from`:
 * the reader's part of the page first, every block exactly once.
 *
 * Each node costs as few DOM calls as possible: a text node its type, data
 * and next sibling; an element also its name and first child, and its
 * contenteditable attribute only where the subtree has an element with one. Whether an element being left is a block is remembered
 * from entering it, not asked again.
 */
export function iterBlocks(root: Node, opts: CollectOptions = {}, from?: Element): IterableIterator<TextBlock> {
  return new BlockWalk(root, opts, from, false);
}

/**
 * How many nodes a walk in steps (`walkSteps`) visits at most before it hands
 * back control without a block: about a millisecond of cold code, so a block
 * of thousands of nodes (or a long run of empty elements) is not one long task.
 */
export const WALK_NODES = 1024;

/**
 * The blocks of `iterBlocks` in steps for a sliced scan: each `next()` walks
 * at most WALK_NODES nodes, and gives `undefined` when it stopped before a
 * block was complete (the walk goes on where it stopped at the next call).
 */
export function walkSteps(
  root: Node,
  opts: CollectOptions = {},
  from?: Element,
): IterableIterator<TextBlock | undefined> {
  return new BlockWalk(root, opts, from, true);
}

/**
 * The walk as a plain object with a `next` method rather than a generator:
 * the first scan of a page runs this loop cold, and V8 cannot replace a
 * generator's running loop with optimised code (on-stack replacement), so a
 * generator's walk stayed in unoptimised code for the whole first scan.
 */
class BlockWalk<T extends TextBlock | undefined> implements IterableIterator<T> {
  private text = '';
  private nodes: Text[] = [];
  private starts: number[] = [];
  /** Blocks made and not yet handed out (at most one or two). */
  private out: TextBlock[] = [];
  /** Where the walk goes on from (null: the pass is over). */
  private n: Node | null = null;
  /** 1: from `start` to the end; 2: the beginning up to `start`; 3: done. */
  private pass = 3;
  private start: Element | undefined;
  /** Whether each element entered on the way down is a block (1) or not (0), innermost last. */
  private entered: number[] = [];
  /** Whether elements must be asked for contenteditable (see mayHoldEditor). */
  private editors = true;
  /** The last walk stopped after WALK_NODES nodes, before a block was complete. */
  private paused = false;

  constructor(
    private root: Node,
    private opts: CollectOptions,
    from: Element | undefined,
    /** Stop after WALK_NODES nodes (walkSteps). */
    private stepped: boolean,
  ) {
    if (root.nodeType === 1 && insideSkipped(root, opts)) return;
    if (root.nodeType === 3) {
      const t = root as Text;
      this.text = t.data;
      this.nodes.push(t);
      this.starts.push(0);
      this.take();
      return;
    }
    this.editors = mayHoldEditor(root);
    this.start = from && from !== root && root.contains(from) && !insideSkipped(from, opts) ? from : undefined;
    this.pass = this.start ? 1 : 2;
    this.n = this.start ?? root.firstChild;
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this;
  }

  next(): IteratorResult<T> {
    while (this.out.length === 0 && this.pass <= 2) {
      this.walk();
      if (this.paused) {
        this.paused = false;
        if (this.out.length === 0) return { value: undefined as T, done: false };
      }
    }
    const b = this.out.shift();
    return b ? { value: b as T, done: false } : { value: undefined, done: true };
  }

  private take(): void {
    if (!this.nodes.length) return;
    if (/\S/.test(this.text)) this.out.push(new Block(this.text, this.nodes, this.starts));
    this.text = '';
    this.nodes = [];
    this.starts = [];
  }

  /** Walks on until a block is made or the pass ends. */
  private walk(): void {
    const root = this.root;
    const opts = this.opts;
    const entered = this.entered;
    const pass = this.pass;
    const start = this.start;
    const out = this.out;
    const editors = this.editors;
    const budget = this.stepped ? WALK_NODES : Infinity;
    let visited = 0;
    let n = this.n;
    outer: while (n) {
      if (out.length || ++visited > budget) {
        this.paused = out.length === 0;
        this.n = n;
        return;
      }
      if (pass === 2 && n === start) break;
      // Whether n, now being left, is a block element.
      let block = false;
      const type = n.nodeType;
      if (type === 3) {
        const data = (n as Text).data;
        this.starts.push(this.text.length);
        this.nodes.push(n as Text);
        this.text += data;
      } else if (type === 1) {
        const el = n as Element;
        const name = el.localName;
        const kind = KIND.get(name);
        if (kind === K_RUBY) {
          // Ruby annotations (pinyin over 北京): left out, the base text stays one block.
        } else if (skipped(el, opts, name, kind, editors)) {
          this.take();
        } else {
          block = kind === K_BLOCK;
          if (block) this.take();
          const first = el.firstChild;
          if (first) {
            entered.push(block ? 1 : 0);
            n = first;
            continue;
          }
        }
      }
      // Leave n (and its ancestors, until one has a next sibling).
      for (;;) {
        if (block) this.take();
        const next: Node | null = n.nextSibling;
        if (next) {
          n = next;
          continue outer;
        }
        n = n.parentNode;
        if (n === root || n === null) break outer;
        // An ancestor entered on the way down, or (pass 1) one above `start`.
        const known = entered.pop();
        block = known !== undefined ? known === 1 : n.nodeType === 1 && KIND.get((n as Element).localName) === K_BLOCK;
      }
    }
    // The pass is over.
    this.take();
    this.pass = pass + 1;
    entered.length = 0;
    this.n = this.pass === 2 ? root.firstChild : null;
  }
}

export function collectBlocks(root: Node, opts: CollectOptions = {}): TextBlock[] {
  return [...iterBlocks(root, opts)];
}

/** The nearest block element around a node (where a visible-first walk can start). */
export function blockAround(node: Node): Element | undefined {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (BLOCK_TAGS.has(el.localName) && el.localName !== 'br') return el;
  }
  return undefined;
}

/**
 * A mark's place: a StaticRange over text offsets [start, end) of a block
 * (possibly across nodes). The browser does not update a StaticRange when the
 * page changes its DOM, so thousands of marks cost the page's own DOM changes
 * nothing (a live Range is updated on every change anywhere in the document);
 * make a live one with `liveRange` only where a Range's methods are needed.
 * Where StaticRange does not exist (happy-dom in the unit tests) it is a Range.
 */
export function markRange(block: TextBlock, start: number, end: number): AbstractRange {
  if (typeof StaticRange !== 'function') return rangeFor(block, start, end);
  const b = boundsFor(block, start, end);
  return new StaticRange({
    startContainer: b.s.node,
    startOffset: b.s.offset,
    endContainer: b.e.node,
    endOffset: b.e.offset,
  });
}

/** A live Range over the same place as `r` (a StaticRange or a Range). */
export function liveRange(r: AbstractRange): Range {
  if (r instanceof Range) return r;
  const range = r.startContainer.ownerDocument!.createRange();
  range.setStart(r.startContainer, r.startOffset);
  range.setEnd(r.endContainer, r.endOffset);
  return range;
}

/** A DOM Range over text offsets [start, end) of a block (possibly across nodes). */
export function rangeFor(block: TextBlock, start: number, end: number): Range {
  const doc = block.nodes[0]!.ownerDocument;
  const range = doc.createRange();
  const { s, e } = boundsFor(block, start, end);
  range.setStart(s.node, s.offset);
  range.setEnd(e.node, e.offset);
  return range;
}

/** The text nodes and offsets where [start, end) of a block begins and ends. */
function boundsFor(block: TextBlock, start: number, end: number) {
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
  return { s: at(start, true), e: at(end, false) };
}
