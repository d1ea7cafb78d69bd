// @vitest-environment happy-dom
/**
 * Blocks → matcher → ranges, on markup: names across inline tags, never
 * across blocks, nothing from skipped regions or attributes, and every range
 * covering exactly the matched text.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { compileIndex } from '../../../lib/matcher/compile';
import { collectBlocks, rangeFor } from '../../../lib/matcher/dom';
import { createMatcher } from '../../../lib/matcher/scan';
import { ENTITIES } from '../../fixtures/matcher-pack';

const matcher = createMatcher(compileIndex(ENTITIES));

/** [entity, matched text] for every hit in the body; asserts each range's text equals the match. */
function marks(html: string, skip?: (el: Element) => boolean): [string, string][] {
  document.body.innerHTML = html;
  const out: [string, string][] = [];
  for (const block of collectBlocks(document.body, skip ? { skip } : {})) {
    for (const m of matcher.scan(block.text, block.lang ? { lang: block.lang } : undefined)) {
      const text = block.text.slice(m.start, m.end);
      expect(rangeFor(block, m.start, m.end).toString()).toBe(text);
      out.push([m.entity, text]);
    }
  }
  return out;
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('names across inline elements', () => {
  it.each([
    ['<p><a href="#">Motor</a> Sich said</p>', [['motor-sich', 'Motor Sich']]],
    ['<p><b>Power</b> of Siberia</p>', [['power-of-siberia', 'Power of Siberia']]],
    ['<p>Gas via <b>Power</b> of <i>Sib</i>eria now</p>', [['power-of-siberia', 'Power of Siberia']]],
    ['<p><span>CR</span>-<span>929</span> jet</p>', [['cr929', 'CR-929']]],
    ['<p>глава <em>Газ</em>пром<strong>а</strong></p>', [['gazprom', 'Газпрома']]],
    ['<p><a href="/x"><span><b>S</b>PFS</span></a>系统</p>', [['spfs', 'SPFS']]],
    ['<p>西伯利亚<span>力量</span>管道</p>', [['power-of-siberia', '西伯利亚力量']]],
    ['<p>Power<!-- a comment --> of Siberia</p>', [['power-of-siberia', 'Power of Siberia']]],
    ['<p><b></b>Motor<i></i> Sich<u></u>\u2019s buyers</p>', [['motor-sich', 'Motor Sich\u2019s']]],
    [
      '<p><abbr title="x">SPFS</abbr> and <sup>1</sup> <mark>SWIFT</mark> for banks</p>',
      [
        ['spfs', 'SPFS'],
        ['swift', 'SWIFT'],
      ],
    ],
    ['<p>Power\n  of\n  Siberia</p>', [['power-of-siberia', 'Power\n  of\n  Siberia']]],
    ['<p>Gaz<wbr>prom<wbr>bank</p>', [['gazprombank', 'Gazprombank']]],
  ] as const)('%s', (html, want) => {
    expect(marks(html)).toEqual(want);
  });
});

describe('ruby annotations', () => {
  it('are left out of the text, so the base characters form the name; the range spans the annotations', () => {
    document.body.innerHTML = '<p><ruby>习<rp>(</rp><rt>xí</rt><rp>)</rp>近<rt>jìn</rt>平<rt>píng</rt></ruby>主席</p>';
    const [block] = collectBlocks(document.body);
    expect(block!.text).toBe('习近平主席');
    const [m] = matcher.scan(block!.text);
    expect(m).toMatchObject({ entity: 'xi-jinping', start: 0, end: 3 });
    const r = rangeFor(block!, m!.start, m!.end);
    expect([r.startContainer.nodeValue, r.startOffset, r.endContainer.nodeValue, r.endOffset]).toEqual([
      '习',
      0,
      '平',
      1,
    ]);
  });
});

describe('never across blocks', () => {
  it.each([
    ['<h1>Power</h1><p>of Siberia</p>', [['siberia', 'Siberia']]],
    ['<p>Power<br>of Siberia</p>', [['siberia', 'Siberia']]],
    ['<p>Power of<hr>Siberia</p>', [['siberia', 'Siberia']]],
  ] as const)('%s: only the place', (html, want) => {
    expect(marks(html)).toEqual(want);
  });

  it.each([
    ['<ul><li>Motor</li><li>Sich</li></ul>'],
    ['<table><tr><td>CR</td><td>929</td></tr></table>'],
    ['<div>Motor</div><div>Sich</div>'],
    ['<p>Motor</p>Sich'],
    ['<dl><dt>Motor</dt><dd>Sich</dd></dl>'],
    ['<blockquote>Motor</blockquote>Sich'],
  ])('%s', (html) => {
    expect(marks(html)).toEqual([]);
  });

  it('but finds a whole name inside each block', () => {
    expect(
      marks('<h1>SPFS</h1><p>Motor Sich</p><ul><li>CR929</li></ul><table><tr><td>Gazprom</td></tr></table>'),
    ).toEqual([
      ['spfs', 'SPFS'],
      ['motor-sich', 'Motor Sich'],
      ['cr929', 'CR929'],
      ['gazprom', 'Gazprom'],
    ]);
  });
});

describe('regions never scanned', () => {
  it.each([
    ['script', '<script>var a = "SPFS";</script>'],
    ['style', '<style>.SPFS { color: red }</style>'],
    ['noscript', '<noscript>SPFS</noscript>'],
    ['template', '<template><p>SPFS</p></template>'],
    ['textarea', '<textarea>SPFS</textarea>'],
    ['input', '<input value="SPFS">'],
    ['select', '<select><option>SPFS</option></select>'],
    ['code', '<p>use <code>SPFS</code> here</p>'],
    ['pre', '<pre>SPFS</pre>'],
    ['svg', '<svg><text>SPFS</text></svg>'],
    ['math', '<math><mi>SPFS</mi></math>'],
    ['contenteditable', '<div contenteditable>SPFS</div>'],
    ['contenteditable="true"', '<div contenteditable="true"><p>SPFS</p></div>'],
    ['contenteditable="plaintext-only"', '<div contenteditable="plaintext-only">SPFS</div>'],
    ['contenteditable="TRUE"', '<div contenteditable="TRUE"><b>SPFS</b></div>'],
    ['an island inside an editable region', '<div contenteditable><span contenteditable="false">SPFS</span></div>'],
    ['attributes', '<p title="SPFS" data-x="Gazprom" aria-label="Motor Sich"><img alt="CR929" src="x.png"></p>'],
    ['a comment', '<p><!-- SPFS --></p>'],
    ['the own UI host', '<factlens-card><p>SPFS</p></factlens-card>'],
  ])('%s', (_what, html) => {
    expect(marks(html, (el) => el.localName === 'factlens-card')).toEqual([]);
  });

  it('scans what is around them, and contenteditable="false"', () => {
    expect(
      marks(
        '<p>SPFS <code>x</code> and <textarea>VTB</textarea> Gazprom</p><div contenteditable="false">Motor Sich</div>',
      ),
    ).toEqual([
      ['spfs', 'SPFS'],
      ['gazprom', 'Gazprom'],
      ['motor-sich', 'Motor Sich'],
    ]);
  });

  it('does not join the words on both sides of a skipped element', () => {
    expect(marks('<p>Motor<code>x</code> Sich</p>')).toEqual([]);
  });
});

describe('language of a block', () => {
  it('is the nearest lang attribute, and the text still matches in any language', () => {
    document.body.innerHTML = '<div lang="uk"><p>Мотор Січ</p><p lang="zh">马达西奇</p></div><p>Motor Sich</p>';
    const blocks = collectBlocks(document.body);
    expect(blocks.map((b) => b.lang)).toEqual(['uk', 'zh', undefined]);
    expect(blocks.map((b) => matcher.scan(b.text, b.lang ? { lang: b.lang } : undefined).map((m) => m.entity))).toEqual(
      [['motor-sich'], ['motor-sich'], ['motor-sich']],
    );
  });
});

describe('rangeFor', () => {
  it('covers [start, end) of a block over any number of nodes', () => {
    document.body.innerHTML = '<p>a<b>bc</b><i></i>d<span>ef<u>g</u></span>h</p>';
    const [block] = collectBlocks(document.body);
    expect(block!.text).toBe('abcdefgh');
    for (let s = 0; s < 8; s++)
      for (let e = s + 1; e <= 8; e++) expect(rangeFor(block!, s, e).toString()).toBe('abcdefgh'.slice(s, e));
  });
});
