import { describe, expect, it } from 'vitest';
import { checkFigures } from '../../../lib/figures/check';
import { ALL } from '../../fixtures/claims';

const check = (s: string) => checkFigures(s, ALL);

/** [sentence, claim id the agreement is with] */
const AGREE: [string, string][] = [
  ['The 2014 gas contract was worth $400 billion.', 'pos-deal'],
  ['Gazprom’s contract, valued at about $400bn in 2014, runs for 30 years.', 'pos-deal'],
  ['The contract value was 400 billion dollars when it was signed in 2014.', 'pos-deal'],
  ['The gas contract signed in 2014 is worth US$400 billion.', 'pos-deal'],
  ['The deal, signed in 2014, has a contract value of $0.4 trillion.', 'pos-deal'],
  ['The pipeline can carry 38 bcm of gas a year.', 'pos-capacity'],
  ['Its annual gas capacity is 38 billion cubic meters.', 'pos-capacity'],
  ['The line is designed to carry some 38 billion cubic metres of gas per year.', 'pos-capacity'],
  ['In 2020 China paid $150 per 1,000 cubic meters for the gas.', 'pos-price'],
  ['The gas price in 2020 was about $0.15 per cubic meter.', 'pos-price'],
  ['Trade reached $107 billion in 2019.', 'trade-2019'],
  ['Trade reached $147 billion in 2021, up from $107 billion in 2019.', 'trade-2019'],
  ['The ruble traded at 70 rubles to the dollar, an exchange rate not seen for years.', 'rate'],
  ['Russia moved almost 15% of its reserves into yuan.', 'reserves'],
  ['Only 2 to 3 percent of trade was settled in national currencies in 2014.', 'national-currencies'],
  ['In 2014, just 3 percent of trade was settled in national currencies.', 'national-currencies'],
  ['The CR929 is designed to seat 280 passengers in its basic version.', 'cr929-seats'],
  ['The Russian section of the pipeline is 3,000 km long.', 'pos-length'],
  ['More than 400 banks were connected to SPFS in 2021.', 'spfs-banks'],
  ['Vostok 2018 involved about 297,000 Russian troops.', 'vostok-2018'],
  ['In Vostok 2018, China sent 3,200 soldiers.', 'vostok-2018'],
  ['Gazprom and CNPC signed a 30-year gas contract in 2014.', 'pos-deal'],
];

/** [sentence, claim id, page value, source value] */
const DISAGREE: [string, string, number, number][] = [
  ['The 2014 gas contract was worth $450 billion.', 'pos-deal', 450, 400],
  ['The contract, signed in 2014, was valued at $300 billion.', 'pos-deal', 300, 400],
  ['The 30-year contract value is put at 500 billion dollars by the company.', 'pos-deal', 500, 400],
  ['The pipeline can carry 61 bcm of gas a year.', 'pos-capacity', 61, 38],
  ['Its annual gas capacity is 20 billion cubic meters.', 'pos-capacity', 20, 38],
  ['In 2020 China paid $250 per 1,000 cubic meters for the gas.', 'pos-price', 250, 150],
  ['In 2020 China paid $100 per thousand cubic meters of gas.', 'pos-price', 100, 150],
  ['Only about 200 banks were connected to SPFS in 2021.', 'spfs-banks', 200, 400],
  ['SPFS handled about 35 percent of domestic settlements.', 'spfs-share', 35, 20],
  ['Trade reached $147 billion in 2019.', 'trade-2019', 147, 107],
  ['The ruble traded at 90 rubles to the dollar, an exchange rate not seen for years.', 'rate', 90, 70],
  ['The Russian section of the pipeline is 2,200 km long.', 'pos-length', 2200, 3000],
  ['The CR929 is designed to seat 440 passengers in its basic version.', 'cr929-seats', 440, 280],
  ['Gazprom signed a 25-year contract with CNPC in 2014.', 'pos-deal', 25, 30],
  ['In 2014 more than 10 percent of trade was settled in national currencies.', 'national-currencies', 10, 3],
  ['In 2019 the pipeline was designed to carry 61 bcm of gas a year.', 'pos-capacity', 61, 38],
];

