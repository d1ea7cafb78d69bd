/**
 * PDFs made for the viewer's tests (pdf-lib), written where a test serves
 * them. Fonts: Noto Sans SC (the @fontsource/noto-sans-sc dev dependency:
 * its Latin, Cyrillic and Simplified Chinese subsets, embedded and
 * subsetted), chosen per character, so a line mixing scripts is drawn as runs
 * in several fonts, as real documents often are. Every document is made in
 * the order a PDF producer draws, including the awkward ones: a two-column
 * page drawn line by line across both columns.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

const A4: [number, number] = [595, 842];
const SUBSETS = ['latin', 'cyrillic', 'chinese-simplified'] as const;

type Font = PDFFont;
/** fontkit's font behind a pdf-lib font (pdf-lib keeps it in a field its types do not show). */
const has = (f: PDFFont, cp: number) =>
  (
    f as unknown as { embedder: { font: { hasGlyphForCodePoint(cp: number): boolean } } }
  ).embedder.font.hasGlyphForCodePoint(cp);

async function newDoc(title: string): Promise<{ doc: PDFDocument; fonts: Font[] }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  const dir = join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json')), 'files');
  const fonts: Font[] = [];
  for (const s of SUBSETS)
    fonts.push(await doc.embedFont(readFileSync(join(dir, `noto-sans-sc-${s}-400-normal.woff`)), { subset: true }));
  return { doc, fonts };
}

/** Draws `text` from (x, y) in runs of one font each (the first font that has the character). */
function draw(page: PDFPage, fonts: Font[], text: string, x: number, y: number, size = 11): void {
  let run = '';
  let font: Font | undefined;
  const flush = () => {
    if (!run || !font) return;
    page.drawText(run, { x, y, size, font });
    x += font.widthOfTextAtSize(run, size);
    run = '';
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f = fonts.find((f) => has(f, cp));
    if (!f) throw new Error(`no font for "${ch}" (U+${cp.toString(16)})`);
    if (f !== font) {
      flush();
      font = f;
    }
    run += ch;
  }
  flush();
}

/** Lines of a paragraph from the top at `y`, 15 pt apart; returns the y under them. */
function paragraph(page: PDFPage, fonts: Font[], lines: string[], x: number, y: number, size = 11): number {
  for (const l of lines) {
    draw(page, fonts, l, x, y, size);
    y -= size * 1.4;
  }
  return y - size;
}

/** A running head, and a page number at the foot. */
function furniture(page: PDFPage, fonts: Font[], head: string, n: number): void {
  draw(page, fonts, head, 50, 810, 9);
  draw(page, fonts, String(n), 290, 30, 9);
}

export interface TestPdfs {
  dir: string;
  /** English: names, a name over two lines, a hyphenated break, a running head that must stay apart. */
  names: string;
  /** Two columns drawn line by line across. */
  columns: string;
  cyrillic: string;
  chinese: string;
  /** 200 pages, names on every page. */
  long: string;
}

export async function writeTestPdfs(dir: string): Promise<TestPdfs> {
  mkdirSync(dir, { recursive: true });
  const save = async (name: string, doc: PDFDocument) => {
    writeFileSync(join(dir, name), await doc.save());
    return name;
  };

  const names = await (async () => {
    const { doc, fonts } = await newDoc('Energy notes');
    const page = doc.addPage(A4);
    // The running head ends with "Power of" and the body starts with "Siberia": never one name.
    furniture(page, fonts, 'Quarterly notes on the Power of', 1);
    let y = paragraph(page, fonts, ['Siberia holds most of the gas that Russia sells east.'], 50, 740);
    y = paragraph(
      page,
      fonts,
      [
        'Gazprom signed a thirty-year contract in 2014 to supply China through the Power of',
        'Siberia pipeline, which began deliveries in December 2019.',
      ],
      50,
      y,
    );
    paragraph(
      page,
      fonts,
      [
        'Analysts in Moscow said the price agreed by Gaz-',
        'prom was lower than what European buyers paid at the time.',
      ],
      50,
      y,
    );
    return save('names.pdf', doc);
  })();

  const columns = await (async () => {
    const { doc, fonts } = await newDoc('Two columns');
    const page = doc.addPage(A4);
    furniture(page, fonts, 'Two-column briefing', 1);
    const left = [
      'Officials said the Power of',
      'Russia’s east is far from Moscow.',
      '',
      'The Power of',
      'Siberia pipeline opened in 2019.',
    ];
    const right = [
      'Siberia pipeline talks went on.',
      'Sanctions hit VTB and',
      'Gazprom alike, bankers said.',
      '',
      'Prices were not disclosed.',
    ];
    // Drawn across: left line, right line, next left line… (as some producers do).
    for (let i = 0; i < left.length; i++) {
      const y = 740 - i * 15.4;
      if (left[i]) draw(page, fonts, left[i]!, 50, y);
      if (right[i]) draw(page, fonts, right[i]!, 320, y);
    }
    return save('columns.pdf', doc);
  })();

  const cyrillic = await (async () => {
    const { doc, fonts } = await newDoc('Газ на восток');
    const page = doc.addPage(A4);
    furniture(page, fonts, 'Обзор энергетики', 1);
    paragraph(page, fonts, ['«Газпром» начал поставки газа в Китай по «Силе', 'Сибири» в декабре 2019 года.'], 50, 740);
    return save('cyrillic.pdf', doc);
  })();

  const chinese = await (async () => {
    const { doc, fonts } = await newDoc('中俄能源');
    const page = doc.addPage(A4);
    furniture(page, fonts, '能源简报', 1);
    paragraph(page, fonts, ['俄罗斯天然气工业公司自2019年起通过西伯利亚', '力量管道向中国供气。'], 50, 740);
    return save('chinese.pdf', doc);
  })();

  const long = await (async () => {
    const { doc, fonts } = await newDoc('A long report');
    for (let n = 1; n <= 200; n++) {
      const page = doc.addPage(A4);
      furniture(page, fonts, 'A long report', n);
      let y = 760;
      for (let k = 0; k < 6; k++) {
        y = paragraph(
          page,
          fonts,
          [
            `Section ${n}.${k + 1}. Gazprom and VTB were named in the filings of the year; the Power of`,
            'Siberia pipeline carried gas to China while SWIFT and SPFS messages settled the payments',
            'of buyers and sellers in several currencies, as the accounts of both sides record it in',
            'full for every quarter of the period under review, with notes on prices and volumes.',
          ],
          50,
          y,
        );
      }
    }
    return save('long.pdf', doc);
  })();

  return { dir, names, columns, cyrillic, chinese, long };
}
