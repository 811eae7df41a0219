/**
 * How the guard's safety classifier is trained: one recipe for `npm run train:guard` (all development lines, the
 * committed model) and for `bench:guard` and the tests (the same recipe on some folds, measured on the others).
 *
 * Training data: the development sets' lines given (../shared/eval/safety and ../shared/eval/injection), plus texts
 * written for the project: benign civil-service requests (models/benign-requests.json; without them the model learns
 * "방법 알려줘" as harmful, because the sets' benign lines are statements), and harmful requests and hateful
 * statements (models/harmful-requests.json; the sets hold too few phrasings to generalise from).
 */
import { readFileSync } from 'node:fs';
import { injectionCheck } from '../src/guard/checks/injection-check.js';
import { safetyCheck } from '../src/guard/checks/safety-check.js';
import { SafetyClassifier, type SafetyModelFile } from '../src/guard/classifier/safety-classifier.js';
import type { GuardCheck, GuardPolicy } from '../src/guard/index.js';
import { trainSafetyClassifier, type TrainingExample } from '../src/guard/classifier/train-safety-classifier.js';
import { tuneThresholds } from '../src/guard/classifier/tune-thresholds.js';
import type { DevExample } from './guard-dev-sets.js';

const modelsDirectory = new URL('../../src/guard/classifier/models/', import.meta.url);
const readModelsFile = <T>(name: string) => JSON.parse(readFileSync(new URL(name, modelsDirectory), 'utf8')) as T;

export function projectTrainingTexts(): TrainingExample[] {
  const benign = readModelsFile<{ texts: string[] }>('benign-requests.json');
  const harmful = readModelsFile<{ harmful: string[]; hate: string[] }>('harmful-requests.json');
  return [
    ...benign.texts.map((text) => ({ text, label: 'benign' as const, group: 'project' })),
    ...harmful.harmful.map((text) => ({ text, label: 'harmful' as const, group: 'project' })),
    ...harmful.hate.map((text) => ({ text, label: 'hate' as const, group: 'project' })),
  ];
}

/** What the committed model says it was trained on (`npm run train:guard`; the test rebuilds it with the same words). */
export const committedModelDescription = 'every line of ../shared/eval/safety/safety-dev.jsonl and injection-dev.jsonl';

/**
 * `checks` with every check that reads the classifier (`injection` for its weak signals, `safety`) given `model`
 * instead of the committed one, and `model`'s cut-offs where the policy sets none: a fold's lines must be judged
 * by the fold's model alone, or the committed model, which saw them, would leak into the measurement.
 */
export function withSafetyModel(checks: readonly GuardCheck[], policy: GuardPolicy, model: SafetyModelFile): GuardCheck[] {
  const classifier = SafetyClassifier.fromFile(model);
  return checks.map((check) => {
    if (check.name === 'injection') return injectionCheck(classifier);
    if (check.name === 'safety') return safetyCheck(policy, classifier, model.thresholds);
    return check;
  });
}

/**
 * A model with its cut-offs from `development` (plus the project's texts). Budgets on the development sets' benign
 * lines, out of fold, three fold assignments pooled: 2% flagged in all, of which 1% for the cut-off on harmful +
 * hate + jailbreak (what the guard is for) and the rest for the one on "not benign" (sensitive and unserviceable
 * questions get a caution); 0.3% blocked. Deterministic: the same lines give the same file.
 */
export function trainGuardModel(development: readonly DevExample[], describe: string): SafetyModelFile {
  const fromSets = development.map((example) => ({ text: example.text, label: example.classLabel, group: 'development' }));
  const training = [...fromSets, ...projectTrainingTexts()];
  const developmentTexts = new Set(fromSets.map((example) => example.text));
  const thresholds = tuneThresholds(training, {
    folds: 5, repeats: 3, benignFlagBudget: 0.02, benignHarmfulFlagBudget: 0.01, benignBlockBudget: 0.003,
    calibrateOn: (example) => developmentTexts.has(example.text),
  });
  return {
    ...trainSafetyClassifier(training),
    thresholds,
    trainedOn: `${training.length} examples: ${describe}, models/benign-requests.json and models/harmful-requests.json`,
  };
}
