/** Small pure helpers for the bench: medians, rounding, and which long tasks are ours. */
import type { TimingEntry } from './page-agent';

import { tokens } from '../scope/measure';

export { mean, median, overlap, shingleOverlap, tokens } from '../scope/measure';

/**
 * How many painted texts lie in the true body: a text counts when its words, in order, are a
 * run of the true body's words (case and punctuation aside). An empty text is not counted.
 */
export function insideBody(painted: readonly string[], body: string): { inside: number; total: number } {
  const haystack = ` ${tokens(body).join(' ')} `;
  let inside = 0;
  let total = 0;
  for (const text of painted) {
    const words = tokens(text);
    if (words.length === 0) continue;
    total++;
    if (haystack.includes(` ${words.join(' ')} `)) inside++;
  }
  return { inside, total };
}

export function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function max(xs: number[]): number {
  return xs.reduce((m, x) => (x > m ? x : m), 0);
}

/** Long tasks that started inside [from, to] (the page's own work while Claimlens was busy). */
export function tasksBetween(longTasks: readonly TimingEntry[], from: number, to: number): TimingEntry[] {
  return longTasks.filter((t) => t.startTime + t.duration >= from && t.startTime <= to);
}

/** Sum of durations by name, for per-step breakdowns. */
export function byStep(measures: readonly TimingEntry[], prefix = 'claimlens:'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of measures) {
    const step = m.name.startsWith(prefix) ? m.name.slice(prefix.length) : m.name;
    out[step] = (out[step] ?? 0) + m.duration;
  }
  return out;
}
