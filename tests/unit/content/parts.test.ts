/**
 * A long block is scanned part by part (lib/content/scanner.ts blockParts):
 * the marks must be exactly those of one scan of the whole block, on the
 * bundled pack and the real-text set, wherever the parts are cut.
 */
import { describe, expect, it } from 'vitest';
import { bundledEvaluation } from '../../../tools/eval-match';
import { blockParts, PART_CHARS, scanBlocks } from '../../../lib/content/scanner';
import { MarkIndex } from '../../../lib/content/marks';
import type { Matcher } from '../../../lib/matcher/scan';
import type { TextBlock } from '../../../lib/matcher/dom';
import type { TextMatch } from '../../../lib/matcher/types';

const { matcher, set } = bundledEvaluation();
// Every real excerpt, in every language, as one paragraph of about 170 KB (Russian, Chinese, Polish… together).
const text = set.map((e) => e.text).join(' ');
const show = (ms: TextMatch[]) => ms.map((m) => `${m.start}:${m.entity}:${text.slice(m.start, m.end)}`);

/** The parts' scan as the slices run it: each part from where the one before stopped. */
function inParts(m: Matcher, t: string, size: number): TextMatch[] {
  const out: TextMatch[] = [];
  let next = 0;
  for (let from = 0; from < t.length; from += size) {
    const r = m.scanPart(t, Math.max(from, next), Math.min(t.length, from + size));
    next = r.next;
    out.push(...r.matches);
  }
  return out;
}

describe('scanning a long block in parts', () => {
  const whole = matcher.scan(text);

  it('is a real test: the paragraph is long and has many names', () => {
    expect(text.length).toBeGreaterThan(4 * PART_CHARS);
    expect(whole.length).toBeGreaterThan(1000);
  });

  it.each([PART_CHARS, 4096, 333, 50, 7])('finds exactly what one scan finds, in parts of %i characters', (size) => {
    expect(show(inParts(matcher, text, size))).toEqual(show(whole));
  });

  it('cuts only blocks over twice the part size, and the scanner gives the marks of one scan', () => {
    const block = (t: string): TextBlock => ({ text: t, nodes: [], starts: [] });
    const short = block(text.slice(0, 2 * PART_CHARS));
    expect([...blockParts([short])]).toHaveLength(1);
    const long = block(text);
    const parts = [...blockParts([long])];
    expect(parts.length).toBe(Math.ceil(text.length / PART_CHARS));
    // What the scanner asks the matcher, part after part, adds up to one scan of the block.
    const asked: TextMatch[] = [];
    const spy: Matcher = {
      scan: (t) => {
        throw new Error(`a long block scanned whole (${t.length})`);
      },
      scanPart: (t, f, u) => {
        const r = matcher.scanPart(t, f, u);
        asked.push(...r.matches);
        return { matches: [], next: r.next };
      },
    };
    scanBlocks(parts, spy, new MarkIndex());
    expect(show(asked)).toEqual(show(whole));
  });
});
