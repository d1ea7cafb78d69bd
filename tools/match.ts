/**
 * Pack authors' matcher CLI:
 *
 *   npm run -s match -- [--pack <pack.json | pack-folder>] <file.html|file.txt> ...
 *
 * prints one JSON object per line for each match:
 * {"file","entity","name","text","start","end"}. For HTML the offsets are
 * into the page's visible text — the text blocks the content script scans
 * (same skipped regions), joined with "\n" — parsed as a browser would (no
 * scripts run). For .txt they are into the raw text.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Window } from 'happy-dom';
import { loadPack } from './kb/load';
import { requireFile, UserError } from './kb/files';
import { compileIndex } from '../lib/matcher/compile';
import { collectBlocks } from '../lib/matcher/dom';
import { createMatcher } from '../lib/matcher/scan';
import { skipOwnUi } from '../lib/shared/ui-tag';
import { parsePack } from '../lib/model/schema';

export interface MatchLine {
  file: string;
  entity: string;
  name: string;
  text: string;
  start: number;
  end: number;
}

/** The visible text of an HTML document, as the content script sees it. */
export function visibleText(html: string): {
  text: string;
  segments: { text: string; offset: number; lang?: string }[];
} {
  // No script runs and nothing is fetched: a base URL that cannot resolve (so
  // relative links parse), and every request (e.g. <link rel=preload as=fetch>)
  // answered locally with a 404.
  const window = new Window({
    url: 'http://factlens.invalid/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
      fetch: {
        interceptor: {
          beforeAsyncRequest: async ({ window: w }) => new w.Response(null, { status: 404 }),
          beforeSyncRequest: ({ window: w }) => ({
            status: 404,
            statusText: 'Not Found',
            ok: false,
            url: '',
            redirected: false,
            headers: new w.Headers(),
            body: null,
          }),
        },
      },
    },
  });
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  const blocks = doc.body ? collectBlocks(doc.body as unknown as Node, { skip: skipOwnUi }) : [];
  const segments: { text: string; offset: number; lang?: string }[] = [];
  let offset = 0;
  for (const b of blocks) {
    segments.push({ text: b.text, offset, lang: b.lang });
    offset += b.text.length + 1;
  }
  void window.happyDOM.close();
  return { text: blocks.map((b) => b.text).join('\n'), segments };
}

export function matchFile(
  file: string,
  matcher: ReturnType<typeof createMatcher>,
  names: Map<string, string>,
): MatchLine[] {
  requireFile(file);
  const ext = extname(file).toLowerCase();
  const raw = readFileSync(file, 'utf8');
  const out: MatchLine[] = [];
  const push = (text: string, offset: number, lang?: string) => {
    for (const m of matcher.scan(text, lang ? { lang } : undefined)) {
      out.push({
        file,
        entity: m.entity,
        name: names.get(m.entity) ?? m.entity,
        text: text.slice(m.start, m.end),
        start: offset + m.start,
        end: offset + m.end,
      });
    }
  };
  if (ext === '.txt' || ext === '.text' || ext === '.md') push(raw, 0);
  else if (ext === '.html' || ext === '.htm' || ext === '.xhtml')
    for (const s of visibleText(raw).segments) push(s.text, s.offset, s.lang);
  else throw new Error(`${file}: unsupported file type "${ext || '(none)'}" (use .html, .htm, .txt)`);
  return out;
}

const USAGE = 'usage: npm run -s match -- [--pack <pack.json | pack-folder>] <file.html|file.txt> ...';

export function main(argv: readonly string[] = process.argv.slice(2)): number {
  const files: string[] = [];
  let packPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--pack' || a.startsWith('--pack=')) {
      packPath = a === '--pack' ? argv[++i] : a.slice('--pack='.length);
      if (!packPath) {
        console.error(`match: --pack needs a value\n${USAGE}`);
        return 2;
      }
    } else if (a.startsWith('--')) {
      console.error(`match: unknown option ${a}\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (!files.length) {
    console.error(USAGE);
    return 2;
  }
  let raw: Record<string, unknown>;
  try {
    raw = loadPack(packPath).pack;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    console.error(`match: ${e.message}`);
    return 2;
  }
  const parsed = parsePack(raw);
  if (!parsed.ok) {
    console.error(`match: ${packPath ?? 'the bundled pack'} is invalid:\n${parsed.errors.join('\n')}`);
    return 1;
  }
  const matcher = createMatcher(compileIndex(parsed.pack.entities));
  const names = new Map(parsed.pack.entities.map((e) => [e.id, e.name]));
  let failed = 0;
  for (const f of files) {
    try {
      for (const line of matchFile(f, matcher, names)) process.stdout.write(JSON.stringify(line) + '\n');
    } catch (e) {
      console.error(`match: ${(e as Error).message}`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}
