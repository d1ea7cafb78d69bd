import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../lib/background/store';

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kb.ts', ...args], { encoding: 'utf8', timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'kb-authoring-'));
const PACK = 'tests/fixtures/authoring/pack';

describe('kb for a pack of ones own', () => {
  it('checks the example pack against its declared document and builds an importable file', () => {
    const c = run(['check', PACK, '--json']);
    expect(c.status, c.stderr).toBe(0);
    const r = JSON.parse(c.stdout) as { ok: boolean; fidelity: { anchorsFound: number } };
    expect(r.ok).toBe(true);
    expect(r.fidelity.anchorsFound).toBe(3);
    const out = join(dir, 'pack.json');
    expect(run(['build', PACK, '--out', out]).status).toBe(0);
    const json = readFileSync(out, 'utf8');
    expect(json).not.toContain('document');
    expect(Store.validatePack(json).claims).toHaveLength(3);
  }, 60_000);

  it('drafts a pack whose check fails on its drafts', () => {
    const out = join(dir, 'draft');
    expect(run(['draft', 'tests/fixtures/authoring/kestrel.txt', '--out', out]).status).toBe(0);
    const c = run(['check', out]);
    expect(c.status).toBe(1);
    expect(c.stdout).toMatch(/is a draft; review it/);
    expect(run(['build', out, '--out', join(dir, 'x.json')]).status).toBe(1);
  }, 60_000);

  it('names the path and line:column of bad input and prints no stack trace', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "id": "x",\n  oops\n}');
    const nul = join(dir, 'null.json');
    writeFileSync(nul, 'null');
    const txt = join(dir, 'a.txt');
    writeFileSync(txt, 'hello');
    for (const [file, msg] of [
      [bad, /bad\.json:3:3: invalid JSON/],
      [nul, /expected a pack object, got null/],
      [txt, /not a pack/],
    ] as const) {
      const r = run(['check', file]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const s = run(['check', PACK, '--source', 'nope=x.txt']);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/no source "nope"/);
  }, 60_000);

  it('stats, lookup and match read a pack of ones own', () => {
    const st = run(['stats', PACK, '--json']);
    expect(st.status, st.stderr).toBe(0);
    expect(JSON.parse(st.stdout)).toMatchObject({ entities: 2, claims: 3, claimsBySource: { 'kestrel-note': 3 } });
    const lk = run(['lookup', 'kestrel', '--pack', PACK]);
    expect(lk.status, lk.stderr).toBe(0);
    expect(lk.stdout).toContain('kestrel-line');
    expect(lk.stdout).not.toContain('power-of-siberia');
    const page = join(dir, 'page.txt');
    writeFileSync(page, 'Gas reached Ashford through the Kestrel Line, not through Power of Siberia.');
    const m = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/match.ts', '--pack', PACK, page], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(m.status, m.stderr).toBe(0);
    const found = m.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { entity: string }).entity);
    expect(found).toEqual(['kestrel-line']);
    // A folder where a page was meant: the path, no EISDIR stack.
    const f = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/match.ts', dir], { encoding: 'utf8' });
    expect(f.status).not.toBe(0);
    expect(f.stderr).toContain(dir);
    expect(f.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});

describe('kb check against a PDF', () => {
  it('reads the document from a PDF (pdfjs-dist) and finds every anchor in it, page by page', async () => {
    const { PDFDocument, StandardFonts } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    // The example document, one paragraph per line group, wrapped at 90 characters, two pages.
    const paragraphs = readFileSync('tests/fixtures/authoring/kestrel.txt', 'utf8').split(/\n\s*\n/);
    const half = Math.ceil(paragraphs.length / 2);
    for (const part of [paragraphs.slice(0, half), paragraphs.slice(half)]) {
      const page = doc.addPage([595, 842]);
      let y = 800;
      for (const para of part) {
        const words = para.replace(/\s+/g, ' ').trim().split(' ');
        let line = '';
        for (const w of words) {
          if ((line + ' ' + w).length > 90) {
            page.drawText(line, { x: 40, y, size: 10, font });
            y -= 14;
            line = w;
          } else line = line ? `${line} ${w}` : w;
        }
        if (line) page.drawText(line, { x: 40, y, size: 10, font });
        y -= 28;
      }
    }
    const pdf = join(dir, 'kestrel.pdf');
    writeFileSync(pdf, await doc.save());
    const c = run(['check', PACK, '--source', `kestrel-note=${pdf}`, '--json']);
    expect(c.status, c.stdout + c.stderr).toBe(0);
    const r = JSON.parse(c.stdout) as { ok: boolean; fidelity: { anchorsFound: number } };
    expect(r.ok).toBe(true);
    expect(r.fidelity.anchorsFound).toBe(3);
  }, 60_000);
});
