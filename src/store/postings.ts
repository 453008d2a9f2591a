/**
 * The search index (v4): for each token, the records that contain it, in the `postings` store.
 *
 * Why not a multiEntry index over each record's tokens (v2–v3): a record has ~55 tokens, and
 * IndexedDB writes an index entry per token, so indexing was most of an insert's cost (2,000
 * records in one transaction: 8.8 s with the word index, 1.5 s without it). Postings are
 * written once per token per write instead:
 *   - a save, edit or restore writes one small posting per token of that record, keyed by the
 *     record's id, so writing it again replaces it and deleting the record deletes exactly its
 *     postings; once a token has MERGE_AT of these they are merged into one of its segments;
 *   - an import writes one posting per token for the whole file (`batch`), listing every new
 *     record with that token: 100,000 records make about as many postings as distinct words.
 * Key: [token, kind, name, size] (kind 0 = segment: an import's or merged saves', named by
 * time; 1 = record, named by its id). `size` (entries in the posting) is in the key so a search can weigh a term from its keys
 * alone, without reading what may be megabytes of entries.
 *
 * Postings are allowed to go stale: when an imported record is deleted or its note edited, its
 * batch posting still lists it. Search therefore checks every candidate's own tokens
 * (`storedTokens`) before showing it, and a stale entry costs only a wasted lookup. What must
 * never happen, and every write path guarantees, is the opposite: a record with a token its
 * postings do not list.
 */
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { ClaimlensSchema } from './db';
import type { Annotation } from '../annotation/record';
import { type StoredAnnotation, storedTokens } from './stored';
import type { QueryTerm } from './words';

export type PostingKey = [token: string, kind: 0 | 1, name: string, size: number];

/** Parallel arrays (cheap to store and read back): entry i is record ids[i], created created[i]. */
export interface Posting {
  ids: string[];
  created: string[];
}

type PostingStore<Mode extends IDBTransactionMode> = IDBPObjectStore<ClaimlensSchema, ArrayLike<StoreNames<ClaimlensSchema>>, 'postings', Mode>;
export type WritablePostings = PostingStore<'readwrite'> | PostingStore<'versionchange'>;
type ReadablePostings = PostingStore<IDBTransactionMode>;

function recordKey(token: string, id: string): PostingKey {
  return [token, 1, id, 1];
}

/**
 * A token's own record postings are merged into one segment once there are this many: reading
 * thousands of one-entry postings is slow (in Chromium 156, 5,000 small values took 146 ms and
 * 20,000 keys 200 ms), while a reader who saves one passage at a time makes exactly that.
 */
export const MERGE_AT = 64;
/** Merged entries go into the token's newest segment until it holds this many. */
export const SEGMENT_ENTRIES = 4_096;

const recordRange = (token: string) => IDBKeyRange.bound([token, 1], [token, 1, []]);
const segmentRange = (token: string) => IDBKeyRange.bound([token, 0], [token, 0, []]);

/**
 * Postings for the given tokens of one record, each merged into a segment when its token has
 * gathered MERGE_AT record postings. A merged entry can no longer be deleted with its record;
 * it goes stale, and search checks every candidate's own tokens.
 */
export async function putRecordPostings(store: WritablePostings, stored: StoredAnnotation, tokens: readonly string[] = storedTokens(stored)): Promise<void> {
  const posting: Posting = { ids: [stored.id], created: [stored.created] };
  await Promise.all(
    tokens.map(async (token) => {
      const [, gathered] = await Promise.all([store.put(posting, recordKey(token, stored.id)), store.count(recordRange(token))]);
      if (gathered >= MERGE_AT) await mergeRecordPostings(store, token);
    }),
  );
}

