/**
 * The matcher against the labelled set: exact spans for every positive case,
 * nothing at all for every negative one.
 */
import { describe, expect, it } from 'vitest';
import { compileIndex } from '../../../lib/matcher/compile';
import { createMatcher } from '../../../lib/matcher/scan';
import { NEGATIVE, POSITIVE, type Case } from './cases';
import { ENTITIES } from './fixture';

const matcher = createMatcher(compileIndex(ENTITIES));

/** Strips `{id|text}` markers, returning the plain text and the expected spans. */
export function parseCase(marked: string): { text: string; spans: { entity: string; start: number; end: number; text: string }[] } {
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
  return matcher.scan(text, c.lang ? { lang: c.lang } : undefined).map((m) => ({ entity: m.entity, start: m.start, end: m.end, text: text.slice(m.start, m.end) }));
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
