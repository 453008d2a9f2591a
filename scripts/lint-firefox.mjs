// Lints the Firefox add-on with Mozilla's web-ext: 0 errors and 0 warnings, or this fails and
// prints every message. By default it builds .output/firefox-mv2 first; with
// `--source-dir DIR` it lints DIR as it is (the unpacked release zip, for `npm run zip`).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const at = process.argv.indexOf('--source-dir');
const sourceDir = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(root, '.output/firefox-mv2');

if (at < 0) execFileSync(bin('wxt'), ['build', '-b', 'firefox'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
let raw;
try {
  raw = execFileSync(bin('web-ext'), ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
} catch (error) {
  // web-ext exits non-zero when it finds errors; its report is still on stdout.
  raw = error.stdout;
}
const report = JSON.parse(raw);
const problems = [...report.errors, ...report.warnings];
for (const m of problems) console.error(`${m._type}: ${m.code} ${m.message} (${m.file ?? ''}) ${m.description ?? ''}`);
const name = at < 0 ? 'firefox-mv2' : sourceDir;
console.log(`web-ext lint (${name}): ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
process.exit(problems.length === 0 ? 0 : 1);
