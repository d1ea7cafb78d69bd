import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { pdfjsAssets, pdfjsNoEval } from './tools/pdfjs-build';

export default defineConfig({
  // FACTLENS_OUT lets parallel checkouts or test runs build side by side.
  outDir: process.env.FACTLENS_OUT ?? '.output',
  vite: () => ({
    plugins: [preact(), pdfjsNoEval()],
    // The PDF viewer's pdf.js worker: an extension file of its own, with the same edits.
    worker: { format: 'es', plugins: () => [pdfjsNoEval()] },
  }),
  zip: {
    // `npm run zip` builds the sources zip from git (scripts/zip-sources.sh): tracked files only.
    zipSources: false,
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // scripting: register the content script per the site list, inject the card on demand.
    // activeTab: when the browser withholds a site, clicking Factlens's button still lets
    // the popup read that tab's address and offer to ask for access.
    permissions: ['scripting', 'activeTab'],
    // webNavigation: asked for only when the reader turns on "open PDF links in Factlens"
    // (docs/adr/0010-open-pdf-links.md); it sees the address of every page a tab goes to.
    optional_permissions: ['webNavigation'],
    // Every http(s) page, so Factlens works out of the box; the site list narrows it.
    host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_cmdToggleSite__',
      },
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_cmdOpenSearch__',
      },
    },
    // The extension's own pages run only the extension's own scripts: no remote code, no eval.
    content_security_policy:
      manifestVersion === 2
        ? "script-src 'self'; object-src 'self'"
        : { extension_pages: "script-src 'self'; object-src 'self'" },
    // Chrome: the CSS Custom Highlight API that paints the marks arrived in 105.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'factlens@factlens.example',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '105' }),
  }),
  hooks: {
    // The bundled pack is validated and compiled here, at build time, into an
    // asset named by its content hash.
    'build:publicAssets': async (_wxt, files) => {
      const { loadPack } = await import('./tools/kb/load');
      const { buildPackAsset } = await import('./tools/pack-asset');
      const { PACK_MANIFEST_PATH } = await import('./lib/shared/pack-manifest');
      const asset = buildPackAsset(loadPack().pack);
      files.push({ relativeDest: asset.file, contents: asset.json });
      files.push({ relativeDest: PACK_MANIFEST_PATH, contents: JSON.stringify(asset.manifest) });
      // The PDF viewer's character maps and standard fonts (tools/pdfjs-build.ts).
      files.push(...pdfjsAssets());
    },
  },
});
