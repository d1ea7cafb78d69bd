import { describe, expect, it } from 'vitest';
import { computeGeneral, fold } from '../../../lib/matcher/fold';

describe('folding', () => {
  it('takes its short cuts (ASCII, Latin-1, punctuation, Cyrillic, CJK) without changing a single symbol', () => {
    const differ: string[] = [];
    for (let c = 0; c < 65536; c++) if (fold(c) !== computeGeneral(c)) differ.push(c.toString(16));
    expect(differ).toEqual([]);
  });
});
