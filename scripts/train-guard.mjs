#!/usr/bin/env node
// Trains the guard's safety classifier on the 'train' half of the development sets and writes
// src/guard/classifier/models/safety-model.json. Run through `npm run train:guard` (builds first): the training
// code itself is TypeScript (src/guard/classifier/train-safety-classifier.ts); this file only wires it up.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGuardDevSets } from '../dist/bench/guard-dev-sets.js';
import { trainSafetyClassifier } from '../dist/src/guard/classifier/train-safety-classifier.js';
import { tuneThresholds } from '../dist/src/guard/classifier/tune-thresholds.js';

// Plus benign civil-service requests written for the project (models/benign-requests.json): without them the
// model learns "방법 알려줘" (how do I…) as harmful, because the development sets' benign lines are statements.
// And harmful requests and hateful statements written for the project (models/harmful-requests.json): the
// development sets hold ~100 of them in the train half, too few phrasings for the model to generalise from.
const readModelsFile = (name) => JSON.parse(readFileSync(new URL(`../src/guard/classifier/models/${name}`, import.meta.url), 'utf8'));
const benignRequests = readModelsFile('benign-requests.json');
const harmfulRequests = readModelsFile('harmful-requests.json');
const development = readGuardDevSets().filter((example) => example.split === 'train').map((example) => ({ text: example.text, label: example.classLabel, group: 'development' }));
const training = [
  ...development,
  ...benignRequests.texts.map((text) => ({ text, label: 'benign', group: 'project' })),
  ...harmfulRequests.harmful.map((text) => ({ text, label: 'harmful', group: 'project' })),
  ...harmfulRequests.hate.map((text) => ({ text, label: 'hate', group: 'project' })),
];
// Budgets on the development sets' benign lines (out of fold, three fold assignments pooled): 2% flagged in all (as
// before), of which 1% for the cut-off on harmful + hate + jailbreak (what the guard is for) and the rest for the one
// on "not benign" (sensitive and unserviceable questions get a caution), 0.3% blocked. The held-out half flags about
// three times the budget (BENCHMARKS.md, third pass): its benign comments are harder than the training half's.
const developmentTexts = new Set(development.map((example) => example.text));
const thresholds = tuneThresholds(training, {
  folds: 5, repeats: 3, benignFlagBudget: 0.02, benignHarmfulFlagBudget: 0.01, benignBlockBudget: 0.003,
  calibrateOn: (example) => developmentTexts.has(example.text),
});
const model = {
  ...trainSafetyClassifier(training),
  thresholds,
  trainedOn: `${training.length} examples: the 'train' half of ../shared/eval/safety/safety-dev.jsonl and injection-dev.jsonl (dev-split.ts), models/benign-requests.json and models/harmful-requests.json`,
};
const target = fileURLToPath(new URL('../src/guard/classifier/models/safety-model.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(model)}\n`);
console.log(`trained on ${training.length} examples; thresholds ${JSON.stringify(thresholds)}; ${target}`);
