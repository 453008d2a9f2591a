/**
 * What the evaluation runs: detection with the shipped trained models (the default), or the
 * hand-written rules alone (`--rules`), so the two can be compared on every figure.
 */
import { detect } from '../../src/detect/index';
import type { DetectionModels } from '../../src/detect/detection-models';
import { shippedModels } from '../../src/detect/models/node';
import type { Detections } from '../../src/detect/types';

export type Detector = (text: string) => Detections;

export const rulesDetector: Detector = (text) => detect(text);

export function modelDetector(models: DetectionModels = shippedModels()): Detector {
  return (text) => detect(text, undefined, undefined, models);
}
