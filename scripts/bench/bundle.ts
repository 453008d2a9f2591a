/**
 * Bundles the in-page helper (`page-agent.ts`, with the extension's own article and
 * re-anchoring code) into one IIFE string that sets `window.__claimlensBench`. Evaluated
 * with `page.evaluate(string)`, which a page's Content-Security-Policy does not block.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from '../lib/chromium';

export const ANCHOR_MODULE = path.join(REPO_ROOT, 'src/page/anchor.ts');
export const anchorPresent = (): boolean => existsSync(ANCHOR_MODULE);

/** `claimlens-bench:anchor`: the real `anchorQuote` when `src/page/anchor.ts` exists, a stub when not. */
const anchorShim: Plugin = {
  name: 'claimlens-bench-anchor',
  setup(b) {
    b.onResolve({ filter: /^claimlens-bench:anchor$/ }, () => ({ path: 'anchor', namespace: 'claimlens-bench' }));
    b.onLoad({ filter: /.*/, namespace: 'claimlens-bench' }, () => ({
      resolveDir: REPO_ROOT,
      loader: 'ts',
      contents: anchorPresent()
        ? `export { anchorQuote } from './src/page/anchor';\nexport const anchorAvailable = true;`
        : `export const anchorAvailable = false;\nexport function anchorQuote() { return null; }`,
    }));
  },
};

export async function bundlePageAgent(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, 'scripts/bench/page-agent.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: '__claimlensBench',
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
  if (!file) throw new Error('esbuild produced no output for the page agent');
  // `var __claimlensBench = ...` at the top level of an evaluated script is a window property.
  return `${file.text};window.__claimlensBench = __claimlensBench; true`;
}
