/**
 * Bundles the in-page helpers (`page-agent.ts`, with the extension's own article and
 * re-anchoring code; `store-agent.ts`, with its store, export and import code) into one IIFE
 * string each that sets a window global. Evaluated with `page.evaluate(string)`, which a
 * page's Content-Security-Policy (an extension page's too) does not block.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from '../lib/chromium';

export const ANCHOR_MODULE = path.join(REPO_ROOT, 'src/annotation/anchor.ts');
export const anchorPresent = (): boolean => existsSync(ANCHOR_MODULE);

/** `claimlens-bench:anchor`: the real `anchorQuote` when `src/annotation/anchor.ts` exists, a stub when not. */
const anchorShim: Plugin = {
  name: 'claimlens-bench-anchor',
  setup(b) {
    b.onResolve({ filter: /^claimlens-bench:anchor$/ }, () => ({ path: 'anchor', namespace: 'claimlens-bench' }));
    b.onLoad({ filter: /.*/, namespace: 'claimlens-bench' }, () => ({
      resolveDir: REPO_ROOT,
      loader: 'ts',
      contents: anchorPresent()
        ? `export { anchorQuote } from './src/annotation/anchor';\nexport const anchorAvailable = true;`
        : `export const anchorAvailable = false;\nexport function anchorQuote() { return null; }`,
    }));
  },
};

export async function bundlePageAgent(): Promise<string> {
  return bundleAgent('scripts/bench/page-agent.ts', '__claimlensBench');
}

/** The store bench's helper (`store-agent.ts`), as `window.__claimlensStoreBench`. */
export async function bundleStoreAgent(): Promise<string> {
  return bundleAgent('scripts/bench/store-agent.ts', '__claimlensStoreBench');
}

async function bundleAgent(entry: string, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'chrome120',
    minify: false,
    keepNames: false,
    // The extension's build replaces these too; the page has no `process`.
    define: { 'process.env.NODE_ENV': '"production"', 'process.env': '{}' },
    plugins: [anchorShim],
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  // `var <globalName> = ...` at the top level of an evaluated script is a window property.
  return `${file.text};window.${globalName} = ${globalName}; true`;
}
