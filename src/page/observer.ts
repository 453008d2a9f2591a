/**
 * Watches a living page: calls `onChange` after the page's own DOM changes settle, never for
 * Claimlens' own changes. Quiet for `quietMs`, but at least every `maxWaitMs` while a page
 * keeps changing (a ticker rewriting itself every 100 ms still gets a pass, and no more).
 */
export interface MutationWatchOptions {
  target: Node;
  win: Window;
  /** True for nodes Claimlens itself added (its UI host, fallback marks). */
  isOwn: (node: Node) => boolean;
  /** Whether these (not our own) changes matter; by default any change does. */
  isRelevant?: (records: MutationRecord[]) => boolean;
  onChange: () => void;
  quietMs?: number;
  maxWaitMs?: number;
  signal: AbortSignal;
}

function recordIsOwn(record: MutationRecord, isOwn: (node: Node) => boolean): boolean {
  if (isOwn(record.target)) return true;
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every(isOwn);
}

export function watchMutations(options: MutationWatchOptions): { flush(): void; pause<T>(work: () => T): T } {
  const { win, isOwn, onChange, signal } = options;
  const quietMs = options.quietMs ?? 400;
  const maxWaitMs = options.maxWaitMs ?? 2000;
  let quietTimer: number | undefined;
  let firstPending: number | undefined;

  const fire = () => {
    win.clearTimeout(quietTimer);
    quietTimer = undefined;
    firstPending = undefined;
    if (!signal.aborted) onChange();
  };

  const Observer = (win as Window & typeof globalThis).MutationObserver;
  const observer = new Observer((records) => {
    const theirs = records.filter((r) => !recordIsOwn(r, isOwn));
    if (theirs.length === 0 || (options.isRelevant && !options.isRelevant(theirs))) return;
    const now = win.performance.now();
    firstPending ??= now;
    win.clearTimeout(quietTimer);
    const wait = Math.max(0, Math.min(quietMs, firstPending + maxWaitMs - now));
    quietTimer = win.setTimeout(fire, wait);
  });
  observer.observe(options.target, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    win.clearTimeout(quietTimer);
  });

  return {
    /** Runs a pending change now (tests, and a pass the reader asked for). */
    flush() {
      if (quietTimer !== undefined) fire();
    },
    /** Runs `work` without observing it: our own DOM changes (fallback marks) must not trigger a pass. */
    pause(work) {
      observer.disconnect();
      try {
        return work();
      } finally {
        observer.takeRecords();
        if (!signal.aborted) observer.observe(options.target, { childList: true, subtree: true, characterData: true });
      }
    },
  };
}
