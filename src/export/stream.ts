/**
 * Streaming plumbing shared by the writers. A writer is an async generator of text chunks:
 * the page hands the chunks to a Blob (which keeps them as a list), so 100,000 annotations
 * never become one giant string, and between chunks the writer gives the event loop back so
 * the page keeps painting and answering clicks while it exports.
 */
import type { Annotation } from '../annotation/record';

/** Plain arrays, or the store's batches (`iterateNewestFirst`), or any async stream of records. */
export type AnnotationSource =
  | Iterable<Annotation>
  | AsyncIterable<Annotation | readonly Annotation[]>;

export interface StreamOptions {
  /** Records per chunk (default 250). */
  chunkRecords?: number;
  /**
   * Called between chunks to let other work run; defaults to a macrotask break
   * (`scheduler.yield` where the browser has it, otherwise `setTimeout(0)`).
   */
  pause?: () => Promise<void>;
}

export const DEFAULT_CHUNK_RECORDS = 250;

export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A source's records a batch at a time (an array is one batch): writers loop over a batch
 * without an await per record, which costs more than a CSV row's own text.
 */
export async function* eachBatch(source: AnnotationSource): AsyncGenerator<readonly Annotation[], void, undefined> {
  if (Array.isArray(source)) {
    yield source as readonly Annotation[];
    return;
  }
  for await (const entry of source as AsyncIterable<Annotation | readonly Annotation[]>) {
    yield Array.isArray(entry) ? (entry as readonly Annotation[]) : [entry as Annotation];
  }
}

/**
 * Turns per-record text into chunks of `chunkRecords` records, pausing between chunks.
 * `render` gets the record and its 0-based index.
 */
export function chunked(
  source: AnnotationSource,
  render: (annotation: Annotation, index: number) => string,
  options: StreamOptions = {},
): AsyncGenerator<string, number, undefined> {
  return chunkedGroups(source, (annotations, first) => annotations.map((annotation, i) => render(annotation, first + i)).join(''), options);
}

/**
 * The same, for writers that render a chunk's records in one go: `render` gets up to
 * `chunkRecords` records and the 0-based index of the first.
 */
export async function* chunkedGroups(
  source: AnnotationSource,
  render: (annotations: Annotation[], first: number) => string,
  options: StreamOptions = {},
): AsyncGenerator<string, number, undefined> {
  const size = options.chunkRecords ?? DEFAULT_CHUNK_RECORDS;
  const pause = options.pause ?? yieldToEventLoop;
  let group: Annotation[] = [];
  let index = 0;
  for await (const batch of eachBatch(source)) {
    for (const annotation of batch) {
      group.push(annotation);
      if (group.length >= size) {
        yield render(group, index);
        index += group.length;
        group = [];
        await pause();
      }
    }
  }
  if (group.length) {
    yield render(group, index);
    index += group.length;
  }
  return index;
}

/** Joins a writer's chunks; for tests and small exports. */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
}

