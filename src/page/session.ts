/**
 * Claimlens on one page: read the article, have the background detect actors and claims,
 * paint them, paint the reader's saved passages again (or report them as orphans), explain
 * a highlight on hover, and save selections. Everything it starts is torn down when
 * `signal` aborts (WXT invalidates the content script on update or uninstall).
 */
import type { WxtBrowser } from 'wxt/browser';
import { type Annotation, positionSelectorOf, quoteSelectorOf } from '../annotation/record';
import type { Claim, Detections, Mention } from '../detect/types';
import type { AnchorRequestTarget, AnnotationDraft, BackgroundProtocol, ContentProtocol, PageReport } from '../messages';
import { contentRequestReaders, LIMITS } from '../messages';
import { asMessageListener, createRouter, request, type Transport } from '../router';
import { DETECTION_KEYS, readSettings, SETTINGS_KEY, type Settings, shouldScan } from '../settings';
import { OWN_UI_ATTRIBUTE, readArticleInSteps } from './article';
import { createPainter, type HighlightCategory, MARK_ATTRIBUTE } from './highlight';
import { rangeContainsPoint, rangeOf, spansAt, textOffsetAtPoint } from './hit-test';
import { CARD_CSS, type CardContent, type CardSaveRequest, createHoverCard, type HoverCard } from './hover-card';
import { watchMutations } from './observer';
import { createSaveButton, SAVE_UI_CSS, type SaveButton } from './save-button';
import { canonicalLinkOf, draftForSpan, draftFromSelection } from './selection';
import { buildTextMap, type TextMap } from './text-map';
import { mark, timed } from './timing';
import { createUiHost, type UiHost } from './ui-host';

export interface PageSessionOptions {
  document: Document;
  window: Window;
  browser: WxtBrowser;
  signal: AbortSignal;
  /** Subscribes to SPA navigations (WXT's `wxt:locationchange`). */
  onLocationChange?: (listener: () => void) => void;
}

const HOVER_DELAY_MS = 250;
const READ_CHUNK_MS = 10;

/** The page's article changed while saved passages were being placed: the newer pass paints. */
class Superseded extends Error {}

/** The next idle period (or, where there is none, the next task), at most 100 ms away. */
function idle(win: Window): Promise<void> {
  return new Promise((resolve) => {
    if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(() => resolve(), { timeout: 100 });
    else win.setTimeout(resolve, 0);
  });
}

function byStart<T extends { start: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.start - b.start);
}

