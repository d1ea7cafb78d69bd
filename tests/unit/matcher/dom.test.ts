// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  blockAround,
  collectBlocks,
  insideSkipped,
  iterBlocks,
  rangeFor,
  WALK_NODES,
  walkSteps,
} from '../../../lib/matcher/dom';

const blocks = (html: string) => {
  document.body.innerHTML = html;
  return collectBlocks(document.body).map((b) => b.text);
};

describe('text blocks', () => {
  it('joins inline elements and splits at blocks', () => {
    expect(blocks('<p>A <b>bold</b> <a href="#">link</a> <span><i>deep</i></span> end</p><p>next</p>')).toEqual([
      'A bold link deep end',
      'next',
    ]);
    expect(blocks('<h1>Power</h1><p>of Siberia</p>')).toEqual(['Power', 'of Siberia']);
    expect(blocks('<ul><li>one</li><li>two</li></ul>')).toEqual(['one', 'two']);
    expect(blocks('<table><tr><td>a</td><td>b</td></tr></table>')).toEqual(['a', 'b']);
    expect(blocks('<p>line one<br>line two</p>')).toEqual(['line one', 'line two']);
    expect(
      blocks('<p>before <div>inside</div> after</p>'.replace('<p>', '<section>').replace('</p>', '</section>')),
    ).toEqual(['before ', 'inside', ' after']);
  });

  it('skips code, forms, editable regions and SVG, but not contenteditable="false"', () => {
    expect(blocks('<p>a<code>b</code>c</p>')).toEqual(['a', 'c']);
    expect(blocks('<pre>x</pre><textarea>y</textarea><select><option>z</option></select><p>w</p>')).toEqual(['w']);
    expect(
      blocks(
        '<div contenteditable><p>no</p></div><div contenteditable="plaintext-only">no</div><div contenteditable="false"><p>yes</p></div>',
      ),
    ).toEqual(['yes']);
    expect(blocks('<svg><text>no</text></svg><math><mi>x</mi></math><p>yes</p>')).toEqual(['yes']);
    expect(blocks('<noscript>no</noscript><template><p>no</p></template><p>yes</p>')).toEqual(['yes']);
  });

  it('never reads attribute values', () => {
    expect(blocks('<p title="SPFS" data-x="Power of Siberia"><img alt="Gazprom">text</p>')).toEqual(['text']);
  });

  it('records the language of each block', () => {
    document.body.innerHTML = '<div lang="ru"><p>Газпром</p></div><p lang="zh-CN">中国</p><p>none</p>';
    expect(collectBlocks(document.body).map((b) => b.lang)).toEqual(['ru', 'zh-CN', undefined]);
  });

  it('honours a custom skip and knows when a node is inside a skipped region', () => {
    document.body.innerHTML =
      '<factlens-card><p>ui</p></factlens-card><p id="page">page</p><div contenteditable><b id="b">x</b></div>';
    expect(collectBlocks(document.body, { skip: (el) => el.localName === 'factlens-card' }).map((b) => b.text)).toEqual(
      ['page'],
    );
    expect(insideSkipped(document.getElementById('b')!)).toBe(true);
    expect(insideSkipped(document.getElementById('page')!)).toBe(false);
  });

  it('maps offsets back to ranges across nodes', () => {
    document.body.innerHTML = '<p>Gas via <b>Power</b> of <i>Sib</i>eria now</p>';
    const [b] = collectBlocks(document.body);
    const start = b!.text.indexOf('Power');
    const end = start + 'Power of Siberia'.length;
    const r = rangeFor(b!, start, end);
    expect(r.toString()).toBe('Power of Siberia');
    expect(r.startContainer.nodeValue).toBe('Power');
    expect(r.startOffset).toBe(0);
    expect(r.endContainer.nodeValue).toBe('eria now');
    expect(r.endOffset).toBe(4);
    // A range that starts exactly where a node ends begins in the next node.
    const r2 = rangeFor(b!, b!.text.indexOf(' of'), b!.text.indexOf(' of') + 3);
    expect(r2.startContainer.nodeValue).toBe(' of ');
    expect(r2.toString()).toBe(' of');
  });

  it('walks lazily and can start at the reader’s block, wrapping around, each block once', () => {
    document.body.innerHTML = '<h1>a</h1><p>b <b>c</b></p><div><p id="here">d</p><p>e</p></div><p>f</p>';
    const it = iterBlocks(document.body);
    expect(it.next().value?.text).toBe('a');
    const from = blockAround(document.getElementById('here')!.firstChild!)!;
    expect(from.id).toBe('here');
    expect([...iterBlocks(document.body, {}, from)].map((b) => b.text)).toEqual(['d', 'e', 'f', 'a', 'b c']);
    expect([...iterBlocks(document.body, {}, document.body)].map((b) => b.text)).toEqual(['a', 'b c', 'd', 'e', 'f']);
  });

  it('walks in steps of at most WALK_NODES nodes, pausing inside a block, with the same blocks', () => {
    // One paragraph of 3 × WALK_NODES inline nodes (a <b> and its text each), then short blocks.
    const words = Array.from({ length: 1.5 * WALK_NODES }, (_, k) => `<b>w${k}</b>`).join(' ');
    document.body.innerHTML = `<p>${words}</p><p>x</p><div><p>y <i>z</i></p></div>`;
    const whole = [...iterBlocks(document.body)];
    const steps = [...walkSteps(document.body)];
    const got = steps.filter((b) => b !== undefined);
    expect(got.map((b) => b.text)).toEqual(whole.map((b) => b.text));
    expect(got.map((b) => b.nodes.length)).toEqual(whole.map((b) => b.nodes.length));
    // The long paragraph needs a pause per WALK_NODES of its nodes; the short blocks after it none.
    const p = document.querySelector('p')!;
    let nodes = 1;
    for (const w = document.createTreeWalker(p); w.nextNode();) nodes++;
    expect(nodes).toBeGreaterThan(4 * WALK_NODES);
    const pauses = steps.findIndex((b) => b !== undefined);
    expect(pauses).toBeGreaterThanOrEqual(Math.floor(nodes / WALK_NODES) - 1);
    expect(pauses).toBeLessThanOrEqual(Math.ceil(nodes / WALK_NODES));
    expect(steps.slice(pauses)).not.toContain(undefined);
    // Started at the reader's block, the stepped walk wraps around like the plain one.
    const from = document.querySelectorAll('p')[2]!;
    expect([...walkSteps(document.body, {}, from)].filter((b) => b !== undefined).map((b) => b.text)).toEqual(
      [...iterBlocks(document.body, {}, from)].map((b) => b.text),
    );
  });

  it('asks no element for contenteditable when the subtree has none, and skips an editor when it has one', () => {
    document.body.innerHTML = '<p>one</p><div><p>two</p></div>' + '<span>x</span>'.repeat(50);
    const asked: string[] = [];
    const real = Element.prototype.hasAttribute;
    Element.prototype.hasAttribute = function (this: Element, name: string) {
      asked.push(name);
      return real.call(this, name);
    };
    try {
      expect(collectBlocks(document.body).map((b) => b.text)).toEqual(['one', 'two', 'x'.repeat(50)]);
      // Only the root and its ancestors (body, html) are asked, not the 53 elements inside.
      expect(asked.filter((a) => a === 'contenteditable')).toHaveLength(2);
      document.body.innerHTML = '<p>one</p><div><p contenteditable="true">two</p></div><p>three</p>';
      expect(collectBlocks(document.body).map((b) => b.text)).toEqual(['one', 'three']);
      expect(asked.filter((a) => a === 'contenteditable').length).toBeGreaterThan(2);
    } finally {
      Element.prototype.hasAttribute = real;
    }
  });
});
