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
