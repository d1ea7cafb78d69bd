import { describe, expect, it } from 'vitest';
import { PackSchema } from '../../../lib/model/schema';
import { SearchIndex, tokenize } from '../../../lib/background/search';
import { miniPack } from '../../fixtures/mini-pack';

const pack = PackSchema.parse(
  miniPack({
    entities: [
      ...miniPack().entities,
      {
        id: 'sky-way',
        name: 'Sky Way',
        type: 'aircraft',
        description: 'A test airliner.',
        aliases: [
          { text: 'SW-929', lang: 'abbr' },
          { text: '天路客机', lang: 'zh' },
        ],
        categories: ['aviation'],
      },
    ],
    claims: [
      ...miniPack().claims,
      {
        id: 'sky-way-1',
        entities: ['sky-way'],
        text: 'The airliner programme was delayed by engine supply.',
        kind: 'fact',
        citation: { source: 'src-a', section: 'Aviation' },
        anchor: 'delayed',
      },
    ],
  }),
);
const index = new SearchIndex(pack.entities, pack.claims);
const top = (q: string) => index.search(q)[0]?.entity.id;

describe('popup search', () => {
  it('finds entities by name, prefix and alias in any script', () => {
    expect(top('North Line')).toBe('north-line');
    expect(top('nort')).toBe('north-line');
    expect(top('северная')).toBe('north-line');
    expect(top('TPX')).toBe('tpx');
    expect(top('天路')).toBe('sky-way');
  });

  it('tolerates typos', () => {
    expect(top('Nrth Lien')).toBe('north-line');
    expect(top('Sky Wya')).toBe('sky-way');
  });

  it('finds codes with or without a hyphen', () => {
    expect(top('SW929')).toBe('sky-way');
    expect(top('SW-929')).toBe('sky-way');
  });

  it('finds claim text and returns the matching claims and terms', () => {
    const hit = index.search('cubic metres')[0]!;
    expect(hit.entity.id).toBe('north-line');
    expect(hit.claims.map((c) => c.id)).toContain('north-line-capacity');
    expect(hit.terms).toEqual(expect.arrayContaining(['cubic', 'metres']));
    expect(top('engine supply')).toBe('sky-way');
  });

  it('ranks an entity’s own name above claims that mention it', () => {
    const ids = index.search('TPX').map((h) => h.entity.id);
    expect(ids[0]).toBe('tpx');
  });

  it('returns nothing for blank or unknown queries', () => {
    expect(index.search('   ')).toEqual([]);
    expect(index.search('qqqqzzzz')).toEqual([]);
  });

  it('tokenizes CJK runs into bigrams', () => {
    expect(tokenize('天路客机')).toEqual(expect.arrayContaining(['天路客机', '天路', '路客', '客机']));
  });
});
