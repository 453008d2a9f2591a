/**
 * User Timing entries for the content script's main-thread work, so the bench (and anyone
 * in DevTools' Performance panel) can see exactly what Claimlens costs a page:
 * - measures named `claimlens:<step>` for each synchronous step;
 * - marks `claimlens:start` (the script began, at document_idle) and `claimlens:painted`.
 */
export const TIMING_PREFIX = 'claimlens:';

export function timed<T>(perf: Performance, step: string, work: () => T): T {
  const start = perf.now();
  try {
    return work();
  } finally {
    perf.measure(`${TIMING_PREFIX}${step}`, { start, end: perf.now() });
  }
}

export function mark(perf: Performance, name: 'start' | 'painted'): void {
  perf.mark(`${TIMING_PREFIX}${name}`);
}
