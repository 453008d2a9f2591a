import { defineConfig } from 'wxt';

// Permissions are explained one by one in README.md ("Permissions"): keep the two in step.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Static files (the icons) live with the other assets; WXT copies this folder as is.
  publicDir: 'assets/public',
  imports: false,
  // `npm run zip`: claimlens-<version>-chrome.zip, -firefox.zip and -sources.zip (the sources
  // Firefox's add-on review asks for: everything needed to rebuild, not our local output).
  zip: {
    excludeSources: ['docs/screenshots/**', 'scratch/**', 'test-output/**', 'demo-output/**', 'bench-output/**', '**/*.log'],
  },
  manifest: ({ browser }) => ({
    name: 'Claimlens',
    description: 'See who claims what in the news you read, and keep the passages that matter.',
    permissions: ['contextMenus', 'storage', 'unlimitedStorage'],
    commands: {
      'save-selection': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the selected text to Claimlens',
      },
      'scan-page': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Scan this page now (when automatic scanning is off)',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'claimlens@claimlens.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
