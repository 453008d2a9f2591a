/**
 * Every message Claimlens sends, named by direction, with its payload and reply types.
 * The receiver validates each payload with the reader listed here before acting on it.
 */
import type { Anchor } from './annotation/anchor';
import type { Annotation, AnnotationKind, Sourcing } from './annotation/record';
import type { Detections } from './detect/types';
import type { SeenPage } from './ledger/sighting';
import { readAnnotation } from './export/import';
import type { FacetFilter, PageCursor } from './store/annotations';
import { LIMITS } from './limits';

export { LIMITS };
import {
  type Reader,
  ValidationError,
  boolean,
  httpUrl,
  integer,
  list,
  nullable,
  object,
  oneOf,
  optional,
  shape,
  string,
} from './validate';


/** A saved passage to find again: its quote selector, and its position selector when it has one. */
export interface AnchorRequestTarget {
  quote: { exact: string; prefix: string; suffix: string };
  position: { start: number; end: number } | null;
}

/** What a page knows about a passage the reader wants to keep; the background adds the rest. */
export interface AnnotationDraft {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  /** The address in the tab. */
  pageUrl: string;
  /** `<link rel=canonical>` when the page has one. */
  canonicalLink: string | null;
  title: string;
  note: string;
  tags: string[];
  kind: AnnotationKind;
  actors: string[];
  speaker: string | null;
  sourcing: Sourcing | null;
}

/** What the content script found on a page, for the badge and the popup. */
export interface PageReport {
  pageUrl: string;
  /** `<link rel=canonical>` when the page has one: passages are filed under that address. */
  canonicalLink: string | null;
  scanning: boolean;
  articleFound: boolean;
  actors: number;
  claims: { named: number; vague: number; unattributed: number };
  /** The most mentioned actors, most first. */
  topActors: { name: string; type: 'person' | 'organization' | 'place'; count: number }[];
  saved: number;
  /** Saved passages that could not be found on the page any more. */
  orphans: { id: string; exact: string }[];
}

export interface ExportedFile {
  filename: string;
  mimeType: string;
  content: string;
}

/** Requests answered by the background (from content scripts and extension pages). */
export interface BackgroundProtocol {
  'annotation.save': { request: { draft: AnnotationDraft }; response: { annotation: Annotation } };
  'annotation.list': {
    request: { limit: number; before: PageCursor | null };
    response: { items: Annotation[]; total: number };
  };
  /**
   * The library's one query: newest first, optionally one facet (site, actor, tag, kind,
   * sourcing) and/or words to search for, `limit` at a time after `before`.
   */
  'annotation.query': {
    request: { filter: FacetFilter | null; search: string; limit: number; before: PageCursor | null };
    response: { items: Annotation[]; total: number | null; next: PageCursor | null };
  };
  'annotation.update': { request: { id: string; note?: string; tags?: string[] }; response: { annotation: Annotation } };
  /** Returns the deleted record, so the reader can undo with `annotation.restore`. */
  'annotation.delete': { request: { id: string }; response: { deleted: Annotation | null } };
  'annotation.restore': { request: { annotation: Annotation }; response: { result: 'restored' | 'already-present' } };
  'annotation.counts': { request: { by: 'site' | 'actor' | 'tag' }; response: { counts: { value: string; count: number }[] } };
  'annotation.export': { request: { format: 'jsonld' }; response: ExportedFile };
  /**
   * Detection runs in the background so the page's main thread never waits on NLP. With
   * `page`, the attributed claims found are then recorded for the actor ledger (unless the
   * reader turned it off, or the tab is private).
   */
  'article.detect': { request: { text: string; page?: SeenPage | null }; response: Detections };
  'annotation.forPage': {
    request: { pageUrl: string; canonicalLink: string | null };
    response: { annotations: Annotation[] };
  };
  /**
   * Where saved passages are in today's text of a page: one anchor (or null, an orphan) per
   * target, in order. The fuzzy matching runs here, off the page's main thread and out of the
   * content script every page loads.
   */
  'annotation.anchor': { request: { text: string; targets: AnchorRequestTarget[] }; response: { anchors: (Anchor | null)[] } };
  'page.report': { request: PageReport; response: { ok: true } };
  /** The last report from a tab (the popup asks for the active tab). */
  'page.status': { request: { tabId: number }; response: { report: PageReport | null } };
}

