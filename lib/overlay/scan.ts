/**
 * Finds the mentions in a DOM subtree: text blocks → one-pass matcher →
 * DOM ranges. No painting here (see highlights.ts).
 */
import { collectBlocks, rangeFor, type TextBlock } from '../matcher/dom';
import type { Matcher } from '../matcher/scan';
import { sentenceAround } from '../context/sentence';
import type { Mark, MarkIndex } from './marks';

/** The tag of Factlens's own UI host: never scanned. */
export const UI_TAG = 'factlens-card';

export interface ScanOptions {
  /** Entities not to mark (muted everywhere or on this page). */
  muted?: ReadonlySet<string>;
  /** Mark only the first mention of each entity (across calls sharing `seen`). */
  firstMentionOnly?: boolean;
  seen?: Set<string>;
}

export const skipOwnUi = (el: Element) => el.localName === UI_TAG;

export function scanBlocks(blocks: TextBlock[], matcher: Matcher, marks: MarkIndex, opts: ScanOptions = {}): Mark[] {
  const added: Mark[] = [];
  const seen = opts.seen ?? new Set<string>();
  for (const block of blocks) {
    const found = matcher.scan(block.text, block.lang ? { lang: block.lang } : undefined);
    for (const m of found) {
      if (opts.muted?.has(m.entity)) continue;
      if (opts.firstMentionOnly && seen.has(m.entity)) continue;
      seen.add(m.entity);
      const range = rangeFor(block, m.start, m.end);
      added.push(marks.add(m.entity, range, block.text.slice(m.start, m.end), sentenceAround(block.text, m.start, m.end)));
    }
  }
  return added;
}

export function scanRoot(root: Node, matcher: Matcher, marks: MarkIndex, opts: ScanOptions = {}): Mark[] {
  return scanBlocks(collectBlocks(root, { skip: skipOwnUi }), matcher, marks, opts);
}
