/**
 * A checker for the W3C Web Annotation conformance material in ../shared/w3c-annotation-model,
 * following the evaluation rules in that folder's README (taken from wpt's annotation-model):
 * a `.test` file lists assertions (file references, inline objects, `assertionFile` objects
 * with overrides, nested lists, condition objects with `assertions` + `compareWith`); each
 * assertion is a draft-04 JSON Schema with `expectedResult` (valid | invalid),
 * `assertionType` (must | should | may) and `onUnexpectedResult` (failAndContinue, failAndSkip,
 * failAndAbort, passAndContinue, passAndSkip, passAndAbort).
 *
 * Some assertion files the `.test` files name are not in that copy. Where the definitions they
 * rely on are available, REBUILT_ASSERTIONS below stands in for them. Those are Claimlens's own
 * reconstructions, not W3C text, and every outcome says which origin it came from.
 *
 * Formats: ajv-formats is not installed, so `uri` and `date-time` are checked by the two small
 * functions below (RFC 3986 absolute-URI syntax; RFC 3339 date-time) — also ours, not wpt's.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';

/** The repository root, three levels above this file; the shared material sits beside it. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const W3C_ROOT = resolve(REPO_ROOT, '../shared/w3c-annotation-model');
export const W3C_AVAILABLE = existsSync(join(W3C_ROOT, 'definitions'));

type Json = Record<string, unknown>;
export type Origin = 'w3c' | 'rebuilt';

export interface Outcome {
  name: string;
  origin: Origin;
  assertionType: string;
  expected: 'valid' | 'invalid';
  actual: 'valid' | 'invalid';
  /** Counted as passing (expected result, or an unexpected one whose rule says "pass…"). */
  passed: boolean;
  message?: string;
}

export interface TestRun {
  test: string;
  outcomes: Outcome[];
  /** Assertion files named by the test that are neither in the copy nor rebuilt. */
  unavailable: string[];
  aborted: boolean;
}

