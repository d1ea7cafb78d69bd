import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  // FACTLENS_OUT lets parallel checkouts or test runs build side by side.
  outDir: process.env.FACTLENS_OUT ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Factlens',
    description: 'Sourced fact cards for the people, projects and deals of Russia–China relations.',
    permissions: ['scripting'],
    host_permissions: ['http://*/*', 'https://*/*'],
    browser_specific_settings: {
      gecko: { id: 'factlens@factlens.example', strict_min_version: '128.0' },
    },
  },
  hooks: {
    // The bundled pack is validated and compiled here, at build time, into an
    // asset named by its content hash.
    'build:publicAssets': async (_wxt, files) => {
      const { loadPack } = await import('./lib/kb/load');
      const { buildPackAsset, PACK_MANIFEST_PATH } = await import('./lib/pack-asset');
      const asset = buildPackAsset(loadPack().pack);
      files.push({ relativeDest: asset.file, contents: asset.json });
      files.push({ relativeDest: PACK_MANIFEST_PATH, contents: JSON.stringify(asset.manifest) });
    },
  },
});
