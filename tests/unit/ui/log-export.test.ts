import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim, Source } from '../../../lib/model/schema';
import type { ClaimView, LogEntry } from '../../../lib/shared/protocol';
import { claimText } from '../../../lib/ui/cite';
import { entryToClaimReview, logToCsv, logToMarkdown, logToWebAnnotation } from '../../../lib/ui/log-export';

const PACK = join(import.meta.dirname, '../../../data/pack');
const sources = JSON.parse(readFileSync(join(PACK, 'sources.json'), 'utf8')) as Source[];
const view = (file: string, id: string): ClaimView => {
  const c = (JSON.parse(readFileSync(join(PACK, 'claims', file), 'utf8')) as Claim[]).find((x) => x.id === id)!;
  return { ...c, source: sources.find((s) => s.id === c.citation.source)! };
};
const report = view('balzer-3-2-energy.json', 'exports-to-china-76-percent-hydrocarbons');
const essay = view('essay.json', 'essay-different-directions');
const claims = new Map([report, essay].map((c) => [c.id, c]));
const REPORT_URL =
  'https://www.atlanticcouncil.org/in-depth-research-reports/report/axis-of-collusion-the-fragile-putin-xi-partnership/';
const PASSAGE = `${REPORT_URL}#:~:text=Hydrocarbons%20and%20other%20minerals%20constituted%2076%20percent%20of%20Russian%20exports`;

const differs: LogEntry = {
  id: 1,
  at: Date.UTC(2026, 0, 15, 9, 30),
  entity: 'sino-russian-trade',
  entityName: 'Sino-Russian trade',
  claims: [report.id, 'gone-claim'],
  url: 'https://news.example/trade?id=1',
  host: 'news.example',
  title: 'Trade, "booming"',
  mention: 'Sino-Russian trade',
  context: 'In 2019 Sino-Russian trade was 90 percent hydrocarbons.',
  differs: [
    {
      claim: report.id,
      pageText: '90 percent',
      pageValue: 90,
      sourceValue: 76,
      unit: 'percent',
      year: 2019,
      agrees: false,
    },
  ],
};
const essayEntry: LogEntry = {
  id: 2,
  at: Date.UTC(2026, 0, 16, 12, 0),
  entity: 'vladimir-putin',
  entityName: 'Vladimir Putin',
  claims: [essay.id],
  url: 'https://blog.example/p',
  host: 'blog.example',
  title: '=HYPERLINK("x")',
  mention: '',
  context: '',
  differs: [],
};

describe('CSV', () => {
  it('writes one row per entry, quoted per RFC 4180, with formulas defused', () => {
    expect(logToCsv([differs, essayEntry], claims)).toBe(
      'time,entity,page_title,page_url,site,mention,claims,sources,figure_differs\r\n' +
        '2026-01-15T09:30:00.000Z,Sino-Russian trade,"Trade, ""booming""",https://news.example/trade?id=1,news.example,' +
        'Sino-Russian trade,exports-to-china-76-percent-hydrocarbons gone-claim,' +
        '"Harley Balzer, “Axis of Collusion: The Fragile Putin–Xi Partnership”, Atlantic Council, 2021",90 percent vs 76 percent\r\n' +
        '2026-01-16T12:00:00.000Z,Vladimir Putin,"\'=HYPERLINK(""x"")",https://blog.example/p,blog.example,,' +
        'essay-different-directions,' +
        '"[Untitled essay on Putin and Xi (second part of a series)], author unknown, undated",\r\n',
    );
  });
});