const URI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function createAjv() {
  const ajv = new Ajv04({ strict: false, allErrors: true, validateSchema: false });
  ajv.addFormat('uri', (value: string) => URI.test(value));
  ajv.addFormat('date-time', (value: string) => DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
  for (const file of readdirSync(join(W3C_ROOT, 'definitions'))) {
    if (file.endsWith('.json')) ajv.addSchema(JSON.parse(readFileSync(join(W3C_ROOT, 'definitions', file), 'utf8')) as Json);
  }
  return ajv;
}

/** Applies a definition to the body/target, whether it is one resource or a list of them. */
function eachResource(key: 'body' | 'target', ref: string): Json {
  const one = { anyOf: [{ type: 'string' }, { $ref: ref }] };
  return { type: 'object', properties: { [key]: { oneOf: [one, { type: 'array', items: one }] } } };
}
/** True when the body/target (or any item of a list of them) matches a definition. */
function someResource(key: 'body' | 'target', ref: string): Json {
  return {
    type: 'object',
    required: [key],
    properties: { [key]: { anyOf: [{ $ref: ref }, { type: 'array', not: { items: { not: { $ref: ref } } } }] } },
  };
}
/** Applies a definition to every selector of a target that has selectors. */
function eachSelector(ref: string): Json {
  const sel = { anyOf: [{ type: 'string' }, { type: 'object', allOf: [{ $ref: ref }] }] };
  const onTarget = {
    anyOf: [
      { type: 'string' },
      { type: 'object', properties: { selector: { oneOf: [sel, { type: 'array', items: sel }] } } },
    ],
  };
  return { type: 'object', properties: { target: { oneOf: [onTarget, { type: 'array', items: onTarget }] } } };
}
const rebuilt = (title: string, schema: Json, expectedResult: 'valid' | 'invalid' = 'valid'): Json => ({
  title: `[rebuilt by Claimlens, not W3C text] ${title}`,
  assertionType: 'must',
  expectedResult,
  ...schema,
});
const B = 'bodyTarget.json#/definitions/';
const O = 'otherProperties.json#/definitions/';
const S = 'specificResource.json#/definitions/';
const C = 'choiceSet.json#/definitions/';
const L = 'collections.json#/definitions/';

/** Stand-ins for assertion files the .test files name but the copy lacks (keyed by that name). */
export const REBUILT_ASSERTIONS: Record<string, Json> = {
  ...Object.fromEntries(
    (['body', 'target'] as const).flatMap((key) => {
      const p = key === 'body' ? 'body' : 'targ';
      return [
        [`bodiesTargets/3.2.1-${p}TextDirectionValidated.json`, rebuilt(`each ${key} has a valid textDirection if present`, eachResource(key, `${B}textDirectionValidIfPresent`))],
        [`bodiesTargets/3.3.1-${p}CreatedValidated.json`, rebuilt(`each ${key} has a single date-time created if present`, eachResource(key, `${O}createdValidIfPresent`))],
        [`bodiesTargets/3.3.1-${p}ModifiedValidated.json`, rebuilt(`each ${key} has a single date-time modified if present`, eachResource(key, `${O}modifiedValidIfPresent`))],
        [`bodiesTargets/3.3.6-${p}RightsValidated.json`, rebuilt(`each ${key}'s rights are URIs`, eachResource(key, `${O}rightsValidIfPresent`))],
        [`bodiesTargets/3.3.7-${p}CanonicalValidated.json`, rebuilt(`each ${key}'s canonical is one URI`, eachResource(key, `${O}canonicalValidIfPresent`))],
        [`bodiesTargets/3.3.7-${p}ViaValidated.json`, rebuilt(`each ${key}'s via values are URIs`, eachResource(key, `${O}viaValidIfPresent`))],
        [`bodiesTargets/3.2.7-${p}EWRNoItems.json`, rebuilt(`no External Web Resource ${key} has items`, someResource(key, `${B}ewrWithItems`), 'invalid')],
        [`bodiesTargets/3.3.5-${p}EWRNoPurpose.json`, rebuilt(`no External Web Resource ${key} has purpose`, someResource(key, `${B}ewrWithPurpose`), 'invalid')],
        [`bodiesTargets/3.2.4-${p}ChoiceSetNoValue.json`, rebuilt(`no Choice/Set ${key} has value`, someResource(key, `${C}choiceSetWithValue`), 'invalid')],
        [`bodiesTargets/4-${p}ChoiceSetNoSource.json`, rebuilt(`no Choice/Set ${key} has source`, someResource(key, `${C}choiceSetWithSource`), 'invalid')],
        [`bodiesTargets/3.3.5-${p}ChoiceSetNoPurpose.json`, rebuilt(`no Choice/Set ${key} has purpose`, someResource(key, `${C}choiceSetWithPurpose`), 'invalid')],
        [`bodiesTargets/3.2.7-${p}SpecificResourceNoItems.json`, rebuilt(`no Specific Resource ${key} has items`, someResource(key, `${S}specificResourceWithItems`), 'invalid')],
        [`bodiesTargets/4-${p}SpecificResourceNoValue.json`, rebuilt(`no Specific Resource ${key} has value`, someResource(key, `${S}specificResourceWithValue`), 'invalid')],
      ];
    }),
  ),
  'bodiesTargets/3.2.7-bodyEmbeddedTextualNoItems.json': rebuilt('no Textual Body has items', someResource('body', `${B}embeddedTextualBodyWithItems`), 'invalid'),
  'bodiesTargets/4-bodyEmbeddedTextualNoSource.json': rebuilt('no Textual Body has source', someResource('body', `${B}embeddedTextualBodyWithSource`), 'invalid'),
  'bodiesTargets/3.2.4-targNoTypeTextualBody.json': rebuilt('no target is typed TextualBody', someResource('target', `${B}embeddedTextTypeIncludesTextualBody`), 'invalid'),
  'collections/pages/5.2-pageContextValidated.json': rebuilt('the Page (or the Collection embedding it) has the anno.jsonld @context', {
    type: 'object',
    required: ['@context'],
    properties: { '@context': { oneOf: [{ $ref: `${L}contextValueFound` }, { $ref: `${L}contextValueInArrayFound` }] } },
  }),
  'collections/5.1-collectionContextValidated.json': rebuilt('the Collection has the anno.jsonld @context', {
    type: 'object',
    required: ['@context'],
    properties: { '@context': { oneOf: [{ $ref: `${L}contextValueFound` }, { $ref: `${L}contextValueInArrayFound` }] } },
  }),
  'collections/5.1-collectionIdValidated.json': rebuilt('the Collection has one URI id', { $ref: 'id.json#/definitions/idValueFound' }),
  'collections/5.1-collectionTypeValidated.json': rebuilt('the Collection has type AnnotationCollection', { $ref: `${L}annotationCollectionTypeValueFound` }),
  'collections/5.1-collectionLabelValidated.json': rebuilt('the Collection label, if present, is text', { $ref: `${L}labelDefinition` }),
  'collections/5.1-collectionTotalValidated.json': rebuilt('the Collection total, if present, is one integer ≥ 0', { $ref: `${L}totalDefinition` }),
  'collections/5.1-collectionFirstValidated.json': rebuilt('the Collection first is valid, and present when total > 0', {
    allOf: [{ $ref: `${L}firstValidIfPresent` }, { $ref: `${L}firstRequiredIfTotalMoreThanZero` }],
  }),
  'collections/5.1-collectionLastValidated.json': rebuilt('the Collection last, if present, is one URI', { $ref: `${L}lastValidIfPresent` }),
  'collections/3.3.1-collectionCreatedValidated.json': rebuilt('the Collection created, if present, is one date-time', { $ref: `${O}createdValidIfPresent` }),
  'collections/3.3.1-collectionModifiedValidated.json': rebuilt('the Collection modified, if present, is one date-time', { $ref: `${O}modifiedValidIfPresent` }),
  'collections/3.3.6-collectionRightsValidated.json': rebuilt('the Collection rights, if present, are URIs', { $ref: `${O}rightsValidIfPresent` }),
};

/**
 * specificResource/specificResourceMusts.test is entirely missing from the copy (none of its 11
 * files), so this rebuilt list stands in for it; run it as its own "test".
 */
export const REBUILT_SPECIFIC_RESOURCE_TEST: Json[] = [
  rebuilt('a target with a source has exactly one URI source', {
    type: 'object',
    properties: {
      target: {
        anyOf: [
          { type: 'string' },
          { type: 'object', not: { required: ['source'] } },
          { $ref: `${S}sourceDetected` },
          { type: 'array' },
        ],
      },
    },
  }),
  rebuilt('each target selector is a URI or a selector the model describes', {
    type: 'object',
    properties: { target: { anyOf: [{ type: 'string' }, { $ref: `${S}selectorDefined` }, { type: 'array', items: { anyOf: [{ type: 'string' }, { $ref: `${S}selectorDefined` }] } }] } },
  }),
  rebuilt('each TextQuoteSelector meets its constraints', eachSelector(`${S}textQuoteSelectorTypeValidIfPresent`)),
  rebuilt('each TextPositionSelector meets its constraints', eachSelector(`${S}textPositionSelectorTypeValidIfPresent`)),
  rebuilt('each selector refinedBy, if any, is valid', eachSelector(`${S}refinedByDefined`)),
];

export class W3CChecker {
  private readonly ajv = createAjv();
  private readonly compiled = new Map<Json, ReturnType<Ajv04['compile']>>();

  private validate(schema: Json, doc: unknown): { valid: boolean; message?: string } {
    let check = this.compiled.get(schema);
    if (!check) {
      // Assertion files carry relative ids ("3.1-annotationIdValidated.json"); their $refs
      // ("annotations.json#/…") resolve against those ids to the definitions added above.
      const { $schema: _s, ...rest } = schema;
      const existing = typeof rest.id === 'string' ? this.ajv.getSchema(rest.id) : undefined;
      check = existing ?? this.ajv.compile(rest);
      this.compiled.set(schema, check);
    }
    const valid = check(doc) as boolean;
    return { valid, message: valid ? undefined : this.ajv.errorsText(check.errors) };
  }

  /** Resolves one entry of an assertions list; null when the file is not available. */
  private load(entry: unknown, dir: string): { schema: Json; name: string; origin: Origin } | null {
    if (typeof entry === 'string') {
      const path = entry.includes('/') ? join(W3C_ROOT, entry) : join(dir, entry);
      const key = path.slice(W3C_ROOT.length + 1);
      if (existsSync(path)) return { schema: JSON.parse(readFileSync(path, 'utf8')) as Json, name: key, origin: 'w3c' };
      const stand = REBUILT_ASSERTIONS[key];
      return stand ? { schema: stand, name: key, origin: 'rebuilt' } : null;
    }
    const obj = entry as Json;
    if (typeof obj.assertionFile === 'string') {
      const base = this.load(obj.assertionFile, dir);
      if (!base) return null;
      const { assertionFile: _f, ...overrides } = obj;
      return { ...base, schema: { ...base.schema, ...overrides, id: undefined } };
    }
    return { schema: obj, name: String(obj.title ?? 'inline assertion'), origin: (obj.title as string | undefined)?.startsWith('[rebuilt') ? 'rebuilt' : 'w3c' };
  }

  /** Runs a list; returns false when the rest of the test must be aborted. */
  private runList(entries: unknown[], doc: unknown, dir: string, run: TestRun): boolean {
    for (const entry of entries) {
      if (Array.isArray(entry)) {
        if (!this.runList(entry, doc, dir, run)) return false;
        continue;
      }
      const loaded = this.load(entry, dir);
      if (!loaded) {
        run.unavailable.push(String(typeof entry === 'string' ? entry : (entry as Json).assertionFile));
        continue;
      }
      const { schema, name, origin } = loaded;
      const expected = schema.expectedResult === 'invalid' ? 'invalid' : 'valid';
      let actual: 'valid' | 'invalid';
      let message: string | undefined;
      if (Array.isArray(schema.assertions)) {
        // Condition object: and/or of its children's results (each judged against its own expectation).
        const child: TestRun = { test: name, outcomes: [], unavailable: [], aborted: false };
        this.runList(schema.assertions, doc, dir, child);
        run.unavailable.push(...child.unavailable);
        const results = child.outcomes.map((o) => o.actual === o.expected);
        const ok = schema.compareWith === 'or' ? results.some(Boolean) : results.every(Boolean);
        actual = ok ? 'valid' : 'invalid';
      } else {
        const result = this.validate(schema, doc);
        actual = result.valid ? 'valid' : 'invalid';
        message = result.valid ? undefined : `${String(schema.errorMessage ?? '')} ${result.message ?? ''}`.trim();
      }
      const rule = String(schema.onUnexpectedResult ?? 'failAndContinue');
      const asExpected = actual === expected;
      run.outcomes.push({
        name,
        origin,
        assertionType: String(schema.assertionType ?? 'must'),
        expected,
        actual,
        passed: asExpected || rule.startsWith('pass'),
        ...(asExpected ? {} : { message }),
      });
      if (!asExpected) {
        if (rule.endsWith('Abort')) {
          run.aborted = true;
          return false;
        }
        if (rule.endsWith('Skip')) return true;
      }
    }
    return true;
  }

  /** Evaluates one `.test` file (path relative to the conformance root) on a document. */
  runTest(testFile: string, doc: unknown): TestRun {
    const path = join(W3C_ROOT, testFile);
    const test = JSON.parse(readFileSync(path, 'utf8')) as { assertions: unknown[] };
    const run: TestRun = { test: testFile, outcomes: [], unavailable: [], aborted: false };
    this.runList(test.assertions, doc, dirname(path), run);
    return run;
  }

  /** Evaluates a list of assertions (e.g. the rebuilt specific-resource checks) on a document. */
  runAssertions(name: string, assertions: Json[], doc: unknown): TestRun {
    const run: TestRun = { test: name, outcomes: [], unavailable: [], aborted: false };
    this.runList(assertions, doc, W3C_ROOT, run);
    return run;
  }
}

/** The MUST-level failures of a run. */
export function failures(run: TestRun): Outcome[] {
  return run.outcomes.filter((o) => !o.passed && o.assertionType === 'must');
}
