/**
 * The user's settings and the site-list model (after Dark Reader: a default,
 * plus one list of exceptions for each default). Pure functions only.
 */
import { z } from 'zod';

/**
 * A site entry: `example.com` (that host only), `*.example.com` (the domain and
 * all its subdomains) or `example.com/news` (a path prefix on that host).
 */
const SITE_ENTRY = /^(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:]+\])(\/[^\s*?#]*)?$/;

export const SiteEntry = z
  .string()
  .trim()
  .toLowerCase()
  .max(300)
  .refine((s) => SITE_ENTRY.test(s), 'a site is "example.com", "*.example.com" or "example.com/path"');

export const MarkStyle = z.enum(['underline', 'background', 'none']);
export const Theme = z.enum(['auto', 'light', 'dark']);

export const SettingsSchema = z.strictObject({
  /** Global pause when false. */
  active: z.boolean().default(true),
  /** true: everywhere except `disabledFor`; false: only on `enabledFor`. */
  enabledByDefault: z.boolean().default(true),
  disabledFor: z.array(SiteEntry).max(5000).default([]),
  enabledFor: z.array(SiteEntry).max(5000).default([]),
  markStyle: MarkStyle.default('underline'),
  firstMentionOnly: z.boolean().default(false),
  dwellMs: z.number().int().min(0).max(2000).default(200),
  theme: Theme.default('auto'),
  hiddenCategories: z.array(z.string().max(40)).max(50).default([]),
  /** Entity ids muted everywhere. */
  muted: z.array(z.string().max(80)).max(5000).default([]),
});

export type Settings = z.infer<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Keeps every valid field of a stored or imported object, defaults for the rest. */
export function normaliseSettings(value: unknown): Settings {
  const r = SettingsSchema.safeParse(value ?? {});
  if (r.success) return r.data;
  const out: Record<string, unknown> = {};
  const obj = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  for (const key of Object.keys(SettingsSchema.shape) as (keyof Settings)[]) {
    const field = SettingsSchema.shape[key].safeParse(obj[key]);
    if (field.success) out[key] = field.data;
  }
  return SettingsSchema.parse(out);
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
  return { host: m[2]!, subdomains: !!m[1], path: m[3] ?? '' };
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
  return s.enabledByDefault ? !s.disabledFor.some((e) => entryMatches(e, u)) : s.enabledFor.some((e) => entryMatches(e, u));
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