/** Requests answered by the content script in a tab (from the background). */
export interface ContentProtocol {
  'selection.save': { request: Record<string, never>; response: { saved: boolean; reason?: string } };
  /** Scan the page again now (the popup's "scan this page" and settings changes). */
  'page.rescan': { request: Record<string, never>; response: { ok: true } };
  /** The reader asks for this page to be scanned although automatic scanning is off. */
  'page.scan': { request: Record<string, never>; response: { ok: true } };
}

export type RequestOf<P, K extends keyof P> = P[K] extends { request: infer R } ? R : never;
export type ResponseOf<P, K extends keyof P> = P[K] extends { response: infer R } ? R : never;

export interface Envelope<T extends string = string> {
  claimlens: 1;
  type: T;
  payload: unknown;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };
export type ErrorCode = 'forbidden' | 'invalid' | 'not-found' | 'storage' | 'too-large' | 'internal';

export function envelope<T extends string>(type: T, payload: unknown): Envelope<T> {
  return { claimlens: 1, type, payload };
}

export function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as Envelope).claimlens === 1 &&
    typeof (message as Envelope).type === 'string'
  );
}

const text = (max: number) => string({ max });
const count = integer({ min: 0, max: 10_000_000 });
const offset = integer({ min: 0, max: LIMITS.articleText });
const readCursor = shape<PageCursor>({ created: string({ max: 64, min: 1 }), id: string({ max: 2_048, min: 1 }) });
const FACETS = ['site', 'actor', 'tag', 'kind', 'sourcing'] as const;

export const readDraft: Reader<AnnotationDraft> = (value, path) => {
  const draft = shape<AnnotationDraft>({
    exact: string({ max: LIMITS.exact, min: 1 }),
    prefix: text(LIMITS.context),
    suffix: text(LIMITS.context),
    start: integer({ min: 0, max: LIMITS.articleText }),
    end: integer({ min: 0, max: LIMITS.articleText }),
    pageUrl: httpUrl({ max: LIMITS.url }),
    canonicalLink: nullable(text(LIMITS.url)),
    title: text(LIMITS.title),
    note: optional(text(LIMITS.note), ''),
    tags: optional(list(string({ max: LIMITS.tag, min: 1 }), { max: LIMITS.tags }), []),
    kind: oneOf(['actor', 'claim', 'manual'] as const),
    actors: optional(list(string({ max: LIMITS.actor, min: 1 }), { max: LIMITS.actors }), []),
    speaker: optional(nullable(string({ max: LIMITS.actor, min: 1 })), null),
    sourcing: optional(nullable(oneOf(['named', 'vague', 'unattributed'] as const)), null),
  })(value, path);
  if (draft.exact.trim() === '') throw new ValidationError(`${path}.exact`, 'is only white space');
  if (draft.end - draft.start !== draft.exact.length) {
    throw new ValidationError(`${path}.end`, 'does not match the length of the quoted text');
  }
  return draft;
};

/** A whole record handed back for undo: checked like an imported item, field by field. */
const readStoredAnnotation: Reader<Annotation> = (value, path) => {
  try {
    return readAnnotation(value);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.path ? `${path}.${error.path}` : path, error.problem);
    throw error;
  }
};

