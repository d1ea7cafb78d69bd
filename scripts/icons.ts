/**
 * Renders scripts/icon.svg to public/icon/<size>.png with headless Chromium
 * (Chrome needs PNG icons). Run after changing the SVG: `npx tsx scripts/icons.ts`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium, ROOT } from '../tools/e2e/chromium';

const svg = readFileSync(join(ROOT, 'scripts/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of [16, 32, 48, 128]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    await page.screenshot({ path: join(ROOT, `public/icon/${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log('public/icon/{16,32,48,128}.png written');
