/**
 * The learned attribution tagger: a smoke test that trains a tiny model from hand-written
 * sentences (no gold data needed), the shipped model file's header, and how detect() behaves
 * with the shipped model on the cases the rules were written for.
 */
import { describe, expect, it } from 'vitest';
import { ClaimTagger } from '../../../src/detect/claim-tagger';
import { CLAIM_FEATURE_VERSION } from '../../../src/detect/claim-features';
import { type CueEdits, detect } from '../../../src/detect/index';
import { decodeModel, encodeModel, readModelHeader, MODEL_FORMAT } from '../../../src/detect/learn/model-file';
import { trainPerceptron } from '../../../src/detect/learn/perceptron';
import { readShippedModelBytes, shippedModels } from '../../../src/detect/models/node';
import { DEFAULT_WATCHLIST } from '../../../src/detect/watchlist';
import { CLAIM_LABELS, prepareArticle, trainingSeqs } from '../../../scripts/train/claims';
import type { PolnearArticle } from '../../../scripts/eval/polnear';

/** An article with its attributions marked by the phrases of each role. */
function article(text: string, atts: { source?: string; cue: string; content: string }[]): PolnearArticle {
  const at = (s: string) => {
    const start = text.indexOf(s);
    if (start < 0) throw new Error(`not in text: ${s}`);
    return [{ start, end: start + s.length }];
  };
  return {
    id: 'hand',
    text,
    cues: [],
    sources: [],
    contents: [],
    attributions: atts.map((a) => ({ cue: at(a.cue), source: a.source ? at(a.source) : [], content: at(a.content) })),
  };
}

describe('training a claims model', () => {
  it('learns to tag Source, Cue and Content from a few sentences', () => {
    const docs = [
      article('Maria Lopez said the bridge would reopen in May.', [{ source: 'Maria Lopez', cue: 'said', content: 'the bridge would reopen in May' }]),
      article('Officials warned that the river could flood.', [{ source: 'Officials', cue: 'warned', content: 'the river could flood' }]),
      article('The mayor argued that taxes must fall.', [{ source: 'The mayor', cue: 'argued', content: 'taxes must fall' }]),
      article('The bridge opened in 1990.', []),
      article('Rain fell on the town all week.', []),
    ];
    const prepared = docs.map((d) => prepareArticle(d, {}));
    const result = trainPerceptron(trainingSeqs(prepared), { labels: CLAIM_LABELS, scheme: 'BIO', seed: 1, maxEpochs: 10 });
    const bytes = encodeModel(
      { kind: 'claims', featureVersion: CLAIM_FEATURE_VERSION, trainingData: { files: [], sha256: '' }, seed: 1, date: '2026-01-01', epochs: 10, heldOut: null, groups: [] },
      result.parts,
    );
    const tagger = new ClaimTagger(decodeModel(bytes));
    const { claims } = detect('Maria Lopez said the road would close. The road opened in 1990.', DEFAULT_WATCHLIST, undefined, { claims: tagger });
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ cue: 'said', speaker: 'Maria Lopez', sourcing: 'named' });
  });
});

