/**
 * The site-list model (after Dark Reader: a default, plus one list of
 * exceptions for each default). Pure functions, no dependencies: the popup,
 * the options page and the background all use them.
 */
import type { Settings } from '../model/settings';

/**
 * A site entry: `example.com` (that host only), `*.example.com` (the domain and
 * all its subdomains) or `example.com/news` (a path prefix on that host).
 */
const HOST = '[a-z0-9-]+(?:\\.[a-z0-9-]+)*';
/** `*.` goes with a host name only: the browser refuses `*.[::1]` as a match pattern (and registration with it). */
const SITE_ENTRY = new RegExp(`^(?:\\*\\.(${HOST})|(${HOST}|\\[[0-9a-f:]+\\]))(\\/[^\\s*?#]*)?$`);
export const MAX_SITE_ENTRY = 300;
export const SITE_ENTRY_RULE = 'a site is "example.com", "*.example.com" or "example.com/path"';

/** Is this (trimmed, lower-case) text a site entry? */
export const isSiteEntry = (s: string): boolean => SITE_ENTRY.test(s);

/** The entry as stored (trimmed, lower case), or the reason it is not one. */
export function checkSiteEntry(raw: string): { ok: true; entry: string } | { ok: false; error: string } {
  const s = raw.trim().toLowerCase();
  if (s.length > MAX_SITE_ENTRY) return { ok: false, error: `a site entry has at most ${MAX_SITE_ENTRY} characters` };
  return isSiteEntry(s) ? { ok: true, entry: s } : { ok: false, error: SITE_ENTRY_RULE };
}

export interface ParsedEntry {
  host: string;
  subdomains: boolean;
  path: string;
}

export function parseEntry(entry: string): ParsedEntry {
  const e = entry.trim().toLowerCase();
  const m = SITE_ENTRY.exec(e);
  if (!m) throw new Error(`not a site entry: "${entry}"`);
  return { host: (m[1] ?? m[2])!, subdomains: m[1] !== undefined, path: m[3] ?? '' };
}

/** Does `entry` cover this http(s) URL? */
export function entryMatches(entry: string, url: URL): boolean {
  const p = parseEntry(entry);
  const host = url.hostname.toLowerCase();
  const hostOk = p.subdomains ? host === p.host || host.endsWith('.' + p.host) : host === p.host;
  return hostOk && (p.path === '' || url.pathname.toLowerCase().startsWith(p.path));
}

export function isHttpUrl(url: string | URL | undefined): url is string | URL {
  if (!url) return false;
  try {
    const u = new URL(String(url));
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Whether Factlens runs on this URL under these settings. */
export function isEnabledFor(s: Settings, url: string): boolean {
  if (!s.active || !isHttpUrl(url)) return false;
  const u = new URL(url);
  return s.enabledByDefault
    ? !s.disabledFor.some((e) => entryMatches(e, u))
    : s.enabledFor.some((e) => entryMatches(e, u));
}

/** The entry the popup's site switch adds for a page: its host (without `www.`: the whole domain). */
export function entryForUrl(url: string): string {
  const host = new URL(url).hostname.toLowerCase();
  return host.startsWith('www.') ? `*.${host.slice(4)}` : host;
}

/** Switches Factlens on or off for the page's site, returning new settings. */
export function setSiteEnabled(s: Settings, url: string, enabled: boolean): Settings {
  const u = new URL(url);
  if (s.enabledByDefault) {
    const kept = s.disabledFor.filter((e) => !entryMatches(e, u));
    return { ...s, disabledFor: enabled ? kept : [...kept, entryForUrl(url)] };
  }
  const kept = s.enabledFor.filter((e) => !entryMatches(e, u));
  return { ...s, enabledFor: enabled ? [...kept, entryForUrl(url)] : kept };
}

/** A site entry as WebExtension match patterns. */
export function toMatchPatterns(entry: string): string[] {
  const p = parseEntry(entry);
  const host = p.subdomains ? `*.${p.host}` : p.host;
  return [`*://${host}${p.path || '/'}*`];
}

/** What `scripting.registerContentScripts` needs, or null when the script must not run anywhere. */
export function contentScriptTargets(s: Settings): { matches: string[]; excludeMatches: string[] } | null {
  if (!s.active) return null;
  if (s.enabledByDefault) {
    return { matches: ['http://*/*', 'https://*/*'], excludeMatches: s.disabledFor.flatMap(toMatchPatterns) };
  }
  if (s.enabledFor.length === 0) return null;
  return { matches: s.enabledFor.flatMap(toMatchPatterns), excludeMatches: [] };
}
