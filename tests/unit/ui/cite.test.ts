import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim, Source } from '../../../lib/model/schema';
import type { ClaimView } from '../../../lib/shared/protocol';
import {
  bibtex,
  claimHtml,
  claimText,
  cslJson,
  encodeFragmentTerm,
  fragmentText,
  passageUrl,
} from '../../../lib/ui/cite';
import { CslData } from '../../fixtures/csl-data-schema';
import { parseBibtex } from '../../fixtures/bibtex';

const PACK = join(import.meta.dirname, '../../../data/pack');
const sources = JSON.parse(readFileSync(join(PACK, 'sources.json'), 'utf8')) as Source[];
const claimsOf = (file: string) => JSON.parse(readFileSync(join(PACK, 'claims', file), 'utf8')) as Claim[];
const view = (file: string, id: string): ClaimView => {
  const c = claimsOf(file).find((x) => x.id === id)!;
  return { ...c, source: sources.find((s) => s.id === c.citation.source)! };
};

/** A report's claim with a footnote and the secondary source it cites. */
const report = view('balzer-3-2-energy.json', 'exports-to-china-76-percent-hydrocarbons');
/** A claim of the anonymous essay: no author, publisher, date or public page. */
const essay = view('essay.json', 'essay-different-directions');
const REPORT_URL =
  'https://www.atlanticcouncil.org/in-depth-research-reports/report/axis-of-collusion-the-fragile-putin-xi-partnership/';

