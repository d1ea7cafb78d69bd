/**
 * Firefox ESR with the built extension, through puppeteer-core (WebDriver
 * BiDi). FACTLENS_FIREFOX overrides the path. Firefox refuses navigation to
 * moz-extension:// pages from automation, so the popup is tested in Chromium.
 */
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findBrowser, OUT_DIR, requireBuild } from './chromium';

export const FIREFOX_BUILD = join(OUT_DIR, 'firefox-mv2');
const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox'];

const findFirefox = () => findBrowser('Firefox', 'FACTLENS_FIREFOX', CANDIDATES, 'firefox-esr');

export async function launchFirefox(
  extDir = requireBuild(FIREFOX_BUILD),
  opts: { beforeInstall?: (browser: Browser) => Promise<void> } = {},
): Promise<{ browser: Browser; extensionId: string }> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    enableExtensions: true,
    extraPrefsFirefox: {
      // No network beyond the test server.
      'network.captive-portal-service.enabled': false,
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  await opts.beforeInstall?.(browser);
  const extensionId = await browser.installExtension(extDir);
  return { browser, extensionId };
}
