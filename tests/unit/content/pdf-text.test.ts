import { describe, expect, it } from 'vitest';
import { pdfBlocks, type PdfRun } from '../../../lib/content/pdf-text';

/** A run at (x, y), 11 pt, about 5.5 pt a character; its node is its own text. */
const run = (str: string, x: number, y: number, extra: Partial<PdfRun<string>> = {}): PdfRun<string> => ({
  str,
  x,
  y,
  width: str.length * 5.5,
  size: 11,
  node: str,
  ...extra,
});
const page = { height: 842 };
const texts = (runs: PdfRun<string>[]) => pdfBlocks(runs, page).map((b) => b.text);

describe('pdfBlocks', () => {
  it('joins the lines of a paragraph with a space, and keeps each run as a node', () => {
    const [b] = pdfBlocks([run('through the Power of', 50, 700), run('Siberia pipeline.', 50, 684.6)], page);
    expect(b!.text).toBe('through the Power of Siberia pipeline.');
    expect(b!.nodes).toEqual(['through the Power of', 'Siberia pipeline.']);
    expect(b!.starts).toEqual([0, 21]);
  });

  it('leaves out a hyphen before a lower-case letter, keeps it before a capital', () => {
    expect(texts([run('agreed by Gaz-', 50, 700), run('prom was', 50, 684.6)])).toEqual(['agreed by Gazprom was']);
    expect(texts([run('the East-', 50, 700), run('Route pipeline', 50, 684.6)])).toEqual(['the East-Route pipeline']);
  });

  it('joins Chinese lines without a space', () => {
    expect(texts([run('通过西伯利亚', 50, 700), run('力量管道', 50, 684.6)])).toEqual(['通过西伯利亚力量管道']);
  });

  it('reads two columns drawn across as two paragraphs', () => {
    expect(
      texts([
        run('said the Power of', 50, 700),
        run('Siberia talks', 320, 700),
        run('Russia’s east', 50, 684.6),
        run('went on.', 320, 684.6),
      ]),
    ).toEqual(['said the Power of Russia’s east', 'Siberia talks went on.']);
  });

  it('keeps running heads, page numbers and artifacts apart', () => {
    expect(
      texts([
        run('Notes on the Power of', 50, 810),
        run('Siberia holds gas.', 50, 740),
        run('Gazprom', 50, 724.6, { artifact: true }),
        run('12', 290, 400),
        run('More text.', 50, 385),
      ]),
    ).toEqual(['Notes on the Power of', 'Siberia holds gas.', 'Gazprom', '12', 'More text.']);
  });

  it('puts a space between runs of one line only where there is a gap', () => {
    expect(texts([run('Gaz', 50, 700), run('prom', 66.5, 700), run('signed', 100, 700)])).toEqual(['Gazprom signed']);
  });
});
