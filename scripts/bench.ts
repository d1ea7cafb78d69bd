/**
 * Real-browser benchmark (issue 7): the built extension in headless Chromium
 * over every page of ../shared/corpus/readability/ and a generated 5 MB
 * article. Prints a table and writes bench-results/latest.json.
 *
 *   npm run bench                 all pages
 *   npm run bench -- --pages 10   the first 10 pages (quick look)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { askTab, blockExternal, CHROME_BUILD, findChromium, launchWithExtension, ROOT, stopServiceWorker, waitForRegistration } from '../tests/e2e/support/chromium';
import { serveStatic } from '../tests/e2e/support/server';
import { textCenter } from '../tests/e2e/support/page';
import type { PageStats } from '../lib/protocol';

const CORPUS = join(ROOT, '../shared/corpus/readability');
const FIXTURES = join(ROOT, 'tests/e2e/fixtures');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

interface PageResult {
  page: string;
  bytes: number;
  textNodes: number;
  scanMs: number;
  baselineMs: number;
  ratio: number;
  longestSliceMs: number;
  longTaskMs: number;
  marks: number;
  heapWithBytes: number;
  heapWithoutBytes: number;
  heapOverheadBytes: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : 0;
};

function generateArticle(dir: string): string {
  // Real prose from the corpus, with mentions sprinkled in, up to 5 MB.
  const texts: string[] = [];
  for (const f of readdirSync(CORPUS).filter((f) => f.endsWith('.html')).slice(0, 40)) {
    const html = readFileSync(join(CORPUS, f), 'utf8');
    const body = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    texts.push(body);
  }
  const mentions = ['Power of Siberia', 'SPFS', 'Motor Sich', 'CR929', 'Gazprom', 'VTB'];
  const parts: string[] = ['<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Generated 5 MB article</title></head><body><article><h1>Generated long read</h1>'];
  let size = 0;
  let i = 0;
  while (size < 5 * 1024 * 1024) {
    const t = texts[i % texts.length]!;
    const start = (i * 997) % Math.max(1, t.length - 900);
    const para = `<p>${t.slice(start, start + 800)} ${i % 7 === 0 ? `Meanwhile ${mentions[i % mentions.length]} was in the news again.` : ''}</p>`;
    parts.push(para);
    size += para.length;
    i++;
  }
  parts.push('</article></body></html>');
  const file = join(dir, 'generated-5mb.html');
  writeFileSync(file, parts.join('\n'));
  return 'generated-5mb.html';
}

const LONGTASK_INIT = `
  window.__fl_longtasks = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__fl_longtasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
`;

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

/**
 * The baseline: a bare TreeWalker walk over the page's text nodes, reading
 * each one's text. Repeated until 20 ms have passed (the page's timer is
 * coarse), then averaged.
 */
async function baselineWalk(page: Page): Promise<{ ms: number; nodes: number }> {
  return page.evaluate(() => {
    let nodes = 0;
    let chars = 0;
    let runs = 0;
    const t = performance.now();
    do {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      nodes = 0;
      while (w.nextNode()) {
        nodes++;
        chars += (w.currentNode as Text).data.length;
      }
      runs++;
    } while (performance.now() - t < 20 || runs < 3);
    return { ms: (performance.now() - t) / runs + (chars < 0 ? 1 : 0), nodes };
  });
}

async function waitForScan(context: Parameters<typeof askTab>[0], url: string): Promise<PageStats> {
  const until = Date.now() + 60_000;
  let last: PageStats | undefined;
  while (Date.now() < until) {
    last = await askTab<PageStats>(context, url, 'page.stats').catch(() => undefined);
    if (last && last.slices > 0 && !last.scanning) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`scan did not finish on ${url} (last: ${JSON.stringify(last)})`);
}

