import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Factlens',
    description: 'Sourced fact cards for the people, projects and deals of Russia–China relations.',
    permissions: ['storage', 'scripting', 'tabs'],
    host_permissions: ['http://*/*', 'https://*/*'],
  },
});
