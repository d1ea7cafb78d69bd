/**
 * Backups at the limits, in real Chromium through the options page: four
 * imported packs of nearly 10 MB each (the most one backup holds, 40 MB in
 * all) export as one file that restore accepts, a fifth pack is refused with
 * the reason, and the round trip brings every pack back. Before, four such
 * packs made a 50.9 MB backup that restore refused, and five made the export
 * itself fail (one message over Chrome's 64 MiB).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bigPack } from '../fixtures/big-pack';
import { launchWithExtension, waitForRegistration, type Launched } from '../../tools/e2e/chromium';

let b: Launched;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'factlens-backup-'));
  b = await launchWithExtension();
  await waitForRegistration(b.context);
});
afterAll(async () => {
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
  b?.network.assertNone();
});

/** A pack file of about `mb` MB (its claims), written to disk; returns its path. */
function packFile(id: string, title: string, mb: number): string {
  const path = join(dir, `${id}.json`);
  writeFileSync(path, bigPack(id, title, mb));
  return path;
}

const status = (p: Page) => p.locator('.status').last().textContent();
const problem = (p: Page) => p.locator('[role="alert"]').last().textContent();
const packIds = (p: Page) =>
  p.evaluate(() =>
    chrome.runtime
      .sendMessage({ factlens: 1, type: 'packs.list', payload: {} })
      .then((a: { value: { id: string }[] }) => a.value.map((x) => x.id).sort()),
  );

describe('a backup of the most packs Factlens holds', () => {
  it('exports as one file that restores every pack; a pack past the limit is refused', async () => {
    const p = await b.context.newPage();
    await p.goto(`chrome-extension://${b.extensionId}/options.html`);
    await p.locator('.table tbody tr').first().waitFor();
    for (let i = 1; i <= 4; i++) {
      const path = packFile(`big-${i}`, `Big ${i}`, 9.9);
      expect(statSync(path).size).toBeGreaterThan(9.5 * 1048576);
      await p.setInputFiles('#pack-file', path);
      await expect.poll(() => status(p), { timeout: 60_000 }).toMatch(new RegExp(`Imported “Big ${i}”`));
    }
    await p.setInputFiles('#pack-file', packFile('big-5', 'Big 5', 1));
    await expect.poll(() => problem(p), { timeout: 60_000 }).toMatch(/more than the 40 MB one backup can hold/);
    expect(await packIds(p)).toEqual(['big-1', 'big-2', 'big-3', 'big-4', 'factlens-core']);

    const [download] = await Promise.all([
      p.waitForEvent('download', { timeout: 120_000 }),
      p.getByRole('button', { name: /Export/ }).click(),
    ]);
    const file = (await download.path())!;
    const size = statSync(file).size;
    console.log(`backup of 4 packs of 9.9 MB: ${(size / 1048576).toFixed(1)} MB`);
    expect(size).toBeGreaterThan(39 * 1048576);
    expect(size).toBeLessThanOrEqual(50 * 1048576);

    for (let i = 1; i <= 4; i++) await p.getByRole('button', { name: `Remove Big ${i}` }).click();
    await expect.poll(() => packIds(p), { timeout: 30_000 }).toEqual(['factlens-core']);

    await p.setInputFiles('#backup-file', file);
    await expect.poll(() => status(p), { timeout: 120_000 }).toMatch(/restored/);
    expect(await packIds(p)).toEqual(['big-1', 'big-2', 'big-3', 'big-4', 'factlens-core']);
    await p.close();
  }, 300_000);
});
