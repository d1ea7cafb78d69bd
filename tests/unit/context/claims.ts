/**
 * Claims for the context tests: invented wording, realistic figures, written
 * here so the tests do not depend on the bundled pack.
 */
import { ClaimSchema, type Claim } from '../../../lib/schema';

export const claim = (c: Partial<Claim> & Pick<Claim, 'id' | 'text'>): Claim =>
  ClaimSchema.parse({ entities: ['x'], kind: 'fact', citation: { source: 's', section: 'S' }, anchor: 'a', quantities: [], ...c });

export const POWER_OF_SIBERIA: Claim[] = [
  claim({
    id: 'pos-opinion',
    entities: ['power-of-siberia'],
    kind: 'assessment',
    attributedTo: 'The author',
    text: 'The author judges that the long talks left China with the upper hand.',
  }),
  claim({ id: 'pos-start', entities: ['power-of-siberia'], text: 'Gas began to flow through the pipeline in December 2019.', asOf: '2019-12' }),
  claim({
    id: 'pos-deal',
    entities: ['power-of-siberia', 'gazprom'],
    text: 'Gazprom and CNPC signed a 30-year contract in May 2014 for gas deliveries through the pipeline, a deal valued at about $400 billion.',
    asOf: '2014-05',
    quantities: [
      { value: 400, unit: 'USD billion', year: 2014, label: 'contract value' },
      { value: 30, unit: 'years', label: 'contract term' },
    ],
  }),
  claim({
    id: 'pos-capacity',
    entities: ['power-of-siberia'],
    text: 'The pipeline is designed to carry 38 bcm of gas a year to China.',
    quantities: [{ value: 38, unit: 'bcm/year', label: 'annual gas capacity' }],
  }),
  claim({
    id: 'pos-length',
    entities: ['power-of-siberia'],
    text: 'The Russian section of the pipeline runs about 3,000 km from Yakutia to the Chinese border.',
    quantities: [{ value: 3000, unit: 'km', label: 'length of the Russian section' }],
  }),
  claim({
    id: 'pos-price',
    entities: ['power-of-siberia'],
    text: 'In 2020 China paid about $150 per 1,000 cubic meters of Russian pipeline gas.',
    asOf: '2020',
    quantities: [{ value: 150, unit: 'USD per 1,000 m3', year: 2020, label: 'gas price' }],
  }),
  claim({
    id: 'pos-cost',
    entities: ['power-of-siberia'],
    kind: 'estimate',
    text: "Gazprom's investment in the pipeline was estimated at 1.1 trillion rubles, about $55 billion.",
    quantities: [
      { value: 1.1, unit: 'RUB trillion', label: 'construction cost (estimated)' },
      { value: 55, unit: 'USD billion', label: 'construction cost (estimated)' },
    ],
  }),
];

export const SPFS: Claim[] = [
  claim({
    id: 'spfs-banks',
    entities: ['spfs'],
    text: 'More than 400 banks were connected to SPFS by 2021.',
    asOf: '2021',
    quantities: [{ value: 400, unit: 'banks', year: 2021, label: 'connected banks (more than)' }],
  }),
  claim({
    id: 'spfs-share',
    entities: ['spfs'],
    text: 'SPFS was being used for about 20 percent of settlements inside Russia.',
    quantities: [{ value: 20, unit: 'percent', label: 'share of domestic settlements' }],
  }),
  claim({
    id: 'spfs-target',
    entities: ['spfs'],
    kind: 'statement',
    attributedTo: 'Izvestiia',
    text: 'Izvestiia reported in April 2021 that SPFS was expected to handle 30% of the traffic by 2023.',
    asOf: '2021-04',
    quantities: [{ value: 30, unit: 'percent', year: 2023, label: 'expected share of traffic' }],
  }),
];

export const TRADE: Claim[] = [
  claim({
    id: 'trade-2019',
    entities: ['russia-china-trade'],
    text: 'Trade between Russia and China reached $107 billion in 2019.',
    asOf: '2019',
    quantities: [{ value: 107, unit: 'USD billion', year: 2019, label: 'bilateral trade' }],
  }),
  claim({
    id: 'rate',
    entities: ['ruble'],
    text: 'The ruble fell to 70 rubles per dollar.',
    quantities: [{ value: 70, unit: 'RUB per USD', label: 'exchange rate' }],
  }),
  claim({
    id: 'reserves',
    entities: ['central-bank'],
    text: 'Russia put nearly 15 percent of its currency reserves into yuan.',
    quantities: [{ value: 15, unit: 'percent', label: 'share of reserves in yuan (nearly)' }],
  }),
  claim({
    id: 'national-currencies',
    entities: ['russia-china-trade'],
    text: 'In 2014 only 2–3 percent of bilateral trade was settled in national currencies.',
    asOf: '2014',
    quantities: [
      { value: 2, unit: 'percent', year: 2014, label: 'share in national currencies (low end)' },
      { value: 3, unit: 'percent', year: 2014, label: 'share in national currencies (high end)' },
    ],
  }),
];

export const CR929: Claim[] = [
  claim({
    id: 'cr929-seats',
    entities: ['cr929'],
    text: 'The CR929 was designed to seat 280 passengers in its basic version.',
    quantities: [{ value: 280, unit: 'passengers', label: 'seats in the basic version' }],
  }),
  claim({
    id: 'cr929-range',
    entities: ['cr929'],
    text: 'It was to fly 12,000 km without refuelling.',
    quantities: [{ value: 12000, unit: 'km', label: 'range' }],
  }),
  claim({
    id: 'cr929-first-flight',
    entities: ['cr929'],
    text: 'The original plan foresaw a first flight in 2023.',
    quantities: [{ value: 2023, unit: 'year', label: 'planned first flight' }],
  }),
];

export const VOSTOK: Claim[] = [
  claim({
    id: 'vostok-2018',
    entities: ['vostok-2018'],
    text: 'Vostok 2018 involved some 300,000 Russian troops and 3,200 Chinese soldiers.',
    asOf: '2018',
    quantities: [
      { value: 300000, unit: 'troops', year: 2018, label: 'Russian troops' },
      { value: 3200, unit: 'troops', year: 2018, label: 'Chinese troops' },
    ],
  }),
];

export const ALL: Claim[] = [...POWER_OF_SIBERIA, ...SPFS, ...TRADE, ...CR929, ...VOSTOK];
