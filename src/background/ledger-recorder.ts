/**
 * Records what detection found on a page into the actor ledger, after the detection reply has
 * gone back to the page: the page never waits on it. Pages are recorded one after another,
 * each in one transaction; a failure is reported and forgotten (the ledger is a convenience,
 * never a reason for detection to fail).
 */
import type { Detections } from '../detect/types';
import { type SeenPage, sightingsFrom } from '../ledger/sighting';
import type { ClaimlensDB } from '../store/db';
import { recordSightings, SIGHTINGS_CAP } from '../store/sightings';

export interface SightingRecorderDeps {
  database: () => Promise<ClaimlensDB>;
  now: () => Date;
  /** The reader's switch (src/settings.ts, `LEDGER_KEY`), read when a page is recorded. */
  enabled: () => Promise<boolean>;
  cap?: number;
  onError?: (error: unknown) => void;
}

export interface SightingRecorder {
  record(detections: Detections, page: SeenPage): void;
  /** Resolves when everything asked for so far is written (tests, and nothing else, wait on it). */
  idle(): Promise<void>;
}

export function createSightingRecorder(deps: SightingRecorderDeps): SightingRecorder {
  let queue: Promise<void> = Promise.resolve();
  return {
    record(detections, page) {
      const seenAt = deps.now();
      queue = queue
        .then(async () => {
          // A macrotask later: the detection reply leaves before any of this work starts.
          await new Promise((resolve) => setTimeout(resolve, 0));
          if (!(await deps.enabled())) return;
          const seen = sightingsFrom(detections, page, seenAt);
          if (seen.length) await recordSightings(await deps.database(), seen, deps.cap ?? SIGHTINGS_CAP);
        })
        .catch((error) => deps.onError?.(error));
    },
    idle: () => queue,
  };
}
