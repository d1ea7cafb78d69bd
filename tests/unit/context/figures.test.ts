import { describe, expect, it } from 'vitest';
import { analyseSentence } from '../../../lib/context/analyse';
import { checkFigures } from '../../../lib/context/figures';
import { rankClaims } from '../../../lib/context/rank';
import { sentenceAround } from '../../../lib/context/sentence';
import { ClaimSchema, type Claim } from '../../../lib/schema';

const claim = (c: Partial<Claim> & Pick<Claim, 'id' | 'text'>): Claim =>
  ClaimSchema.parse({ entities: ['x'], kind: 'fact', citation: { source: 's', section: 'S' }, anchor: 'a', quantities: [], ...c });

// Test claims (invented wording, realistic figures).
const CLAIMS: Claim[] = [
  claim({ id: 'deal', text: 'The 30-year gas supply contract signed in May 2014 was valued at about $400 billion.', asOf: '2014', quantities: [{ value: 400, unit: 'USD billion', year: 2014, label: 'contract value' }] }),
  claim({ id: 'capacity', text: 'The pipeline was designed to carry 38 bcm of gas a year.', quantities: [{ value: 38, unit: 'bcm', label: 'annual gas capacity' }] }),
  claim({ id: 'price', text: 'In 2020 China paid about $150 per 1,000 cubic meters of gas.', asOf: '2020', quantities: [{ value: 150, unit: 'USD per 1,000 m3', year: 2020, label: 'gas price' }] }),
  claim({ id: 'banks', text: 'More than 400 banks were connected to the system.', quantities: [{ value: 400, unit: 'banks', label: 'connected banks' }] }),
  claim({ id: 'share', text: 'The system handled about 20 percent of domestic transfers.', quantities: [{ value: 20, unit: 'percent', label: 'share of domestic transfers' }] }),
  claim({ id: 'trade', text: 'Trade between the two countries reached $107 billion in 2019.', asOf: '2019', quantities: [{ value: 107, unit: 'USD billion', year: 2019, label: 'bilateral trade' }] }),
  claim({ id: 'rate', text: 'The ruble fell to 70 rubles per dollar.', quantities: [{ value: 70, unit: 'RUB per USD', label: 'exchange rate' }] }),
  claim({ id: 'opinion', text: 'The author judges the partnership fragile.', kind: 'assessment', attributedTo: 'The author' }),
];

const check = (s: string) => checkFigures(s, CLAIMS);

const AGREE = [
  'The 2014 gas contract was worth $400 billion.',
  'Gazprom’s contract, valued at about $400bn in 2014, runs for 30 years.',
  'The contract value was 400 billion dollars when it was signed in 2014.',
  'The gas contract signed in 2014 is worth US$400 billion.',
  'The deal, signed in 2014, has a contract value of $401 billion.',
  'The pipeline can carry 38 bcm of gas a year.',
  'Its annual gas capacity is 38 billion cubic meters.',
  'The annual capacity of the gas line is 38 billion cubic metres.',
  'In 2020 China paid $150 per 1,000 cubic meters for the gas.',
  'More than 400 banks are connected to the system.',
  'About 20 percent of domestic transfers go through the system.',
  'Trade reached $107 billion in 2019.',
  'The ruble traded at 70 rubles to the dollar, an exchange rate not seen for years.',
];

const DISAGREE = [
  'The 2014 gas contract was worth $450 billion.',
  'The contract, signed in 2014, was valued at $300 billion.',
  'The 30-year contract value is put at 500 billion dollars by the company.',
  'The pipeline can carry 61 bcm of gas a year.',
  'Its annual gas capacity is 20 billion cubic meters.',
  'In 2020 China paid $250 per 1,000 cubic meters for the gas.',
  'In 2020 China paid $100 per thousand cubic meters of gas.',
  'More than 800 banks are connected to the system.',
  'About 200 banks are connected to the system.',
  'About 35 percent of domestic transfers go through the system.',
  'Only 10 percent of domestic transfers go through the system.',
  'Trade reached $147 billion in 2019.',
  'The ruble traded at 90 rubles to the dollar, an exchange rate not seen for years.',
];

