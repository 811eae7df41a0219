import modelFile from './models/safety-model.json' with { type: 'json' };
import { SafetyClassifier, type SafetyModelFile } from './safety-classifier.js';
import type { SafetyThresholds } from './tune-thresholds.js';

let loaded: SafetyClassifier | undefined;

/** The committed model, decoded once per process (a few milliseconds) on first use. */
export function defaultSafetyClassifier(): SafetyClassifier {
  loaded ??= SafetyClassifier.fromFile(modelFile as SafetyModelFile);
  return loaded;
}

export const defaultSafetyThresholds: SafetyThresholds = (modelFile as SafetyModelFile).thresholds ?? { block: 0.9, caution: 0.9 };