async function main() {
  const limit = Number(arg('pages') ?? Infinity);
  const gen = mkdtempSync(join(tmpdir(), 'factlens-bench-'));
  const generated = generateArticle(gen);
  const server = await serveStatic({ '/corpus/': CORPUS, '/gen/': gen, '/fixtures/': FIXTURES });
  const pages = [
    ...readdirSync(CORPUS)
      .filter((f) => f.endsWith('.html'))
      .sort()
      .slice(0, limit)
      .map((f) => `/corpus/${f}`),
    `/gen/${generated}`,
  ];

  const withExt = await launchWithExtension();
  await waitForRegistration(withExt.context);
  await withExt.context.addInitScript(LONGTASK_INIT);
  await blockExternal(withExt.context);
  const bare = await chromium.launch({ executablePath: findChromium(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const bareCtx = await bare.newContext({ viewport: { width: 1200, height: 900 } });
  await blockExternal(bareCtx);

  const results: PageResult[] = [];
  const page = await withExt.context.newPage();
  const barePage = await bareCtx.newPage();
  for (const path of pages) {
    const url = `${server.url}${path}`;
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
      const stats = await waitForScan(withExt.context, url);
      const longTaskMs = await page.evaluate(() => Math.max(0, ...((window as unknown as { __fl_longtasks: [number, number][] }).__fl_longtasks ?? []).map((e) => e[1])));
      const base = await baselineWalk(page);
      const heapWith = await heapUsed(page);
      await barePage.goto(url, { waitUntil: 'load', timeout: 60_000 });
      await barePage.waitForTimeout(300);
      const heapWithout = await heapUsed(barePage);
      const bytes = readFileSync(path.startsWith('/gen/') ? join(gen, path.slice(5)) : join(CORPUS, path.slice(8))).length;
      const r: PageResult = {
        page: path.split('/').pop()!,
        bytes,
        textNodes: base.nodes,
        scanMs: stats.scanMs,
        baselineMs: base.ms,
        ratio: stats.scanMs / Math.max(base.ms, 0.001),
        longestSliceMs: stats.longestSliceMs,
        longTaskMs,
        marks: stats.marks,
        heapWithBytes: heapWith,
        heapWithoutBytes: heapWithout,
        heapOverheadBytes: heapWith - heapWithout,
      };
      results.push(r);
      console.log(
        `${r.page.padEnd(48)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KB  scan ${r.scanMs.toFixed(2).padStart(7)} ms  base ${r.baselineMs.toFixed(3).padStart(7)} ms  ×${r.ratio.toFixed(2).padStart(6)}  slice ${r.longestSliceMs.toFixed(1).padStart(5)} ms  longtask ${r.longTaskMs.toFixed(0).padStart(4)} ms  marks ${String(r.marks).padStart(4)}  heap +${(r.heapOverheadBytes / 1048576).toFixed(2)} MB`,
      );
    } catch (e) {
      console.log(`${path}: FAILED ${(e as Error).message}`);
    }
  }

  // Card latency: warm, then with the service worker stopped first.
  const article = `${server.url}/fixtures/article.html`;
  await page.goto(article);
  await waitForScan(withExt.context, article);
  const cardOnce = async (): Promise<number> => {
    await page.mouse.move(2, 2);
    await page.locator('factlens-card .fl-card').waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    const at = await textCenter(page, '#p-spfs', 'SPFS');
    await page.mouse.move(at.x, at.y, { steps: 2 });
    await page.locator('factlens-card .fl-card').waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForTimeout(100);
    const s = await askTab<PageStats>(withExt.context, article, 'page.stats');
    return s.lastCardMs ?? NaN;
  };
  await cardOnce();
  const warm = median([await cardOnce(), await cardOnce(), await cardOnce()]);
  const cold: number[] = [];
  for (let k = 0; k < 3; k++) {
    if (!(await stopServiceWorker(withExt.context, withExt.extensionId))) throw new Error('the service worker did not stop');
    cold.push(await cardOnce());
  }

  const js = readFileSync(join(CHROME_BUILD, 'content-scripts/content.js'));
  const contentScriptGzipBytes = gzipSync(js, { level: 9 }).length;
  await withExt.close();
  await bare.close();
  await server.close();

  const ratios = results.map((r) => r.ratio);
  const largest = [...results].sort((a, b) => b.bytes - a.bytes)[0];
  const summary = {
    pages: results.length,
    failed: pages.length - results.length,
    scanRatioMedian: median(ratios),
    scanRatioP95: pct(ratios, 95),
    scanRatioMax: Math.max(...ratios),
    scanMsMedian: median(results.map((r) => r.scanMs)),
    scanMsMax: Math.max(...results.map((r) => r.scanMs)),
    maxLongTaskMs: Math.max(...results.map((r) => r.longestSliceMs)),
    maxPageLongTaskMs: Math.max(...results.map((r) => r.longTaskMs)),
    cardWarmMs: warm,
    cardColdMs: median(cold),
    heapOverheadMaxBytes: Math.max(...results.map((r) => r.heapOverheadBytes)),
    heapOverheadLargestPageBytes: largest?.heapOverheadBytes ?? 0,
    largestPage: largest?.page,
    contentScriptGzipBytes,
    marksTotal: results.reduce((a, r) => a + r.marks, 0),
  };
  const budgets = {
    scanRatioMedian: summary.scanRatioMedian <= 2,
    scanRatioP95: summary.scanRatioP95 <= 3,
    maxLongTaskMs: summary.maxLongTaskMs <= 50,
    cardWarmMs: summary.cardWarmMs <= 50,
    cardColdMs: summary.cardColdMs <= 150,
    contentScriptGzipBytes: summary.contentScriptGzipBytes <= 20 * 1024,
    heapOverheadLargestPage: summary.heapOverheadLargestPageBytes <= 3 * 1048576,
  };
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench-results/latest.json'), JSON.stringify({ date: new Date().toISOString(), summary, budgets, pages: results }, null, 2));
  const f = (x: number) => x.toFixed(2);
  console.log('\n                    median      p95       max');
  console.log(`scan ms          ${f(summary.scanMsMedian).padStart(9)} ${f(pct(results.map((r) => r.scanMs), 95)).padStart(8)} ${f(summary.scanMsMax).padStart(9)}`);
  console.log(`scan / baseline  ${f(summary.scanRatioMedian).padStart(9)} ${f(summary.scanRatioP95).padStart(8)} ${f(summary.scanRatioMax).padStart(9)}`);
  console.log(`longest slice ms ${f(median(results.map((r) => r.longestSliceMs))).padStart(9)} ${f(pct(results.map((r) => r.longestSliceMs), 95)).padStart(8)} ${f(summary.maxLongTaskMs).padStart(9)}`);
  console.log(`heap overhead MB ${f(median(results.map((r) => r.heapOverheadBytes)) / 1048576).padStart(9)} ${f(pct(results.map((r) => r.heapOverheadBytes), 95) / 1048576).padStart(8)} ${f(summary.heapOverheadMaxBytes / 1048576).padStart(9)}`);
  console.log(`marks            ${String(median(results.map((r) => r.marks))).padStart(9)} ${String(pct(results.map((r) => r.marks), 95)).padStart(8)} ${String(Math.max(...results.map((r) => r.marks))).padStart(9)}`);
  console.log(`\ncard: warm ${f(summary.cardWarmMs)} ms, worker stopped first ${f(summary.cardColdMs)} ms; content script ${contentScriptGzipBytes} B gzip`);
  console.log(`largest page ${summary.largestPage}: heap +${f(summary.heapOverheadLargestPageBytes / 1048576)} MB`);
  console.log('\nbudgets:', Object.entries(budgets).map(([k, ok]) => `${k} ${ok ? 'met' : 'MISSED'}`).join(', '));
  console.log(`\nwrote bench-results/latest.json (${results.length} pages, ${summary.failed} failed)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
