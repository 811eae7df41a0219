import { SafetyClassifier, type SafetyScores } from './safety-classifier.js';
import { trainSafetyClassifier, type TrainingExample, type TrainingOptions } from './train-safety-classifier.js';

/**
 * The classifier's cut-offs, stored in the model file and overridable per tenant in the policy: `block` and
 * `harmfulCaution` on the blocking classes' probability (harmful + hate + jailbreak), `caution` on the probability
 * of anything but benign. Models trained before `harmfulCaution` existed have none, and it is then not applied.
 */
export type SafetyThresholds = { block: number; caution: number; harmfulCaution?: number };

export const blockScore = (scores: SafetyScores) => scores.harmful + scores.hate + scores.jailbreak;
export const flagScore = (scores: SafetyScores) => 1 - scores.benign;

export type TuneThresholdsOptions = {
  folds: number;
  /** Share of benign examples that may be flagged at all (caution or block), by both caution cut-offs together. */
  benignFlagBudget: number;
  /**
   * Share of benign examples that `harmfulCaution` alone may flag; it is filled first, and `caution` gets what is
   * left of `benignFlagBudget`. Without it there is no `harmfulCaution`.
   */
  benignHarmfulFlagBudget?: number;
  benignBlockBudget: number;
  /** Cross-validation rounds, each with its own fold assignment (default 1). */
  repeats?: number;
  /**
   * The benign examples the budgets are counted on (default: all). The texts written for the project are easy
   * requests; counted with the development sets' benign comments and statements they would let the cut-offs fall
   * until those are flagged well above the budget.
   */
  calibrateOn?: (example: TrainingExample) => boolean;
  training?: TrainingOptions;
};

/**
 * Picks thresholds on out-of-fold scores of the training data (k-fold cross-validation), so the benign texts the
 * model has seen do not make it look better than it is: the lowest cut-offs that block at most `benignBlockBudget`
 * and flag at most `benignFlagBudget` of the benign examples.
 *
 * Why two caution cut-offs: the benign examples that look most "not benign" are statements about groups and
 * society, which resemble the sensitive and biased classes (themselves only a caution). Spending the whole budget on
 * `1 - benign` buys little harmful and hate recall; a cut-off on the blocking classes' probability, with most of
 * the budget, flags far more harmful and hateful texts for the same benign share (BENCHMARKS.md, "third pass").
 */
export function tuneThresholds(examples: readonly TrainingExample[], options: TuneThresholdsOptions): SafetyThresholds {
  const benign: { flag: number; block: number }[] = [];
  const calibrateOn = options.calibrateOn ?? (() => true);
  // Folds by text, not by position: the development sets share their benign questions, and a copy in the training
  // folds made its twin look easy, so the cut-offs came out too low.
  // Repeated with other fold assignments, the out-of-fold scores of every benign example are pooled: with ~150
  // benign lines a 2% budget is the third-highest score, and one assignment's third-highest is mostly chance.
  for (let repeat = 0; repeat < (options.repeats ?? 1); repeat++) {
    const folds = examples.map((example) => foldOf(repeat === 0 ? example.text : `${repeat}:${example.text}`, options.folds));
    for (let fold = 0; fold < options.folds; fold++) {
      const train = examples.filter((_, index) => folds[index] !== fold);
      const test = examples.filter((example, index) => folds[index] === fold && example.label === 'benign' && calibrateOn(example));
      const classifier = SafetyClassifier.fromFile(trainSafetyClassifier(train, options.training));
      for (const example of test) {
        const scores = classifier.classify(example.text);
        benign.push({ flag: flagScore(scores), block: blockScore(scores) });
      }
    }
  }
  const block = round(quantileAbove(benign.map((scores) => scores.block), options.benignBlockBudget));
  if (options.benignHarmfulFlagBudget === undefined) {
    return { block, caution: round(quantileAbove(benign.map((scores) => scores.flag), options.benignFlagBudget)) };
  }
  const harmfulCaution = Math.min(block, round(quantileAbove(benign.map((scores) => scores.block), options.benignHarmfulFlagBudget)));
  // What the harmful cut-off leaves unflagged competes for the rest of the budget.
  const rest = benign.filter((scores) => scores.block < harmfulCaution).map((scores) => scores.flag);
  const left = Math.max(0, Math.floor(options.benignFlagBudget * benign.length) - (benign.length - rest.length));
  return { block, caution: round(quantileAbove(rest, left / Math.max(1, rest.length))), harmfulCaution };
}

/** A fold per distinct text (FNV-1a of its code units), so copies of one text always share a fold. */
export function foldOf(text: string, folds: number): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % folds;
}

/** The smallest cut-off such that at most `share` of the values reach it. */
function quantileAbove(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => b - a);
  const allowed = Math.floor(share * sorted.length + 1e-9);
  return Math.min(0.99, (sorted[allowed] ?? 0) + 1e-4);
}

const round = (value: number) => Math.ceil(value * 1e4) / 1e4;