describe('Markdown', () => {
  it('lists each entry with its page, the differing figure and its claims, the essay with no link', () => {
    const out = logToMarkdown([differs, essayEntry], claims);
    expect(out).toBe(
      [
        '# Factlens reading log',
        '',
        '## Sino-Russian trade — 2026-01-15T09:30:00.000Z',
        '',
        'Page: [Trade, "booming"](https://news.example/trade?id=1) — mention “Sino-Russian trade”',
        '',
        '**Figure differs:** the page says 90 percent, the source 76 percent (2019).',
        '',
        `- ${report.text}  `,
        '  Fact · as of 2019  ',
        '  Source: Harley Balzer, “Axis of Collusion: The Fragile Putin–Xi Partnership”, Atlantic Council, 2021, ' +
          'section “Little positive energy from the energy partnership”, note 49 (citing Ishikawa, Nikkei Asia, 2019), ' +
          `at “Hydrocarbons and other minerals constituted 76 percent of Russian exports”. [Open](${PASSAGE})`,
        '- Claim `gone-claim` (no longer installed)',
        '',
        '## Vladimir Putin — 2026-01-16T12:00:00.000Z',
        '',
        'Page: [=HYPERLINK("x")](https://blog.example/p)',
        '',
        `- ${essay.text}  `,
        '  Assessment · by The anonymous author of the essay · as of 2021  ',
        '  Source: \\[Untitled essay on Putin and Xi (second part of a series)\\], author unknown, undated, section “Part 1”, at “Pursuing the same goal, the retention of personal power”.',
        '',
      ].join('\n'),
    );
  });
});

describe('W3C Web Annotation', () => {
  it('targets the page with a TextQuoteSelector for the mention, and carries the claims with their sources', () => {
    const doc = JSON.parse(logToWebAnnotation([differs, essayEntry], claims));
    expect(doc).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 2,
      first: { type: 'AnnotationPage', startIndex: 0 },
    });
    const [a, b] = doc.first.items;
    expect(a).toEqual({
      id: 'urn:factlens:reading-log:1768469400000:sino-russian-trade',
      type: 'Annotation',
      motivation: 'describing',
      created: '2026-01-15T09:30:00.000Z',
      generator: { type: 'Software', name: 'Factlens' },
      body: [
        { type: 'TextualBody', value: claimText(report), format: 'text/plain', language: 'en', purpose: 'describing' },
        { id: PASSAGE, type: 'Text', purpose: 'linking' },
      ],
      target: {
        source: 'https://news.example/trade?id=1',
        selector: {
          type: 'TextQuoteSelector',
          exact: 'Sino-Russian trade',
          prefix: 'In 2019 ',
          suffix: ' was 90 percent hydrocarbons.',
        },
      },
    });
    // No mention kept: the page alone; the essay's source has no page to link.
    expect(b.target).toEqual({ source: 'https://blog.example/p' });
    expect(b.body).toEqual([
      { type: 'TextualBody', value: claimText(essay), format: 'text/plain', language: 'en', purpose: 'describing' },
    ]);
  });
});

describe('schema.org ClaimReview', () => {
  it('reviews the page’s sentence against the cited source, only for an entry whose figure differs', () => {
    expect(entryToClaimReview(essayEntry, claims)).toBeUndefined();
    const says =
      'The page gives 90 percent; the source (Harley Balzer, “Axis of Collusion: The Fragile Putin–Xi Partnership”, Atlantic Council, 2021) gives 76 percent for 2019.';
    expect(JSON.parse(entryToClaimReview(differs, claims)!)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      datePublished: '2026-01-15',
      claimReviewed: 'In 2019 Sino-Russian trade was 90 percent hydrocarbons.',
      itemReviewed: {
        '@type': 'Claim',
        appearance: { '@type': 'CreativeWork', url: 'https://news.example/trade?id=1', headline: 'Trade, "booming"' },
      },
      author: { '@type': 'Organization', name: 'Factlens reader (automatic figure check)' },
      reviewRating: {
        '@type': 'Rating',
        alternateName: 'Figure differs from the cited source',
        ratingExplanation: says,
      },
      reviewBody: says,
      citation: [
        {
          '@type': 'Report',
          name: 'Axis of Collusion: The Fragile Putin–Xi Partnership',
          author: { '@type': 'Person', name: 'Harley Balzer' },
          publisher: { '@type': 'Organization', name: 'Atlantic Council' },
          datePublished: '2021',
          url: PASSAGE,
        },
      ],
    });
  });
});
