// Lint with typescript-eslint, and the runtime zones (after Dark Reader's
// eslint.config.js): each folder may import only from the folders its runtime
// can load, and the heavy packages stay out of the content script, the card
// and the extension pages. Type-only imports cross zones freely: they vanish
// from the build.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const LIB = ['shared', 'model', 'matcher', 'figures', 'content', 'background', 'ui'];
/** A relative import that lands in lib/<dir> (from inside lib or from outside). */
const into = (dir) => `^(?:\\.\\.?/)+(?:lib/)?${dir}(?:/|$)`;
const folder = (dir, why) => ({ regex: into(dir), allowTypeImports: true, message: why });
const pkg = (name, why) => ({ regex: `^${name}(?:/|$)`, allowTypeImports: true, message: why });
const HEAVY = {
  zod: 'zod is for the background and tools (validation happens there)',
  dexie: 'the database lives in the background only',
  compromise: 'compromise runs in the background and at build time only',
  minisearch: 'search runs in the background only',
};
const notNode = { regex: '^node:', message: 'Node built-ins are for tools/ and scripts/ only' };
const notTools = {
  regex: '^(?:\\.\\.?/)+(?:tools|tests|scripts)(?:/|$)',
  message: 'runtime code never imports tools, tests or scripts',
};

/** The zone rule: `allowed` lib folders, the rest forbidden; `heavy` packages banned. */
function zone(files, allowed, { heavy = [], extra = [] } = {}) {
  const patterns = [
    ...LIB.filter((d) => !allowed.includes(d)).map((d) =>
      folder(d, `${files[0]} may not import lib/${d} (see docs/architecture.md, "Zones")`),
    ),
    ...heavy.map((p) => pkg(p, HEAVY[p])),
    notNode,
    notTools,
    ...extra,
  ];
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
}
const ALL_HEAVY = Object.keys(HEAVY);

export default tseslint.config(
  { ignores: ['.output/**', '.output-*/**', '.wxt/**', 'node_modules/**', 'bench-results/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  zone(['lib/shared/**'], ['shared'], { heavy: ALL_HEAVY }),
  zone(['lib/model/**'], ['shared', 'model'], { heavy: ['dexie', 'compromise', 'minisearch'] }),
  zone(['lib/matcher/**'], ['matcher', 'shared'], { heavy: ['zod', 'dexie', 'compromise', 'minisearch'] }),
  // The compiler runs in the background and at build time: compromise derives alias variants.
  zone(['lib/matcher/compile.ts'], ['matcher', 'shared', 'model'], { heavy: ['zod', 'dexie', 'minisearch'] }),
  // Figures are read in the background: compromise gives the sentence's lemmas.
  zone(['lib/figures/**'], ['figures', 'shared'], { heavy: ['zod', 'dexie', 'minisearch'] }),
  zone(['lib/content/**'], ['content', 'shared', 'matcher'], {
    heavy: ALL_HEAVY,
    extra: [
      {
        regex: 'matcher/compile$',
        message: 'the content script never compiles: the background sends the compiled index',
      },
    ],
  }),
  zone(['lib/background/**'], ['background', 'shared', 'model', 'matcher', 'figures']),
  zone(['lib/ui/**'], ['ui', 'shared'], { heavy: ALL_HEAVY }),
  zone(['entrypoints/background.ts'], ['background', 'shared', 'model', 'matcher', 'figures']),
  zone(['entrypoints/content/**'], ['content', 'shared', 'matcher'], { heavy: ALL_HEAVY }),
  zone(['entrypoints/card/**'], ['shared', 'ui'], { heavy: ALL_HEAVY }),
  zone(['entrypoints/popup/**', 'entrypoints/options/**'], ['shared', 'ui'], { heavy: ALL_HEAVY }),
  // The first-run page runs the overlay itself over its sample article (no content script there).
  zone(['entrypoints/welcome/**'], ['shared', 'ui', 'content', 'matcher'], { heavy: ALL_HEAVY }),
  // The PDF viewer runs the overlay over pdf.js's text layers (pdf.js itself only here).
  zone(['entrypoints/viewer/**'], ['shared', 'ui', 'content', 'matcher'], { heavy: ALL_HEAVY }),
  {
    files: ['tools/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?:\\.\\.?/)+tests(?:/|$)', message: 'tools and scripts never import tests' }] },
      ],
    },
  },
);
