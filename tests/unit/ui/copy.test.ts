// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClaimView } from '../../../lib/shared/protocol';
import { copyToClipboard } from '../../../lib/ui/clipboard';
import { claimForKey, copyKey } from '../../../lib/ui/CopyActions';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const key = (k: string, over: Partial<KeyboardEvent> & { target?: EventTarget } = {}) =>
  ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    repeat: false,
    target: document.body,
    ...over,
  }) as KeyboardEvent;

describe('the copy keys', () => {
  it('c, b and j ask for text, BibTeX and CSL-JSON; with a modifier, repeated or typed into a field, nothing', () => {
    expect([copyKey(key('c')), copyKey(key('b')), copyKey(key('j'))]).toEqual(['text', 'bibtex', 'csl']);
    expect(copyKey(key('C'))).toBeUndefined();
    expect(copyKey(key('c', { ctrlKey: true }))).toBeUndefined();
    expect(copyKey(key('c', { metaKey: true }))).toBeUndefined();
    expect(copyKey(key('c', { altKey: true }))).toBeUndefined();
    expect(copyKey(key('c', { repeat: true }))).toBeUndefined();
    expect(copyKey(key('x'))).toBeUndefined();
    const input = document.createElement('input');
    expect(copyKey(key('c', { target: input }))).toBeUndefined();
  });

  it('act on the claim that holds the focus, else the first', () => {
    document.body.innerHTML =
      '<ul><li data-claim="a"><button id="ba">Copy</button></li><li data-claim="b"><button id="bb">Copy</button></li></ul><p id="out">x</p>';
    const claims = [{ id: 'a' }, { id: 'b' }] as ClaimView[];
    expect(claimForKey(document.getElementById('bb'), claims)?.id).toBe('b');
    expect(claimForKey(document.getElementById('ba'), claims)?.id).toBe('a');
    expect(claimForKey(document.getElementById('out'), claims)?.id).toBe('a');
    expect(claimForKey(null, [])).toBeUndefined();
  });
});

describe('copying to the clipboard', () => {
  it('writes text and HTML in one item when the Clipboard API can', async () => {
    const write = vi.fn(async (_items: ClipboardItem[]) => undefined);
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { clipboard: { write, writeText } });
    vi.stubGlobal(
      'ClipboardItem',
      class {
        constructor(readonly items: Record<string, Blob>) {}
      },
    );
    await copyToClipboard('plain', '<b>html</b>');
    expect(writeText).not.toHaveBeenCalled();
    const item = write.mock.calls[0]![0][0] as unknown as { items: Record<string, Blob> };
    expect(Object.keys(item.items)).toEqual(['text/plain', 'text/html']);
    expect(await item.items['text/plain']!.text()).toBe('plain');
    expect(await item.items['text/html']!.text()).toBe('<b>html</b>');
  });

  it('falls back to writeText when an HTML item is refused', async () => {
    const writeText = vi.fn(async (_t: string) => undefined);
    vi.stubGlobal('navigator', { clipboard: { write: async () => Promise.reject(new Error('no')), writeText } });
    vi.stubGlobal('ClipboardItem', class {});
    await copyToClipboard('plain', '<b>html</b>');
    expect(writeText).toHaveBeenCalledWith('plain');
  });

  it('without a Clipboard API, sets both types on the copy command’s event, and says so when refused', async () => {
    vi.stubGlobal('navigator', {});
    const set: Record<string, string> = {};
    const exec = vi.fn(() => {
      const e = new Event('copy', { bubbles: true, cancelable: true }) as ClipboardEvent;
      Object.defineProperty(e, 'clipboardData', { value: { setData: (k: string, v: string) => (set[k] = v) } });
      document.dispatchEvent(e);
      return true;
    });
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true });
    await copyToClipboard('plain', '<b>html</b>');
    expect(set).toEqual({ 'text/plain': 'plain', 'text/html': '<b>html</b>' });
    // The browser refuses (no copy event): the caller hears it.
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    await expect(copyToClipboard('plain')).rejects.toThrow('the browser refused to copy');
  });
});
