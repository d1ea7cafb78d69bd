/** axe-core accessibility audits inside a Playwright page. */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: string[];
}

/**
 * Runs axe on the page (or on `include`: a selector, or a path of selectors
 * into shadow roots). The source goes in through evaluate, which a strict
 * extension-page CSP does not block.
 */
export async function audit(page: Page, include?: string | string[]): Promise<Violation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async (include) => {
    const a = (window as unknown as { axe: typeof axe }).axe;
    const context = include ? { include: [Array.isArray(include) ? include : [include]] } : document;
    const r = await a.run(context as never, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  }, include);
}

/** A readable summary for assertion messages. */
export const describeViolations = (v: Violation[]) =>
  v.map((x) => `${x.id} (${x.impact}): ${x.help} at ${x.nodes.join(', ')}`).join('\n');
