/**
 * The shipped models read from this folder, for Node: the command line, `npm run eval` and
 * the tests. (The extension's background fetches the same files from its package.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActorFeatureGroup } from '../actor-features';
import { type DetectionModels, type ModelBytes, buildModels } from '../detection-models';

const here = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

export function readShippedModelBytes(): Required<Omit<ModelBytes, 'claims'>> & Pick<ModelBytes, 'claims'> {
  const bytes: Required<Omit<ModelBytes, 'claims'>> & Pick<ModelBytes, 'claims'> = {
    actors: new Uint8Array(readFileSync(here('actors.bin'))),
    gazetteer: readFileSync(here('gazetteer.txt'), 'utf8'),
  };
  // Absent only while the claims model is being trained for the first time.
  if (existsSync(here('claims.bin'))) bytes.claims = new Uint8Array(readFileSync(here('claims.bin')));
  return bytes;
}

let shipped: DetectionModels | undefined;

/** Built once per process. */
export function shippedModels(): DetectionModels {
  shipped ??= buildModels(readShippedModelBytes());
  return shipped;
}

/** The shipped models with some actor feature groups switched off (for ablations). */
export function shippedModelsWithout(without: readonly ActorFeatureGroup[]): DetectionModels {
  const bytes = readShippedModelBytes();
  const header = buildModels(bytes).actors!.header;
  return buildModels(bytes, (header.groups as ActorFeatureGroup[]).filter((g) => !without.includes(g)));
}
