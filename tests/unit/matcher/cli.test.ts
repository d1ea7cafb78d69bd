import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileIndex } from '../../../lib/matcher/compile';
import { createMatcher } from '../../../lib/matcher/scan';
import { matchFile, visibleText } from '../../../tools/match';
import { ENTITIES } from '../../fixtures/matcher-pack';

const matcher = createMatcher(compileIndex(ENTITIES));
const names = new Map(ENTITIES.map((e) => [e.id, e.name]));
const dir = mkdtempSync(join(tmpdir(), 'factlens-match-'));

describe('npm run match', () => {
  it('reports offsets into the visible text of HTML, skipping what the content script skips', () => {
    const html =
      '<html><head><title>SPFS</title><script>var x = "SPFS"</script></head><body><h1>News</h1><p>Gas via <b>Power</b> of Siberia.</p><textarea>SPFS</textarea><p>And SPFS.</p></body></html>';
    const file = join(dir, 'a.html');
    writeFileSync(file, html);
    const lines = matchFile(file, matcher, names);
    const visible = visibleText(html).text;
    expect(visible).toBe('News\nGas via Power of Siberia.\nAnd SPFS.');
    expect(lines.map((l) => [l.entity, l.name, l.text])).toEqual([
      ['power-of-siberia', 'Power of Siberia', 'Power of Siberia'],
      ['spfs', 'SPFS', 'SPFS'],
    ]);
    for (const l of lines) expect(visible.slice(l.start, l.end)).toBe(l.text);
  });

  it('reports offsets into the raw text of .txt files', () => {
    const file = join(dir, 'b.txt');
    writeFileSync(file, 'x\nMotor Sich’s engines and CR-929');
    const lines = matchFile(file, matcher, names);
    expect(lines).toEqual([
      { file, entity: 'motor-sich', name: 'Motor Sich', text: 'Motor Sich’s', start: 2, end: 14 },
      { file, entity: 'cr929', name: 'CR929', text: 'CR-929', start: 27, end: 33 },
    ]);
  });

  it('says clearly what is wrong with a missing or unsupported file', () => {
    expect(() => matchFile(join(dir, 'missing.html'), matcher, names)).toThrow(/no such file/);
    const pdf = join(dir, 'c.pdf');
    writeFileSync(pdf, '%PDF');
    expect(() => matchFile(pdf, matcher, names)).toThrow(/unsupported file type "\.pdf"/);
  });

  it('parses pages with relative preloads and links without fetching or crashing', () => {
    const html =
      '<html><head><link rel="preload" as="fetch" href="/page-data/x.json"><link rel="stylesheet" href="/s.css"><script src="/a.js"></script></head><body><p>SPFS <a href="/x">Gazprom</a></p><iframe src="/frame"></iframe></body></html>';
    const file = join(dir, 'preload.html');
    writeFileSync(file, html);
    expect(matchFile(file, matcher, names).map((l) => l.text)).toEqual(['SPFS', 'Gazprom']);
  });

  it('runs as a command: JSON lines on stdout, errors on stderr, exit 1 on a bad file', () => {
    const ok = join(dir, 'ok.txt');
    writeFileSync(ok, 'the CR-929 and Power of Siberia');
    const run = (...files: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/match.ts', ...files], {
        encoding: 'utf8',
        cwd: process.cwd(),
      });
    const good = run(ok);
    expect(good.status).toBe(0);
    const lines = good.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.entity, l.text, l.start, l.end])).toEqual([
      ['cr929', 'CR-929', 4, 10],
      ['power-of-siberia', 'Power of Siberia', 15, 31],
    ]);
    expect(Object.keys(lines[0]!)).toEqual(['file', 'entity', 'name', 'text', 'start', 'end']);
    writeFileSync(join(dir, 'd.pdf'), '%PDF');
    const bad = run(join(dir, 'missing.html'), ok, join(dir, 'd.pdf'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/missing\.html: no such file/);
    expect(bad.stderr).toMatch(/unsupported file type "\.pdf"/);
    expect(bad.stdout.trim().split('\n')).toHaveLength(2);
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/usage/);
  }, 60_000);
});
