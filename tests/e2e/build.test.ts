/**
 * Checks on the built extensions: manifest, permissions, bundle sizes, the
 * bundled pack asset, and Mozilla's linter on the Firefox build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, ROOT, requireBuild } from '../../tools/e2e/chromium';
import { FIREFOX_BUILD } from '../../tools/e2e/firefox';

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

describe('the Chrome MV3 build', () => {
  it('asks for the least it needs', () => {
    const m = manifest(requireBuild());
    expect(m.manifest_version).toBe(3);
    expect([...(m.permissions ?? [])].sort()).toEqual(['activeTab', 'scripting']);
    // Asked for only when the reader turns on "open PDF links in Factlens" (docs/adr/0010-open-pdf-links.md).
    expect(m.optional_permissions).toEqual(['webNavigation']);
    expect(m.minimum_chrome_version).toBe('105');
    expect([...(m.host_permissions ?? [])].sort()).toEqual(['http://*/*', 'https://*/*']);
    // Registered at runtime, in step with the site list: none in the manifest.
    expect(m.content_scripts ?? []).toEqual([]);
    expect(m.content_security_policy?.extension_pages ?? "script-src 'self'").not.toMatch(
      /unsafe-eval|unsafe-inline|https?:/,
    );
  });

  it('ships the bundled pack as a content-hashed asset, without the source documents', () => {
    const pm = JSON.parse(readFileSync(join(CHROME_BUILD, 'pack/manifest.json'), 'utf8'));
    expect(pm.file).toMatch(/^pack\/factlens-core\.\d+\.\d+\.\d+\.[0-9a-f]{16}\.json$/);
    const pack = JSON.parse(readFileSync(join(CHROME_BUILD, pm.file), 'utf8'));
    expect(pack.entities.length).toBe(pm.entities);
    expect(pack.claims.length).toBe(pm.claims);
    const seeds = join(ROOT, '../shared/seeds');
    if (existsSync(seeds)) {
      // A long sentence of a source must not be in the asset.
      const text = readFileSync(join(seeds, '003_97cf8c4e015b960b.txt'), 'utf8');
      const sample = text.split(/(?<=\.)\s+/).find((s) => s.length > 120)!;
      expect(readFileSync(join(CHROME_BUILD, pm.file), 'utf8')).not.toContain(sample.slice(0, 100));
    }
  });

  it('keeps the content script under 20 KB gzip', () => {
    const js = readFileSync(join(CHROME_BUILD, 'content-scripts/content.js'));
    const gz = gzipSync(js, { level: 9 }).length;
    console.log(`content script: ${js.length} bytes, ${gz} bytes gzip`);
    expect(gz).toBeLessThanOrEqual(20 * 1024);
  });
});

