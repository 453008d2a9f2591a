/**
 * The learning engine on its own: label schemes, the model file, and training. The smoke test
 * trains a tiny tagger on a few sentences, so the training path is proved in CI, which never
 * trains the shipped models.
 */
import { describe, expect, it } from 'vitest';
import { hashString, mix } from '../../../src/detect/learn/hash';
import { allowed, encodeSpans, labelsFor, spansOf } from '../../../src/detect/learn/labels';
import { LinearChain } from '../../../src/detect/learn/linear-chain';
import { MODEL_FORMAT, ModelFormatError, decodeModel, encodeModel, readModelHeader } from '../../../src/detect/learn/model-file';
import { type TrainingSeq, trainPerceptron } from '../../../src/detect/learn/perceptron';

describe('label schemes', () => {
  it.each(['BILOU', 'BIO'] as const)('%s: spans survive encoding and reading back', (scheme) => {
    const spans = [
      { first: 0, last: 2, type: 'PER' },
      { first: 3, last: 4, type: 'LOC' },
      { first: 4, last: 7, type: 'ORG' },
    ];
    expect(spansOf(encodeSpans(scheme, 8, spans))).toEqual(spans);
  });

  it('BILOU forbids a span that opens and never closes, or closes what it did not open', () => {
    expect(allowed('BILOU', 'B-PER', 'O')).toBe(false);
    expect(allowed('BILOU', 'B-PER', 'L-ORG')).toBe(false);
    expect(allowed('BILOU', 'B-PER', 'L-PER')).toBe(true);
    expect(allowed('BILOU', 'O', 'I-PER')).toBe(false);
    expect(allowed('BILOU', null, 'U-LOC')).toBe(true);
  });
});

describe('feature hashing', () => {
  it('is stable and order-sensitive', () => {
    expect(hashString('Washington')).toBe(hashString('Washington'));
    expect(hashString('Washington')).not.toBe(hashString('washington'));
    expect(mix(1, 2)).not.toBe(mix(2, 1));
  });
});

// A toy task: capitalised words after "met" are people; after "in", places.
const WORDS = ['Alice', 'Bob', 'Carol', 'Dave', 'Paris', 'Rome', 'Oslo', 'Lima'];
function toySentence(i: number): { words: string[]; spans: { first: number; last: number; type: string }[] } {
  const person = WORDS[i % 4]!;
  const place = WORDS[4 + ((i >> 2) % 4)]!;
  return { words: ['we', 'met', person, 'in', place, 'today'], spans: [{ first: 2, last: 3, type: 'PER' }, { first: 4, last: 5, type: 'LOC' }] };
}
function toyFeatures(words: readonly string[]) {
  const keys: number[] = [];
  const offsets = [0];
  words.forEach((w, i) => {
    keys.push(mix(1, hashString(w)), mix(2, hashString(words[i - 1] ?? '<s>')), mix(3, /^[A-Z]/.test(w) ? 1 : 0));
    offsets.push(keys.length);
  });
  return { keys: Uint32Array.from(keys), offsets: Uint32Array.from(offsets) };
}

function trainToy(seed: number) {
  const labels = labelsFor('BILOU', ['PER', 'LOC']);
  const data: TrainingSeq[] = Array.from({ length: 16 }, (_, i) => {
    const s = toySentence(i);
    return { ...toyFeatures(s.words), gold: encodeSpans('BILOU', s.words.length, s.spans).map((l) => labels.indexOf(l)) };
  });
  return trainPerceptron(data, { labels, scheme: 'BILOU', seed, maxEpochs: 5 });
}

describe('training (smoke test)', () => {
  it('learns a toy tagger that tags a sentence it never saw', () => {
    const { parts } = trainToy(7);
    const model = new LinearChain(parts);
    const words = ['we', 'met', 'Eve', 'in', 'Kyiv', 'today'];
    const path = model.decode(toyFeatures(words), words.length);
    const spans = spansOf(Array.from(path, (y) => model.labels[y]!));
    expect(spans).toEqual([
      { first: 2, last: 3, type: 'PER' },
      { first: 4, last: 5, type: 'LOC' },
    ]);
  });

  it('is deterministic for a seed', () => {
    const header = { kind: 'toy', featureVersion: 1, trainingData: { files: [], sha256: '' }, seed: 3, date: '2026-01-01', epochs: 5, heldOut: null, groups: [] };
    const a = encodeModel(header, trainToy(3).parts);
    const b = encodeModel(header, trainToy(3).parts);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('the model file', () => {
  const header = { kind: 'toy', featureVersion: 1, trainingData: { files: ['x'], sha256: 'ab' }, seed: 1, date: '2026-01-01', epochs: 5, heldOut: null, groups: [] };

  it('round-trips: the decoded model tags as the trained one did', () => {
    const { parts } = trainToy(1);
    const file = decodeModel(encodeModel(header, parts));
    expect(file.header.format).toBe(MODEL_FORMAT);
    expect(file.header.featureCount).toBe(parts.keys.length);
    const words = ['we', 'met', 'Bob', 'in', 'Rome', 'today'];
    const before = new LinearChain(parts).decode(toyFeatures(words), words.length);
    const after = new LinearChain(file.parts).decode(toyFeatures(words), words.length);
    expect(Array.from(after)).toEqual(Array.from(before));
  });

  it('refuses what is not a model, is truncated, or has another format', () => {
    const bytes = encodeModel(header, trainToy(1).parts);
    expect(() => decodeModel(new TextEncoder().encode('hello world'))).toThrow(ModelFormatError);
    expect(() => decodeModel(bytes.slice(0, bytes.length - 5))).toThrow(/truncated/);
    const json = JSON.stringify({ ...readModelHeader(bytes), format: 99 });
    const other = new Uint8Array(8 + json.length);
    other.set(bytes.subarray(0, 4));
    new DataView(other.buffer).setUint32(4, json.length, true);
    other.set(new TextEncoder().encode(json), 8);
    expect(() => readModelHeader(other)).toThrow(/format 99/);
  });
});
