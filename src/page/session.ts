/**
 * One Claimlens pass over a page: read the article, have the background detect actors,
 * paint them, and let the reader save selections. Everything it starts is torn down when
 * `signal` aborts (WXT invalidates the content script on update or uninstall).
 */
import type { WxtBrowser } from 'wxt/browser';
import type { BackgroundProtocol, ContentProtocol } from '../messages';
import { contentRequestReaders } from '../messages';
import { createRouter, request, type Transport } from '../router';
import type { Detections, Mention } from '../detect/types';
import { readArticle } from './article';
import { createPainter, type HighlightCategory } from './highlight';
import { draftFromSelection } from './selection';
import { createSaveButton, SAVE_UI_CSS } from './save-button';
import { domPointsAt, type TextMap } from './text-map';
import { mark, timed } from './timing';
import { createUiHost } from './ui-host';

export interface PageSessionOptions {
  document: Document;
  window: Window;
  browser: WxtBrowser;
  signal: AbortSignal;
}

function rangesFor(doc: Document, map: TextMap, spans: readonly { start: number; end: number }[]): Range[] {
  const ranges: Range[] = [];
  for (const span of spans) {
    const points = domPointsAt(map, span.start, span.end);
    if (!points) continue;
    const range = doc.createRange();
    range.setStart(points.start.node, points.start.offset);
    range.setEnd(points.end.node, points.end.offset);
    ranges.push(range);
  }
  return ranges;
}

export function startPageSession({ document: doc, window: win, browser, signal }: PageSessionOptions): void {
  const perf = win.performance;
  mark(perf, 'start');
  const send: Transport = (message) => browser.runtime.sendMessage(message);
  const painter = createPainter(win, doc);
  const article = timed(perf, 'read-article', () => readArticle(doc));
  let detections: Detections = { actors: [], claims: [] };

  const paint = (found: Detections, map: TextMap) => {
    const byCategory = new Map<HighlightCategory, Mention[]>();
    for (const mention of found.actors) {
      const list = byCategory.get(mention.type) ?? [];
      list.push(mention);
      byCategory.set(mention.type, list);
    }
    for (const category of ['person', 'organization', 'place'] as const) {
      painter.paint(category, rangesFor(doc, map, byCategory.get(category) ?? []));
    }
    for (const sourcing of ['named', 'vague', 'unattributed'] as const) {
      painter.paint(`claim-${sourcing}`, rangesFor(doc, map, found.claims.filter((c) => c.sourcing === sourcing)));
    }
  };

  if (article) {
    request<BackgroundProtocol, 'article.detect'>(send, 'article.detect', { text: article.map.text })
      .then((found) => {
        if (signal.aborted) return;
        detections = found;
        timed(perf, 'paint', () => paint(found, article.map));
        mark(perf, 'painted');
        return request<BackgroundProtocol, 'page.report'>(send, 'page.report', {
          actors: found.actors.length,
          claims: found.claims.length,
        });
      })
      .catch((error: unknown) => console.warn('[Claimlens] detection failed:', error));
  }

  const host = createUiHost(doc, SAVE_UI_CSS);

  const saveSelection = async (): Promise<{ saved: boolean; reason?: string }> => {
    const captured = draftFromSelection({ doc, article: article?.map ?? null }, win.getSelection());
    if (!captured) {
      button.toast('Select some text first, then save it to Claimlens.', 'error');
      return { saved: false, reason: 'no selection' };
    }
    const { draft, inArticle } = captured;
    if (inArticle) {
      const inside = detections.actors.filter((m) => m.start < draft.end && m.end > draft.start);
      draft.actors = [...new Set(inside.map((m) => m.canonical))];
    }
    try {
      await request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft });
      button.hide();
      button.toast('Saved to Claimlens');
      return { saved: true };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      button.toast(`Not saved: ${message}`, 'error');
      return { saved: false, reason: message };
    }
  };

  const button = createSaveButton(host, doc, win, () => void saveSelection());

  const onSelectionEnd = () => {
    // Let the selection settle: a click that clears it fires mouseup before it collapses.
    win.setTimeout(() => {
      const selection = win.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !selection.toString().trim()) {
        button.hide();
        return;
      }
      button.showNear(selection.getRangeAt(0).getBoundingClientRect());
    }, 0);
  };
  doc.addEventListener('mouseup', onSelectionEnd, { signal });
  doc.addEventListener('keyup', onSelectionEnd, { signal });

  const router = createRouter<ContentProtocol>({
    readers: contentRequestReaders,
    handlers: { 'selection.save': () => saveSelection() },
    extensionId: browser.runtime.id,
  });
  const listener = (message: unknown, sender: Parameters<typeof router>[1]) => router(message, sender);
  browser.runtime.onMessage.addListener(listener as never);

  signal.addEventListener('abort', () => {
    browser.runtime.onMessage.removeListener(listener as never);
    painter.clear();
    host.destroy();
  });
}
