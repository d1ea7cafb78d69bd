import { describe, expect, it } from 'vitest';
import {
  checkClaim,
  checkFidelity,
  extractNumbers,
  findAnchor,
  loadSourceTexts,
  makeSourceDoc,
  normaliseSourceText,
  numberMatches,
  figureCoverage,
  SourceTextsMissingError,
  type FidelityReport,
  type SourceTexts,
} from '../../../../tools/kb/fidelity';
import { loadPack } from '../../../../tools/kb/load';
import { parsePack, type Claim, type Pack } from '../../../../lib/model/schema';

const emptyReport = (): FidelityReport => ({
  issues: [],
  claimsChecked: 0,
  anchorsFound: 0,
  numbersChecked: 0,
  numbersFound: 0,
  details: [],
});
const cfg = { file: 'x.txt', pseudoSections: ['Part 1'], footnotes: 3 };

describe('normalisation of extracted source text', () => {
  it('undoes escaped dollars, superscript markers, running headers, hyphenation and curly quotes', () => {
    const raw =
      'China reneged on contributing \\$25 billion.⁵¹ Russia has been dis-\n\nappointed and al-\n\nAXIS OF COLLUSION: THE FRAGILE PUTIN-XI PARTNERSHIP\n\nlows it. He said “fast   lane” and ‘yes’.';
    const t = normaliseSourceText(raw);
    expect(t).toContain('contributing $25 billion. Russia');
    expect(t).toContain('has been disappointed and allows it.');
    expect(t).toContain('said "fast lane" and \'yes\'.');
    expect(t).not.toContain('AXIS OF COLLUSION');
  });

  it('finds anchors despite artefacts, and a hyphen-only difference as a fallback', () => {
    const doc = makeSourceDoc(
      'x',
      'At his meeting Putin claimed, “To-day, we maintain very deep relations.”¹² Rus-\nsian banks.',
      cfg,
    );
    expect(findAnchor(doc, '"Today, we maintain very deep relations."')).toHaveLength(1);
    expect(findAnchor(doc, 'Russian banks.')).toHaveLength(1);
    expect(findAnchor(doc, 'we maintain shallow relations')).toHaveLength(0);
  });
});

describe('numbers', () => {
  it('reads digits, scale words and number words', () => {
    const ns = extractNumbers(
      'In 2014 about $1.3 billion, 1,300 tonnes, 15% and the 324th place; twenty-two years, two-thirds.',
      { words: true },
    );
    const values = ns.map((n) => n.value);
    expect(values).toEqual(expect.arrayContaining([2014, 1.3, 1300, 15, 324, 22, 2 / 3]));
    expect(ns.find((n) => n.value === 1.3)?.abs).toBe(1.3e9);
    const words = (s: string) => extractNumbers(s, { words: true }).map((n) => n.value);
    expect(words('through forty-nine- and seventy-year leases')).toEqual([49, 70]);
    expect(words('ninety-one projects; Seven banks; two hundred firms')).toEqual([91, 7, 200]);
    expect(words('banks and billions')).toEqual([]);
  });

  it('reads both ends of a range and of a span, and the year of a date written without a space', () => {
    expect(extractNumbers('from 6.2-6.4 percent in 1997-98 and 2025/26').map((n) => n.value)).toEqual([
      6.2, 6.4, 1997, 98, 2025, 26,
    ]);
    expect(extractNumbers('China Daily, November 21,2019').map((n) => n.value)).toEqual([21, 2019]);
  });

  it('skips digits that belong to names', () => {
    const values = extractNumbers('The C919, the Su35, the S-400, COVID-19 and 7x7 in mid-2020.').map((n) => n.value);
    expect(values).toEqual([2020]);
  });

  it('matches 1.3 billion with 1,300 million, and a number glued to a footnote marker', () => {
    const [src] = extractNumbers('about $1.3 billion');
    const [claim] = extractNumbers('some 1,300 million dollars');
    expect(numberMatches(claim!.value, claim!.abs, src!)).toBe(true);
    const glued = extractNumbers('Qatar $275.53 Given the')[0]!;
    expect(numberMatches(275, undefined, glued)).toBe(true);
    expect(numberMatches(276, undefined, glued)).toBe(false);
  });
});

