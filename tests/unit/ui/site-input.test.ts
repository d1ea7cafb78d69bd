import { describe, expect, it } from 'vitest';
import { normaliseSiteInput } from '../../../lib/ui/site-input';

describe('what a person types as a site', () => {
  it.each([
    ['example.com', 'example.com'],
    ['  Example.COM ', 'example.com'],
    ['*.example.com', '*.example.com'],
    ['example.com/news', 'example.com/news'],
    ['https://www.example.com/', 'www.example.com'],
    ['https://www.example.com/news/world/', 'www.example.com/news/world'],
    ['http://example.com/a?b=c#d', 'example.com/a'],
  ])('%j → %j', (input, entry) => {
    expect(normaliseSiteInput(input)).toEqual({ ok: true, entry });
  });

  it.each(['', '   ', 'not a site!', 'ftp://example.com', 'https://', 'exa mple.com', '*.', 'javascript:alert(1)'])(
    'rejects %j',
    (input) => {
      const r = normaliseSiteInput(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).not.toBe('');
    },
  );
});
