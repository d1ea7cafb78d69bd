/**
 * A generated 5 MB article (the benchmark's and the big-page tests' longest
 * page): real prose from the corpus pages, with a mention in every seventh
 * paragraph.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './chromium';

export const CORPUS = join(ROOT, '../shared/corpus/readability');

/** Writes generated-5mb.html into `dir` and returns its file name. */
export function generateArticle(dir: string): string {
  // Real prose from the corpus, with mentions sprinkled in, up to 5 MB.
  const texts: string[] = [];
  for (const f of readdirSync(CORPUS)
    .filter((f) => f.endsWith('.html'))
    .slice(0, 40)) {
    const html = readFileSync(join(CORPUS, f), 'utf8');
    const body = html
      .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    texts.push(body);
  }
  const mentions = ['Power of Siberia', 'SPFS', 'Motor Sich', 'CR929', 'Gazprom', 'VTB'];
  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Generated 5 MB article</title></head><body><article><h1>Generated long read</h1>',
  ];
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
