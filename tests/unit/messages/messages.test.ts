import { describe, expect, it } from 'vitest';
import { type AnnotationDraft, type BackgroundProtocol, LIMITS, backgroundRequestReaders, readDraft } from '../../../src/messages';
import { asMessageListener, createRouter, HandlerError, request } from '../../../src/router';
import { ValidationError } from '../../../src/validate';

const EXACT = 'He stressed that Washington would keep working';
const valid: AnnotationDraft = {
  exact: EXACT,
  prefix: 'matters. ',
  suffix: ' to persuade',
  start: 10,
  end: 10 + EXACT.length,
  pageUrl: 'https://news.example/a',
  canonicalLink: null,
  title: 'A title',
  note: '',
  tags: [],
  kind: 'manual',
  actors: [],
  speaker: null,
  sourcing: null,
};

function problem(value: unknown): string {
  try {
    readDraft(value, 'draft');
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('readDraft', () => {
  it('accepts a well-formed draft and fills optional fields', () => {
    const { note: _n, tags: _t, actors: _a, speaker: _s, sourcing: _so, ...minimal } = valid;
    expect(readDraft(minimal, 'draft')).toEqual(valid);
  });

  it.each<[string, unknown, string]>([
    ['a non-object', 'hello', '`draft` must be an object, not a string'],
    ['a missing quote', { ...valid, exact: undefined }, '`draft.exact` is missing'],
    ['a blank quote', { ...valid, exact: '   ', end: 13 }, '`draft.exact` is only white space'],
    ['a quote over the limit', { ...valid, exact: 'x'.repeat(LIMITS.exact + 1), end: 10 + LIMITS.exact + 1 }, `\`draft.exact\` is longer than ${LIMITS.exact} characters`],
    ['offsets that disagree with the quote', { ...valid, end: 99 }, '`draft.end` does not match the length of the quoted text'],
    ['a negative offset', { ...valid, start: -1 }, '`draft.start` must be between 0 and 5000000'],
    ['a fractional offset', { ...valid, start: 1.5 }, '`draft.start` must be a whole number, not a number'],
    ['a javascript: address', { ...valid, pageUrl: 'javascript:alert(1)' }, '`draft.pageUrl` must be an http or https address'],
    ['an unknown kind', { ...valid, kind: 'weird' }, '`draft.kind` must be one of "actor", "claim", "manual"'],
    ['a tag that is not text', { ...valid, tags: ['ok', 3] }, '`draft.tags[1]` must be text, not a number'],
    ['too many tags', { ...valid, tags: Array(LIMITS.tags + 1).fill('t') }, `\`draft.tags\` has more than ${LIMITS.tags} entries`],
    ['an unknown sourcing level', { ...valid, sourcing: 'rumour' }, '`draft.sourcing` must be one of "named", "vague", "unattributed"'],
  ])('refuses %s with a message that says where', (_name, value, message) => {
    expect(problem(value)).toBe(message);
  });

  it('never copies unknown keys, including __proto__', () => {
    const hostile = JSON.parse(JSON.stringify({ ...valid, extra: 1 }).replace('{', '{"__proto__":{"polluted":true},'));
    const draft = readDraft(hostile, 'draft') as unknown as Record<string, unknown>;
    expect(draft.extra).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(draft)).toBe(Object.prototype);
  });
});

describe('router', () => {
  const extensionId = 'our-extension';
  const handlers = {
    'annotation.save': async () => {
      throw new HandlerError('storage', 'The disk is full.');
    },
    'annotation.list': async ({ limit }: { limit: number }) => ({ items: [], total: limit }),
    'annotation.export': async () => {
      throw new Error('boom');
    },
    'article.detect': () => ({ actors: [], claims: [] }),
    'page.report': () => ({ ok: true as const }),
  };
  const route = createRouter<BackgroundProtocol>({ readers: backgroundRequestReaders, handlers: handlers as never, extensionId });
  const ours = { id: extensionId };

  it('answers a valid request with its handler’s value', async () => {
    const send = (message: unknown) => route(message, ours)!;
    await expect(request<BackgroundProtocol, 'annotation.list'>(send, 'annotation.list', { limit: 7, before: null })).resolves.toEqual({ items: [], total: 7 });
  });

  it('refuses senders other than this extension', async () => {
    await expect(route({ claimlens: 1, type: 'annotation.list', payload: { limit: 1 } }, { id: 'someone-else' })).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Messages are accepted only from Claimlens itself.' },
    });
  });

  it('answers an invalid payload with a typed error naming the field', async () => {
    await expect(route({ claimlens: 1, type: 'annotation.list', payload: { limit: 0 } }, ours)).resolves.toEqual({
      ok: false,
      error: { code: 'invalid', message: 'Invalid annotation.list request: `payload.limit` must be between 1 and 500' },
    });
  });

  it('passes a handler’s own error code through, and wraps unexpected failures', async () => {
    const save = await route({ claimlens: 1, type: 'annotation.save', payload: { draft: valid } }, ours);
    expect(save).toEqual({ ok: false, error: { code: 'storage', message: 'The disk is full.' } });
    const exported = await route({ claimlens: 1, type: 'annotation.export', payload: { format: 'jsonld' } }, ours);
    expect(exported).toEqual({ ok: false, error: { code: 'internal', message: 'Claimlens could not complete annotation.export: boom' } });
  });

  it('ignores messages that are not ours or of unknown type, so another listener may answer', () => {
    expect(route({ type: 'annotation.list' }, ours)).toBeUndefined();
    expect(route({ claimlens: 1, type: 'toString', payload: {} }, ours)).toBeUndefined();
    expect(route(null, ours)).toBeUndefined();
  });

  it('answers as a runtime.onMessage listener through sendResponse, keeping the channel open', async () => {
    // Chrome before promise-returning listeners and Firefox both honour this contract; with
    // `return reply` instead, Chrome would answer `undefined`.
    const listener = asMessageListener(route);
    const replies: unknown[] = [];
    const answered = new Promise<void>((resolve) => {
      expect(listener({ claimlens: 1, type: 'annotation.list', payload: { limit: 3 } }, ours, (reply) => (replies.push(reply), resolve()))).toBe(true);
    });
    await answered;
    expect(replies).toEqual([{ ok: true, value: { items: [], total: 3 } }]);
    // Not ours: no answer and the channel is not held open, so another listener may answer.
    expect(listener({ type: 'annotation.list' }, ours, (reply) => replies.push(reply))).toBeUndefined();
    expect(replies).toHaveLength(1);
  });

  it('makes request() throw the receiver’s message', async () => {
    const send = (message: unknown) => route(message, ours)!;
    await expect(request<BackgroundProtocol, 'annotation.save'>(send, 'annotation.save', { draft: valid })).rejects.toThrow('The disk is full.');
  });
});

describe('page.report', () => {
  const report = {
    pageUrl: 'https://mirror.example/story?utm_source=x',
    canonicalLink: 'https://news.example/story',
    scanning: true,
    articleFound: true,
    actors: 2,
    claims: { named: 1, vague: 0, unattributed: 0 },
    topActors: [{ name: 'Jake Sullivan', type: 'person', count: 2 }],
    saved: 1,
    orphans: [],
  };
  const read = (value: unknown) => backgroundRequestReaders['page.report'](value, 'payload');

  it('carries the canonical link the popup looks passages up by', () => {
    expect(read(report).canonicalLink).toBe('https://news.example/story');
    expect(read({ ...report, canonicalLink: null }).canonicalLink).toBeNull();
    // A content script from before the field existed still reports.
    const { canonicalLink: _c, ...older } = report;
    expect(read(older).canonicalLink).toBeNull();
  });

  it('refuses a canonical link that is not text, naming the field', () => {
    expect(() => read({ ...report, canonicalLink: 42 })).toThrow('`payload.canonicalLink` must be text, not a number');
  });
});
