import { describe, expect, it } from 'vitest';
import { analyseSentence, type Figure } from '../../../lib/figures/analyse';
import { parseUnit } from '../../../lib/figures/units';
import { stem } from '../../../lib/shared/words';

const figs = (s: string) => analyseSentence(s).figures;
const one = (s: string): Figure => {
  const f = figs(s);
  expect(f, s).toHaveLength(1);
  return f[0]!;
};

describe('figures in a sentence', () => {
  it.each<[string, Partial<Figure>]>([
    [
      'Gazprom signed a $1.3 billion loan.',
      { text: '$1.3 billion', value: 1.3e9, unit: 'USD', family: 'money', scale: 1e9, mantissa: 1.3, decimals: 1 },
    ],
    ['The deal was worth $400bn.', { text: '$400bn', value: 400e9, unit: 'USD', scale: 1e9 }],
    ['The deal was worth US$400 billion.', { value: 400e9, unit: 'USD' }],
    ['The contract is worth 400 billion dollars.', { text: '400 billion dollars', value: 400e9, unit: 'USD' }],
    [
      'The line cost twenty-two billion dollars.',
      { text: 'twenty-two billion dollars', value: 22e9, unit: 'USD', mantissa: 22 },
    ],
    ['Rosneft paid $55m for the stake.', { value: 55e6, unit: 'USD', scale: 1e6 }],
    ['Gazprom raised 3 mln rubles.', { value: 3e6, unit: 'RUB' }],
    ['VTB lent 5 trillion roubles.', { value: 5e12, unit: 'RUB' }],
    ['The bank lent ¥10 billion.', { value: 10e9, unit: 'CNY' }],
    ['The bank lent 150 billion yuan.', { value: 150e9, unit: 'CNY' }],
    ['A RMB 3bn facility followed.', { value: 3e9, unit: 'CNY' }],
    [
      'The pipeline carries 38 billion cubic meters of gas.',
      { text: '38 billion cubic meters', value: 38e9, unit: 'm3', family: 'volume' },
    ],
    ['The pipeline carries 38 billion cubic metres of gas.', { value: 38e9, unit: 'm3' }],
    ['The pipeline carries 38 bcm of gas.', { text: '38 bcm', value: 38e9, unit: 'm3', scale: 1e9 }],
    ['Exports reached 22.7 bcm.', { value: 22.7e9, unit: 'm3' }],
    ['Shares fell 15% after the sanctions.', { text: '15%', value: 15, unit: 'percent', change: true }],
    [
      'About 15 percent of exports went to China.',
      { text: 'About 15 percent', value: 15, unit: 'percent', change: false, approx: true },
    ],
    ['Some 15 per cent of exports went to China.', { value: 15, unit: 'percent' }],
    ['The share rose by 2 percentage points.', { value: 2, unit: 'points', family: 'points' }],
    ['The line is 1,300 km long.', { text: '1,300 km', value: 1300, unit: 'km', family: 'length' }],
    ['The line is 2,200 kilometres long.', { value: 2200, unit: 'km' }],
    ['The line is 1,000 miles long.', { unit: 'km', approx: true }],
    ['China bought 1.5 million tons of oil.', { value: 1.5e6, unit: 't', family: 'mass' }],
    ['China bought 1.5 million tonnes of oil.', { value: 1.5e6, unit: 't' }],
    ['The plant has 2,000 MW of capacity.', { value: 2e9, unit: 'W' }],
    ['The contract runs for 30 years.', { text: '30 years', value: 30, unit: 'year', family: 'duration' }],
    ['It is a 30-year contract.', { text: '30-year', value: 30, unit: 'year' }],
    ['The CR929 will seat 280 passengers.', { text: '280 passengers', value: 280, unit: 'passenger', family: 'count' }],
    [
      'More than 400 Russian banks use it.',
      { text: 'More than 400 Russian banks', value: 400, unit: 'bank', bound: 'min' },
    ],
    ['Only 12 wide-body aircraft were ordered.', { value: 12, unit: 'aircraft' }],
    ['The exercise involved 300,000 troops.', { value: 300000, unit: 'troop' }],
    [
      'The ruble fell to 70 rubles to the dollar.',
      { text: '70 rubles to the dollar', value: 70, unit: 'RUB/USD', family: 'rate' },
    ],
    ['The ruble traded at 90 rubles per dollar.', { value: 90, unit: 'RUB/USD' }],
    ['The yuan fell to 7 yuan per dollar.', { value: 7, unit: 'CNY/USD' }],
    [
      'China paid $150 per 1,000 cubic meters.',
      { text: '$150 per 1,000 cubic meters', value: 150, unit: 'USD/1000m3', family: 'price' },
    ],
    ['China paid $0.15 per cubic meter.', { value: 150, unit: 'USD/1000m3' }],
    ['Oil sold at $60 per barrel.', { value: 60, unit: 'USD/bbl' }],
    ['Trade grew sixfold, or 6 times.', { value: 6, unit: 'times' }],
    ['Energy accounts for two-thirds of Chinese investment.', { text: 'two-thirds', unit: 'percent', approx: true }],
    ['The deal is worth under $5 billion.', { value: 5e9, bound: 'max' }],
    ['The deal is worth $5 billion or more.', { value: 5e9, bound: 'min' }],
  ])('%s', (s, expected) => {
    expect(one(s)).toMatchObject(expected);
  });

  it('reads ranges of figures', () => {
    expect(one('The deal is worth $300–400 billion.')).toMatchObject({
      value: 400e9,
      range: [300e9, 400e9],
      unit: 'USD',
    });
    expect(one('Only 2 to 3 percent of trade was settled in rubles.')).toMatchObject({
      range: [2, 3],
      unit: 'percent',
    });
    expect(one('Between 30 and 40 bcm will flow.')).toMatchObject({ range: [30e9, 40e9], unit: 'm3' });
    // "from … to …" is two figures, not a range.
    expect(figs('Trade rose from $100 billion to $147 billion.').map((f) => f.value)).toEqual([100e9, 147e9]);
  });

  it('ties each figure to the year in its clause', () => {
    const [a, b] = figs('Trade reached $147 billion in 2021, up from $107 billion in 2019.');
    expect(a).toMatchObject({ value: 147e9, year: 2021 });
    expect(b).toMatchObject({ value: 107e9, year: 2019 });
    expect(one('The 2014 contract was worth $400 billion.')).toMatchObject({ year: 2014 });
    expect(one('In 2014–16 exports rose 15%.')).toMatchObject({ yearSpan: [2014, 2016] });
    expect(one('The pipeline is 3,000 km long.').year).toBeUndefined();
  });

  it('reads years, not as figures', () => {
    const a = analyseSentence(
      'In 2014 Gazprom signed a $400 billion deal for 38 bcm a year, 15 percent of exports, at 70 rubles to the dollar.',
    );
    expect(a.years).toEqual([2014]);
    expect(a.figures.map((f) => f.unit)).toEqual(['USD', 'm3', 'percent', 'RUB/USD']);
    expect(a.figures.some((f) => f.value === 2014)).toBe(false);
    expect(analyseSentence('Sanctions in 2014-2016 and 2019–20 hurt; the 1990s were worse.').yearRanges).toEqual([
      [2014, 2016],
      [2019, 2020],
      [1990, 1999],
    ]);
    expect(analyseSentence('On May 21, 2014, the deal was signed; gas came on 2 December 2019.')).toMatchObject({
      years: [2014, 2019],
      figures: [],
    });
    expect(analyseSentence('In 2014 banks cut lending.')).toMatchObject({ years: [2014], figures: [] });
    expect(analyseSentence('Between 2014 and 2016 little changed.').yearRanges).toEqual([[2014, 2016]]);
  });

  it('ignores model names, ordinals, times and unitless numbers', () => {
    expect(figs('The S-400 and Su-35 deals, the CR929, G20 members, 5G networks, the 18th congress at 10:30.')).toEqual(
      [],
    );
    expect(figs('Units 5 and 6 were built.')).toEqual([]);
    expect(figs('One of the partners.')).toEqual([]);
    expect(figs('A 1,900 km line.')).toMatchObject([{ value: 1900, unit: 'km' }]);
    expect(figs('It flew 1900 km.')).toMatchObject([{ value: 1900, unit: 'km' }]);
  });

  it('collects content words as stems, without stop words or numbers', () => {
    const { terms } = analyseSentence('Gazprom’s contracts were signed in 2014 and priced in dollars.');
    expect([...terms].sort()).toEqual(['contract', 'dollar', 'gazprom', 'pric', 'sign']);
  });

  it('reads "a year" as annual', () => {
    expect(analyseSentence('It carries 38 bcm a year.').terms.has('annual')).toBe(true);
    expect(analyseSentence('A 30-year deal.').terms.has('annual')).toBe(false);
  });
});

