import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'wxt';
import { MODEL_PATHS } from './src/detect/detection-models';

// Permissions are explained one by one in README.md ("Permissions"): keep the two in step.
export default defineConfig({
  // Static files (the icons) live with the other assets; WXT copies this folder as is.
  publicDir: 'assets/public',
  imports: false,
  // `npm run zip`: claimlens-<version>-chrome.zip, -firefox.zip and -sources.zip (the sources
  // Firefox's add-on review asks for: everything needed to rebuild, not our local output).
  zip: {
    excludeSources: ['docs/screenshots/**', 'scratch/**', 'test-output/**', 'demo-output/**', 'bench-output/**', '**/*.log'],
  },
  hooks: {
    // The trained models and their gazetteer live with the code that reads them
    // (src/detect/models/); the package carries them as files the background fetches on first
    // use, so they cost neither the service worker's start nor the content script anything.
    'build:publicAssets': (wxt, files) => {
      for (const relativeDest of Object.values(MODEL_PATHS)) {
        const absoluteSrc = path.resolve(wxt.config.root, 'src/detect', relativeDest);
        if (existsSync(absoluteSrc)) files.push({ absoluteSrc, relativeDest });
      }
    },
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
