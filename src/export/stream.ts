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

/** Every record of a source, one at a time, whether it comes as records or as batches. */
export async function* eachRecord(source: AnnotationSource): AsyncGenerator<Annotation, void, undefined> {
  for await (const entry of source as AsyncIterable<Annotation | readonly Annotation[]>) {
    if (Array.isArray(entry)) yield* entry as readonly Annotation[];
    else yield entry as Annotation;
  }
}

/**
 * Turns per-record text into chunks of `chunkRecords` records, pausing between chunks.
 * `render` gets the record and its 0-based index.
 */
export async function* chunked(
  source: AnnotationSource,
  render: (annotation: Annotation, index: number) => string,
  options: StreamOptions = {},
): AsyncGenerator<string, number, undefined> {
  const size = options.chunkRecords ?? DEFAULT_CHUNK_RECORDS;
  const pause = options.pause ?? yieldToEventLoop;
  let parts: string[] = [];
  let index = 0;
  for await (const annotation of eachRecord(source)) {
    parts.push(render(annotation, index++));
    if (parts.length >= size) {
      yield parts.join('');
      parts = [];
      await pause();
    }
  }
  if (parts.length) yield parts.join('');
  return index;
}

/** Joins a writer's chunks; for tests and small exports. */
export async function collect(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
}
