import { describe, expect, it } from 'vitest';
import { sentenceAround } from '../../../lib/content/sentence';

const at = (text: string, word: string, max?: number) => {
  const i = text.indexOf(word);
  return sentenceAround(text, i, i + word.length, max);
};

describe('sentence around a mention', () => {
  it('cuts at sentence ends', () => {
    expect(at('First one. SPFS is Russia’s answer to SWIFT! Is it used? Yes.', 'SPFS')).toBe(
      'SPFS is Russia’s answer to SWIFT!',
    );
    expect(at('First one. Is SPFS used? Yes.', 'SPFS')).toBe('Is SPFS used?');
    expect(at('Only one sentence about SPFS', 'SPFS')).toBe('Only one sentence about SPFS');
  });

  it('does not cut at abbreviations, initials or decimals', () => {
    expect(at('First one. The U.S. sanctioned SPFS users in 2022. Last one.', 'SPFS')).toBe(
      'The U.S. sanctioned SPFS users in 2022.',
    );
    expect(at('Prices rose 1.3 percent. Dr. Balzer wrote about SPFS here. Next.', 'SPFS')).toBe(
      'Dr. Balzer wrote about SPFS here.',
    );
    expect(at('Before. H. Balzer and J. Smith wrote on SPFS. After.', 'SPFS')).toBe(
      'H. Balzer and J. Smith wrote on SPFS.',
    );
    expect(
      at('Before. Gazprom paid $1.3 bn. for Power of Siberia in Jan. 2020, i.e. early. After.', 'Power of Siberia'),
    ).toBe('Gazprom paid $1.3 bn. for Power of Siberia in Jan. 2020, i.e. early.');
    expect(at('Before. Motor Sich (see Fig. 3) makes engines, e.g. the D-18T. After.', 'Motor Sich')).toBe(
      'Motor Sich (see Fig. 3) makes engines, e.g. the D-18T.',
    );
    expect(at('Before. VTB, Sberbank etc. Then SPFS came. After.', 'SPFS')).toBe('Then SPFS came.');
    expect(at('Wait... SPFS was slow... and costly. After.', 'SPFS')).toBe('SPFS was slow... and costly.');
  });

  it('keeps closing quotes with their sentence', () => {
    expect(at('He said: “It is over.” SPFS stayed. After.', 'SPFS')).toBe('SPFS stayed.');
    expect(at('“SPFS is ready,” he said. After.', 'SPFS')).toBe('“SPFS is ready,” he said.');
    expect(at('Before (see above.) SPFS stayed.', 'SPFS')).toBe('SPFS stayed.');
  });

  it('splits Chinese and Japanese text on full-width punctuation, with or without spaces', () => {
    expect(at('第一句。俄罗斯的SPFS系统！第三句。', 'SPFS')).toBe('俄罗斯的SPFS系统！');
    expect(at('中俄签署了协议。“西伯利亚力量”管道于2019年开通？是的。', '西伯利亚力量')).toBe(
      '“西伯利亚力量”管道于2019年开通？',
    );
    expect(at('前の文。シベリアの力は長い。次の文。', 'シベリアの力')).toBe('シベリアの力は長い。');
  });

  it('handles Russian abbreviations and initials', () => {
    expect(at('Раньше. В 2014 г. Газпром подписал контракт с CNPC. Потом.', 'Газпром')).toBe(
      'В 2014 г. Газпром подписал контракт с CNPC.',
    );
    expect(at('Раньше. В. Путин и Си Цзиньпин подписали договор. Потом.', 'Путин')).toBe(
      'В. Путин и Си Цзиньпин подписали договор.',
    );
  });

  it('collapses white space and trims', () => {
    expect(at('  First.\n\n  The   Power of\nSiberia   pipeline.  ', 'Power of')).toBe(
      'The Power of Siberia pipeline.',
    );
  });

  it('keeps long sentences to a window around the mention, cut at words', () => {
    const long = `${'word '.repeat(200)}SPFS ${'word '.repeat(200)}`;
    const s = at(long, 'SPFS');
    expect(s.length).toBeLessThanOrEqual(400);
    expect(s).toContain('SPFS');
    expect(s.startsWith('word ')).toBe(true);
    expect(s.endsWith(' word')).toBe(true);
    // Near the start of a long sentence, the window spends its budget after the mention.
    const early = `SPFS ${'word '.repeat(300)}`;
    expect(at(early, 'SPFS', 100).length).toBeGreaterThan(90);
    expect(at(long, 'SPFS', 50).length).toBeLessThanOrEqual(50);
  });

  it('clamps offsets out of range', () => {
    expect(sentenceAround('One. Two.', -5, 100)).toBe('One. Two.');
    expect(sentenceAround('', 0, 0)).toBe('');
  });
});
