import { describe, expect, it } from 'vitest';
import { digitNumbers, scaleWordAfter, wordNumbers, wordRuns } from '../../../lib/figures/numbers';

const digits = (s: string) => digitNumbers(s).map((t) => t.raw);
const values = (s: string) => wordNumbers(s).map((t) => [t.kind, t.value * t.scale]);

describe('the number reader: digits', () => {
  it('reads currency prefixes, thousands groups, decimals and glued scales', () => {
    const [a, b, c] = digitNumbers('US$1.3 billion, 1,300 tonnes and $400bn');
    expect(a).toMatchObject({ raw: '1.3', value: 1.3, decimals: 1, currency: 'USD', start: 0, numStart: 3 });
    expect(b).toMatchObject({ raw: '1,300', value: 1300, scale: 1 });
    expect(c).toMatchObject({ raw: '400', value: 400, scale: 1e9, glued: 'bn', currency: 'USD' });
    // Single-letter scales need a currency: "5m" is five metres, "$5m" five million dollars.
    expect(digitNumbers('5m and $5m').map((t) => t.scale)).toEqual([1, 1e6]);
  });

  it('keeps names and codes out: CR929, S-400, COVID-19, 5G, 10:30, No.5, A/320, 7x7', () => {
    expect(digits('CR929, S-400, COVID-19, Tu-160, oneplus-5t, 5G, 3D, 10:30, No.5, A/320, 7x7')).toEqual(['10']);
  });

  it('reads years joined to a word that dates them: mid-2020, late-1990s, top-10', () => {
    expect(digits('in mid-2020, the late-1990s and a top-10 list')).toEqual(['2020', '1990', '10']);
    expect(digitNumbers('the late-1990s')[0]).toMatchObject({ yearLike: true, glued: 's' });
  });

  it('marks the second number of a pair: 2–3, 1997-98, 2025/26, 4-1', () => {
    const ts = digitNumbers('2–3 percent in 1997-98, 2025/26, a 4-1 win');
    expect(ts.map((t) => [t.raw, !!t.joined])).toEqual([
      ['2', false],
      ['3', true],
      ['1997', false],
      ['98', true],
      ['2025', false],
      ['26', true],
      ['4', false],
      ['1', true],
    ]);
  });

  it('does not split a decimal comma, but reads a year after a day', () => {
    expect(digits('el 1,3% y 3,3722 rublos')).toEqual(['1', '3']);
    expect(digits('November 21,2019')).toEqual(['21', '2019']);
  });

  it('reads ordinal suffixes and glued units as such', () => {
    expect(digitNumbers('the 324th place, 38bcm')).toMatchObject([
      { raw: '324', ordinalSuffix: true, yearLike: false },
      { raw: '38', glued: 'bcm' },
    ]);
  });
});

describe('the number reader: words', () => {
  it('reads runs of cardinals, with "and" only after a hundred or more', () => {
    expect(values('twenty-two years, two hundred and fifty banks, a dozen, a million, two million')).toEqual([
      ['words', 22],
      ['words', 250],
      ['words', 12],
      ['words', 1e6],
      ['words', 2e6],
    ]);
    expect(values('forty-nine- and seventy-year leases')).toEqual([
      ['words', 49],
      ['words', 70],
    ]);
  });

  it('reads fractions, ordinals and multiples, and no scale word alone', () => {
    expect(values('two-thirds, a quarter, half, fifth, twenty-first, thirtieth, threefold, billion')).toEqual([
      ['fraction', 2 / 3],
      ['fraction', 0.25],
      ['fraction', 0.5],
      ['ordinal', 5],
      ['ordinal', 21],
      ['ordinal', 30],
      ['multiple', 3],
    ]);
    expect(wordRuns('billions of dollars, thousand')).toEqual([]);
  });

  it('reads the scale word after a number', () => {
    expect(scaleWordAfter('1.3 billion', 3)).toEqual({ scale: 1e9, end: 11 });
    expect(scaleWordAfter('5-million', 1)).toEqual({ scale: 1e6, end: 9 });
    expect(scaleWordAfter('50 mlrd', 2)?.scale).toBe(1e9);
    expect(scaleWordAfter('5 metres', 1)).toBeUndefined();
  });
});
