import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileIndex } from '../../../lib/matcher/compile';
import { createMatcher } from '../../../lib/matcher/scan';
import { matchFile, visibleText } from '../../../scripts/match';
import { ENTITIES } from './fixture';

const matcher = createMatcher(compileIndex(ENTITIES));
const names = new Map(ENTITIES.map((e) => [e.id, e.name]));
const dir = mkdtempSync(join(tmpdir(), 'factlens-match-'));

describe('npm run match', () => {
  it('reports offsets into the visible text of HTML, skipping what the content script skips', () => {
    const html = '<html><head><title>SPFS</title><script>var x = "SPFS"</script></head><body><h1>News</h1><p>Gas via <b>Power</b> of Siberia.</p><textarea>SPFS</textarea><p>And SPFS.</p></body></html>';
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
});
