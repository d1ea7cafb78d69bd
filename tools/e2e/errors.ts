/**
 * Collects what went wrong in a browser context: uncaught exceptions and
 * console errors of its pages (every world: the content script's too), the
 * console errors of its service workers, and every message Factlens logs
 * (it logs only failures, some of them at debug level so that pages never see
 * them as errors).
 */
import type { BrowserContext, ConsoleMessage, Page, Worker } from 'playwright-core';

export class ErrorLog {
  private list: string[] = [];

  /** `deliberate`: the pages' own, expected errors (fixtures mark theirs with "[page]"). */
  constructor(
    context: BrowserContext,
    private deliberate: RegExp = /\[page\]/,
  ) {
    for (const p of context.pages()) this.watchPage(p);
    context.on('page', (p) => this.watchPage(p));
    for (const w of context.serviceWorkers()) this.watchWorker(w);
    context.on('serviceworker', (w) => this.watchWorker(w));
  }

  private add(where: string, text: string): void {
    if (!this.deliberate.test(text)) this.list.push(`${where}: ${text}`);
  }

  private onConsole(where: () => string, m: ConsoleMessage): void {
    if (m.type() === 'error' || /\[Factlens\]/.test(m.text())) this.add(where(), `console.${m.type()} ${m.text()}`);
  }

  private watchPage(page: Page): void {
    page.on('pageerror', (e) => this.add(page.url(), `uncaught ${e.message}\n${e.stack ?? ''}`));
    page.on('console', (m) => this.onConsole(() => page.url(), m));
  }

  private watchWorker(w: Worker): void {
    w.on('console', (m) => this.onConsole(() => w.url(), m));
  }

  /** The errors so far, cleared. */
  take(): string[] {
    return this.list.splice(0);
  }
}
