/**
 * The shipped model file: "CLLM", a JSON header, then the weights quantised to 16 bits and
 * stored sparsely (a row keeps only its non-zero labels). Keys are sorted and delta-encoded as
 * varints, so gzip and the browser's own compression have little left to do. The header says
 * what the file is (format version, kind, labels, feature count, the training data's hash,
 * seed and date) so a stale or foreign file is refused with a reason instead of tagging badly.
 */
import type { Scheme } from './labels';
import type { ModelParts } from './linear-chain';

export const MODEL_FORMAT = 1;
const MAGIC = 'CLLM';

export interface ModelHeader {
  format: number;
  /** What the model tags ("actors", "claims"). */
  kind: string;
  /** Version of the feature extractor the weights were trained with. */
  featureVersion: number;
  labels: string[];
  scheme: Scheme;
  featureCount: number;
  /** A stored weight times this is the real weight. */
  weightScale: number;
  trainingData: { files: string[]; sha256: string };
  seed: number;
  date: string;
  epochs: number;
  /** The held-out score that chose the epoch (e.g. CoNLL valid micro F1). */
  heldOut: { name: string; score: number } | null;
  /** Feature groups switched on when training (for ablations). */
  groups: string[];
}

export interface ModelFile {
  header: ModelHeader;
  parts: ModelParts;
}

export class ModelFormatError extends Error {}

export function encodeModel(header: Omit<ModelHeader, 'format' | 'featureCount' | 'weightScale' | 'labels' | 'scheme'>, parts: ModelParts): Uint8Array {
  const L = parts.labels.length;
  let maxAbs = 0;
  for (const x of parts.weights) maxAbs = Math.max(maxAbs, Math.abs(x));
  const weightScale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const full: ModelHeader = { ...header, format: MODEL_FORMAT, featureCount: parts.keys.length, weightScale, labels: parts.labels, scheme: parts.scheme };
  const head = new TextEncoder().encode(JSON.stringify(full));
  const order = [...parts.keys.keys()].sort((a, b) => parts.keys[a]! - parts.keys[b]!);
  const bytes: number[] = [];
  const varint = (v: number) => {
    while (v >= 0x80) {
      bytes.push((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
  };
  let prev = 0;
  for (const r of order) {
    const key = parts.keys[r]!;
    varint(key - prev);
    prev = key;
  }
  for (const r of order) {
    const nz: [number, number][] = [];
    for (let y = 0; y < L; y++) {
      const q = Math.round(parts.weights[r * L + y]! / weightScale);
      if (q !== 0) nz.push([y, q]);
    }
    bytes.push(nz.length);
    for (const [y, q] of nz) bytes.push(y, q & 0xff, (q >> 8) & 0xff);
  }
  const trans = new Uint8Array(new Float32Array(parts.transitions).buffer);
  const out = new Uint8Array(8 + head.length + trans.length + bytes.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, head.length, true);
  out.set(head, 8);
  out.set(trans, 8 + head.length);
  out.set(bytes, 8 + head.length + trans.length);
  return out;
}

/** Reads just the header (cheap: for tests and tools). */
export function readModelHeader(data: Uint8Array): ModelHeader {
  if (data.length < 8 || new TextDecoder().decode(data.subarray(0, 4)) !== MAGIC) throw new ModelFormatError('not a Claimlens model file (no CLLM magic)');
  const len = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(4, true);
  if (8 + len > data.length) throw new ModelFormatError('model file is truncated inside its header');
  const header = JSON.parse(new TextDecoder().decode(data.subarray(8, 8 + len))) as ModelHeader;
  if (header.format !== MODEL_FORMAT) throw new ModelFormatError(`model format ${header.format} is not the supported format ${MODEL_FORMAT}`);
  return header;
}

/**
 * `dense: false` (what the extension uses) keeps the weights as the file stores them, for
 * LinearChain to take as they are; by default they are also spread into a dense float array,
 * as training and the model tools handle them.
 */
export function decodeModel(data: Uint8Array, options: { dense?: boolean } = {}): ModelFile {
  const dense = options.dense ?? true;
  const header = readModelHeader(data);
  const len = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(4, true);
  const L = header.labels.length;
  const F = header.featureCount;
  let pos = 8 + len;
  const T = (L + 1) * L;
  if (pos + T * 4 > data.length) throw new ModelFormatError('model file is truncated in its transitions');
  // Copied: the body's offset need not be 4-byte aligned for a Float32Array view (and a
  // Node Buffer's slice is a view into a shared pool, not a copy).
  const transitionBytes = new Uint8Array(T * 4);
  transitionBytes.set(data.subarray(pos, pos + T * 4));
  const transitions = new Float32Array(transitionBytes.buffer);
  pos += T * 4;
  const keys = new Uint32Array(F);
  let prev = 0;
  for (let i = 0; i < F; i++) {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (pos >= data.length) throw new ModelFormatError('model file is truncated in its keys');
      const b = data[pos++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 128;
    }
    prev += v;
    keys[i] = prev;
  }
  const scale = header.weightScale;
  const rowStart = new Int32Array(F + 1);
  // Each stored entry takes 3 bytes and each row one count byte.
  const entries = new Int16Array(Math.max(0, Math.floor((data.length - pos - F) / 3)) * 2);
  let at = 0;
  for (let r = 0; r < F; r++) {
    if (pos >= data.length) throw new ModelFormatError('model file is truncated in its weights');
    const n = data[pos++]!;
    if (pos + n * 3 > data.length) throw new ModelFormatError('model file is truncated in its weights');
    rowStart[r] = at;
    for (let j = 0; j < n; j++) {
      let q = data[pos + 1]! | (data[pos + 2]! << 8);
      if (q >= 0x8000) q -= 0x10000;
      entries[at * 2] = data[pos]!;
      entries[at * 2 + 1] = q;
      at++;
      pos += 3;
    }
  }
  rowStart[F] = at;
  let weights = new Float32Array(0);
  if (dense) {
    weights = new Float32Array(F * L);
    for (let r = 0; r < F; r++) {
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) weights[r * L + entries[e * 2]!] = entries[e * 2 + 1]! * scale;
    }
  }
  if (pos < data.length) throw new ModelFormatError(`model file has ${data.length - pos} bytes after its weights`);
  const quantised = { scale, rowStart, entries: entries.subarray(0, at * 2) };
  return { header, parts: { labels: header.labels, scheme: header.scheme, keys, weights, transitions, ...(dense ? {} : { quantised }) } };
}
