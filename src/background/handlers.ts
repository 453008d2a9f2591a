/** The background's answer to each message, as a table keyed by message type. */
import { buildAnnotation } from '../annotation/build';
import { detect } from '../detect';
import { exportJsonLd } from '../export/jsonld';
import type { BackgroundProtocol, PageReport } from '../messages';
import type { Handlers } from '../router';
import { allAnnotations, annotationsForUrl, listNewestFirst, putAnnotation } from '../store/annotations';
import type { ClaimlensDB } from '../store/db';

export interface HandlerDeps {
  database: () => Promise<ClaimlensDB>;
  now: () => Date;
  newId: () => string;
  setBadge: (tabId: number, claims: number) => void;
  /** Per-tab page reports; kept where a restarted service worker still finds them. */
  reports: {
    set(tabId: number, report: PageReport): Promise<void>;
    get(tabId: number): Promise<PageReport | null>;
  };
}

export function createHandlers(deps: HandlerDeps): Handlers<BackgroundProtocol> {
  return {
    async 'annotation.save'({ draft }) {
      const annotation = buildAnnotation(draft, { now: deps.now(), newId: deps.newId });
      await putAnnotation(await deps.database(), annotation);
      return { annotation };
    },
    async 'annotation.list'({ limit, before }) {
      return listNewestFirst(await deps.database(), limit, before);
    },
    async 'annotation.export'() {
      const annotations = await allAnnotations(await deps.database());
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
    'article.detect'({ text }) {
      return detect(text);
    },
    async 'annotation.forPage'({ pageUrl, canonicalLink }) {
      return { annotations: await annotationsForUrl(await deps.database(), pageUrl, canonicalLink) };
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
