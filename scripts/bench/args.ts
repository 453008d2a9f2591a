/**
 * Command-line flags of `npm run -s bench -- [--json] [--pages N] [--filter text] [--repeat N] [--timeout s]
 * [--no-reanchor] [--no-store | --store-only] [--store-sizes N,N] [--browser chromium|firefox]`.
 */
export interface BenchArgs {
  json: boolean;
  /** Run only the first N pages (after --filter). */
  pages: number | null;
  /** Run only pages whose id contains this text. */
  filter: string | null;
  /**
   * Load each page this many times and keep its fastest pass (the lowest main-thread total):
   * on a shared machine one load can be slowed twofold by a neighbour. 1 by default.
   */
  repeat: number;
  /** Per-page time limit. */
  timeoutMs: number;
  /** Skip the re-anchoring section. */
  reanchor: boolean;
  /** Run the store section (IndexedDB at 10,000 and 100,000 annotations). */
  store: boolean;
  /** Run only the store section, not the pages. */
  storeOnly: boolean;
  /** Store sizes to measure; null for the default (10,000 and 100,000). */
  storeSizes: number[] | null;
  /** The browser the store part runs in (the pages part is Chromium's). */
  browser: 'chromium' | 'firefox';
}

export class ArgsError extends Error {}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { json: false, pages: null, filter: null, repeat: 1, timeoutMs: 60_000, reanchor: true, store: true, storeOnly: false, storeSizes: null, browser: 'chromium' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new ArgsError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--json':
        args.json = true;
        break;
      case '--pages': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) throw new ArgsError(`--pages wants a whole number above 0, not "${v}"`);
        args.pages = n;
        break;
      }
      case '--filter':
        args.filter = value();
        break;
      case '--repeat': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 10) throw new ArgsError(`--repeat wants a whole number from 1 to 10, not "${v}"`);
        args.repeat = n;
        break;
      }
      case '--timeout': {
        const v = value();
        const s = Number(v);
        if (!Number.isFinite(s) || s <= 0) throw new ArgsError(`--timeout wants seconds above 0, not "${v}"`);
        args.timeoutMs = s * 1000;
        break;
      }
      case '--no-reanchor':
        args.reanchor = false;
        break;
      case '--no-store':
        args.store = false;
        break;
      case '--store-only':
        args.storeOnly = true;
        break;
      case '--store-sizes': {
        const v = value();
        const sizes = v.split(',').map((x) => Number(x.trim().replace(/_/g, '')));
        if (!sizes.every((n) => Number.isInteger(n) && n >= 100 && n <= 200_000)) {
          throw new ArgsError(`--store-sizes wants whole numbers from 100 to 200000, separated by commas, not "${v}"`);
        }
        args.storeSizes = sizes;
        break;
      }
      case '--browser': {
        const v = value();
        if (v !== 'chromium' && v !== 'firefox') throw new ArgsError(`--browser wants chromium or firefox, not "${v}"`);
        args.browser = v;
        break;
      }
      default:
        throw new ArgsError(
          `unknown option "${arg}" (options: --json, --pages N, --filter text, --repeat N, --timeout seconds, --no-reanchor, --no-store, --store-only, --store-sizes N,N, --browser chromium|firefox)`,
        );
    }
  }
  if (args.storeOnly && !args.store) throw new ArgsError('--store-only and --no-store cannot be used together');
  if (args.browser === 'firefox' && !args.storeOnly) throw new ArgsError('--browser firefox measures the store only: add --store-only');
  return args;
}