describe('the shipped claims model', () => {
  it('has a header saying what it is', () => {
    const bytes = readShippedModelBytes().claims!;
    expect(bytes).toBeDefined();
    const h = readModelHeader(bytes);
    expect(h.kind).toBe('claims');
    expect(h.format).toBe(MODEL_FORMAT);
    expect(h.featureVersion).toBe(CLAIM_FEATURE_VERSION);
    expect(h.trainingData.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(h.labels).toEqual(CLAIM_LABELS);
    expect(bytes.length).toBeLessThan(1.2 * 1024 * 1024);
  });

  const models = shippedModels();
  const claims = (text: string, cues?: CueEdits) => detect(text, DEFAULT_WATCHLIST, cues, models).claims;
  const edits = (added: CueEdits['added'] = [], removed: string[] = []): CueEdits => ({ added, removed });

  it('reads a cue inside a quotation as part of the quoted words', () => {
    const text = '“I told them we would not back down,” Lena Okafor said.';
    const found = claims(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ cue: 'said', speaker: 'Lena Okafor', sourcing: 'named' });
  });

  it('keeps a quote that runs over three sentences with its one speaker', () => {
    const text = 'Lena Okafor said: “The talks have failed. We will not return. Nobody should expect us to.” The delegation left on Monday.';
    const found = claims(text);
    expect(found[0]).toMatchObject({ cue: 'said', speaker: 'Lena Okafor', sourcing: 'named' });
    // The later sentences of the quotation have no cue of their own but are hers; the narration after it is no claim.
    expect(found.map((c) => c.text)).toEqual(['Lena Okafor said: “The talks have failed.', 'We will not return.', 'Nobody should expect us to.”']);
    expect(found.every((c) => c.speaker === 'Lena Okafor' && c.cue === 'said')).toBe(true);
    // The same when the cue closes the quotation.
    const closing = claims('“The talks have failed. We will not return. Nobody should expect us to,” Lena Okafor said. The delegation left.');
    expect(closing).toHaveLength(3);
    expect(closing.every((c) => c.speaker === 'Lena Okafor')).toBe(true);
  });

  it('finds "according to" and its source', () => {
    const text = 'The convoy turned back, according to Reuters.';
    expect(claims(text)[0]).toMatchObject({ cue: 'according to', speaker: 'Reuters', sourcing: 'named' });
  });

  it('reads an agentless passive as unattributed', () => {
    const [c] = claims('It was reported that the convoy turned back.');
    expect(c).toBeDefined();
    expect(c!.cue).toMatch(/reported/);
    expect(c).toMatchObject({ speaker: null, sourcing: 'unattributed' });
  });

  it('resolves a pronoun speaker to the last person named', () => {
    const found = claims('Defense Minister Lena Okafor arrived in Oslo on Monday. She warned that the talks could fail.');
    const c = found.find((x) => x.cue.includes('warned'));
    expect(c).toMatchObject({ speaker: 'Lena Okafor', sourcing: 'named' });
  });

  it('gives no claim to plain narration', () => {
    expect(claims('Oil prices also declined. The two ministers fled to the compound after their homes were attacked.')).toEqual([]);
  });

  it("always takes the reader's added cue", () => {
    const text = 'Lena Okafor grumbled that the talks were a waste of time.';
    const [c] = claims(text, edits([{ text: 'grumble', speaker: 'before' }]));
    expect(c).toMatchObject({ cue: 'grumbled', speaker: 'Lena Okafor', sourcing: 'named' });
    // Words the model would never read as a cue on its own, with the speaker after them.
    expect(claims('The talks were a waste of time, per Lena Okafor.')).toEqual([]);
    expect(claims('The talks were a waste of time, per Lena Okafor.', edits([{ text: 'per', speaker: 'after' }]))[0]).toMatchObject({ cue: 'per', speaker: 'Lena Okafor' });
    expect(claims('In the view of Lena Okafor the talks were a waste of time.', edits([{ text: 'in the view of', speaker: 'after' }]))[0]).toMatchObject({
      cue: 'In the view of',
      speaker: 'Lena Okafor',
      sourcing: 'named',
    });
  });

  it('never takes a cue the reader turned off', () => {
    expect(claims('Officials cautioned that plans could change.')[0]?.cue).toBe('cautioned');
    expect(claims('Officials cautioned that plans could change.', edits([], ['caution']))).toEqual([]);
    expect(claims('The convoy turned back, according to Reuters.', edits([], ['According to']))).toEqual([]);
    expect(claims('Officials cautioned that plans could change.', edits([{ text: 'cautioned', speaker: 'before' }], ['caution']))[0]?.cue).toBe('cautioned');
  });
});
