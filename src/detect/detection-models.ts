/**
 * The trained models detection can use, built from the shipped files' bytes. Loading differs
 * by place (the background fetches them from the extension package, Node reads them from disk),
 * so this module only turns bytes into ready models and never does I/O itself.
 */
import { ActorTagger, parseGazetteer } from './actor-tagger';
import type { ActorFeatureGroup } from './actor-features';
import { decodeModel } from './learn/model-file';
import { ClaimTagger } from './claim-tagger';

export interface DetectionModels {
  actors?: ActorTagger;
  claims?: ClaimTagger;
}

export interface ModelBytes {
  actors?: Uint8Array;
  gazetteer?: string;
  claims?: Uint8Array;
}

/** `actorGroups` switches feature groups off (ablations); by default the model's own. */
export function buildModels(files: ModelBytes, actorGroups?: Iterable<ActorFeatureGroup>): DetectionModels {
  const models: DetectionModels = {};
  if (files.actors) models.actors = new ActorTagger(decodeModel(files.actors, { dense: false }), parseGazetteer(files.gazetteer ?? ''), actorGroups);
  if (files.claims) models.claims = new ClaimTagger(decodeModel(files.claims, { dense: false }));
  return models;
}

/** The shipped model files, relative to the extension's root (see wxt.config.ts). */
export const MODEL_PATHS = { actors: 'models/actors.bin', gazetteer: 'models/gazetteer.txt', claims: 'models/claims.bin' } as const;
