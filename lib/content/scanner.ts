/**
 * Finds the mentions in a DOM subtree: text blocks → one-pass matcher →
 * DOM ranges. No painting here (see highlights.ts).
 */
import { collectBlocks, iterBlocks, markRange, type TextBlock } from '../matcher/dom';
import { createMatcher, type Matcher } from '../matcher/scan';
import type { MatcherIndex } from '../matcher/types';
import { sentenceAround } from './sentence';
import { MarkIndex, type Mark } from './marks';
import { highlightSupported } from './highlights';
import { skipOwnUi } from '../shared/ui-tag';

export interface ScanOptions {
  /** Entities not to mark (hidden everywhere or on this page). */
  hidden?: ReadonlySet<string>;
  /** Mark only the first mention of each entity (across calls sharing `seen`). */
  firstMentionOnly?: boolean;
  seen?: Set<string>;
}

/**
 * A block longer than twice this is scanned in parts of this many characters,
 * one part per step of the slices: one 2 MB paragraph is not one long task,
 * and no step runs long in the cold code of a page's first scan (16,384
 * characters take about 3 ms there on a loaded 2-core machine).
 */
export const PART_CHARS = 8_192;

/** A part of a block to scan; the parts of one block share `carry`, where the part before stopped. */
export interface BlockPart {
  block: TextBlock;
  from: number;
  until: number;
  carry: { end: number };
}

/**
 * Each block as one part, or a long one as several. A walk in steps
 * (walkSteps) gives `undefined` where it paused inside a block: passed on as a
 * step with nothing to scan, so that the slices can stop there.
 */
export function* blockParts<B extends TextBlock | undefined>(
  blocks: Iterable<B>,
): Generator<B extends TextBlock ? BlockPart : BlockPart | undefined> {
  type Out = B extends TextBlock ? BlockPart : BlockPart | undefined;
  for (const block of blocks) {
    if (block === undefined) {
      yield undefined as Out;
      continue;
    }
    const n = block.text.length;
    const carry = { end: 0 };
    if (n <= 2 * PART_CHARS) yield { block, from: 0, until: n, carry } as Out;
    else
      for (let from = 0; from < n; from += PART_CHARS)
        yield { block, from, until: Math.min(n, from + PART_CHARS), carry } as Out;
  }
}

/** Scans blocks (or parts of blocks, in order). Leaves out Factlens's own UI. */
export function scanBlocks(
  blocks: Iterable<TextBlock | BlockPart>,
  matcher: Matcher,
  marks: MarkIndex,
  opts: ScanOptions = {},
): Mark[] {
  const added: Mark[] = [];
  const seen = opts.seen ?? new Set<string>();
  for (const item of blocks) {
    const part = 'carry' in item ? item : undefined;
    const block = part ? part.block : (item as TextBlock);
    const whole = !part || (part.from === 0 && part.until === block.text.length);
    // The block itself is the options: its lang attribute is looked up only if a guard reads it.
    let found;
    if (whole) found = matcher.scan(block.text, block);
    else {
      const r = matcher.scanPart(block.text, Math.max(part.from, part.carry.end), part.until);
      found = r.matches;
      part.carry.end = r.next;
    }
    for (const m of found) {
      if (opts.hidden?.has(m.entity)) continue;
      if (opts.firstMentionOnly && seen.has(m.entity)) continue;
      seen.add(m.entity);
      const range = markRange(block, m.start, m.end);
      added.push(
        marks.add(m.entity, range, block.text.slice(m.start, m.end), sentenceAround(block.text, m.start, m.end)),
      );
    }
  }
  return added;
}

export function scanRoot(root: Node, matcher: Matcher, marks: MarkIndex, opts: ScanOptions = {}): Mark[] {
  return scanBlocks(collectBlocks(root, { skip: skipOwnUi }), matcher, marks, opts);
}

/**
 * The benchmark's unit of work (see Overlay.measureScan): what a page's scan
 * costs the content script once its index has arrived, all at once — the
 * matcher built from the index, every block walked and matched one by one as
 * the slices take them, each mark's range made and indexed and added to a
 * highlight (never registered, so never painted).
 */
export function measureScanOnce(
  index: MatcherIndex,
  root: Node,
  hidden: ReadonlySet<string>,
  firstMentionOnly: boolean,
): number {
  const matcher = createMatcher(index);
  const marks = new MarkIndex();
  const shown = highlightSupported() ? new Highlight() : undefined;
  const seen = new Set<string>();
  for (const block of iterBlocks(root, { skip: skipOwnUi })) {
    const added = scanBlocks([block], matcher, marks, { hidden, firstMentionOnly, seen });
    if (shown) for (const m of added) shown.add(m.range);
  }
  return marks.all.length;
}
