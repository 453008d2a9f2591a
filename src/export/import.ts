/**
 * Import of W3C Web Annotations: our own JSON-LD export, and other tools' annotations that
 * carry a TextQuoteSelector. Pure: text in, records and a report out; the store writes them
 * (src/store/bulk.ts, one transaction).
 *
 * Policy, from the issue ("all-or-nothing in one transaction"; "bad input gets a clear error
 * and changes nothing"):
 *   - The whole file is checked before anything is written. If ANY item is refused, the
 *     import is refused as a whole: no records are returned, and the report lists every
 *     refused item (up to MAX_REPORTED) with its number and reason, so the reader can fix the
 *     file and try again. A partly imported file would be hard to finish later without
 *     creating duplicates or silently missing the refused items.
 *   - Duplicates are not errors: the same record twice in the file, or a record the store
 *     already has (same id, or same page + quote + note), is skipped and counted.
 *   - The same id twice with different content is an error: which one is right is unknowable.
 *   - Files of the wrong kind, too large, too deeply nested or not JSON are refused before
 *     they are parsed item by item.
 *
 * Safety: records are rebuilt field by field from what was read (own properties only), so
 * unknown keys (`__proto__`, `constructor`, anything else) never reach a stored object; text
 * is kept as text (a `<script>` in a note is stored and later shown as those characters).
 */
import { ANNOTATION_CONTEXT, type Annotation, type AnnotationKind, type Motivation, type Selector, type Sourcing, type TextualBody } from '../annotation/record';
import { siteOf } from '../annotation/url';
import { LIMITS } from '../limits';
import {
  ValidationError,
  absoluteUri,
  dateTime,
  field,
  httpUrl,
  integer,
  isPlainObject,
  list,
  nullable,
  oneOf,
  optional,
  string,
} from '../validate';

export const IMPORT_LIMITS = {
  /** Bytes of file: about 150,000 of our annotations. Checked on the File before reading it. */
  bytes: 256 * 1024 * 1024,
  items: 200_000,
  /** Our records nest 5 levels inside a collection; 32 leaves room for other tools. */
  depth: 32,
  idLength: 2_048,
} as const;

/** Refused items listed in a report; the rest are counted. */
export const MAX_REPORTED = 50;

export interface RefusedItem {
  /** 1-based position of the item in the file. */
  item: number;
  id?: string;
  reason: string;
}

export interface ImportReport {
  /** Items found in the file. */
  items: number;
  /** Items that passed every check (duplicates included). */
  valid: number;
  refused: RefusedItem[];
  /** Refused items beyond MAX_REPORTED, not listed. */
  refusedNotListed: number;
  /** Things read but left out, e.g. a body that is an image. */
  notes: string[];
  /** Annotations without quoted text, skipped because `skipUnsupported` was set. */
  skippedUnsupported: number;
}

export type ImportResult =
  | { ok: true; records: Annotation[]; report: ImportReport }
  | { ok: false; error: string; report: ImportReport };

export interface FileInfo {
  name: string;
  size: number;
  /** MIME type as the browser reports it; often empty for .jsonld. */
  type: string;
}

const ACCEPTED_TYPES = new Set(['', 'application/ld+json', 'application/json', 'text/json', 'application/octet-stream', 'text/plain']);