/** Numbers that are about something else, or consistent with the source: no alarm. */
const UNRELATED = [
  'The contract was signed in 2014.',
  'Gas began to flow in December 2019, five years later.',
  'The Chinese section of the pipeline is 1,000 km long.',
  'The company employs 466,000 people.',
  'Shares rose 5 percent on the news of the contract.',
  'A $2 billion loan financed the plant.',
  'The 2014 gas contract was worth $400 billion. A second deal worth $15 billion fell through.',
  'Trade reached $147 billion in 2021.',
  'In 2015 China paid $250 per 1,000 cubic meters for the gas.',
  'The SPFS head office has 12 employees.',
  'The Amur gas processing plant will cost $11 billion.',
  'Some 400 journalists attended the signing.',
  'In the poll, 60 percent of respondents said they trusted China.',
  'The exercise involved 3,000 tanks.',
  'Inflation in Russia reached 15 percent.',
  'Russia supplied 15.5 bcm through the pipeline in 2022.',
  'Gas deliveries through the pipeline reached 22.7 bcm in 2023.',
  'China’s share of Russian exports rose by 20 percent.',
  'More than 800 banks are connected to SPFS now.',
  'In 2022 SPFS handled 30% of the traffic.',
  'The pipeline crosses 1,400 rivers and streams.',
  'The CR929 will fly about 12,000 km, while the C919 seats 168 passengers.',
  'In 2019 the ruble fell 11 percent against the dollar.',
  'Vostok 2018 involved 3,200 Chinese soldiers and 36,000 vehicles.',
  'The first flight, planned for 2023, slipped to 2025.',
  'The 2014 contract covers 30 years of gas deliveries worth $400 billion, and Gazprom paid a $25 billion advance.',
  'Exports of gas to China were worth $10 billion in 2022.',
  'The Russian section of the pipeline employs 10,000 workers.',
];

describe('figure check', () => {
  it('has enough cases of each kind', () => {
    expect(AGREE.length).toBeGreaterThanOrEqual(12);
    expect(DISAGREE.length).toBeGreaterThanOrEqual(12);
    expect(UNRELATED.length).toBeGreaterThanOrEqual(15);
  });

  it.each(AGREE)('agrees: %s', (s, id) => {
    const r = check(s);
    expect(r.filter((f) => !f.agrees)).toEqual([]);
    expect(r.some((f) => f.agrees && f.claim === id)).toBe(true);
  });

  it.each(DISAGREE)('disagrees: %s', (s, id, page, source) => {
    const r = check(s).filter((f) => !f.agrees);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ claim: id, pageValue: page, sourceValue: source });
  });

  it.each(UNRELATED)('raises no alarm: %s', (s) => {
    expect(check(s).filter((f) => !f.agrees)).toEqual([]);
  });

  it('says what the page says and what the source says, in the claim’s unit, with the year', () => {
    expect(check('The 2014 gas contract was worth $450 billion.')).toEqual([
      {
        claim: 'pos-deal',
        pageText: '$450 billion',
        pageValue: 450,
        sourceValue: 400,
        unit: 'USD billion',
        year: 2014,
        agrees: false,
      },
    ]);
    expect(check('The pipeline can carry 38 bcm of gas a year.')).toEqual([
      { claim: 'pos-capacity', pageText: '38 bcm', pageValue: 38, sourceValue: 38, unit: 'bcm/year', agrees: true },
    ]);
    const [bound] = check('Only about 200 banks were connected to SPFS in 2021.');
    expect(bound).toMatchObject({ pageText: 'about 200 banks', unit: 'banks', year: 2021 });
  });

  it('treats rounding and "about" as agreement, a real difference as disagreement', () => {
    const agrees = (s: string) => check(s).find((f) => f.claim === 'pos-capacity')?.agrees;
    expect(agrees('The pipeline can carry about 40 bcm of gas a year.')).toBe(true);
    expect(agrees('The pipeline can carry 38.4 bcm of gas a year.')).toBe(true);
    expect(agrees('The pipeline can carry 45 bcm of gas a year.')).toBe(false);
  });

  it('does not compare across currencies or across units', () => {
    expect(check('The 2014 gas contract was worth 400 billion yuan.')).toEqual([]);
    expect(check('The 2014 gas contract covered 400 billion cubic meters of gas.')).toEqual([]);
  });

  it('says nothing without a sentence, figures or claims', () => {
    expect(check('')).toEqual([]);
    expect(check('Power of Siberia is a pipeline.')).toEqual([]);
    expect(checkFigures('The 2014 gas contract was worth $450 billion.', [])).toEqual([]);
  });

  it('ignores quantities that are dates', () => {
    expect(check('The CR929 first flight was planned for 2025.')).toEqual([]);
  });
});
