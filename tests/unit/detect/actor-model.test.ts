/**
 * The shipped actor tagger: its file, and what it does on text no gold set holds. (The
 * figures on the gold sets are floors in floors.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { ACTOR_FEATURE_GROUPS, ACTOR_FEATURE_VERSION } from '../../../src/detect/actor-features';
import { detect } from '../../../src/detect/index';
import { MODEL_FORMAT, readModelHeader } from '../../../src/detect/learn/model-file';
import { readShippedModelBytes, shippedModels } from '../../../src/detect/models/node';
import { DEFAULT_WATCHLIST, mergeWatchlist } from '../../../src/detect/watchlist';

const models = shippedModels();
const run = (text: string, watchlist = DEFAULT_WATCHLIST) => detect(text, watchlist, undefined, models);
const found = (text: string, watchlist = DEFAULT_WATCHLIST) => run(text, watchlist).actors.map((a) => `${a.text}/${a.type}`);

describe('the shipped actor model file', () => {
  it('says what it is: format, kind, features, training data, seed and date', () => {
    const header = readModelHeader(readShippedModelBytes().actors);
    expect(header.format).toBe(MODEL_FORMAT);
    expect(header.kind).toBe('actors');
    expect(header.featureVersion).toBe(ACTOR_FEATURE_VERSION);
    expect(header.labels).toContain('U-MISC');
    expect(header.featureCount).toBeGreaterThan(10_000);
    expect(header.trainingData.files).toEqual(['conll2003/train.txt']);
    expect(header.trainingData.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isInteger(header.seed)).toBe(true);
    expect(header.date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect([...header.groups].sort()).toEqual([...ACTOR_FEATURE_GROUPS].sort());
  });

  it('fits the budget: under 3 MB with its gazetteer, before compression', () => {
    const bytes = readShippedModelBytes();
    expect(bytes.actors.length + bytes.gazetteer.length).toBeLessThan(3_000_000);
  });
});

describe('the actor tagger on new text', () => {
  it('finds people, organisations and places no list names', () => {
    const got = found('Margarethe Vollenweider, the chief executive of Obsidian Freight Holdings, flew to Tromsø on Tuesday.');
    expect(got).toContain('Margarethe Vollenweider/person');
    expect(got).toContain('Obsidian Freight Holdings/organization');
    expect(got).toContain('Tromsø/place');
  });

  it('leaves nationalities, events and products out (CoNLL MISC)', () => {
    const got = found('The Olympic Games opened as French fans bought the new iPhone.');
    expect(got.filter((g) => /Olympic|iPhone/.test(g))).toEqual([]);
  });

  it('never puts a title inside a name, and a month alone is no one', () => {
    const d = run('President Ilham Aliyev met Senator Jane Whitcombe in May. May was warm.');
    const texts = d.actors.map((a) => a.text);
    expect(texts).toContain('Ilham Aliyev');
    expect(texts).toContain('Jane Whitcombe');
    expect(texts.some((t) => /^(President|Senator)/.test(t))).toBe(false);
    expect(texts).not.toContain('May');
  });

  it('gives a later surname the full name ("Whitcombe" after "Jane Whitcombe")', () => {
    const d = run('Jane Whitcombe chairs the committee. On Friday Whitcombe said the vote would wait.');
    const later = d.actors.find((a) => a.text === 'Whitcombe');
    expect(later?.canonical).toBe('Jane Whitcombe');
    expect(later?.type).toBe('person');
  });

  it("always finds the reader's watchlist entry, with the reader's type", () => {
    const text = 'A report by Jasper Quill reached Paris, and Paris Hilton replied to the grey zone lab.';
    const watchlist = mergeWatchlist(DEFAULT_WATCHLIST, [
      // A think tank named like a person, a hotel chain, and a name a tagger has no reason to see.
      { op: 'add', entry: { name: 'Jasper Quill', type: 'organization', aliases: [] } },
      { op: 'add', entry: { name: 'Paris Hilton', type: 'organization', aliases: [] } },
      { op: 'add', entry: { name: 'grey zone lab', type: 'organization', aliases: [] } },
    ]);
    const got = found(text, watchlist);
    expect(got).toContain('Jasper Quill/organization');
    expect(got).toContain('Paris Hilton/organization');
    expect(got).toContain('grey zone lab/organization');
    expect(got).toContain('Paris/place');
    expect(found(text)).toContain('Jasper Quill/person');
  });

  it("finds the reader's entry even inside a longer name the model found", () => {
    const watchlist = mergeWatchlist(DEFAULT_WATCHLIST, [{ op: 'add', entry: { name: 'Quill', type: 'organization', aliases: [] } }]);
    expect(found('Jasper Quill said the offer stood.', watchlist)).toEqual(['Quill/organization']);
  });

  it('calls a photo agency an organisation, not a person', () => {
    expect(found('Getty Images photographer Jane Smith met the envoy in Geneva.')).toContain('Getty Images/organization');
  });

  it('does not paint links, handles or hashtags', () => {
    const got = found('“We are here to get it out,” she wrote. pic.twitter.com/XPxUJuyIAC — Kristi Noem (@RobertMaguire_) #NoemForGovernor');
    expect(got.some((g) => /XPxUJuyIAC|RobertMaguire|NoemForGovernor/.test(g))).toBe(false);
  });
});