describe('stems', () => {
  it('meet across inflections, spellings and irregular verbs', () => {
    const same = (a: string, b: string) => expect(stem(a), `${a} ~ ${b}`).toBe(stem(b));
    same('signed', 'sign');
    same('carries', 'carry');
    same('valued', 'value');
    same('prices', 'price');
    same('paid', 'pay');
    same('organisations', 'organization');
    same('centres', 'center');
    same('tonnes', 'tons');
    same('roubles', 'ruble');
    same('Russian', 'Russia');
    same('Chinese', 'China');
    same('deal', 'contract');
    same('annually', 'annual');
    expect(stem('the')).toBe('');
    expect(stem('2014')).toBe('');
  });
});

describe('claim units', () => {
  it.each<[string, number | undefined, ReturnType<typeof parseUnit>]>([
    ['USD billion', 400, { unit: 'USD', family: 'money', mult: 1e9 }],
    ['USD', 5, { unit: 'USD', family: 'money', mult: 1 }],
    ['CNY billion', 12, { unit: 'CNY', family: 'money', mult: 1e9 }],
    ['RUB trillion', 1.1, { unit: 'RUB', family: 'money', mult: 1e12 }],
    ['USD per 1,000 m3', 150, { unit: 'USD/1000m3', family: 'price', mult: 1 }],
    ['RUB per USD', 70, { unit: 'RUB/USD', family: 'rate', mult: 1 }],
    ['CNY per USD', 7, { unit: 'CNY/USD', family: 'rate', mult: 1 }],
    ['bcm', 38, { unit: 'm3', family: 'volume', mult: 1e9 }],
    ['bcm/year', 38, { unit: 'm3', family: 'volume', mult: 1e9 }],
    ['percent', 15, { unit: 'percent', family: 'percent', mult: 1 }],
    ['share', 0.75, { unit: 'percent', family: 'percent', mult: 100 }],
    ['km', 3000, { unit: 'km', family: 'length', mult: 1 }],
    ['million km2', 1.5, { unit: 'km2', family: 'area', mult: 1e6 }],
    ['tonnes', 5, { unit: 't', family: 'mass', mult: 1 }],
    ['years', 30, { unit: 'year', family: 'duration', mult: 1 }],
    ['times', 6, { unit: 'times', family: 'multiple', mult: 1 }],
    ['banks', 400, { unit: 'bank', family: 'count', mult: 1 }],
    ['military police', 750, { unit: stem('police'), family: 'count', mult: 1 }],
    ['organisations', 3, { unit: stem('organizations'), family: 'count', mult: 1 }],
    ['year', 2023, undefined],
    ['rank', 324, undefined],
    ['unit', 5, undefined],
  ])('%s', (unit, value, expected) => {
    expect(parseUnit(unit, value)).toEqual(expected);
  });
});

describe('figures read by the one number reader', () => {
  it('knows "mlrd" and "millions" as scales', () => {
    expect(one('Gazprom lent 50 mlrd rubles.')).toMatchObject({ value: 50e9, unit: 'RUB' });
    expect(one('It cost 3 millions dollars.')).toMatchObject({ value: 3e6, unit: 'USD' });
  });

  it('reads a year joined to mid- or late-, and no score or decimal comma as a figure', () => {
    expect(analyseSentence('By the mid-1970s trade had grown.').yearRanges).toEqual([[1970, 1979]]);
    expect(analyseSentence('Trade grew in late-2019.').years).toEqual([2019]);
    expect(figs('Highlights from our 4-1 win at Villa Park.')).toEqual([]);
    expect(figs('ocupan el 1,3% del territorio')).toEqual([]);
  });

  it('counts no units, ranks or levels', () => {
    expect(figs('Rosatom built four VVER-1000 units and climbed 5 levels.')).toEqual([]);
  });
});
