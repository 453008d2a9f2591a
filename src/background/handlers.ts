/** The background's answer to each message, as a table keyed by message type. */
import { anchorAll } from '../annotation/anchor';
import { buildAnnotation } from '../annotation/build';
import { type CueEdits, detect, type WatchlistEntry } from '../detect';
import type { Detections } from '../detect/types';
import type { DetectionModels } from '../detect/detection-models';
import type { SeenPage } from '../ledger/sighting';
import { exportJsonLd } from '../export/jsonld';
import type { BackgroundProtocol, PageReport } from '../messages';
import type { Handlers } from '../router';
import {
  allAnnotations,
  annotationsForUrl,
  countAnnotations,
  countsBy,
  deleteAnnotation,
  listByFacet,
  listNewestFirst,
  putAnnotation,
  restoreAnnotation,
  updateAnnotation,
} from '../store/annotations';
import { StoreError } from '../store/errors';
import { searchAnnotations } from '../store/search';
import { HandlerError } from '../router';
import type { ClaimlensDB } from '../store/db';

export interface HandlerDeps {
  database: () => Promise<ClaimlensDB>;
  now: () => Date;
  newId: () => string;
  setBadge: (tabId: number, claims: number) => void;
  /** The watchlist detection uses: defaults with the reader's edits merged in. */
  watchlist?: () => Promise<readonly WatchlistEntry[]>;
  /** The reader's added and removed claim cues. */
  cues?: () => Promise<CueEdits>;
  /** The trained models (loaded on first use); none: the rules alone. */
  models?: () => Promise<DetectionModels | undefined>;
  /** Records a page's attributed claims for the actor ledger, in the background (ledger-recorder.ts). */
  recordSightings?: (detections: Detections, page: SeenPage) => void;
  /** Per-tab page reports; kept where a restarted service worker still finds them. */
  reports: {
    set(tabId: number, report: PageReport): Promise<void>;
    get(tabId: number): Promise<PageReport | null>;
  };
}

/** Store failures reach the reader as typed errors with the store's own explanation. */
async function storeCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StoreError) throw new HandlerError(error.code === 'not-found' ? 'not-found' : 'storage', error.message);
    throw error;
  }
}

/** Most annotations `annotation.export` returns in one message; more go through the library's streamed export. */
export const EXPORT_BY_MESSAGE_MAX = 5_000;

export function createHandlers(deps: HandlerDeps): Handlers<BackgroundProtocol> {
  return {
    async 'annotation.save'({ draft }) {
      const annotation = buildAnnotation(draft, { now: deps.now(), newId: deps.newId });
      await storeCall(async () => putAnnotation(await deps.database(), annotation));
      return { annotation };
    },
    async 'annotation.list'({ limit, before }) {
      return listNewestFirst(await deps.database(), limit, before);
    },
    async 'annotation.query'({ filter, search, limit, before }) {
      const db = await deps.database();
      if (search.trim()) {
        const page = await searchAnnotations(db, search, { limit, before, filter: filter ?? undefined });
        return { items: page.items, total: null, next: page.next };
      }
      return filter ? listByFacet(db, filter, limit, before) : listNewestFirst(db, limit, before);
    },
    async 'annotation.update'({ id, ...changes }) {
      return { annotation: await storeCall(() => deps.database().then((db) => updateAnnotation(db, id, changes, deps.now()))) };
    },
    async 'annotation.delete'({ id }) {
      return { deleted: await storeCall(() => deps.database().then((db) => deleteAnnotation(db, id))) };
    },
    async 'annotation.restore'({ annotation }) {
      return { result: await storeCall(() => deps.database().then((db) => restoreAnnotation(db, annotation))) };
    },
    async 'annotation.counts'({ by }) {
      return { counts: await countsBy(await deps.database(), by) };
    },
    async 'annotation.export'() {
      const db = await deps.database();
      // The whole file travels back in one message, which browsers cap (about 64 MB in
      // Chromium): past a few thousand records the library's streamed export is the way.
      const stored = await countAnnotations(db);
      if (stored > EXPORT_BY_MESSAGE_MAX) {
        throw new HandlerError(
          'too-large',
          `${stored.toLocaleString('en')} annotations are too many to export from here; use Export in the library, which streams them to a file.`,
        );
      }
      const annotations = await allAnnotations(db);
      const now = deps.now();
      const stamp = now.toISOString().slice(0, 10);
      return {
        filename: `claimlens-${stamp}.jsonld`,
        mimeType: 'application/ld+json',
        content: exportJsonLd(annotations, {
          id: `urn:uuid:${deps.newId()}`,
          label: `Claimlens annotations, exported ${stamp}`,
          generated: now,
        }),
      };
    },
    async 'article.detect'({ text, page }, sender) {
      const [watchlist, cues, models] = await Promise.all([deps.watchlist?.(), deps.cues?.(), deps.models?.()]);
      const detections = detect(text, watchlist, cues, models);
      // A private window's reading is not kept: the extension's storage outlives the window.
      if (page && !sender.tab?.incognito) deps.recordSightings?.(detections, page);
      return detections;
    },
    async 'annotation.forPage'({ pageUrl, canonicalLink }) {
      return { annotations: await annotationsForUrl(await deps.database(), pageUrl, canonicalLink) };
    },
    'annotation.anchor'({ text, targets }) {
      const anchored = anchorAll(text, targets, ({ quote, position }) => ({ quote, position: position ?? undefined }));
      return { anchors: anchored.map(({ anchor }) => anchor) };
    },
    async 'page.report'(report, sender) {
      const tabId = sender.tab?.id;
      if (tabId !== undefined) {
        const { named, vague, unattributed } = report.claims;
        deps.setBadge(tabId, report.scanning ? named + vague + unattributed : 0);
        await deps.reports.set(tabId, report);
      }
      return { ok: true as const };
    },
    async 'page.status'({ tabId }) {
      return { report: await deps.reports.get(tabId) };
    },
  };
}
