/**
 * `npm run train -- actors|claims|gazetteer [--seed N] [--epochs N] [--without group,group] [--out FILE]`
 * Trains a model on the train splits in ../shared/gold (never the seeds or the news gold) and
 * writes it into src/detect/models/, where it is committed and shipped. CI never runs this.
 */
import { writeFileSync } from 'node:fs';
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
  const out = opt('out') ?? ACTORS_MODEL_FILE;
  const t0 = Date.now();
  const r = trainActors({ seed, groups, maxEpochs: Number(opt('epochs') ?? 30), out, log });
  log(`actors: ${r.features} features, best epoch ${r.epochs}, valid F1 ${(r.score * 100).toFixed(2)}, ${r.bytes.length} bytes → ${out} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} else if (what === 'claims') {
  // The shipped actor model gives the actor features, as it does at run time.
  const shipped = readShippedModelBytes();
  const models = buildModels({ actors: shipped.actors, gazetteer: shipped.gazetteer });
  const out = opt('out') ?? CLAIMS_MODEL_FILE;
  const limit = opt('limit') ? Number(opt('limit')) : undefined;
  const t0 = Date.now();
  const r = trainClaims({ seed, maxEpochs: Number(opt('epochs') ?? 20), models, out, limit, log });
  log(`claims: ${r.features} features, best epoch ${r.epochs}, dev score ${(r.score * 100).toFixed(2)}, ${r.bytes.length} bytes → ${out} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} else {
  log('usage: npm run train -- actors|claims|gazetteer [--seed N] [--epochs N] [--without group,...] [--limit N] [--out FILE]');
  process.exit(2);
}
