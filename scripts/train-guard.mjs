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
const benignRequests = JSON.parse(readFileSync(new URL('../src/guard/classifier/models/benign-requests.json', import.meta.url), 'utf8'));
const training = [
  ...readGuardDevSets().filter((example) => example.split === 'train').map((example) => ({ text: example.text, label: example.classLabel })),
  ...benignRequests.texts.map((text) => ({ text, label: 'benign' })),
];
const thresholds = tuneThresholds(training, { folds: 5, benignFlagBudget: 0.01, benignBlockBudget: 0.005 });
const model = { ...trainSafetyClassifier(training), thresholds };
const target = fileURLToPath(new URL('../src/guard/classifier/models/safety-model.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(model)}\n`);
console.log(`trained on ${training.length} examples; thresholds ${JSON.stringify(thresholds)}; ${target}`);
