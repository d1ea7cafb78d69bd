/**
 * What a person types into "Add a site", as a site-list entry: a host
 * ("example.com"), a domain with its subdomains ("*.example.com"), a path
 * prefix ("example.com/news"), or a pasted address ("https://www.example.com/news/"),
 * which becomes its host and path.
 */
import { checkSiteEntry } from '../shared/sites';

export type SiteInput = { ok: true; entry: string } | { ok: false; error: string };

export function normaliseSiteInput(raw: string): SiteInput {
  let text = raw.trim();
  if (!text) return { ok: false, error: 'empty' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, error: 'not an address' };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'only http and https sites' };
    const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
    text = url.hostname + path;
  }
  return checkSiteEntry(text);
}