/** Checks a chosen file before reading it; returns the reason to refuse it, or null. */
export function checkImportFile(file: FileInfo): string | null {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!['json', 'jsonld'].includes(extension) || !ACCEPTED_TYPES.has(file.type.toLowerCase().split(';')[0]!.trim())) {
    return `“${file.name}” is not a JSON-LD file. Claimlens imports W3C annotations saved as .jsonld or .json.`;
  }
  if (file.size > IMPORT_LIMITS.bytes) {
    return `“${file.name}” is ${Math.round(file.size / 1024 / 1024)} MB; Claimlens imports files up to ${IMPORT_LIMITS.bytes / 1024 / 1024} MB. Split the export and import the parts.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  return null;
}

function emptyReport(): ImportReport {
  return { items: 0, valid: 0, refused: [], refusedNotListed: 0, notes: [], skippedUnsupported: 0 };
}

function refuse(error: string, report = emptyReport()): ImportResult {
  return { ok: false, error, report };
}

/**
 * Does JSON text nest deeper than `limit`? Checked on the text, before parsing, so a hostile
 * file is refused with a clear reason. Strings are skipped with indexOf (most of an export is
 * string content), which keeps this to a fraction of JSON.parse's own time.
 */
export function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        if (j === -1) return false; // unterminated string: JSON.parse reports it
        let backslashes = 0;
        for (let k = j - 1; text.charCodeAt(k) === 92; k--) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

function typesOf(value: Record<string, unknown>): string[] {
  const type = field(value, 'type', '');
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** Finds the list of annotations in any of the shapes W3C files come in. */
function itemsOf(data: unknown): unknown[] | string {
  if (Array.isArray(data)) return data;
  if (!isPlainObject(data)) return 'The file holds a single value, not annotations.';
  const types = typesOf(data);
  if (types.includes('Annotation')) return [data];
  let page: unknown = data;
  if (types.includes('AnnotationCollection')) {
    page = field(data, 'first', 'first');
    if (page === undefined) {
      const total = field(data, 'total', 'total');
      return total === 0 || total === undefined ? [] : 'The collection has no `first` page, so its annotations are not in the file.';
    }
    if (typeof page === 'string') {
      return 'The collection’s pages are not in the file (`first` is only an address). Export the annotations into one file.';
    }
  }
  if (isPlainObject(page) && typesOf(page).includes('AnnotationPage')) {
    const next = field(page, 'next', 'next');
    if (next !== undefined && next !== null) {
      return 'The file has only the first page of a collection (`next` points to more). Export everything into one file.';
    }
    const items = field(page, 'items', 'items');
    if (!Array.isArray(items)) return 'The annotation page has no `items` list.';
    return items;
  }
  return 'This is not a W3C annotation file: expected an Annotation, a list of them, an AnnotationCollection or an AnnotationPage.';
}

const CONTEXTS = new Set([ANNOTATION_CONTEXT, 'https://www.w3.org/ns/anno.jsonld']);

function asList(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function child(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

const readId = absoluteUri({ max: IMPORT_LIMITS.idLength });
const readDate = dateTime();
const readExact = string({ max: LIMITS.exact, min: 1 });
const readContext = string({ max: LIMITS.context });
const readNote = string({ max: LIMITS.note });
const readTag = string({ max: LIMITS.tag, min: 1 });
const readTitle = string({ max: LIMITS.title });
const readSource = httpUrl({ max: LIMITS.url });
const readOffset = integer({ min: 0, max: LIMITS.articleText });
const readKind = oneOf<AnnotationKind>(['actor', 'claim', 'manual']);
const readActors = optional(list(string({ max: LIMITS.actor, min: 1 }), { max: LIMITS.actors }), []);
const readSpeaker = optional(nullable(string({ max: LIMITS.actor, min: 1 })), null);
const readSourcing = optional(nullable(oneOf<Sourcing>(['named', 'vague', 'unattributed'])), null);
const MOTIVATIONS: readonly Motivation[] = ['highlighting', 'commenting', 'tagging'];

function readBodies(item: Record<string, unknown>, notes: string[]): { note: string; tags: string[] } {
  const noteParts: string[] = [];
  const tags: string[] = [];
  const bodyValue = field(item, 'bodyValue', 'bodyValue');
  if (bodyValue !== undefined) noteParts.push(readNote(bodyValue, 'bodyValue'));
  const bodies = asList(field(item, 'body', 'body'));
  if (bodies.length > LIMITS.tags + 10) throw new ValidationError('body', `has more than ${LIMITS.tags + 10} entries`);
  let skipped = 0;
  bodies.forEach((body, i) => {
    const path = Array.isArray(field(item, 'body', 'body')) ? child('body', i) : 'body';
    if (!isPlainObject(body)) {
      if (typeof body === 'string') skipped++; // a body that is only an address: nothing to show
      else throw new ValidationError(path, 'must be an object or an address');
      return;
    }
    const type = typesOf(body);
    const value = field(body, 'value', path);
    if (!(type.includes('TextualBody') || (type.length === 0 && value !== undefined))) {
      skipped++;
      return;
    }
    const purpose = asList(field(body, 'purpose', child(path, 'purpose')));
    if (purpose.includes('tagging')) tags.push(readTag(value, child(path, 'value')).trim());
    else noteParts.push(readNote(value, child(path, 'value')));
  });
  if (skipped) notes.push(`${skipped} bod${skipped === 1 ? 'y' : 'ies'} that ${skipped === 1 ? 'is' : 'are'} not text left out`);
  const note = noteParts.map((n) => n.trim()).filter(Boolean).join('\n\n');
  if (note.length > LIMITS.note) throw new ValidationError('body', `has notes longer than ${LIMITS.note} characters together`);
  const unique = [...new Set(tags.filter(Boolean))];
  if (unique.length > LIMITS.tags) throw new ValidationError('body', `has more than ${LIMITS.tags} tags`);
  return { note, tags: unique };
}

/**
 * A well-formed W3C annotation that Claimlens cannot keep (no quoted text, or a target that
 * is not a web page). Refused like any other problem unless the import allows skipping them.
 */
export class UnsupportedAnnotation extends ValidationError {}

/** Selectors of a target, with those nested in `refinedBy` (e.g. a quote inside a fragment). */
function flattenSelectors(raw: unknown, path: string): { value: Record<string, unknown>; path: string }[] {
  const out: { value: Record<string, unknown>; path: string }[] = [];
  const visit = (value: unknown, at: string, depth: number) => {
    if (depth > 4 || out.length > 20) return;
    if (Array.isArray(value)) {
      value.slice(0, 20).forEach((v, i) => visit(v, child(at, i), depth + 1));
      return;
    }
    if (!isPlainObject(value)) return;
    out.push({ value, path: at });
    const refined = field(value, 'refinedBy', at);
    if (refined !== undefined) visit(refined, child(at, 'refinedBy'), depth + 1);
  };
  visit(raw, path, 0);
  return out;
}

function readTarget(item: Record<string, unknown>): { source: string; title: string; selector: Selector[] } {
  const raw = field(item, 'target', 'target');
  if (raw === undefined) throw new ValidationError('target', 'is missing');
  const targets = asList(raw);
  // Several targets: the first one with a quote is the passage (other tools add the page itself).
  let chosen: { value: Record<string, unknown>; path: string } | undefined;
  let firstObject: { value: Record<string, unknown>; path: string } | undefined;
  targets.slice(0, 20).forEach((target, i) => {
    if (!isPlainObject(target)) return;
    const path = Array.isArray(raw) ? child('target', i) : 'target';
    firstObject ??= { value: target, path };
    if (!chosen && asList(field(target, 'selector', '')).some((s) => isPlainObject(s) && typesOf(s).includes('TextQuoteSelector'))) {
      chosen = { value: target, path };
    }
  });
  if (!firstObject) {
    if (targets.length > 0 && targets.every((t) => typeof t === 'string')) {
      throw new UnsupportedAnnotation('target', 'is only an address; Claimlens needs the quoted text (a TextQuoteSelector)');
    }
    throw new ValidationError('target', 'must be an object');
  }
  const { value: target, path } = chosen ?? firstObject;
  if (field(target, 'source', path) === undefined && !chosen) {
    throw new UnsupportedAnnotation(child(path, 'source'), 'is missing: the target is not a passage of a web page');
  }
  const source = readSource(field(target, 'source', path), child(path, 'source'));
  const titleValue = field(target, 'title', path);
  const title = titleValue === undefined ? '' : readTitle(titleValue, child(path, 'title')).trim();
  const rawSelectors = field(target, 'selector', path);
  const found = flattenSelectors(rawSelectors, child(path, 'selector'));
  const quoteAt = found.findIndex((s) => typesOf(s.value).includes('TextQuoteSelector'));
  if (quoteAt === -1) {
    throw new UnsupportedAnnotation(
      child(path, 'selector'),
      rawSelectors === undefined ? 'is missing, so there is no quoted text to keep' : 'has no TextQuoteSelector, so there is no quoted text to keep',
    );
  }
  const quote = found[quoteAt]!.value;
  const qp = found[quoteAt]!.path;
  const exact = readExact(field(quote, 'exact', qp), child(qp, 'exact'));
  if (exact.trim() === '') throw new ValidationError(child(qp, 'exact'), 'is only white space');
  const selector: Selector[] = [
    {
      type: 'TextQuoteSelector',
      exact,
      prefix: optional(readContext, '')(field(quote, 'prefix', qp), child(qp, 'prefix')),
      suffix: optional(readContext, '')(field(quote, 'suffix', qp), child(qp, 'suffix')),
    },
  ];
  const positionAt = found.findIndex((s) => typesOf(s.value).includes('TextPositionSelector'));
  if (positionAt !== -1) {
    const position = found[positionAt]!.value;
    const pp = found[positionAt]!.path;
    const start = readOffset(field(position, 'start', pp), child(pp, 'start'));
    const end = readOffset(field(position, 'end', pp), child(pp, 'end'));
    if (end < start) throw new ValidationError(child(pp, 'end'), 'is before `start`');
    selector.push({ type: 'TextPositionSelector', start, end });
  }
  return { source, title, selector };
}

/** One item of the file as our record, or a ValidationError naming the field. */
export function readAnnotation(value: unknown, notes: string[] = [], now: Date = new Date()): Annotation {
  if (!isPlainObject(value)) throw new ValidationError('', 'is not an annotation object');
  const item = value;
  if (!typesOf(item).includes('Annotation')) throw new ValidationError('type', 'must be "Annotation"');
  const context = field(item, '@context', '@context');
  if (context !== undefined && !asList(context).some((c) => typeof c === 'string' && CONTEXTS.has(c))) {
    throw new ValidationError('@context', `must include "${ANNOTATION_CONTEXT}"`);
  }
  const id = readId(field(item, 'id', 'id'), 'id');
  const createdValue = field(item, 'created', 'created');
  const created = createdValue === undefined ? now.toISOString() : readDate(createdValue, 'created');
  const modifiedValue = field(item, 'modified', 'modified');
  const modified = modifiedValue === undefined ? created : readDate(modifiedValue, 'modified');
  if (field(item, 'body', 'body') !== undefined && field(item, 'bodyValue', 'bodyValue') !== undefined) {
    throw new ValidationError('bodyValue', 'cannot be given together with `body`');
  }
  const { note, tags } = readBodies(item, notes);
  const target = readTarget(item);

  const metaValue = field(item, 'claimlens', 'claimlens');
  let kind: AnnotationKind = 'manual';
  let actors: string[] = [];
  let speaker: string | null = null;
  let sourcing: Sourcing | null = null;
  let rawUrl: string | undefined;
  if (metaValue !== undefined) {
    if (!isPlainObject(metaValue)) throw new ValidationError('claimlens', 'must be an object');
    kind = readKind(field(metaValue, 'kind', 'claimlens'), 'claimlens.kind');
    actors = [...new Set(readActors(field(metaValue, 'actors', 'claimlens'), 'claimlens.actors'))];
    speaker = readSpeaker(field(metaValue, 'speaker', 'claimlens'), 'claimlens.speaker');
    sourcing = readSourcing(field(metaValue, 'sourcing', 'claimlens'), 'claimlens.sourcing');
    const raw = field(metaValue, 'rawUrl', 'claimlens');
    rawUrl = raw === undefined ? undefined : readSource(raw, 'claimlens.rawUrl');
  }

  const body: TextualBody[] = [
    ...(note ? [{ type: 'TextualBody' as const, value: note, purpose: 'commenting' as const }] : []),
    ...tags.map((v) => ({ type: 'TextualBody' as const, value: v, purpose: 'tagging' as const })),
  ];
  const given = field(item, 'motivation', 'motivation');
  const motivation: Motivation =
    typeof given === 'string' && (MOTIVATIONS as readonly string[]).includes(given) && (given !== 'highlighting' || body.length === 0)
      ? (given as Motivation)
      : note ? 'commenting' : tags.length ? 'tagging' : 'highlighting';
  // Same key order as buildAnnotation, so a re-export is byte-identical.
  return {
    '@context': ANNOTATION_CONTEXT,
    type: 'Annotation',
    id,
    created,
    modified: modified < created ? created : modified,
    motivation,
    body,
    target,
    claimlens: { kind, actors, speaker, sourcing, site: siteOf(target.source), ...(rawUrl ? { rawUrl } : {}) },
  };
}

export interface ParseOptions {
  /** Used as `created` for other tools' annotations that have none. */
  now?: Date;
  maxChars?: number;
  maxItems?: number;
  /**
   * Skip (and count) well-formed annotations Claimlens cannot keep, such as another tool's
   * page notes without quoted text, instead of refusing the file. Off by default: the reader
   * opts in after seeing the first report.
   */
  skipUnsupported?: boolean;
}

/** Reads a whole import file. See the policy at the top of this file. */
export function parseImport(text: string, options: ParseOptions = {}): ImportResult {
  const maxChars = options.maxChars ?? IMPORT_LIMITS.bytes;
  const maxItems = options.maxItems ?? IMPORT_LIMITS.items;
  if (typeof text !== 'string') return refuse('The file could not be read as text.');
  if (text.length > maxChars) {
    return refuse(`The file is too large (${text.length.toLocaleString('en')} characters; the limit is ${maxChars.toLocaleString('en')}). Nothing was imported.`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.trimStart()[0];
  if (start !== '{' && start !== '[') {
    return refuse(start === undefined ? 'The file is empty. Nothing was imported.' : 'The file is not JSON (it should start with “{” or “[”). Nothing was imported.');
  }
  if (exceedsDepth(body, IMPORT_LIMITS.depth)) {
    return refuse(`The file nests data more than ${IMPORT_LIMITS.depth} levels deep, which no annotation needs. Nothing was imported.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return refuse(`The file is not valid JSON (it may be cut short): ${detail}. Nothing was imported.`);
  }
  const items = itemsOf(data);
  if (typeof items === 'string') return refuse(`${items} Nothing was imported.`);
  const report = emptyReport();
  report.items = items.length;
  if (items.length > maxItems) {
    return refuse(`The file has ${items.length.toLocaleString('en')} annotations; the limit is ${maxItems.toLocaleString('en')} per import. Nothing was imported.`, report);
  }
  const now = options.now ?? new Date();
  const records: Annotation[] = [];
  const seen = new Map<string, { item: number; record: Annotation }>();
  let refusedCount = 0;
  let unsupported = 0;
  const addRefusal = (entry: RefusedItem) => {
    refusedCount++;
    if (report.refused.length < MAX_REPORTED) report.refused.push(entry);
  };
  items.forEach((value, i) => {
    const item = i + 1;
    const notes: string[] = [];
    let record: Annotation;
    try {
      record = readAnnotation(value, notes, now);
    } catch (error) {
      if (error instanceof UnsupportedAnnotation && options.skipUnsupported) {
        report.skippedUnsupported++;
        return;
      }
      const id = isPlainObject(value) && typeof field(value, 'id', '') === 'string' ? String(field(value, 'id', '')).slice(0, 200) : undefined;
      if (error instanceof UnsupportedAnnotation) unsupported++;
      const reason = error instanceof ValidationError ? error.message : `could not be read (${error instanceof Error ? error.message : String(error)})`;
      addRefusal({ item, ...(id ? { id } : {}), reason });
      return;
    }
    // Compared as JSON only when an id repeats: serialising every record up front cost time
    // and, for 100,000 records, some 150 MB of strings held until the end.
    const earlier = seen.get(record.id);
    if (earlier && JSON.stringify(earlier.record) !== JSON.stringify(record)) {
      addRefusal({ item, id: record.id, reason: `\`id\` is the same as item ${earlier.item}'s, but the annotations differ` });
      return;
    }
    if (!earlier) seen.set(record.id, { item, record });
    for (const note of notes) if (report.notes.length < MAX_REPORTED) report.notes.push(`item ${item}: ${note}`);
    records.push(record);
  });
  report.valid = records.length;
  report.refusedNotListed = refusedCount - report.refused.length;
  if (refusedCount > 0) {
    const first = report.refused[0]!;
    const more = refusedCount > 1 ? ` (and ${refusedCount - 1} more item${refusedCount === 2 ? '' : 's'})` : '';
    const hint =
      unsupported === refusedCount
        ? ` ${unsupported} annotation${unsupported === 1 ? ' has' : 's have'} no quoted text; you can import the others and skip ${unsupported === 1 ? 'it' : 'them'}.`
        : ' Fix the file and try again.';
    return refuse(`${describeRefusal(first)}${more}. Nothing was imported.${hint}`, report);
  }
  return { ok: true, records, report };
}

/** "item 14: `target.source` is missing" */
export function describeRefusal(entry: RefusedItem): string {
  return `item ${entry.item}: ${entry.reason}`;
}

/**
 * Why a stored value is not an intact Claimlens annotation, or null if it is: the import
 * rules applied to the store, and the record must read back unchanged (for `findDamaged`).
 */
export function annotationProblem(value: unknown): string | null {
  try {
    const read = readAnnotation(value, [], new Date(0));
    return JSON.stringify(read) === JSON.stringify(value) ? null : 'differs from the record it should be';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
