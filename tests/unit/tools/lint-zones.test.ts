/**
 * The runtime zones in eslint.config.js: a file that imports across a
 * boundary fails lint. Each case lints a one-line file at a real path.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const problems = async (filePath: string, code: string) => {
  const [r] = await eslint.lintText(`${code}\nexport const x = String(y);\n`, { filePath });
  return (r?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
};

describe('lint zones', () => {
  const refused: [string, string, RegExp][] = [
    ['lib/content/probe.ts', "import { Store as y } from '../background/store';", /lib\/background/],
    ['lib/content/probe.ts', "import y from 'dexie';", /background only/],
    ['lib/content/probe.ts', "import { compileIndex as y } from '../matcher/compile';", /never compiles/],
    ['lib/content/probe.ts', "import { PackSchema as y } from '../model/schema';", /lib\/model/],
    ['entrypoints/card/probe.ts', "import { createMatcher as y } from '../../lib/matcher/scan';", /lib\/matcher/],
    ['entrypoints/card/probe.ts', "import { z as y } from 'zod';", /zod/],
    ['entrypoints/options/probe.tsx', "import { SettingsSchema as y } from '../../lib/model/settings';", /lib\/model/],
    ['entrypoints/popup/probe.tsx', "import y from 'minisearch';", /background only/],
    ['lib/shared/probe.ts', "import { Overlay as y } from '../content/overlay';", /lib\/content/],
    ['lib/matcher/probe.ts', "import y from 'compromise';", /compromise/],
    ['lib/ui/probe.ts', "import { readFileSync as y } from 'node:fs';", /Node built-ins/],
    ['lib/background/probe.ts', "import { loadPack as y } from '../../tools/kb/load';", /never imports tools/],
    ['scripts/probe.ts', "import { MINI_PACK as y } from '../tests/fixtures/mini-pack';", /never import tests/],
    ['entrypoints/welcome/probe.tsx', "import { Store as y } from '../../lib/background/store';", /lib\/background/],
    ['entrypoints/welcome/probe.tsx', "import y from 'compromise';", /compromise/],
  ];
  it.each(refused)('%s: %s is refused', async (file, code, why) => {
    const msgs = await problems(file, code);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatch(why);
  });

  const allowed: [string, string][] = [
    ['lib/content/probe.ts', "import { createMatcher as y } from '../matcher/scan';"],
    ['lib/content/probe.ts', "import type { Entity as y } from '../model/schema';"],
    ['entrypoints/card/probe.ts', "import { t as y } from '../../lib/shared/i18n';"],
    ['lib/background/probe.ts', "import y from 'dexie';"],
    ['lib/matcher/compile.ts', "import y from 'compromise';"],
    ['tools/probe.ts', "import { readFileSync as y } from 'node:fs';"],
    ['entrypoints/welcome/probe.tsx', "import { Overlay as y } from '../../lib/content/overlay';"],
  ];
  it.each(allowed)('%s: %s is allowed', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
