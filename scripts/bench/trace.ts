/**
 * The page's main-thread tasks from a Chromium trace. The Long Tasks API does not see
 * Claimlens' work: in Chromium 156 a task that runs only an extension's content script (and
 * the microtask checkpoint where WXT starts it) produces no `longtask` entry in the page,
 * while the same busy loop in a page `setTimeout` does. So the bench records a trace
 * (categories `toplevel` and `blink.user_timing`) per page and finds, on the renderer main
 * thread that carries our `claimlens:*` User Timing events, the task around each of our steps.
 */
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

export interface Trace {
  stop(): Promise<TraceEvent[]>;
}

export async function startTrace(cdp: CDPSession): Promise<Trace> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => {
    for (const e of data.value as unknown as TraceEvent[]) {
      if (e.cat === 'toplevel' || (e.cat ?? '').includes('user_timing')) events.push(e);
    }
  });
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', 'blink.user_timing'], recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  let stopped: Promise<TraceEvent[]> | null = null;
  return {
    stop() {
      stopped ??= stopTracing();
      return stopped;
    },
  };
  async function stopTracing(): Promise<TraceEvent[]> {
    {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      return events;
    }
  }
}

/** An outermost top-level slice on the thread: a task, or a microtask checkpoint run on its own. */
export interface Block {
  start: number;
  end: number;
}

export interface TaskFigures {
  /** The renderer process that ran the page (to see whether pages share one). */
  rendererPid: number;
  /** The longest task (ms) that ran one of our steps, and per step. */
  ourTaskMs: number | null;
  ourTasks: Record<string, number>;
  /** The longest task (ms) of anyone else's between claimlens:start and painted. */
  pageTaskMs: number | null;
}

const TOP = new Set(['ThreadControllerImpl::RunTask', 'BlinkScheduler_PerformMicrotaskCheckpoint']);
/**
 * Slices are not joined even when back to back: while a page loads, its tasks follow each
 * other within 0.1 ms, and joining them would charge the page's parsing to us. Claimlens'
 * scan runs in a microtask checkpoint of its own (WXT starts `main` from a promise).
 */
export function blocksOf(events: readonly TraceEvent[], pid: number, tid: number): Block[] {
  const slices = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && TOP.has(e.name) && e.dur !== undefined)
    .map((e) => ({ start: e.ts, end: e.ts + e.dur! }))
    .sort((a, b) => a.start - b.start);
  const blocks: Block[] = [];
  for (const s of slices) {
    const last = blocks[blocks.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else blocks.push({ ...s });
  }
  return blocks;
}

/** Our steps (the `claimlens:*` measures as trace begin/end pairs) and the tasks around them. */
export function taskFigures(events: readonly TraceEvent[]): TaskFigures | null {
  const ours = events.filter((e) => (e.cat ?? '').includes('user_timing') && e.name.startsWith('claimlens:'));
  const first = ours[0];
  if (!first) return null;
  const blocks = blocksOf(events, first.pid, first.tid);
  const steps: { name: string; start: number; end: number }[] = [];
  const open = new Map<string, number[]>();
  for (const e of [...ours].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'b') open.set(e.name, [...(open.get(e.name) ?? []), e.ts]);
    else if (e.ph === 'e') {
      const starts = open.get(e.name) ?? [];
      const start = starts.shift();
      if (start !== undefined) steps.push({ name: e.name.slice('claimlens:'.length), start, end: e.ts });
    }
  }
  const ourTasks: Record<string, number> = {};
  const mine = new Set<Block>();
  for (const step of steps) {
    const block = blocks.find((b) => b.start <= step.start && b.end >= step.end);
    if (!block) continue;
    mine.add(block);
    const ms = (block.end - block.start) / 1000;
    ourTasks[step.name] = Math.max(ourTasks[step.name] ?? 0, ms);
  }
  const marks = ours.filter((e) => e.ph === 'I' || e.ph === 'R');
  // The task that sets claimlens:start also evaluates the content script: ours too.
  for (const m of marks) {
    const block = blocks.find((b) => b.start <= m.ts && b.end >= m.ts);
    if (!block) continue;
    mine.add(block);
    const step = m.name.slice('claimlens:'.length);
    ourTasks[step] = Math.max(ourTasks[step] ?? 0, (block.end - block.start) / 1000);
  }
  const from = marks.find((e) => e.name === 'claimlens:start')?.ts;
  const to = marks.find((e) => e.name === 'claimlens:painted')?.ts ?? Math.max(...steps.map((s) => s.end), from ?? 0);
  const others = from === undefined ? [] : blocks.filter((b) => !mine.has(b) && b.end >= from && b.start <= to);
  const longest = (list: Iterable<Block>) => {
    let m: number | null = null;
    for (const b of list) m = Math.max(m ?? 0, (b.end - b.start) / 1000);
    return m;
  };
  return { rendererPid: first.pid, ourTaskMs: longest(mine), ourTasks, pageTaskMs: longest(others) };
}
