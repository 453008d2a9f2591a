/**
 * `npm run train -- actors|claims|gazetteer [--seed N] [--epochs N] [--without group,group] [--out FILE] [--check]`
 * Trains a model on the train splits in ../shared/gold (never the seeds or the news gold) and
 * writes it into src/detect/models/, where it is committed and shipped. CI never runs this.
 * `--check` writes nothing: it trains and says whether the result equals the shipped file
 * (all but the header's date), which is how the shipped weights are shown to be reproducible.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeModel } from '../src/detect/learn/model-file';
import { ACTOR_FEATURE_GROUPS, type ActorFeatureGroup } from '../src/detect/actor-features';
import { hasShared, goldDir } from './eval/paths';
import { GAZETTEER_FILE, buildGazetteer } from './gazetteer-gen';
import { ACTORS_MODEL_FILE, trainActors } from './train/actors';
import { CLAIMS_MODEL_FILE, trainClaims } from './train/claims';
import { buildModels } from '../src/detect/detection-models';
import { readShippedModelBytes } from '../src/detect/models/node';

const args = process.argv.slice(2);
const what = args[0];
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seed = Number(opt('seed') ?? 1);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Equal but for the header's date: the same data, seed and code gave the same weights. */
function sameModel(a: Uint8Array, b: Uint8Array): boolean {
  const x = decodeModel(a);
  const y = decodeModel(b);
  const { date: _a, ...hx } = x.header;
  const { date: _b, ...hy } = y.header;
  const same =
    JSON.stringify(hx) === JSON.stringify(hy) &&
    Buffer.from(x.parts.keys.buffer).equals(Buffer.from(y.parts.keys.buffer)) &&
    Buffer.from(x.parts.weights.buffer).equals(Buffer.from(y.parts.weights.buffer)) &&
    Buffer.from(x.parts.transitions.buffer).equals(Buffer.from(y.parts.transitions.buffer));
  log(same ? 'check: the trained model equals the shipped one (date aside)' : 'check: the trained model DIFFERS from the shipped one');
  return same;
}

if (!hasShared && what !== 'gazetteer') {
  log(`train: gold data not found at ${goldDir} (expected ../shared beside the repository)`);
  process.exit(2);
}

if (what === 'gazetteer') {
  writeFileSync(GAZETTEER_FILE, buildGazetteer());
  log(`wrote ${GAZETTEER_FILE}`);
} else if (what === 'actors') {
  const without = new Set((opt('without') ?? '').split(',').filter(Boolean));
  const groups = new Set<ActorFeatureGroup>(ACTOR_FEATURE_GROUPS.filter((g) => !without.has(g)));
  const check = args.includes('--check');
  const out = check ? undefined : (opt('out') ?? ACTORS_MODEL_FILE);
  const t0 = Date.now();
  const r = trainActors({ seed, groups, maxEpochs: Number(opt('epochs') ?? 30), out, log });
  log(`actors: ${r.features} features, best epoch ${r.epochs}, valid F1 ${(r.score * 100).toFixed(2)}, ${r.bytes.length} bytes → ${out ?? '(not written)'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (check) process.exit(sameModel(r.bytes, readFileSync(ACTORS_MODEL_FILE)) ? 0 : 1);
} else if (what === 'claims') {
  // The shipped actor model gives the actor features, as it does at run time.
  const shipped = readShippedModelBytes();
  const models = buildModels({ actors: shipped.actors, gazetteer: shipped.gazetteer });
  const check = args.includes('--check');
  const out = check ? undefined : (opt('out') ?? CLAIMS_MODEL_FILE);
  const limit = opt('limit') ? Number(opt('limit')) : undefined;
  const t0 = Date.now();
  const r = trainClaims({ seed, maxEpochs: Number(opt('epochs') ?? 20), models, out, limit, log });
  log(`claims: ${r.features} features, best epoch ${r.epochs}, dev score ${(r.score * 100).toFixed(2)}, ${r.bytes.length} bytes → ${out ?? '(not written)'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (check) process.exit(sameModel(r.bytes, readFileSync(CLAIMS_MODEL_FILE)) ? 0 : 1);
} else {
  log('usage: npm run train -- actors|claims|gazetteer [--seed N] [--epochs N] [--without group,...] [--limit N] [--out FILE]');
  process.exit(2);
}