describe('the checker catches mistakes', () => {
  const doc = makeSourceDoc(
    'src',
    'Section A\nIn 2020, Russia provided 4.1 billion cubic meters, at an average price of \\$150.2 per 1,000 cubic meters. The Kazan project could pay for itself within twenty-two years.',
    cfg,
  );
  const good: Claim = {
    id: 'c',
    entities: ['e'],
    text: 'Russia supplied 4.1 billion cubic metres in 2020 at an average of $150.2 per 1,000 cubic metres.',
    kind: 'fact',
    quantities: [{ value: 150.2, unit: 'USD per 1,000 m3' }],
    citation: { source: 'src', section: 'Section A', footnotes: [2] },
    anchor: 'Russia provided 4.1 billion cubic meters',
  };
  const run = (c: Claim) => {
    const r = emptyReport();
    checkClaim(c, doc, r);
    return r.issues.filter((i) => i.level === 'error').map((i) => i.message);
  };

  it('accepts a faithful claim', () => {
    expect(run(good)).toEqual([]);
    expect(
      run({
        ...good,
        text: 'It could repay itself in 22 years.',
        quantities: [{ value: 22, unit: 'years' }],
        anchor: 'within twenty-two years',
      }),
    ).toEqual([]);
  });
  it('reports an anchor that is not in the source', () => {
    expect(run({ ...good, anchor: 'Russia provided 5.1 billion cubic meters' })).toEqual([
      expect.stringMatching(/anchor not found/),
    ]);
  });
  it('reports a number in the text that the source does not have near the anchor', () => {
    expect(run({ ...good, text: good.text.replace('150.2', '151.2') })).toEqual([
      expect.stringMatching(/number 151\.2 is not in src/),
    ]);
  });
  it('reports a quantity the source does not have', () => {
    expect(run({ ...good, quantities: [{ value: 152, unit: 'USD' }] })).toEqual([
      expect.stringMatching(/quantities\[0\]\.value 152/),
    ]);
  });
  it('reports an unknown section, a footnote that does not exist, and copied text', () => {
    expect(run({ ...good, citation: { source: 'src', section: 'Section B' } })).toEqual([
      expect.stringMatching(/section "Section B"/),
    ]);
    expect(run({ ...good, citation: { ...good.citation, footnotes: [4] } })).toEqual([
      expect.stringMatching(/footnote 4 does not exist/),
    ]);
    expect(
      run({
        ...good,
        text: 'In 2020, Russia provided 4.1 billion cubic meters, at an average price of $150.2 per 1,000 cubic meters.',
      }),
    ).toEqual([expect.stringMatching(/repeats \d+ consecutive words/)]);
  });
});

describe('source texts', () => {
  it('fails with a clear message when they are missing', () => {
    expect(() => loadSourceTexts('/nonexistent/seeds')).toThrow(SourceTextsMissingError);
    expect(() => loadSourceTexts('/nonexistent/seeds')).toThrow(
      /source texts not found at \/nonexistent\/seeds.*FACTLENS_SEEDS/,
    );
  });
});

describe('the bundled pack against its sources', () => {
  // No skipping: without the seeds every test here fails with
  // "source texts not found at …; set FACTLENS_SEEDS …".
  let cached: { pack: Pack; texts: SourceTexts; report: FidelityReport } | undefined;
  const setup = () => {
    if (cached) return cached;
    const texts = loadSourceTexts();
    const parsed = parsePack(loadPack().pack);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    cached = { pack: parsed.pack, texts, report: checkFidelity(parsed.pack, texts) };
    return cached;
  };

  it('finds every anchor in its source', () => {
    const { pack, report } = setup();
    expect(report.issues.filter((i) => /anchor not found/.test(i.message))).toEqual([]);
    expect(report.anchorsFound).toBe(pack.claims.length);
  });
  it('finds every number near its anchor', () => {
    const { pack, report } = setup();
    expect(report.issues.filter((i) => /number|quantities/.test(i.message) && i.level === 'error')).toEqual([]);
    expect(report.numbersFound).toBe(report.numbersChecked);
    expect(report.numbersChecked).toBeGreaterThan(pack.claims.length);
  });
  it('has no fidelity errors at all (sections, footnotes, copied text)', () => {
    expect(setup().report.issues.filter((i) => i.level === 'error')).toEqual([]);
  });
  it('covers every figure of both source texts', () => {
    const { pack, texts } = setup();
    for (const c of figureCoverage(pack, texts)) {
      expect(
        c.uncovered.map((f) => `${f.raw}: ${f.context}`),
        c.source,
      ).toEqual([]);
      expect(c.distinct).toBeGreaterThan(10);
    }
  });
  it('catches a corrupted copy of the bundled pack', () => {
    const { pack, texts } = setup();
    const bad = pack.claims.map((c, i) =>
      i === 0
        ? { ...c, anchor: 'this phrase is in neither document' }
        : i === 1
          ? { ...c, text: `${c.text} It cost 987654 dollars.` }
          : c,
    );
    const r = checkFidelity({ claims: bad }, texts);
    const errs = r.issues.filter((i) => i.level === 'error');
    expect(errs.some((e) => e.claim === pack.claims[0]!.id && /anchor not found/.test(e.message))).toBe(true);
    expect(errs.some((e) => e.claim === pack.claims[1]!.id && /987654/.test(e.message))).toBe(true);
  });
});
