/**
 * pdf.js in the extension's build (the PDF viewer page):
 *
 * - `pdfjsNoEval`, a Vite plugin for pdf.js's main and worker modules. pdf.js
 *   probes for eval with `new Function("")` and, where it may, compiles a
 *   PDF's PostScript functions with `new Function(…)`. The viewer turns that
 *   off (isEvalSupported: false) and the extension's CSP forbids it anyway;
 *   the plugin takes both out of the code, so that no built script holds a
 *   way to evaluate a string (tests/e2e/build.test.ts). The probe then says
 *   "no eval" and PostScript functions are interpreted, as under any strict
 *   CSP. Each replacement must match exactly once: a pdf.js update that moves
 *   them fails the build instead of shipping them.
 * - `pdfjsAssets`: pdf.js's character maps (CJK text in fonts that use a
 *   predefined CMap) and standard font data (the 14 fonts PDFs name without
 *   embedding), as extension files under /pdfjs/. No WebAssembly: the CSP
 *   allows none, so JPEG 2000 images (which pdf.js decodes with it) are not drawn.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const EDITS: { file: RegExp; from: string; to: string }[] = [
  { file: /pdf(\.worker)?\.mjs$/, from: 'new Function("");', to: 'throw new EvalError("no eval in Factlens");' },
  {
    file: /pdf\.worker\.mjs$/,
    from: 'return new Function("src", "srcOffset", "dest", "destOffset", compiled);',
    to: 'void compiled;',
  },
];

export function pdfjsNoEval(): Plugin {
  return {
    name: 'factlens-pdfjs-no-eval',
    enforce: 'pre',
    transform(code, id) {
      // The module itself (`…/pdf.worker.mjs?worker` is Vite's wrapper that starts the worker).
      if (id.includes('?')) return undefined;
      const path = id;
      if (!/[\\/]pdfjs-dist[\\/]build[\\/]pdf(\.worker)?\.mjs$/.test(path)) return undefined;
      let out = code;
      for (const e of EDITS) {
        if (!e.file.test(path)) continue;
        const n = out.split(e.from).length - 1;
        if (n !== 1) throw new Error(`pdfjs-no-eval: expected "${e.from}" once in ${path}, found it ${n} times`);
        out = out.replace(e.from, e.to);
      }
      return { code: out, map: null };
    },
  };
}

/** The files to copy into the build: pdf.js's cmaps and standard fonts, as /pdfjs/<dir>/<file>. */
export function pdfjsAssets(): { absoluteSrc: string; relativeDest: string }[] {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return ['cmaps', 'standard_fonts'].flatMap((dir) =>
    readdirSync(join(root, dir)).map((f) => ({ absoluteSrc: join(root, dir, f), relativeDest: `pdfjs/${dir}/${f}` })),
  );
}
