/**
 * The matcher against the labelled set: exact spans for every positive case,
 * nothing at all for every negative one.
 */
import { describe, expect, it } from 'vitest';
import { compileIndex } from '../../../lib/matcher/compile';
import { createMatcher } from '../../../lib/matcher/scan';
import { NEGATIVE, POSITIVE, type Case } from '../../fixtures/matcher-cases';
import { ENTITIES } from '../../fixtures/matcher-pack';

const matcher = createMatcher(compileIndex(ENTITIES));

/** Strips `{id|text}` markers, returning the plain text and the expected spans. */
export function parseCase(marked: string): {
  text: string;
  spans: { entity: string; start: number; end: number; text: string }[];
} {
  let text = '';
  const spans: { entity: string; start: number; end: number; text: string }[] = [];
  const re = /\{([a-z0-9-]+)\|([^}]*)\}/g;
  let last = 0;
  for (const m of marked.matchAll(re)) {
    text += marked.slice(last, m.index);
    const start = text.length;
    text += m[2];
    spans.push({ entity: m[1]!, start, end: text.length, text: m[2]! });
    last = m.index! + m[0].length;
  }
  text += marked.slice(last);
  return { text, spans };
}

const run = (c: Case) => {
  const { text } = parseCase(c.text);
  return matcher
    .scan(text, c.lang ? { lang: c.lang } : undefined)
    .map((m) => ({ entity: m.entity, start: m.start, end: m.end, text: text.slice(m.start, m.end) }));
};

describe('labelled set', () => {
  it('has at least 150 positive and 150 negative cases in four languages', () => {
    expect(POSITIVE.length).toBeGreaterThanOrEqual(150);
    expect(NEGATIVE.length).toBeGreaterThanOrEqual(150);
    for (const lang of ['ru', 'uk']) {
      expect(POSITIVE.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(8);
      expect(NEGATIVE.filter((c) => c.lang === lang).length).toBeGreaterThanOrEqual(8);
    }
    const cjk = (c: Case) => /[\u4e00-\u9fff]/.test(c.text);
    expect(POSITIVE.filter(cjk).length).toBeGreaterThanOrEqual(15);
    expect(NEGATIVE.filter(cjk).length).toBeGreaterThanOrEqual(15);
    expect(POSITIVE.every((c) => c.text.includes('{'))).toBe(true);
    expect(NEGATIVE.every((c) => !c.text.includes('{'))).toBe(true);
  });

  describe('positive cases: exact spans', () => {
    it.each(POSITIVE.map((c) => [c.why, c] as const))('%s', (_why, c) => {
      expect(run(c)).toEqual(parseCase(c.text).spans);
    });
  });

  describe('negative cases: no hit', () => {
    it.each(NEGATIVE.map((c) => [c.why, c] as const))('%s', (_why, c) => {
      expect(run(c)).toEqual([]);
    });
  });
});

describe('offsets into the original text', () => {
  // Full-width letters, a ligature and a decomposed letter before and after
  // every positive case: the spans move by exactly the prefix's length.
  const prefix = 'Ｆｕｌｌ ﬁle ' + 'й'.normalize('NFD') + ' — ';
  const suffix = ' ﬃ Ｗｉｄｅ';
  it.each(POSITIVE.map((c) => [c.why, c] as const))('%s', (_why, c) => {
    const { text, spans } = parseCase(c.text);
    const shifted = prefix + text + suffix;
    const got = matcher
      .scan(shifted, c.lang ? { lang: c.lang } : undefined)
      .map((m) => ({ entity: m.entity, start: m.start, end: m.end, text: shifted.slice(m.start, m.end) }));
    expect(got).toEqual(spans.map((s) => ({ ...s, start: s.start + prefix.length, end: s.end + prefix.length })));
  });
});

describe('the match record', () => {
  it('names the alias as the pack writes it, even for an inflected form or a code variant', () => {
    const alias = (t: string) => matcher.scan(t).map((m) => m.alias);
    expect(alias('управляет Силой Сибири')).toEqual(['Сила Сибири']);
    expect(alias('the CR 929 jet')).toEqual(['CR929']);
    expect(alias('the Vostok exercises')).toEqual(['Vostok exercise']);
    expect(alias('акції Мотор Січі')).toEqual(['Мотор Січ']);
  });

  it('works from an index that went through JSON (the message to the content script)', () => {
    const index = compileIndex(ENTITIES);
    expect(index.v).toBe(1);
    const copy = createMatcher(JSON.parse(JSON.stringify(index)));
    const text = 'Gas via Power of Siberia; SPFS系统; Мотор Січі; the CR-929.';
    expect(copy.scan(text)).toEqual(matcher.scan(text));
    expect(copy.scan(text).map((m) => m.entity)).toEqual(['power-of-siberia', 'spfs', 'motor-sich', 'cr929']);
  });

  it('reads an index compiled before the capital-word count (u): then not all lower case', () => {
    const index = compileIndex(ENTITIES);
    for (const p of index.patterns) delete p.u;
    const old = createMatcher(index);
    expect(old.scan('Xi jinping').map((m) => m.entity)).toEqual(['xi-jinping']);
    expect(old.scan('xi jinping')).toEqual([]);
  });
});

describe('the capitalisation rule without caseSensitive', () => {
  // Motor Sich as a pack author might write it, without caseSensitive: the
  // German sentence is still no hit, because the alias capitalises two words.
  const loose = createMatcher(
    compileIndex([
      {
        id: 'motor-sich',
        name: 'Motor Sich',
        aliases: [
          { text: 'Motor Sich', lang: 'en' },
          { text: 'Мотор Сич', lang: 'ru' },
        ],
      },
    ]),
  );
  const hits = (t: string) => loose.scan(t).map((m) => t.slice(m.start, m.end));
  it.each([
    ['ob der Motor sich dreht, weiß niemand'],
    ['Der Motor sich selbst überlassen'],
    ['Motor sich drehen'],
    ['the motor sich words'],
    ['Мотор сич'],
  ])('no hit: %s', (t) => expect(hits(t)).toEqual([]));
  it.each([
    ['Motor Sich said', 'Motor Sich'],
    ['MOTOR SICH SAID', 'MOTOR SICH'],
    ['Motor SICH', 'Motor SICH'],
    ['Ob der Motor Sich', 'Motor Sich'],
    ['завод МОТОР СИЧ', 'МОТОР СИЧ'],
    // The word that tells the name apart is capitalised, or the name stands in quotation marks.
    ['мотор Сич', 'мотор Сич'],
    ['акции «Мотор сич» упали', 'Мотор сич'],
  ])('hit: %s', (t, want) => expect(hits(t)).toEqual([want]));
});
