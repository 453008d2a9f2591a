import { describe, expect, it } from 'vitest';
import { type TraceEvent, blocksOf, taskFigures } from '../../../scripts/bench/trace';

const PID = 1;
const TID = 2;
const task = (ts: number, dur: number, name = 'ThreadControllerImpl::RunTask', tid = TID): TraceEvent => ({ name, cat: 'toplevel', ph: 'X', ts, dur, pid: PID, tid });
const ut = (name: string, ph: string, ts: number): TraceEvent => ({ name, cat: 'blink.user_timing', ph, ts, pid: PID, tid: TID });

describe('main-thread tasks from a trace', () => {
  it('keeps outermost slices on the thread: nested ones fold in, back-to-back tasks stay apart', () => {
    const blocks = blocksOf(
      [
        task(0, 10_000),
        task(2_000, 3_000, 'BlinkScheduler_PerformMicrotaskCheckpoint'),
        task(10_050, 30_000, 'BlinkScheduler_PerformMicrotaskCheckpoint'),
        task(0, 90_000, 'ThreadControllerImpl::RunTask', 9),
      ],
      PID,
      TID,
    );
    expect(blocks).toEqual([
      { start: 0, end: 10_000 },
      { start: 10_050, end: 40_050 },
    ]);
  });

  it('finds the tasks that ran our steps and the page tasks in between', () => {
    const events = [
      ut('claimlens:start', 'I', 1_000),
      task(0, 20_000),
      ut('claimlens:read-article', 'b', 40_000),
      ut('claimlens:read-article', 'e', 70_000),
      task(25_000, 10_000),
      task(35_100, 60_000, 'BlinkScheduler_PerformMicrotaskCheckpoint'),
      task(100_000, 80_000),
      ut('claimlens:paint', 'b', 200_000),
      ut('claimlens:paint', 'e', 203_000),
      ut('claimlens:painted', 'I', 203_500),
      task(199_000, 6_000),
      task(300_000, 99_000),
    ];
    const figures = taskFigures(events)!;
    expect(figures.ourTasks).toEqual({ start: 20, 'read-article': 60, paint: 6, painted: 6 });
    expect(figures.ourTaskMs).toBe(60);
    expect(figures.pageTaskMs).toBe(80);
    expect(figures.rendererPid).toBe(PID);
  });

  it('has nothing to say when Claimlens never ran', () => {
    expect(taskFigures([task(0, 90_000)])).toBeNull();
  });
});
