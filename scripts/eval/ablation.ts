/**
 * The ablation table: the actor tagger retrained (same seed, same epochs budget) with every
 * feature group, then without each group in turn, scored on CoNLL-2003 valid. Retraining,
 * not switching features off in the shipped model, is what says whether a group earns its place.
 */
import { ACTOR_FEATURE_GROUPS, type ActorFeatureGroup } from '../../src/detect/actor-features';
import { trainActors } from '../train/actors';

export function actorAblation(log: (line: string) => void): { name: string; f1: number; delta: number }[] {
  const all = new Set<ActorFeatureGroup>(ACTOR_FEATURE_GROUPS);
  const full = trainActors({ seed: 1, groups: all, maxEpochs: 30, log: () => {} }).score;
  log(`ablation: all groups ${full.toFixed(4)}`);
  const rows = [{ name: 'all feature groups', f1: full, delta: 0 }];
  for (const g of ACTOR_FEATURE_GROUPS) {
    const f1 = trainActors({ seed: 1, groups: new Set([...all].filter((x) => x !== g)), maxEpochs: 30, log: () => {} }).score;
    log(`ablation: without ${g} ${f1.toFixed(4)}`);
    rows.push({ name: `without ${g}`, f1, delta: f1 - full });
  }
  return rows;
}
