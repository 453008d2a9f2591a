/**
 * `npm run -s detect -- [--rules] [--watchlist FILE] FILE...` — one JSON line per file with the
 * actors and claims Claimlens finds, with the trained models as the extension uses them
 * (`--rules`: the hand-written rules alone). A .txt file (or any non-HTML file) is analysed as it is; an .html file
 * is parsed with happy-dom and reduced to its article text by the same code the content script
 * uses (src/page/article.ts). Unreadable or binary files get an {"file","error"} line and the run
 * goes on; the exit code is non-zero only for wrong arguments.
 *
 * --watchlist FILE: a JSON array of watchlist entries ({"name","type","aliases"}) added over the
 * defaults, or edit operations ({"op":"remove","name":"..."}, {"op":"edit","name":"...","changes":{...}}).
 */
import { readFileSync } from 'node:fs';
import { type WatchlistEdit, parseWatchlistEdits } from '../src/detect/watchlist';

const USAGE = 'usage: npm run -s detect -- [--rules] [--watchlist FILE] FILE...';

function fail(message: string): never {
  process.stderr.write(`detect: ${message}\n${USAGE}\n`);
  process.exit(2);
}

// The detector, its lexicons and happy-dom take a moment to load: wrong arguments are reported
// before any of it is imported, and the watchlist file is only parsed (cheap) until then.
function parseArgs(argv: string[]): { edits: WatchlistEdit[] | null; files: string[] } {
  const files: string[] = [];
  let watchlistFile: string | null = null;
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!optionsDone && a === '--') optionsDone = true;
    else if (!optionsDone && (a === '--help' || a === '-h')) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (!optionsDone && a === '--watchlist') {
      const value = argv[++i];
      if (value === undefined || value === '') fail('--watchlist needs a file');
      if (watchlistFile !== null) fail('--watchlist given twice');
      watchlistFile = value;
    } else if (!optionsDone && a.startsWith('--watchlist=')) {
      watchlistFile = a.slice('--watchlist='.length);
      if (!watchlistFile) fail('--watchlist needs a file');
    } else if (!optionsDone && a.startsWith('-') && a !== '-') fail(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length === 0) fail('no input files');
  let edits: WatchlistEdit[] | null = null;
  if (watchlistFile !== null) {
    let json: string;
    try {
      json = readFileSync(watchlistFile, 'utf8');
    } catch (e) {
      fail(`cannot read watchlist ${watchlistFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      edits = parseWatchlistEdits(json);
    } catch (e) {
      fail(`watchlist ${watchlistFile}: ${(e as Error).message}`);
    }
  }
  return { edits, files };
}

/** Text of a file, or an error message when it is unreadable, binary or not UTF-8. */
function readText(file: string): { text: string } | { error: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err.code === 'EISDIR' ? 'is a directory' : `cannot read: ${err.code ?? err.message}` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { error: 'binary file (contains NUL bytes), not text' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { error: 'not UTF-8 text' };
  }
}

async function articleText(html: string): Promise<string | null> {
  const [{ Window }, { readArticle }] = await Promise.all([import('happy-dom'), import('../src/page/article')]);
  const window = new Window({
    url: 'https://localhost/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
    },
  });
  try {
    window.document.write(html);
    const found = readArticle(window.document as unknown as Document);
    return found ? found.map.text : null;
  } finally {
    await window.happyDOM.close();
  }
}

async function main(): Promise<void> {
  // Standard output carries only the JSON lines; anything a library logs goes to stderr.
  console.log = console.info = console.debug = (...parts: unknown[]) => {
    process.stderr.write(`${parts.map(String).join(' ')}\n`);
  };
  const rules = process.argv.includes('--rules');
  const { edits, files } = parseArgs(process.argv.slice(2).filter((a) => a !== '--rules'));
  const [{ detect }, { DEFAULT_WATCHLIST, mergeWatchlist }, { shippedModels }] = await Promise.all([
    import('../src/detect/index'),
    import('../src/detect/watchlist'),
    import('../src/detect/models/node'),
  ]);
  const watchlist = edits ? mergeWatchlist(DEFAULT_WATCHLIST, edits) : DEFAULT_WATCHLIST;
  // The trained models, as the extension uses them; `--rules` for the hand-written rules alone.
  const models = rules ? undefined : shippedModels();
  for (const file of files) {
    let line: Record<string, unknown>;
    try {
      const read = readText(file);
      if ('error' in read) line = { file, error: read.error };
      else if (/\.x?html?$/i.test(file)) {
        const text = await articleText(read.text);
        if (text === null) line = { file, articleFound: false, text: '', actors: [], claims: [] };
        else line = { file, articleFound: true, text, ...detect(text, watchlist, undefined, models) };
      } else {
        line = { file, articleFound: true, ...detect(read.text, watchlist, undefined, models) };
      }
    } catch (e) {
      line = { file, error: `failed: ${(e as Error).message}` };
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}

await main();