async function mergeRecordPostings(store: WritablePostings, token: string): Promise<void> {
  const [records, newest] = await Promise.all([store.getAll(recordRange(token)), store.openCursor(segmentRange(token), 'prev')]);
  const entries = records.reduce((n, posting) => n + posting.ids.length, 0);
  let segment: Posting;
  let name: string;
  if (newest && newest.key[3] + entries <= SEGMENT_ENTRIES) {
    segment = newest.value;
    name = newest.key[2];
    await newest.delete();
  } else {
    segment = { ids: [], created: [] };
    name = newBatchName();
  }
  for (const posting of records) {
    segment.ids.push(...posting.ids);
    segment.created.push(...posting.created);
  }
  await Promise.all([store.put(segment, batchPostingKey(token, name, segment)), store.delete(recordRange(token))]);
}

/** Deletes a record's own postings for these tokens (merged entries go stale instead). */
export function deleteRecordPostings(store: WritablePostings, id: string, tokens: readonly string[]): Promise<unknown>[] {
  return tokens.map((token) => store.delete(recordKey(token, id)));
}

/**
 * After a write: postings for the tokens the record gained, the record postings of tokens it
 * lost removed. Tokens it kept are already listed (unless its time changed, which re-lists all).
 */
export async function replaceRecordPostings(store: WritablePostings, before: StoredAnnotation | undefined, after: StoredAnnotation): Promise<void> {
  const now = storedTokens(after);
  if (!before || before.created !== after.created) {
    await Promise.all([...(before ? deleteRecordPostings(store, before.id, storedTokens(before)) : []), putRecordPostings(store, after, now)]);
    return;
  }
  const had = new Set(storedTokens(before));
  const kept = new Set(now);
  await Promise.all([
    ...deleteRecordPostings(store, before.id, [...had].filter((token) => !kept.has(token))),
    putRecordPostings(store, after, now.filter((token) => !had.has(token))),
  ]);
}

/** Token → posting for a batch of records, gathered in memory one record at a time. */
export class PostingsBuilder {
  readonly postings = new Map<string, Posting>();

  add(record: Annotation): void {
    for (const token of storedTokens(record)) {
      let posting = this.postings.get(token);
      if (!posting) this.postings.set(token, (posting = { ids: [], created: [] }));
      posting.ids.push(record.id);
      posting.created.push(record.created);
    }
  }
}

/** The key of a batch's posting for one token; the batch name is unique per import. */
export function batchPostingKey(token: string, batch: string, posting: Posting): PostingKey {
  return [token, 0, batch, posting.ids.length];
}

/** Writes a batch's postings under one name. Requests go out together. */
export function putBatchPostings(store: WritablePostings, name: string, postings: Map<string, Posting>): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  for (const [token, posting] of postings) pending.push(store.put(posting, batchPostingKey(token, name, posting)));
  return pending;
}

/** A name no other batch has: time first, so names also say when the import ran. */
export function newBatchName(now = Date.now()): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The postings key range of a query term: one token, or every token it begins. */
export function postingRange(term: QueryTerm): IDBKeyRange {
  return term.prefix ? IDBKeyRange.bound([term.text], [`${term.text}\uffff`]) : IDBKeyRange.bound([term.text], [term.text, []]);
}

/**
 * A term's records as id → created. Null when the term matches more than `dense` entries
 * (or its keys alone pass `maxKeys`): reading those would cost more than checking records
 * as a newest-first walk meets them, where a common word fills a page at once.
 */
export async function readTerm(store: ReadablePostings, term: QueryTerm, dense: number, maxKeys = 2_000): Promise<Map<string, string> | null> {
  const range = postingRange(term);
  const keys = await store.getAllKeys(range, maxKeys + 1);
  if (keys.length > maxKeys) return null;
  let size = 0;
  for (const key of keys) size += key[3];
  if (size > dense) return null;
  const matches = new Map<string, string>();
  if (size === 0) return matches;
  for (const posting of await store.getAll(range)) {
    for (let i = 0; i < posting.ids.length; i++) matches.set(posting.ids[i]!, posting.created[i]!);
  }
  return matches;
}
