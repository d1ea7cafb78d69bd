/**
 * The bundled pack (data/pack/) through the compiler and the matcher: a few
 * known hits and misses, so that a pack edit that breaks matching shows here.
 */
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../../tools/kb/load';
import { compileIndex } from '../../../lib/matcher/compile';
import { createMatcher } from '../../../lib/matcher/scan';
import { parsePack } from '../../../lib/model/schema';

const parsed = parsePack(loadPack().pack);

describe('the bundled pack', () => {
  it('is valid', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });
  if (!parsed.ok) return;
  const index = compileIndex(parsed.pack.entities);
  const matcher = createMatcher(index);
  const hits = (t: string) => matcher.scan(t).map((m) => [m.entity, t.slice(m.start, m.end)]);

  it('compiles to a JSON index of modest size', () => {
    expect(index.v).toBe(1);
    expect(index.entities.length).toBe(parsed.pack.entities.length);
    expect(JSON.stringify(index).length).toBeLessThan(1_000_000);
  });

  it.each([
    ['Gas flows through Power of Siberia to China.', [['power-of-siberia', 'Power of Siberia']]],
    ['Газ по «Силе Сибири» пошёл', [['power-of-siberia', 'Силе Сибири']]],
    ['西伯利亚力量管道于2019年投产', [['power-of-siberia', '西伯利亚力量管道']]],
    ['Russia built SPFS系统 in 2014', [['spfs', 'SPFS']]],
    [
      'Motor Sich’s engines and the CR-929',
      [
        ['motor-sich', 'Motor Sich’s'],
        ['cr929', 'CR-929'],
      ],
    ],
    ['акції Мотор Січі впали', [['motor-sich', 'Мотор Січі']]],
    ['two S-400s arrived', [['s-400', 'S-400s']]],
    ['the Treaty of Aigun of 1858', [['treaty-of-aigun', 'Treaty of Aigun']]],
  ] as const)('finds the names in %s', (text, want) => {
    expect(hits(text)).toEqual(want);
  });

  it.each([
    ['TAYLOR SWIFT ANNOUNCES TOUR'],
    ['ob der Motor sich dreht'],
    ['https://example.com/spfs/index.html'],
    ['write to spfs@cbr.ru'],
    ['open CR929.pdf now'],
    ['SPFs are sun protection factors'],
  ])('finds nothing in %s', (text) => {
    expect(hits(text)).toEqual([]);
  });

  it('does not read Siberia or Power of Siberia into the Trans-Siberian', () => {
    const ids = hits('the Trans-Siberian railway').map(([id]) => id);
    expect(ids).not.toContain('power-of-siberia');
    expect(ids.every((id) => id === 'trans-siberian-railway')).toBe(true);
  });

  it('finds the same names with the stored tables, without them, with stale ones and from shuffled patterns', () => {
    // Every alias and form of the pack, in sentences, with hyphens for spaces and upper case mixed in.
    const names = parsed.pack.entities.flatMap((e) => e.aliases.flatMap((a) => [a.text, ...(a.forms ?? [])]));
    const text = names
      .map((n, k) =>
        k % 3 === 0
          ? `Talks on ${n.replace(/ /g, '-')} resumed.`
          : k % 3 === 1
            ? `THE ${n.toUpperCase()} STORY`
            : `${n}’s part in it`,
      )
      .join(' ');
    const want = matcher.scan(text);
    expect(index.tables).toBeDefined();
    expect(want.length).toBeGreaterThan(names.length / 2);
    const { tables: _, ...bare } = index;
    const shuffled = {
      ...bare,
      patterns: [...bare.patterns].sort(
        (a, b) => ((a.alias.length * 7919 + a.key.length) % 101) - ((b.alias.length * 7919 + b.key.length) % 101),
      ),
    };
    const stale = { ...index, tables: { ...index.tables!, v: -1, short: '', tri: '', quad: '', first: {} } };
    for (const other of [bare, shuffled, stale, JSON.parse(JSON.stringify(index))])
      expect(createMatcher(other).scan(text)).toEqual(want);
  });
});
