/**
 * Checks on the built extensions: manifest, permissions, bundle sizes, the
 * bundled pack asset, and Mozilla's linter on the Firefox build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, ROOT, requireBuild } from './support/chromium';
import { FIREFOX_BUILD } from './support/firefox';

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

describe('the Chrome MV3 build', () => {
  it('asks for the least it needs', () => {
    const m = manifest(requireBuild());
    expect(m.manifest_version).toBe(3);
    expect([...(m.permissions ?? [])].sort()).toEqual(['scripting']);
    expect([...(m.host_permissions ?? [])].sort()).toEqual(['http://*/*', 'https://*/*']);
    // Registered at runtime, in step with the site list: none in the manifest.
    expect(m.content_scripts ?? []).toEqual([]);
    expect(m.content_security_policy?.extension_pages ?? "script-src 'self'").not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
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
    expect(manifest(FIREFOX_BUILD).browser_specific_settings?.gecko?.id).toBeTruthy();
    let out: string;
    try {
      out = execFileSync(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', FIREFOX_BUILD, '--output', 'json', '--no-input', '--self-hosted'], { encoding: 'utf8', timeout: 120_000 });
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? '';
    }
    const report = JSON.parse(out.slice(out.indexOf('{')));
    if (report.errors.length) console.log(report.errors);
    expect(report.errors).toEqual([]);
    console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
  });
});
