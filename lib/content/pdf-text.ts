/**
 * A PDF page's text, joined as a reader reads it. pdf.js gives a page's text
 * as positioned runs (one per text-showing operator, drawn in the document's
 * order) and its text layer puts each run in a <span> of its own, absolutely
 * placed: walked as DOM (lib/matcher/dom.ts) the whole page would be one
 * block with its lines glued together without spaces. Here the runs become
 * blocks by their geometry instead:
 *
 * - runs on one baseline, close together, are a line (a wide gap, such as the
 *   gutter between two columns, starts another line);
 * - a line joins the paragraph whose last line is right above it: the next
 *   baseline down, at most about two font sizes lower, in the same font size,
 *   overlapping it horizontally (so two columns are two paragraphs, even when
 *   a document draws them line by line across);
 * - lines are joined with a space, except after a hyphen: "Gaz-" + "prom" is
 *   "Gazprom" (the hyphen is left out of the text), "East-" + "Route" keeps it
 *   ("East-Route"); a line of Chinese or Japanese joins the next one directly;
 * - running heads and feet (lines in the top or bottom 7 % of the page), page
 *   numbers ("12", "Page 3 of 9", "iv") and tagged artifacts are blocks of
 *   their own, never glued into a sentence.
 *
 * Each block keeps the runs' nodes and where each begins in its text, as DOM
 * blocks do, so a mention over two lines is one mark whose range starts in one
 * line's node and ends in the next. The join's space is in no node (markRange
 * never starts or ends a mark on it), and a dropped hyphen is the end of its
 * node's data, past the part the text takes.
 */

/** One run of a page's text, in PDF user space (y grows upwards), with the node that shows it. */
export interface PdfRun<N> {
  str: string;
  /** The baseline's start. */
  x: number;
  y: number;
  /** Advance width of the run. */
  width: number;
  /** Font size (the height of the text's em square). */
  size: number;
  /** Not horizontal text (rotated or vertical): a line of its own. */
  rotated?: boolean;
  /** Inside a tagged artifact (a running head, a page number). */
  artifact?: boolean;
  /** The run ends a line (pdf.js's hasEOL). */
  eol?: boolean;
  node: N;
}

export interface PdfBlock<N> {
  text: string;
  nodes: N[];
  starts: number[];
  lang?: string;
}

interface Line<N> {
  runs: PdfRun<N>[];
  x0: number;
  x1: number;
  y: number;
  size: number;
  /** Never joined to another line (margin, page number, artifact, rotated). */
  alone: boolean;
  /** An explicit space (a whitespace-only run) came after the last run. */
  spaceAfter: boolean;
}

interface Paragraph<N> {
  lines: Line<N>[];
  /** Baseline distance between its first two lines (how far the next may be). */
  step?: number;
}

const MARGIN = 0.07;
const PAGE_NUMBER =
  /^\s*(?:(?:page|p\.|стр\.?|страница|сторінка|第)\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*(?:\/|of|из|з|页)\s*\d{1,4})?\s*(?:页)?\s*$/iu;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;
const HYPHEN_END = /\p{L}[-\u00ad\u2010]$/u;
const LOWER_START = /^\p{Ll}/u;

const isBlank = (s: string) => !/\S/.test(s);

/** Groups a page's runs into lines, in the order they are drawn. */
function linesOf<N>(runs: readonly PdfRun<N>[], height: number): Line<N>[] {
  const lines: Line<N>[] = [];
  let cur: Line<N> | undefined;
  const close = () => {
    if (cur?.runs.length) lines.push(cur);
    cur = undefined;
  };
  for (const r of runs) {
    if (isBlank(r.str)) {
      if (cur && r.str) cur.spaceAfter = true;
      if (r.eol) close();
      continue;
    }
    const size = r.size || 1;
    const sameLine =
      cur &&
      !r.rotated &&
      !cur.alone &&
      !!r.artifact === !!cur.runs[0]!.artifact &&
      Math.abs(r.y - cur.y) <= 0.3 * Math.max(size, cur.size) &&
      r.x >= cur.x1 - 0.5 * size &&
      r.x - cur.x1 <= 2.5 * size;
    if (!sameLine) {
      close();
      cur = { runs: [], x0: r.x, x1: r.x, y: r.y, size, alone: !!r.rotated, spaceAfter: false };
    }
    const line = cur!;
    line.runs.push(r);
    line.x1 = Math.max(line.x1, r.x + r.width);
    line.size = Math.max(line.size, size);
    line.spaceAfter = false;
    if (r.eol) close();
  }
  close();
  for (const l of lines) {
    const text = l.runs.map((r) => r.str).join('');
    if (l.runs[0]!.artifact || PAGE_NUMBER.test(text) || l.y > height * (1 - MARGIN) || l.y < height * MARGIN)
      l.alone = true;
  }
  return lines;
}