/** Payload readers for the background's requests, one per message type. */
export const backgroundRequestReaders: { [K in keyof BackgroundProtocol]: Reader<RequestOf<BackgroundProtocol, K>> } = {
  'annotation.save': shape({ draft: readDraft }),
  'annotation.list': shape({
    limit: integer({ min: 1, max: LIMITS.pageSize }),
    before: optional(nullable(readCursor), null),
  }),
  'annotation.query': shape({
    filter: optional(nullable(shape<FacetFilter>({ by: oneOf(FACETS), value: string({ max: LIMITS.url, min: 1 }) })), null),
    search: optional(text(500), ''),
    limit: integer({ min: 1, max: LIMITS.pageSize }),
    before: optional(nullable(readCursor), null),
  }),
  'annotation.update': (value, path) => {
    const request = shape({
      id: string({ max: 200, min: 1 }),
      note: optional(text(LIMITS.note), undefined as unknown as string),
      tags: optional(list(string({ max: LIMITS.tag, min: 1 }), { max: LIMITS.tags }), undefined as unknown as string[]),
    })(value, path);
    if (request.note === undefined) delete (request as { note?: string }).note;
    if (request.tags === undefined) delete (request as { tags?: string[] }).tags;
    return request;
  },
  'annotation.delete': shape({ id: string({ max: 200, min: 1 }) }),
  'annotation.restore': shape({ annotation: readStoredAnnotation }),
  'annotation.counts': shape({ by: oneOf(['site', 'actor', 'tag'] as const) }),
  'annotation.export': shape({ format: oneOf(['jsonld'] as const) }),
  'article.detect': shape({
    text: string({ max: LIMITS.articleText }),
    page: optional(
      nullable(shape<SeenPage>({ pageUrl: httpUrl({ max: LIMITS.url }), canonicalLink: nullable(text(LIMITS.url)), title: text(LIMITS.title) })),
      null,
    ),
  }),
  'annotation.forPage': shape({ pageUrl: httpUrl({ max: LIMITS.url }), canonicalLink: nullable(text(LIMITS.url)) }),
  'annotation.anchor': shape({
    text: string({ max: LIMITS.articleText }),
    targets: list(
      shape<AnchorRequestTarget>({
        quote: shape({ exact: string({ max: LIMITS.exact, min: 1 }), prefix: text(LIMITS.context), suffix: text(LIMITS.context) }),
        position: nullable(shape({ start: offset, end: offset })),
      }),
      { max: LIMITS.anchorTargets },
    ),
  }),
  'page.report': shape<PageReport>({
    pageUrl: text(LIMITS.url),
    // Optional: a tab whose content script predates this field still reports.
    canonicalLink: optional(nullable(text(LIMITS.url)), null),
    scanning: boolean,
    articleFound: boolean,
    actors: count,
    claims: shape({ named: count, vague: count, unattributed: count }),
    topActors: list(
      shape({ name: string({ max: LIMITS.actor, min: 1 }), type: oneOf(['person', 'organization', 'place'] as const), count }),
      { max: 20 },
    ),
    saved: count,
    orphans: list(shape({ id: string({ max: 200, min: 1 }), exact: text(LIMITS.exact) }), { max: 10_000 }),
  }),
  'page.status': shape({ tabId: integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) }),
};

export const contentRequestReaders: { [K in keyof ContentProtocol]: Reader<RequestOf<ContentProtocol, K>> } = {
  'selection.save': (value, path) => object(value, path) as Record<string, never>,
  'page.rescan': (value, path) => object(value, path) as Record<string, never>,
  'page.scan': (value, path) => object(value, path) as Record<string, never>,
};

/** An error reply, thrown where the request was made: the receiver's message and its code. */
export class ReplyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Unwraps a reply, turning an error reply into a thrown ReplyError with the receiver's message. */
export function unwrap<T>(reply: unknown): T {
  if (typeof reply !== 'object' || reply === null || !('ok' in reply)) {
    throw new Error('Claimlens did not answer; reload the page and try again.');
  }
  const r = reply as Reply<T>;
  if (r.ok) return r.value;
  throw new ReplyError(r.error.code, r.error.message);
}
