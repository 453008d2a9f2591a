/**
 * Checks the release packages `npm run zip` just wrote in .output/:
 * - all three are there, named with package.json's version, which both manifests carry;
 * - the sources zip holds what a reviewer needs to rebuild (and no build output), and
 *   `wxt build -b firefox` in it gives the Firefox zip's files byte for byte;
 * - the Firefox zip, unpacked, passes `web-ext lint` with 0 errors and 0 warnings, and runs
 *   in Firefox ESR: the content script paints a sample article;
 * - the Chrome zip, unpacked, loads in Chromium and its content script paints a sample article.
 * Prints one line per check and exits non-zero if any fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { REPO_ROOT, launchWithExtension } from './lib/chromium';
import { launchFirefoxWithExtension, withTimeout } from './lib/firefox';
import { startFixtureServer } from './lib/fixture-server';

const { name, version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const OUTPUT = path.join(REPO_ROOT, '.output');
const zips = {
  chrome: path.join(OUTPUT, `${name}-${version}-chrome.zip`),
  firefox: path.join(OUTPUT, `${name}-${version}-firefox.zip`),
  sources: path.join(OUTPUT, `${name}-${version}-sources.zip`),
};
const SAMPLE = '/russia-dprk-restrictions.html';

let failures = 0;
async function check(what: string, run: () => Promise<string>): Promise<void> {
  try {
    console.log(`ok   ${what}: ${await run()}`);
  } catch (error) {
    failures++;
    console.log(`FAIL ${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function unpack(zipPath: string, into: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const names: string[] = [];
  for (const entry of Object.values(zip.files)) {
    const target = path.resolve(into, entry.name);
    if (!target.startsWith(into + path.sep)) throw new Error(`${entry.name} would land outside the folder`);
    if (entry.dir) {
      await mkdir(target, { recursive: true });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await entry.async('nodebuffer'));
    names.push(entry.name);
  }
  return names;
}

function manifestVersion(dir: string): string {
  return (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { version: string }).version;
}

const work = mkdtempSync(path.join(tmpdir(), 'claimlens-packages-'));
const unpacked = { chrome: path.join(work, 'chrome'), firefox: path.join(work, 'firefox'), sources: path.join(work, 'sources') };
const unpacking = new Map<keyof typeof zips, Promise<string[]>>();
/** Unpacks one package (once) into its folder under `work`; the checks share the result. */
const unpackOnce = (kind: keyof typeof zips) => {
  if (!unpacking.has(kind)) unpacking.set(kind, unpack(zips[kind], unpacked[kind]));
  return unpacking.get(kind)!;
};
const server = await startFixtureServer(path.join(REPO_ROOT, 'tests/fixtures'));
try {
  await check('three packages', async () => {
    const missing = Object.values(zips).filter((zip) => !existsSync(zip));
    if (missing.length > 0) throw new Error(`missing ${missing.map((m) => path.relative(REPO_ROOT, m)).join(', ')}`);
    return Object.values(zips).map((zip) => path.basename(zip)).join(', ');
  });

  await check('versions', async () => {
    await unpackOnce('chrome');
    await unpackOnce('firefox');
    const found = { chrome: manifestVersion(unpacked.chrome), firefox: manifestVersion(unpacked.firefox) };
    if (found.chrome !== version || found.firefox !== version) {
      throw new Error(`package.json says ${version}, the manifests ${found.chrome} (chrome) and ${found.firefox} (firefox)`);
    }
    return `package.json and both manifests say ${version}`;
  });

  await check('sources zip', async () => {
    const names = await unpackOnce('sources');
    const needed = ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md'];
    const absent = needed.filter((n) => !names.includes(n));
    if (!names.some((n) => n.startsWith('entrypoints/')) || !names.some((n) => n.startsWith('src/'))) absent.push('entrypoints/ and src/');
    if (absent.length > 0) throw new Error(`lacks ${absent.join(', ')}`);
    const stray = names.filter((n) => /^(node_modules|\.output|\.wxt|scratch|test-output|demo-output|bench-output)\//.test(n));
    if (stray.length > 0) throw new Error(`holds ${stray.slice(0, 3).join(', ')}${stray.length > 3 ? '…' : ''}`);
    return `${names.length} files, with package.json, the lockfile, wxt.config.ts, entrypoints/ and src/`;
  });

  await check('the sources rebuild the Firefox zip', async () => {
    const names = await unpackOnce('sources');
    const firefoxFiles = await unpackOnce('firefox');
    // The reviewer runs `npm ci` from the same lockfile; this repository's node_modules stands in.
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(unpacked.sources, 'node_modules'), 'dir');
    execFileSync(path.join(REPO_ROOT, 'node_modules/.bin/wxt'), ['build', '-b', 'firefox'], { cwd: unpacked.sources, stdio: 'ignore' });
    const rebuilt = path.join(unpacked.sources, '.output/firefox-mv2');
    const differing = firefoxFiles.filter((f) => !existsSync(path.join(rebuilt, f)) || !readFileSync(path.join(rebuilt, f)).equals(readFileSync(path.join(unpacked.firefox, f))));
    if (differing.length > 0) throw new Error(`${differing.length} files differ, e.g. ${differing.slice(0, 3).join(', ')}`);
    return `${firefoxFiles.length} files identical, from ${names.length} source files`;
  });

  await check('web-ext lint of the Firefox zip', async () => {
    await unpackOnce('firefox');
    try {
      return execFileSync('node', [path.join(REPO_ROOT, 'scripts/lint-firefox.mjs'), '--source-dir', unpacked.firefox], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }).trim();
    } catch (error) {
      throw new Error(String((error as { stdout?: string }).stdout ?? error).trim());
    }
  });

  await check('the Chrome zip in Chromium', async () => {
    await unpackOnce('chrome');
    const chromium = await launchWithExtension({ extensionDir: unpacked.chrome });
    try {
      const page = await chromium.context.newPage();
      await page.goto(server.url(SAMPLE), { timeout: 30_000 });
      const painted = await page.waitForFunction(
        () => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('claimlens-place')?.size ?? 0,
        undefined,
        { timeout: 20_000 },
      );
      return `the content script ran: ${await painted.jsonValue()} places painted on ${SAMPLE}`;
    } finally {
      await chromium.close();
    }
  });

  await check('the Firefox zip in Firefox', async () => {
    await unpackOnce('firefox');
    const firefox = await launchFirefoxWithExtension({ extensionDir: unpacked.firefox });
    try {
      const page = await withTimeout('Opening a tab', firefox.browser.newPage());
      await page.goto(server.url(SAMPLE), { timeout: 30_000 });
      const painted = await page.waitForFunction(
        () => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('claimlens-place')?.size ?? 0,
        { timeout: 20_000 },
      );
      return `the content script ran: ${await painted.jsonValue()} places painted on ${SAMPLE}`;
    } finally {
      await firefox.close();
    }
  });
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(failures === 0 ? 'packages: every check passed' : `packages: ${failures} check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