/** Whether `line` continues paragraph `p` (its next line down, in the same column). */
function continues<N>(p: Paragraph<N>, line: Line<N>): boolean {
  const last = p.lines[p.lines.length - 1]!;
  if (last.alone || line.alone) return false;
  const size = Math.max(last.size, line.size);
  if (Math.abs(last.size - line.size) > 0.2 * size) return false;
  const drop = last.y - line.y;
  if (drop <= 0.5 * size || drop > (p.step ? p.step * 1.3 : 1.9 * size)) return false;
  return line.x0 < last.x1 && line.x1 > last.x0;
}

function paragraphsOf<N>(lines: Line<N>[]): Paragraph<N>[] {
  const out: Paragraph<N>[] = [];
  /** Paragraphs a line may still continue: the last few, nearest first. */
  const open: Paragraph<N>[] = [];
  for (const line of lines) {
    const p = open.find((q) => continues(q, line));
    if (p) {
      if (p.lines.length === 1) p.step = p.lines[0]!.y - line.y;
      p.lines.push(line);
      open.splice(open.indexOf(p), 1);
      open.unshift(p);
    } else {
      const q: Paragraph<N> = { lines: [line] };
      out.push(q);
      open.unshift(q);
      if (open.length > 6) open.pop();
    }
  }
  return out;
}

class Builder<N> {
  text = '';
  nodes: N[] = [];
  starts: number[] = [];
  add(node: N, part: string): void {
    this.nodes.push(node);
    this.starts.push(this.text.length);
    this.text += part;
  }
}

/** The page's blocks in reading order (the order their first lines are drawn). */
export function pdfBlocks<N>(runs: readonly PdfRun<N>[], page: { height: number }, lang?: string): PdfBlock<N>[] {
  const blocks: PdfBlock<N>[] = [];
  for (const p of paragraphsOf(linesOf(runs, page.height))) {
    const b = new Builder<N>();
    let dropHyphen = false;
    p.lines.forEach((line, li) => {
      line.runs.forEach((r, ri) => {
        let str = r.str;
        if (ri === 0 && li > 0) {
          const before = b.text;
          const next = str.trimStart();
          const prevLine = p.lines[li - 1]!;
          if (dropHyphen) {
            // "Gaz-" + "prom": the hyphen stays in its node but not in the text.
          } else if (HYPHEN_END.test(before) && !prevLine.spaceAfter) {
            // "East-" + "Route": the hyphen is part of the name.
          } else if (CJK.test(before.slice(-1)) && CJK.test(next.charAt(0))) {
            // Chinese and Japanese lines run on without a space.
          } else if (!/\s$/.test(before) && !/^\s/.test(str)) b.text += ' ';
        } else if (ri > 0) {
          const prev = line.runs[ri - 1]!;
          const gap = r.x - (prev.x + prev.width);
          const spaced = /\s$/.test(b.text) || /^\s/.test(str);
          const between = CJK.test(b.text.slice(-1)) && CJK.test(str.trimStart().charAt(0));
          if (!spaced && !between && gap > 0.15 * Math.max(r.size, prev.size)) b.text += ' ';
        }
        dropHyphen = false;
        const lastOfLine = ri === line.runs.length - 1;
        const nextLine = p.lines[li + 1];
        if (
          lastOfLine &&
          nextLine &&
          !line.spaceAfter &&
          HYPHEN_END.test(str) &&
          LOWER_START.test(nextLine.runs[0]!.str.trimStart())
        ) {
          str = str.slice(0, -1);
          dropHyphen = true;
        }
        b.add(r.node, str);
      });
    });
    if (/\S/.test(b.text)) blocks.push({ text: b.text, nodes: b.nodes, starts: b.starts, ...(lang ? { lang } : {}) });
  }
  return blocks;
}