export function startPageSession(options: PageSessionOptions): void {
  const { document: doc, window: win, browser, signal } = options;
  const perf = win.performance;
  mark(perf, 'start');
  const send: Transport = (message) => browser.runtime.sendMessage(message);
  const painter = createPainter(win, doc);
  /**
   * Our UI (the save button, the hover card and their shadow-root host) is built on first
   * use, not at start-up: most pages are read without a selection or a hover, and building it
   * would put a custom element, a shadow root and a style sheet into every page's first task.
   */
  let ui: { host: UiHost; button: SaveButton; card: HoverCard } | null = null;
  const useUi = () => (ui ??= buildUi());
  const isOurUi = (event: Event) => ui !== null && event.composedPath().includes(ui.host.root.host);
  const cardOpen = () => ui?.card.isOpen() ?? false;

  let settings: Settings = readSettings(undefined);
  let map: TextMap | null = null;
  let detections: Detections = { actors: [], claims: [] };
  let detectedText: string | null = null;
  let mentions: Mention[] = [];
  let claims: Claim[] = [];
  let saved: Annotation[] | null = null;
  let orphans: { id: string; exact: string }[] = [];
  let pass = 0;
  /** The reader asked for this page from the popup (automatic scanning off). */
  let requested = false;

  const rangesFor = (spans: readonly { start: number; end: number }[]) =>
    spans.map((s) => (map ? rangeOf(doc, map, s) : null)).filter((r): r is Range => r !== null);

  const isOwn = (node: Node) => {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return Boolean(element?.closest(`[${OWN_UI_ATTRIBUTE}], mark[${MARK_ATTRIBUTE}]`));
  };
  let articleRoot: Element | null = null;
  /**
   * A ticker or clock elsewhere on the page is not our business: react to changes inside the
   * article, to the article being replaced, or, while no article was found, to content
   * arriving (pages that render their story after load).
   */
  const isRelevant = (records: MutationRecord[]) => {
    if (articleRoot) return !articleRoot.isConnected || records.some((r) => articleRoot!.contains(r.target));
    return records.some((r) =>
      [...r.addedNodes].some((n) => n.nodeType === 1 && (n.textContent?.length ?? 0) > 200),
    );
  };
  const watcher = watchMutations({ target: doc.documentElement, win, isOwn, isRelevant, onChange: () => void scan(), signal });

  const paintDetections = () => {
    const byType: Record<'person' | 'organization' | 'place', Mention[]> = { person: [], organization: [], place: [] };
    for (const m of mentions) byType[m.type].push(m);
    watcher.pause(() => {
      for (const type of ['person', 'organization', 'place'] as const) painter.paint(type, rangesFor(byType[type]));
      for (const sourcing of ['named', 'vague', 'unattributed'] as const) {
        painter.paint(`claim-${sourcing}` as HighlightCategory, rangesFor(claims.filter((c) => c.sourcing === sourcing)));
      }
    });
  };

  /**
   * Paints saved passages found in today's text; the rest are orphans. The background finds
   * them (the fuzzy matcher stays out of the page): first in the article, then, for passages
   * saved outside it, in the page's whole text, which is read only then.
   */
  const paintSaved = async (): Promise<void> => {
    const forMap = map;
    const passages = (saved ?? []).flatMap((annotation) => {
      const quote = quoteSelectorOf(annotation);
      if (!quote) return [];
      const position = positionSelectorOf(annotation);
      const target: AnchorRequestTarget = {
        quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
        position: position ? { start: position.start, end: position.end } : null,
      };
      return [{ annotation, target }];
    });
    const ranges: Range[] = [];
    let unplaced = passages;
    const placeIn = async (textMap: () => TextMap) => {
      if (unplaced.length === 0) return;
      const text = timed(perf, 'paint', () => textMap().text);
      const targets = unplaced.map((p) => p.target);
      const { anchors } = await request<BackgroundProtocol, 'annotation.anchor'>(send, 'annotation.anchor', { text, targets });
      if (map !== forMap || signal.aborted) throw new Superseded();
      timed(perf, 'paint', () => {
        unplaced = unplaced.filter((passage, i) => {
          const anchor = anchors[i];
          const range = anchor ? rangeOf(doc, textMap(), anchor) : null;
          if (range) ranges.push(range);
          return !range;
        });
      });
    };
    try {
      if (forMap) await placeIn(() => forMap);
      let pageMap: TextMap | undefined;
      await placeIn(() => (pageMap ??= buildTextMap(doc.body, (el) => el.hasAttribute(OWN_UI_ATTRIBUTE))));
    } catch (error) {
      // A newer pass paints instead; a failed request leaves the last painting as it was.
      if (!(error instanceof Superseded)) console.warn('[Claimlens] could not place saved passages:', error);
      return;
    }
    const notFound = new Set(unplaced.map((p) => p.annotation));
    orphans = (saved ?? [])
      .filter((a) => notFound.has(a) || !quoteSelectorOf(a))
      .map((a) => ({ id: a.id, exact: quoteSelectorOf(a)?.exact.slice(0, 500) ?? '' }));
    timed(perf, 'paint', () => watcher.pause(() => painter.paint('saved', ranges)));
  };

  const report = (scanning: boolean) => {
    const counts = new Map<string, { name: string; type: Mention['type']; count: number }>();
    for (const m of mentions) {
      const entry = counts.get(m.canonical) ?? { name: m.canonical, type: m.type, count: 0 };
      entry.count++;
      counts.set(m.canonical, entry);
    }
    const payload: PageReport = {
      pageUrl: doc.location?.href ?? doc.URL,
      canonicalLink: canonicalLinkOf(doc),
      scanning,
      articleFound: map !== null,
      actors: mentions.length,
      claims: {
        named: claims.filter((c) => c.sourcing === 'named').length,
        vague: claims.filter((c) => c.sourcing === 'vague').length,
        unattributed: claims.filter((c) => c.sourcing === 'unattributed').length,
      },
      topActors: [...counts.values()].sort((a, b) => b.count - a.count).slice(0, 20),
      saved: saved?.length ?? 0,
      orphans,
    };
    return request<BackgroundProtocol, 'page.report'>(send, 'page.report', payload).catch(() => undefined);
  };

  const loadSaved = async () => {
    const canonicalLink = canonicalLinkOf(doc);
    const pageUrl = doc.location?.href ?? doc.URL;
    if (!/^https?:/.test(pageUrl)) return [];
    const reply = await request<BackgroundProtocol, 'annotation.forPage'>(send, 'annotation.forPage', { pageUrl, canonicalLink });
    return reply.annotations;
  };

  /**
   * The page's identity, so the background can keep the claims found for the actor ledger;
   * null when it would not pass the message's bounds (detection must never fail for it).
   */
  const seenPage = () => {
    const pageUrl = doc.location?.href ?? doc.URL;
    if (!/^https?:/.test(pageUrl) || pageUrl.length > LIMITS.url) return null;
    const canonicalLink = canonicalLinkOf(doc);
    return {
      pageUrl,
      canonicalLink: canonicalLink && canonicalLink.length <= LIMITS.url ? canonicalLink : null,
      title: doc.title.slice(0, LIMITS.title),
    };
  };

  /** One pass over the page. Detection is asked for only when the article text changed. */
  const scan = async () => {
    const thisPass = ++pass;
    const scanning = shouldScan(settings, doc.location?.href ?? doc.URL, requested);
    if (!scanning) {
      map = null;
      articleRoot = null;
      mentions = [];
      claims = [];
      watcher.pause(() => painter.clear());
      saved ??= await loadSaved().catch(() => []);
      if (thisPass === pass) await report(false);
      return;
    }
    // In chunks of about 10 ms with an idle callback between them: a long page never holds
    // the reader's main thread in one long task.
    const article = await readArticleInSteps(doc, {
      pause: () => idle(win),
      now: () => perf.now(),
      budgetMs: READ_CHUNK_MS,
      measure: (work) => timed(perf, 'read-article', work),
    });
    if (signal.aborted || thisPass !== pass) return;
    map = article?.map ?? null;
    articleRoot = article?.scope.root ?? null;
    if (map && map.text !== detectedText) {
      const text = map.text;
      try {
        detections = await request<BackgroundProtocol, 'article.detect'>(send, 'article.detect', { text, page: seenPage() });
        detectedText = text;
      } catch (error) {
        console.warn('[Claimlens] detection failed:', error);
        detections = { actors: [], claims: [] };
      }
      if (signal.aborted || thisPass !== pass) return;
    }
    mentions = map ? byStart(detections.actors) : [];
    claims = map ? byStart(detections.claims) : [];
    saved ??= await loadSaved().catch(() => []);
    if (signal.aborted || thisPass !== pass) return;
    timed(perf, 'paint', paintDetections);
    await paintSaved();
    if (signal.aborted || thisPass !== pass) return;
    mark(perf, 'painted');
    await report(true);
  };

  // --- Saving ---------------------------------------------------------------------------

  const saveDraft = async (draft: AnnotationDraft): Promise<boolean> => {
    try {
      const { annotation } = await request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft });
      saved = [...(saved ?? []), annotation];
      void paintSaved().then(() => report(map !== null));
      useUi().button.hide();
      useUi().button.toast('Saved to Claimlens');
      return true;
    } catch (error) {
      useUi().button.toast(`Not saved: ${error instanceof Error ? error.message : String(error)}`, 'error');
      return false;
    }
  };

  const saveSelection = async (): Promise<{ saved: boolean; reason?: string }> => {
    const captured = draftFromSelection({ doc, article: map }, win.getSelection());
    if (!captured) {
      useUi().button.toast('Select some text first, then save it to Claimlens.', 'error');
      return { saved: false, reason: 'no selection' };
    }
    const { draft, inArticle } = captured;
    if (inArticle) {
      const inside = mentions.filter((m) => m.start < draft.end && m.end > draft.start);
      draft.actors = [...new Set(inside.map((m) => m.canonical))];
    }
    const ok = await saveDraft(draft);
    return ok ? { saved: true } : { saved: false, reason: 'not saved' };
  };

  const draftFor = (span: { start: number; end: number }): AnnotationDraft | null =>
    map ? draftForSpan(doc, map.text, span) : null;


  // --- Hover card -------------------------------------------------------------------------

  let shown: CardContent | null = null;
  const onCardSave = async ({ what, note, tags }: CardSaveRequest): Promise<boolean> => {
    const claim = shown?.claim;
    const mention = shown?.mention;
    const span = what === 'claim' ? claim : mention;
    const draft = span ? draftFor(span) : null;
    if (!draft) return false;
    draft.note = note;
    draft.tags = tags;
    draft.kind = what;
    if (what === 'claim' && claim) {
      draft.actors = [...new Set(mentions.filter((m) => m.start < claim.end && m.end > claim.start).map((m) => m.canonical))];
      draft.speaker = claim.speaker;
      draft.sourcing = claim.sourcing;
    } else if (mention) {
      draft.actors = [mention.canonical];
    }
    return saveDraft(draft);
  };

  function buildUi() {
    const host = createUiHost(doc, SAVE_UI_CSS + CARD_CSS);
    return {
      host,
      button: createSaveButton(host, doc, win, () => void saveSelection()),
      card: createHoverCard(host, doc, win, onCardSave),
    };
  }

  const contentAt = (x: number, y: number): { content: CardContent; range: Range } | null => {
    if (!map) return null;
    const offset = textOffsetAtPoint(doc, map, x, y);
    if (offset === null) return null;
    const mention = spansAt(mentions, offset)[0];
    const claim = spansAt(claims, offset)[0];
    const mentionRange = mention ? rangeOf(doc, map, mention) : null;
    const claimRange = claim ? rangeOf(doc, map, claim) : null;
    const onMention = mentionRange && rangeContainsPoint(mentionRange, x, y) ? mention : undefined;
    const onClaim = claimRange && rangeContainsPoint(claimRange, x, y) ? claim : undefined;
    if (!onMention && !onClaim) return null;
    const mentionCount = onMention ? mentions.filter((m) => m.canonical === onMention.canonical).length : undefined;
    return {
      content: { mention: onMention, mentionCount, claim: onClaim },
      range: (onMention ? mentionRange : claimRange)!,
    };
  };

  const openAt = (x: number, y: number, focus: boolean): boolean => {
    const hit = contentAt(x, y);
    if (!hit) return false;
    shown = hit.content;
    useUi().card.open(hit.content, hit.range.getBoundingClientRect(), focus);
    return true;
  };

  let hoverTimer: number | undefined;
  let lastPoint = { x: 0, y: 0 };
  doc.addEventListener(
    'pointermove',
    (event) => {
      if (event.pointerType === 'touch' || mentions.length + claims.length === 0) return;
      lastPoint = { x: event.clientX, y: event.clientY };
      if (cardOpen() && isOurUi(event)) return;
      win.clearTimeout(hoverTimer);
      hoverTimer = win.setTimeout(() => {
        const selection = win.getSelection();
        if (selection && !selection.isCollapsed) return; // the reader is selecting, not reading a card
        if (!openAt(lastPoint.x, lastPoint.y, false) && cardOpen()) ui?.card.close();
      }, HOVER_DELAY_MS);
    },
    { signal, passive: true },
  );
  doc.addEventListener(
    'click',
    (event) => {
      if (isOurUi(event)) return;
      const selection = win.getSelection();
      if (selection && !selection.isCollapsed) return;
      if (!openAt(event.clientX, event.clientY, event.detail === 0) && cardOpen()) ui?.card.close();
    },
    { signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && cardOpen()) ui?.card.close();
    },
    { signal },
  );

  // --- Selection button -------------------------------------------------------------------

  const onSelectionEnd = (event: Event) => {
    if (isOurUi(event)) return;
    // Let the selection settle: a click that clears it fires mouseup before it collapses.
    win.setTimeout(() => {
      const selection = win.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0 || !selection.toString().trim()) {
        ui?.button.hide();
        return;
      }
      ui?.card.close();
      useUi().button.showNear(selection.getRangeAt(0).getBoundingClientRect());
    }, 0);
  };
  doc.addEventListener('mouseup', onSelectionEnd, { signal });
  doc.addEventListener('keyup', onSelectionEnd, { signal });

  // --- Messages, settings, navigation, teardown --------------------------------------------

  const router = asMessageListener(createRouter<ContentProtocol>({
    readers: contentRequestReaders,
    handlers: {
      'selection.save': () => saveSelection(),
      'page.rescan': async () => {
        await scan();
        return { ok: true as const };
      },
      'page.scan': async () => {
        requested = true;
        await scan();
        return { ok: true as const };
      },
    },
    extensionId: browser.runtime.id,
  }));
  browser.runtime.onMessage.addListener(router);

  const onStorageChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    if (DETECTION_KEYS.some((key) => key in changes)) detectedText = null; // the same text may now give other detections
    else if (!(SETTINGS_KEY in changes)) return;
    if (SETTINGS_KEY in changes) settings = readSettings(changes[SETTINGS_KEY]?.newValue);
    void scan();
  };
  browser.storage.onChanged.addListener(onStorageChanged);

  options.onLocationChange?.(() => {
    // A new page in a single-page app: new article, new saved passages.
    detectedText = null;
    saved = null;
    requested = false;
    ui?.card.close();
    void scan();
  });

  signal.addEventListener('abort', () => {
    browser.runtime.onMessage.removeListener(router);
    browser.storage.onChanged.removeListener(onStorageChanged);
    win.clearTimeout(hoverTimer);
    painter.clear();
    ui?.host.destroy();
  });

  void browser.storage.local
    .get(SETTINGS_KEY)
    .then((stored) => {
      settings = readSettings(stored[SETTINGS_KEY]);
    })
    .catch(() => undefined)
    .then(() => scan());
}
