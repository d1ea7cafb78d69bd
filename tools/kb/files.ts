/**
 * Node-only: reading the pack authors' files with errors a person can act on.
 * Every failure is a `UserError` naming the path (and, for JSON, the line and
 * column); the commands print its message and exit non-zero, never a stack.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';

/** A problem with the input the user gave: printed as it is, without a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}

/** Line and column (both from 1) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - nl };
}

/** Parses JSON text; a syntax error becomes `file:line:column: message`. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /at position (\d+)/.exec(message);
    const at = pos ? Number(pos[1]) : text.length;
    const { line, column } = lineColumn(text, at);
    const reason = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/,? *".*" is not valid JSON$/s, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
    throw new UserError(`${file}:${line}:${column}: invalid JSON: ${reason}`);
  }
}

/** Throws a `UserError` unless `file` exists and is a file (not a folder). */
export function requireFile(file: string, what = 'file'): void {
  if (!existsSync(file)) throw new UserError(`${file}: no such ${what}`);
  if (statSync(file).isDirectory()) throw new UserError(`${file}: is a folder, not a ${what}`);
}

/** Reads a JSON file: `UserError` for a missing path, a folder, or bad JSON (with line and column). */
export function readJsonFile(file: string): unknown {
  requireFile(file, 'JSON file');
  return parseJson(readFileSync(file, 'utf8'), file);
}

/** A document's text, and for a PDF each page's text (pages joined with a blank line make `text`). */
export interface DocumentText {
  file: string;
  text: string;
  pages?: string[];
}

const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);

/** Whether `file` is read as a PDF (by its extension or its first bytes). */
function isPdf(file: string): boolean {
  if (extname(file).toLowerCase() === '.pdf') return true;
  return readFileSync(file).subarray(0, 5).toString('latin1') === '%PDF-';
}

/**
 * Reads a source document: plain text (`.txt`, `.text`, `.md`) as it is, a PDF
 * through pdfjs-dist (the library the extension's future PDF viewer uses).
 */
export async function readDocument(file: string): Promise<DocumentText> {
  requireFile(file, 'document');
  if (isPdf(file)) return { file, ...(await pdfText(file)) };
  const ext = extname(file).toLowerCase();
  if (ext && !TEXT_EXTENSIONS.has(ext))
    throw new UserError(`${file}: unsupported document type "${ext}" (use .txt, .md or .pdf)`);
  return { file, text: readFileSync(file, 'utf8') };
}

interface PdfItem {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
  height?: number;
}

/**
 * The text of a PDF, page by page: items in reading order, a line break where
 * the PDF ends a line, and a blank line where the gap to the next line is
 * larger than the line height or the type size changes (a heading, a new
 * paragraph), so a PDF reads like the text extractions the checker knows.
 */
async function pdfText(file: string): Promise<{ text: string; pages: string[] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await getDocument({
      data: new Uint8Array(readFileSync(file)),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw new UserError(`${file}: cannot read the PDF: ${(e as Error).message}`);
  }
  const pages: string[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let out = '';
      let lastY: number | undefined;
      let lastSize: number | undefined;
      for (const item of content.items as PdfItem[]) {
        if (typeof item.str !== 'string') continue;
        const y = item.transform?.[5];
        const size = item.height || Math.abs(item.transform?.[3] ?? 0) || undefined;
        if (out && lastY !== undefined && y !== undefined && size && lastSize && out.endsWith('\n')) {
          const gap = lastY - y;
          const changed = Math.abs(size - lastSize) > 0.5;
          if (gap > 1.6 * Math.max(size, lastSize) || changed) out += '\n';
        }
        out += item.str;
        if (item.hasEOL) out += '\n';
        if (y !== undefined && item.str.trim()) lastY = y;
        if (size && item.str.trim()) lastSize = size;
      }
      pages.push(out.trim());
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { text: pages.join('\n\n'), pages };
}
