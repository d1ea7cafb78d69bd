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

/** Leaves out Factlens's own UI. */
export function scanBlocks(
  blocks: Iterable<TextBlock>,
  matcher: Matcher,
  marks: MarkIndex,
  opts: ScanOptions = {},
): Mark[] {
  const added: Mark[] = [];
  const seen = opts.seen ?? new Set<string>();
  for (const block of blocks) {
    // The block itself is the options: its lang attribute is looked up only if a guard reads it.
    const found = matcher.scan(block.text, block);
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
