import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../../../tools/kb/load';

const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/kb.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });

describe('scripts/kb.ts', () => {
  it('lookup prints the matching entities with their claims and citations as JSON', () => {
    const r = run(['lookup', 'sila sibiri']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { entity: { id: string }; claims: { citation: { source: string } }[] }[];
    expect(out.map((x) => x.entity.id)).toEqual(['power-of-siberia']);
    expect(out[0]!.claims.length).toBeGreaterThanOrEqual(3);
    expect(out[0]!.claims[0]!.citation.source).toBe('balzer-2021');
  }, 60_000);

  it('check fails clearly when the source texts are missing', () => {
    const r = run(['check'], { FACTLENS_SEEDS: '/nonexistent/seeds' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/source texts not found at \/nonexistent\/seeds.*FACTLENS_SEEDS/);
  }, 60_000);

  it('check of a pack file reports a wrong anchor and a wrong number and exits non-zero', () => {
    const pack = loadPack().pack as { claims: { anchor: string; text: string }[] };
    pack.claims[0]!.anchor = 'no such phrase anywhere';
    pack.claims[1]!.text += ' It cost 987654 dollars.';
    const file = join(mkdtempSync(join(tmpdir(), 'kb-')), 'bad.json');
    writeFileSync(file, JSON.stringify(pack));
    const r = run(['check', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/anchor not found/);
    expect(r.stdout).toMatch(/number 987654/);
  }, 60_000);
});
