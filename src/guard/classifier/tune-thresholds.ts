import { SafetyClassifier, type SafetyScores } from './safety-classifier.js';
import { trainSafetyClassifier, type TrainingExample, type TrainingOptions } from './train-safety-classifier.js';

/** The classifier's two cut-offs, stored in the model file and overridable per tenant in the policy. */
export type SafetyThresholds = { block: number; caution: number };

export const blockScore = (scores: SafetyScores) => scores.harmful + scores.hate + scores.jailbreak;
export const flagScore = (scores: SafetyScores) => 1 - scores.benign;

/**
 * Picks thresholds on out-of-fold scores of the training half (k-fold cross-validation), so the benign texts the
 * model has seen do not make it look better than it is: the lowest cut-offs that flag at most `benignFlagBudget`
 * and block at most `benignBlockBudget` of the benign examples.
 */
export function tuneThresholds(
  examples: readonly TrainingExample[],
  options: { folds: number; benignFlagBudget: number; benignBlockBudget: number; training?: TrainingOptions },
): SafetyThresholds {
  const benignFlag: number[] = [];
  const benignBlock: number[] = [];
  for (let fold = 0; fold < options.folds; fold++) {
    const train = examples.filter((_, index) => index % options.folds !== fold);
    const test = examples.filter((example, index) => index % options.folds === fold && example.label === 'benign');
    const classifier = SafetyClassifier.fromFile(trainSafetyClassifier(train, options.training));
    for (const example of test) {
      const scores = classifier.classify(example.text);
      benignFlag.push(flagScore(scores));
      benignBlock.push(blockScore(scores));
    }
  }
  return {
    block: round(quantileAbove(benignBlock, options.benignBlockBudget)),
    caution: round(quantileAbove(benignFlag, options.benignFlagBudget)),
  };
}

/** The smallest cut-off such that at most `share` of the values reach it. */
function quantileAbove(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => b - a);
  const allowed = Math.floor(share * sorted.length);
  return Math.min(0.99, (sorted[allowed] ?? 0) + 1e-4);
}

const round = (value: number) => Math.ceil(value * 1e4) / 1e4;