describe('plain text and HTML of a claim', () => {
  it('writes a report claim with its attribution, date, section, note, secondary source and link', () => {
    expect(claimText(report)).toBe(
      [
        'In Sino-Russian trade in 2019, hydrocarbons and other minerals made up 76 percent of what Russia sold to China, and timber another 8 percent.',
        'Fact · as of 2019',
        'Source: Harley Balzer, “Axis of Collusion: The Fragile Putin–Xi Partnership”, Atlantic Council, 2021, ' +
          'section “Little positive energy from the energy partnership”, note 49 (citing Ishikawa, Nikkei Asia, 2019), ' +
          'at “Hydrocarbons and other minerals constituted 76 percent of Russian exports”. ' +
          `${REPORT_URL}#:~:text=Hydrocarbons%20and%20other%20minerals%20constituted%2076%20percent%20of%20Russian%20exports`,
      ].join('\n'),
    );
  });

  it('writes the anonymous essay as untitled, author unknown, undated, with no link', () => {
    expect(claimText(essay)).toBe(
      [
        essay.text,
        'Assessment · by The anonymous author of the essay · as of 2021',
        'Source: [Untitled essay on Putin and Xi (second part of a series)], author unknown, undated, section “Part 1”, ' +
          'at “Pursuing the same goal, the retention of personal power”.',
      ].join('\n'),
    );
    expect(claimText(essay)).not.toContain('http');
    expect(claimText(essay)).not.toContain('null');
  });

  it('says "said by" for a statement', () => {
    const c = view('balzer-0-intro.json', 'partnership-peaked-russian-analysts');
    expect(claimText(c).split('\n')[1]).toBe(
      'Statement · said by A growing number of Russian analysts, as summarised by Harley Balzer · as of 2021',
    );
  });

  it('gives HTML with the source linked at the passage, everything escaped', () => {
    expect(claimHtml(report)).toBe(
      `<blockquote><p>${report.text}</p><p><small>Fact · as of 2019</small></p>` +
        `<p><small>Source: <a href="${REPORT_URL}#:~:text=Hydrocarbons%20and%20other%20minerals%20constituted%2076%20percent%20of%20Russian%20exports">` +
        'Harley Balzer, “Axis of Collusion: The Fragile Putin–Xi Partnership”, Atlantic Council, 2021</a>, ' +
        'section “Little positive energy from the energy partnership”, note 49 (citing Ishikawa, Nikkei Asia, 2019), ' +
        'at “Hydrocarbons and other minerals constituted 76 percent of Russian exports”.</small></p></blockquote>',
    );
    const hostile = { ...essay, text: '<img src=x onerror=alert(1)> & "q"', anchor: 'a <b> c' };
    const html = claimHtml(hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;');
    expect(html).toContain('at “a &lt;b&gt; c”');
    expect(html).not.toContain('<a ');
  });
});

describe('CSL-JSON', () => {
  it('maps the report to a CSL report item with its section and note, valid against csl-data.json', () => {
    const items = JSON.parse(cslJson(report));
    expect(items).toEqual([
      {
        id: 'balzer-2021',
        type: 'report',
        title: 'Axis of Collusion: The Fragile Putin–Xi Partnership',
        section: 'Little positive energy from the energy partnership',
        author: [{ family: 'Balzer', given: 'Harley' }],
        publisher: 'Atlantic Council',
        issued: { 'date-parts': [[2021]] },
        URL: REPORT_URL,
        note: 'note 49; citing Ishikawa, Nikkei Asia, 2019',
      },
    ]);
    expect(CslData.safeParse(items).success).toBe(true);
  });

  it('maps the essay with no author, date or URL, saying so in the note, valid too', () => {
    const items = JSON.parse(cslJson(essay));
    expect(items).toEqual([
      {
        id: 'putin-xi-essay',
        type: 'article',
        genre: 'essay',
        title: 'Untitled essay on Putin and Xi (second part of a series)',
        section: 'Part 1',
        note: 'author unknown; undated',
      },
    ]);
    expect(CslData.safeParse(items).success).toBe(true);
  });

  it('carries a page as the CSL page variable, and the schema refuses what CSL does not define', () => {
    const paged = { ...report, citation: { ...report.citation, page: 12, footnotes: [3, 4], secondary: undefined } };
    const [item] = JSON.parse(cslJson(paged));
    expect(item.page).toBe(12);
    expect(item.note).toBe('notes 3, 4');
    expect(CslData.safeParse([item]).success).toBe(true);
    // The schema is strict: the check above can fail.
    expect(CslData.safeParse([{ ...item, anchor: 'x' }]).success).toBe(false);
    expect(CslData.safeParse([{ ...item, type: 'essay' }]).success).toBe(false);
    expect(CslData.safeParse([{ ...item, author: [{ name: 'Balzer' }] }]).success).toBe(false);
  });
});

describe('BibTeX', () => {
  it('writes the report as @techreport, and it parses back to the source record', () => {
    const text = bibtex(report);
    expect(text).toBe(
      [
        '@techreport{balzer-2021,',
        '  author = {Balzer, Harley},',
        '  title = {{Axis of Collusion: The Fragile Putin–Xi Partnership}},',
        '  institution = {Atlantic Council},',
        '  year = {2021},',
        `  url = {${REPORT_URL}},`,
        '  note = {Section “Little positive energy from the energy partnership”; note 49; citing Ishikawa, Nikkei Asia, 2019}',
        '}',
        '',
      ].join('\n'),
    );
    expect(parseBibtex(text)).toEqual([
      {
        type: 'techreport',
        key: 'balzer-2021',
        fields: {
          author: 'Balzer, Harley',
          title: report.source.title,
          institution: 'Atlantic Council',
          year: '2021',
          url: REPORT_URL,
          note: 'Section “Little positive energy from the energy partnership”; note 49; citing Ishikawa, Nikkei Asia, 2019',
        },
      },
    ]);
  });

  it('writes the essay as @misc with no author or year', () => {
    const [entry] = parseBibtex(bibtex(essay));
    expect(entry).toEqual({
      type: 'misc',
      key: 'putin-xi-essay',
      fields: {
        title: 'Untitled essay on Putin and Xi (second part of a series)',
        type: 'Essay',
        note: 'Section “Part 1”; author unknown; undated',
      },
    });
  });

  it('escapes the special characters so that the entry still parses to the same text', () => {
    const odd = {
      ...essay,
      source: { ...essay.source, title: 'R&D {50%} of $1 #2 a_b ~c^d \\e' },
      citation: { ...essay.citation, section: 'Part {1}', page: 7 },
    };
    const text = bibtex(odd);
    expect(text).toContain('title = {{R\\&D \\{50\\%\\} of \\$1 \\#2 a\\_b \\~{}c\\^{}d \\textbackslash{}e}}');
    const [entry] = parseBibtex(text);
    expect(entry!.fields['title']).toBe(odd.source.title);
    expect(entry!.fields['pages']).toBe('7');
    expect(entry!.fields['note']).toBe('Section “Part {1}”; author unknown; undated');
  });
});

describe('the link to the passage', () => {
  it('encodes a text directive as the spec asks: -, & and , are percent-encoded', () => {
    expect(encodeFragmentTerm('Sino-Russian, A & B')).toBe('Sino%2DRussian%2C%20A%20%26%20B');
    expect(encodeFragmentTerm("it's (so)!*~")).toBe('it%27s%20%28so%29%21%2A%7E');
  });

  it('keeps the whole anchor when nothing in it can differ on the public page', () => {
    expect(fragmentText('Serious collaboration began in 2014', {})).toBe('Serious collaboration began in 2014');
    expect(fragmentText('The Chinese side has consistently rebuffed Russian proposals.', {})).toBe(
      'The Chinese side has consistently rebuffed Russian proposals',
    );
  });

  it('cuts the anchor at quotes and apostrophes, keeping the longest stretch of four words or more', () => {
    expect(fragmentText("Xi's first foreign trip was to Russia in March 2013", {})).toBe(
      'first foreign trip was to Russia in March 2013',
    );
    expect(fragmentText('Bobo Lo\'s "axis of convenience" was a valuable paradigm', {})).toBe(
      'was a valuable paradigm',
    );
    expect(fragmentText('Putin\'s "pivot to Asia" in 2014', {})).toBe(undefined);
    expect(fragmentText("Gorbachev's reforms were a disaster for Russia's economy", {})).toBe(
      'reforms were a disaster for',
    );
    expect(fragmentText('"axis of collusion/connivance" may be a more appropriate description', {})).toBe(
      'may be a more appropriate description',
    );
  });

  it('with a footnote, cuts where a marker may sit (after punctuation), never inside a sentence otherwise', () => {
    const a = 'The Chinese side has rebuffed proposals. Putin would prefer more';
    expect(fragmentText(a, { footnotes: [3] })).toBe('The Chinese side has rebuffed proposals');
    expect(fragmentText(a, {})).toBe(a);
    expect(fragmentText('In 2019, exports rose fast', { footnotes: [1] })).toBe(undefined);
    expect(fragmentText('In 2019, exports rose fast', {})).toBe('In 2019, exports rose fast');
  });

  it('links the report at the passage, a PDF or an unfindable anchor at the page alone, the essay not at all', () => {
    expect(passageUrl(report)).toBe(
      `${REPORT_URL}#:~:text=Hydrocarbons%20and%20other%20minerals%20constituted%2076%20percent%20of%20Russian%20exports`,
    );
    const pdf = { ...report, source: { ...report.source, url: 'https://example.org/files/report.PDF' } };
    expect(passageUrl(pdf)).toBe('https://example.org/files/report.PDF');
    expect(passageUrl({ ...report, anchor: 'Russia\'s "pivot"' })).toBe(REPORT_URL);
    expect(passageUrl({ ...report, source: { ...report.source, url: 'https://x.org/a#top' } })).toBe(
      'https://x.org/a#:~:text=Hydrocarbons%20and%20other%20minerals%20constituted%2076%20percent%20of%20Russian%20exports',
    );
    expect(passageUrl({ ...report, source: { ...report.source, url: 'javascript:alert(1)' } })).toBe(undefined);
    expect(passageUrl(essay)).toBe(undefined);
  });
});
