// @vitest-environment happy-dom
/**
 * Marking in a DOM: the overlay's scan over real markup, with the matcher
 * compiled from a small alias list.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { compileIndex } from '../../../lib/matcher/compile';
import { createMatcher } from '../../../lib/matcher/scan';
import { MarkIndex } from '../../../lib/content/marks';
import { scanRoot } from '../../../lib/content/scanner';
import { UI_TAG } from '../../../lib/shared/ui-tag';
import type { Entity } from '../../../lib/model/schema';

const entities: Entity[] = [
  {
    id: 'power-of-siberia',
    name: 'Power of Siberia',
    type: 'pipeline',
    description: 'd',
    aliases: [
      { text: 'Power of Siberia', lang: 'en' },
      { text: 'Сила Сибири', lang: 'ru' },
    ],
    related: [],
    categories: ['energy'],
  },
  {
    id: 'spfs',
    name: 'SPFS',
    type: 'payment-system',
    description: 'd',
    aliases: [{ text: 'SPFS', lang: 'abbr', caseSensitive: true }],
    related: [],
    categories: ['finance'],
  },
  {
    id: 'motor-sich',
    name: 'Motor Sich',
    type: 'company',
    description: 'd',
    aliases: [{ text: 'Motor Sich', lang: 'en', caseSensitive: true }],
    related: [],
    categories: ['aviation'],
  },
  {
    id: 'cr929',
    name: 'CR929',
    type: 'aircraft',
    description: 'd',
    aliases: [{ text: 'CR929', lang: 'abbr' }],
    related: [],
    categories: ['aviation'],
  },
];
const matcher = createMatcher(compileIndex(entities));

function mark(html: string) {
  document.body.innerHTML = html;
  const marks = new MarkIndex();
  const found = scanRoot(document.body, matcher, marks);
  return { marks, found, texts: found.map((m) => `${m.entity}:${m.range.toString()}`) };
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('marking a page', () => {
  it('matches a name split across inline tags, with a range over both nodes', () => {
    const { found, texts } = mark('<p>Gas flows through <b>Power</b> of Siberia now.</p>');
    expect(texts).toEqual(['power-of-siberia:Power of Siberia']);
    const r = found[0]!.range;
    expect(r.startContainer.parentElement!.tagName).toBe('B');
    expect(r.endContainer.nodeValue).toBe(' of Siberia now.');
  });

  it('matches across links and keeps possessives and hyphenated codes', () => {
    const { texts } = mark(`<p><a href="#">Motor</a> Sich and Motor Sich's buyers; the CR-929 and CR929.</p>`);
    expect(texts).toEqual(['motor-sich:Motor Sich', "motor-sich:Motor Sich's", 'cr929:CR-929', 'cr929:CR929']);
  });

  it('never matches across block boundaries', () => {
    const { texts } = mark('<h1>Power</h1><p>of Siberia</p><div>Motor</div><div>Sich</div>');
    expect(texts).toEqual([]);
  });

  it('leaves textarea, script, style, code, pre, inputs and editable regions alone', () => {
    const { texts } = mark(`
      <textarea>Power of Siberia</textarea>
      <script>var s = "SPFS";</script>
      <style>.SPFS { color: red }</style>
      <code>SPFS</code><pre>CR929</pre>
      <input value="SPFS"><select><option>SPFS</option></select>
      <div contenteditable="true"><p>Motor Sich</p></div>
      <svg><text>SPFS</text></svg>
      <${UI_TAG}><p>SPFS</p></${UI_TAG}>
      <p title="SPFS" data-x="Power of Siberia">Only this SPFS counts.</p>`);
    expect(texts).toEqual(['spfs:SPFS']);
  });

  it('leaves the DOM exactly as it was', () => {
    const html = '<p>The <b>Power</b> of Siberia and SPFS.</p>';
    document.body.innerHTML = html;
    scanRoot(document.body, matcher, new MarkIndex());
    expect(document.body.innerHTML).toBe(html);
  });

  it('honours case-sensitive aliases and mutes', () => {
    expect(mark('<p>spfs and Spfs are not SPFS.</p>').texts).toEqual(['spfs:SPFS']);
    expect(mark('<p>ob der Motor sich dreht</p>').texts).toEqual([]);
    document.body.innerHTML = '<p>SPFS and CR929</p>';
    const found = scanRoot(document.body, matcher, new MarkIndex(), { hidden: new Set(['spfs']) });
    expect(found.map((m) => m.entity)).toEqual(['cr929']);
  });

  it('marks only the first mention when asked, and keeps the sentence around each', () => {
    document.body.innerHTML = '<p>SPFS grew. Later SPFS grew again.</p><p>CR929 and SPFS.</p>';
    const found = scanRoot(document.body, matcher, new MarkIndex(), { firstMentionOnly: true });
    expect(found.map((m) => m.entity)).toEqual(['spfs', 'cr929']);
    expect(found[0]!.context).toBe('SPFS grew.');
  });

  it('finds marks by text node for hit-testing and by element for keyboard focus', () => {
    const { marks } = mark('<p>See <a id="a" href="#">Motor Sich</a> and SPFS.</p>');
    expect(marks.inside(document.getElementById('a')!)?.entity).toBe('motor-sich');
    expect(marks.counts()).toEqual(
      new Map([
        ['motor-sich', 1],
        ['spfs', 1],
      ]),
    );
    const removed = marks.removeWithin([document.getElementById('a')!]);
    expect(removed.map((m) => m.entity)).toEqual(['motor-sich']);
    expect(marks.all.map((m) => m.entity)).toEqual(['spfs']);
  });
});
