#!/usr/bin/env node
// Trains the guard's safety classifier on every line of the development sets (../shared/eval/safety and
// ../shared/eval/injection) plus the texts written for the project, and writes
// src/guard/classifier/models/safety-model.json. Run through `npm run train:guard` (builds first): the recipe is
// TypeScript (bench/guard-training.ts, shared with `bench:guard`, which measures it by cross-fitting); this file only
// wires it up.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readGuardDevSets } from '../dist/bench/guard-dev-sets.js';
import { committedModelDescription, trainGuardModel } from '../dist/bench/guard-training.js';

const development = readGuardDevSets();
const model = trainGuardModel(development, committedModelDescription);
const target = fileURLToPath(new URL('../src/guard/classifier/models/safety-model.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(model)}\n`);
console.log(`${model.trainedOn}; thresholds ${JSON.stringify(model.thresholds)}; ${target}`);