describe('the Firefox build', () => {
  it('builds and passes web-ext lint with 0 errors', () => {
    requireBuild(FIREFOX_BUILD);
    const m = manifest(FIREFOX_BUILD);
    expect(m.browser_specific_settings?.gecko?.id).toBeTruthy();
    expect(m.permissions).not.toContain('webNavigation');
    expect(m.optional_permissions).toEqual(['webNavigation']);
    let out: string;
    try {
      out = execFileSync(
        join(ROOT, 'node_modules/.bin/web-ext'),
        ['lint', '--source-dir', FIREFOX_BUILD, '--output', 'json', '--no-input', '--self-hosted'],
        { encoding: 'utf8', timeout: 120_000 },
      );
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out.slice(out.indexOf('{')));
    if (report.errors.length) console.log(report.errors);
    expect(report.errors).toEqual([]);
    console.log(
      `web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
    );
  });
});

/** Every file under `dir` whose name ends with one of `exts`, relative to `dir`. */
function filesIn(dir: string, exts: string[]): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => exts.some((e) => f.endsWith(e))).sort();
}

/**
 * Web addresses that may appear in the built scripts because they are never
 * fetched or run, each with the reason. Any other http(s) literal fails.
 */
const ALLOWED_URLS: [RegExp, string][] = [
  [
    /^http:\/\/www\.w3\.org\/(2000\/svg|1998\/Math\/MathML|1999\/xhtml|1999\/xlink|XML\/1998\/namespace)$/,
    'XML namespace names (Preact creates SVG and MathML elements with them)',
  ],
  [
    /^https?:\/\/json-schema\.org\/(draft-\d\d|draft\/\d{4}-\d\d)\/schema#?$/,
    "zod's JSON Schema export writes these as $schema identifiers",
  ],
  [
    /^https:\/\/developer\.mozilla\.org\/en-US\/docs\/Web\/API\/Element\/attachShadow#elements_you_can_attach_a_shadow_to$/,
    "a link in the text of an error message of WXT's shadow-root UI",
  ],
  [/^(https:\/\/tinyurl\.com\/y2uuvskb|http:\/\/bit\.ly\/2kdckMn)$/, "links in the text of Dexie's error messages"],
  [/^https?:\/\/\*\/\*$/, 'the match patterns the content script is registered for'],
  [
    /^(http:\/\/www\.w3\.org\/ns\/anno\.jsonld|https:\/\/schema\.org)$/,
    'the JSON-LD contexts the reading log export writes into its files (identifiers: nothing is fetched)',
  ],
  [
    /^http:\/\/(www\.xfa\.org\/schema\/[\w./-]+|ns\.adobe\.com\/(xdp|xdp\/pdf|xfdf|xmpmeta)\/|www\.w3\.org\/(1999\/XSL\/Transform|2000\/09\/xmldsig#))$/,
    "XML namespace names in pdf.js's parsers of a PDF's XFA forms and XMP metadata (the PDF viewer)",
  ],
  [
    /^(http:\/\/example\.com|https:\/\/foo\.bar|http:\/\/\$\{[\w$]+\})$/,
    "pdf.js: base addresses it parses a link's relative URL against, and the scheme it adds to a bare www. link; nothing is fetched",
  ],
  [
    /^http:\/\/\[\$\{[\w$]+\}\]$/,
    'zod checks an IPv6 address by parsing `http://[${address}]` with new URL: nothing is fetched',
  ],
];

/** Ways to run code that is not in the package: each must be absent from every built script. */
const REMOTE_CODE: [RegExp, string][] = [
  [/(?<![\w$.])eval\s*\(/, 'eval('],
  [/(?<![\w$.])(new\s+)?Function\s*\(\s*["'`]/, 'new Function("…")'],
  [/(?<![\w$.])importScripts\s*\(/, 'importScripts('],
  [/\bimport\s*\(\s*["'`]?(https?:)?\/\//, 'import() of a URL'],
  [/\b(setTimeout|setInterval)\s*\(\s*["'`]/, 'a timer with a string of code'],
  [/createElement\s*\(\s*["'`]script["'`]/, 'a <script> element made at run time'],
];

describe.each([
  [
    'Chrome MV3',
    CHROME_BUILD,
    (m: { content_security_policy?: { extension_pages?: string } }) => m.content_security_policy?.extension_pages,
  ],
  ['Firefox MV2', FIREFOX_BUILD, (m: { content_security_policy?: string }) => m.content_security_policy],
])('no remote code in the %s build', (_name, dir, csp) => {
  it("declares a strict CSP for the extension's pages: its own scripts only", () => {
    const m = manifest(requireBuild(dir));
    expect(csp(m)).toBe("script-src 'self'; object-src 'self'");
  });

  it('loads no script from elsewhere and evaluates no string', () => {
    const scripts = filesIn(dir, ['.js']);
    expect(scripts).toEqual(expect.arrayContaining(['background.js', 'card.js', 'content-scripts/content.js']));
    const found: string[] = [];
    for (const f of scripts) {
      const js = readFileSync(join(dir, f), 'utf8');
      for (const [re, what] of REMOTE_CODE) if (re.test(js)) found.push(`${f}: ${what}`);
      for (const [url] of js.matchAll(/https?:\/\/[^\s"'`)\\]*/g)) {
        if (!ALLOWED_URLS.some(([ok]) => ok.test(url))) found.push(`${f}: ${url}`);
      }
    }
    for (const f of filesIn(dir, ['.html'])) {
      const html = readFileSync(join(dir, f), 'utf8');
      // Only the package's own module scripts: no inline code, no address elsewhere.
      for (const [tag] of html.matchAll(/<script\b[^>]*>[^<]*<\/script>/g)) {
        if (!/^<script type="module" crossorigin src="\/chunks\/[\w-]+\.js"><\/script>$/.test(tag))
          found.push(`${f}: ${tag}`);
      }
      for (const [url] of html.matchAll(/\b(?:src|href)=["']?(?:https?:)?\/\/[^"'\s>]*/g)) found.push(`${f}: ${url}`);
    }
    expect(found).toEqual([]);
  });
});