const UNRELATED = [
  'The contract was signed in 2014.',
  'Gas began to flow in December 2019, five years later.',
  'The pipeline is 3,000 km long.',
  'The company employs 466,000 people.',
  'Shares rose 5 percent on the news of the contract.',
  'A $2 billion loan financed the plant.',
  'The 2014 gas contract was worth $400 billion, and a $15 billion bond followed.'.replace(', and a $15 billion bond followed', '') + ' A second deal worth $15 billion fell through.',
  'Trade reached $147 billion in 2021.',
  'In 2015 China paid $250 per 1,000 cubic meters for the gas.',
  'The system has 12 employees in its head office.',
  'The plant will cost $11 billion.',
  'Some 400 journalists attended the signing.',
  'In the poll, 60 percent of respondents said they trusted China.',
  'The exercise involved 300,000 troops.',
  'Inflation reached 15 percent.',
  'The gas price was not disclosed.',
];

describe('figure check', () => {
  it.each(AGREE)('agrees: %s', (s) => {
    const r = check(s);
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((f) => f.agrees)).toBe(true);
  });

  it.each(DISAGREE)('disagrees: %s', (s) => {
    const r = check(s);
    expect(r.filter((f) => !f.agrees)).toHaveLength(1);
  });

  it.each(UNRELATED)('raises no alarm: %s', (s) => {
    expect(check(s).filter((f) => !f.agrees)).toEqual([]);
  });

  it('reports the page figure and the source figure in the claim’s unit', () => {
    const [f] = check('The 2014 gas contract was worth $450 billion.');
    expect(f).toMatchObject({ claim: 'deal', pageText: '$450 billion', pageValue: 450, sourceValue: 400, unit: 'USD billion', year: 2014, agrees: false });
  });

  it('has enough cases of each kind', () => {
    expect(AGREE.length).toBeGreaterThanOrEqual(12);
    expect(DISAGREE.length).toBeGreaterThanOrEqual(12);
    expect(UNRELATED.length).toBeGreaterThanOrEqual(15);
  });
});

describe('sentence analysis', () => {
  it('finds figures with units and scales, and years apart from figures', () => {
    const a = analyseSentence('In 2014 Gazprom signed a $400 billion deal for 38 bcm a year, 15 percent of exports, at 70 rubles to the dollar.');
    expect(a.years).toEqual([2014]);
    const byFamily = Object.fromEntries(a.figures.map((f) => [f.family, f.value]));
    expect(byFamily).toMatchObject({ 'money:USD': 400e9, 'volume:m3': 38e9, percent: 15, 'rate:RUB/USD': 70 });
    expect(a.figures.some((f) => f.value === 2014)).toBe(false);
  });
});

describe('ranking claims by the sentence', () => {
  it('puts the claims about the sentence’s subject first', () => {
    expect(rankClaims('The 2014 contract was said to be worth $400 billion.', CLAIMS)[0]!.claim.id).toBe('deal');
    expect(rankClaims('How many banks use the system now?', CLAIMS)[0]!.claim.id).toBe('banks');
    expect(rankClaims('Trade in 2019 grew again.', CLAIMS)[0]!.claim.id).toBe('trade');
  });

  it('explains why', () => {
    const [top] = rankClaims('The 2014 contract was said to be worth $400 billion.', CLAIMS);
    expect(top!.reasons.join(' ')).toMatch(/2014/);
  });

  it('falls back to claims with figures and facts first, in order, when there is no sentence', () => {
    const ids = rankClaims(undefined, CLAIMS).map((r) => r.claim.id);
    expect(ids.at(-1)).toBe('opinion');
    expect(ids.slice(0, 3)).toEqual(['deal', 'capacity', 'price']);
    expect(rankClaims('', CLAIMS, { limit: 2 })).toHaveLength(2);
  });
});

describe('sentence around a mention', () => {
  const at = (text: string, word: string) => sentenceAround(text, text.indexOf(word), text.indexOf(word) + word.length);
  it('cuts at sentence ends but not at abbreviations, initials or decimals', () => {
    expect(at('First one. The U.S. sanctioned SPFS users in 2022. Last one.', 'SPFS')).toBe('The U.S. sanctioned SPFS users in 2022.');
    expect(at('Prices rose 1.3 percent. Dr. Balzer wrote about SPFS here. Next.', 'SPFS')).toBe('Dr. Balzer wrote about SPFS here.');
    expect(at('第一句。俄罗斯的SPFS系统！第三句。', 'SPFS')).toBe('俄罗斯的SPFS系统！');
  });
  it('keeps long sentences to a window around the mention', () => {
    const long = `${'word '.repeat(200)}SPFS ${'word '.repeat(200)}`;
    const s = at(long, 'SPFS');
    expect(s.length).toBeLessThanOrEqual(400);
    expect(s).toContain('SPFS');
  });
});
