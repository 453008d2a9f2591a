/**
 * Runs in every page before the page's own scripts (`context.addInitScript`): records long
 * tasks, and our User Timing entries in case the page clears the performance timeline.
 * A string, not a function, so nothing of the Node-side transpiler leaks into the page.
 */
export const INIT_SCRIPT = `(() => {
  if (window.__claimlensBenchLongTasks) return;
  const tasks = (window.__claimlensBenchLongTasks = []);
  const timing = (window.__claimlensBenchTiming = []);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ name: e.name, startTime: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (error) {
    window.__claimlensBenchLongTasksError = String(error);
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name.startsWith('claimlens:')) timing.push({ name: e.name, startTime: e.startTime, duration: e.duration });
      }
    }).observe({ entryTypes: ['mark', 'measure'] });
  } catch {}
})();`;

/** Whether Claimlens has finished reading the page (it measures `read-article` then asks for detection). */
export const READ_DONE = `(performance.getEntriesByName('claimlens:read-article').length > 0 ||
  (window.__claimlensBenchTiming || []).some((e) => e.name === 'claimlens:read-article'))`;

/** Whether Claimlens has painted its detections. */
export const PAINTED = `(performance.getEntriesByName('claimlens:painted').length > 0 ||
  (window.__claimlensBenchTiming || []).some((e) => e.name === 'claimlens:painted'))`;
