import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normaliseSettings } from '../../../lib/model/settings';
import {
  checkSiteEntry,
  contentScriptTargets,
  entryForUrl,
  entryMatches,
  isEnabledFor,
  parseEntry,
  setSiteEnabled,
  toMatchPatterns,
} from '../../../lib/shared/sites';

describe('site entries', () => {
  it('parses host, subdomain and path entries', () => {
    expect(parseEntry('example.com')).toEqual({ host: 'example.com', subdomains: false, path: '' });
    expect(parseEntry('*.Example.com')).toEqual({ host: 'example.com', subdomains: true, path: '' });
    expect(parseEntry('example.com/news')).toEqual({ host: 'example.com', subdomains: false, path: '/news' });
    expect(() => parseEntry('http://example.com')).toThrow(/not a site entry/);
    expect(() => parseEntry('exa mple.com')).toThrow();
  });

  it('takes an IPv6 address alone, never under "*." (the browser refuses *.[::1] as a match pattern)', () => {
    expect(parseEntry('[::1]')).toEqual({ host: '[::1]', subdomains: false, path: '' });
    expect(checkSiteEntry('*.[::1]')).toEqual({ ok: false, error: expect.stringMatching(/a site is/) });
    expect(normaliseSettings({ disabledFor: ['*.[::1]'] }).disabledFor).toEqual([]);
  });

  it('matches URLs by host, subdomain and path prefix', () => {
    const u = (s: string) => new URL(s);
    expect(entryMatches('example.com', u('https://example.com/a'))).toBe(true);
    expect(entryMatches('example.com', u('https://www.example.com/a'))).toBe(false);
    expect(entryMatches('*.example.com', u('https://www.example.com/a'))).toBe(true);
    expect(entryMatches('*.example.com', u('https://example.com/'))).toBe(true);
    expect(entryMatches('*.example.com', u('https://notexample.com/'))).toBe(false);
    expect(entryMatches('example.com/news', u('http://example.com/news/today'))).toBe(true);
    expect(entryMatches('example.com/news', u('http://example.com/sport'))).toBe(false);
    expect(entryMatches('127.0.0.1', u('http://127.0.0.1:8080/x'))).toBe(true);
  });

  it('turns entries into match patterns', () => {
    expect(toMatchPatterns('example.com')).toEqual(['*://example.com/*']);
    expect(toMatchPatterns('*.example.com')).toEqual(['*://*.example.com/*']);
    expect(toMatchPatterns('example.com/news')).toEqual(['*://example.com/news*']);
  });

  it('uses the whole domain for www hosts', () => {
    expect(entryForUrl('https://www.bbc.com/x')).toBe('*.bbc.com');
    expect(entryForUrl('http://127.0.0.1:4000/')).toBe('127.0.0.1');
  });
});

describe('enablement', () => {
  it('is on for every http(s) site on a fresh install, never elsewhere', () => {
    expect(isEnabledFor(DEFAULT_SETTINGS, 'https://news.example/a')).toBe(true);
    expect(isEnabledFor(DEFAULT_SETTINGS, 'http://127.0.0.1:3000/')).toBe(true);
    expect(isEnabledFor(DEFAULT_SETTINGS, 'chrome://extensions')).toBe(false);
    expect(isEnabledFor(DEFAULT_SETTINGS, 'file:///tmp/a.html')).toBe(false);
  });

  it('switches one site off and on again', () => {
    const off = setSiteEnabled(DEFAULT_SETTINGS, 'https://www.example.com/a', false);
    expect(off.disabledFor).toEqual(['*.example.com']);
    expect(isEnabledFor(off, 'https://example.com/b')).toBe(false);
    expect(isEnabledFor(off, 'https://other.org/')).toBe(true);
    const on = setSiteEnabled(off, 'https://example.com/', true);
    expect(on.disabledFor).toEqual([]);
    expect(isEnabledFor(on, 'https://example.com/b')).toBe(true);
  });

  it('in "only listed" mode runs only on listed sites', () => {
    const s = { ...DEFAULT_SETTINGS, enabledByDefault: false };
    expect(isEnabledFor(s, 'https://example.com/')).toBe(false);
    const on = setSiteEnabled(s, 'https://example.com/', true);
    expect(on.enabledFor).toEqual(['example.com']);
    expect(isEnabledFor(on, 'https://example.com/x')).toBe(true);
    expect(contentScriptTargets(on)).toEqual({ matches: ['*://example.com/*'], excludeMatches: [] });
    expect(contentScriptTargets(s)).toBeNull();
  });

  it('the global pause unregisters everything', () => {
    const paused = { ...DEFAULT_SETTINGS, active: false };
    expect(isEnabledFor(paused, 'https://example.com/')).toBe(false);
    expect(contentScriptTargets(paused)).toBeNull();
    expect(contentScriptTargets(setSiteEnabled(DEFAULT_SETTINGS, 'https://a.org/', false))).toEqual({
      matches: ['http://*/*', 'https://*/*'],
      excludeMatches: ['*://a.org/*'],
    });
  });

  it('keeps the valid fields of damaged settings', () => {
    const s = normaliseSettings({ markStyle: 'background', dwellMs: 'slow', disabledFor: ['ok.com'], junk: 1 });
    expect(s.markStyle).toBe('background');
    expect(s.dwellMs).toBe(DEFAULT_SETTINGS.dwellMs);
    expect(s.disabledFor).toEqual(['ok.com']);
    expect(normaliseSettings(null)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('the reading log setting', () => {
  it('is off by default and off in settings stored before it, and keeps a boolean only', () => {
    expect(DEFAULT_SETTINGS.readingLog).toBe(false);
    expect(normaliseSettings({ markStyle: 'none' }).readingLog).toBe(false);
    expect(normaliseSettings({ readingLog: true }).readingLog).toBe(true);
    expect(normaliseSettings({ readingLog: 'yes' }).readingLog).toBe(false);
  });
});

describe('the PDF links setting', () => {
  it('is off by default and off in settings stored before it, and keeps a boolean only', () => {
    expect(DEFAULT_SETTINGS.openPdfLinks).toBe(false);
    expect(normaliseSettings({ readingLog: true }).openPdfLinks).toBe(false);
    expect(normaliseSettings({ openPdfLinks: true }).openPdfLinks).toBe(true);
    expect(normaliseSettings({ openPdfLinks: 1 }).openPdfLinks).toBe(false);
  });
});

describe('settings of earlier versions', () => {
  it('reads the entities hidden everywhere under their old name, muted', () => {
    expect(normaliseSettings({ muted: ['spfs', 'vtb'] }).hiddenEntities).toEqual(['spfs', 'vtb']);
    expect(normaliseSettings({ muted: ['spfs'], hiddenEntities: ['vtb'] }).hiddenEntities).toEqual(['vtb']);
    expect(normaliseSettings({ muted: 'nonsense' }).hiddenEntities).toEqual([]);
  });
});
