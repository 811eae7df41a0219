/**
 * The guard's development sets (../shared/eval/safety and ../shared/eval/injection), labelled with the classifier's
 * classes — used by `npm run train:guard` (every line) and `npm run bench:guard` (cross-fitted over folds,
 * `devFoldOf`). Read in place, never copied into the project.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SafetyClass } from '../src/guard/classifier/safety-classifier.js';

export type DevExample = {
  id: string;
  text: string;
  /** The set's own label and category (`block`/`harmful`, `caution`/`sensitive-predictive`, …). */
  label: 'allow' | 'caution' | 'block';
  category: string;
  set: 'safety' | 'injection';
  classLabel: SafetyClass;
};

const evalDirectory = fileURLToPath(new URL('../../../shared/eval/', import.meta.url));

type RawLine = { id: string; text: string; label: 'allow' | 'caution' | 'block'; category: string };

export function readGuardDevSets(): DevExample[] {
  return [
    ...read('safety/safety-dev.jsonl', 'safety'),
    ...read('injection/injection-dev.jsonl', 'injection'),
  ];
}

function read(path: string, set: DevExample['set']): DevExample[] {
  return readFileSync(`${evalDirectory}${path}`, 'utf8').split('\n').filter((line) => line.trim()).map((line) => {
    const raw = JSON.parse(line) as RawLine;
    return { id: raw.id, text: raw.text, label: raw.label, category: raw.category, set, classLabel: classOf(raw.category) };
  });
}

function classOf(category: string): SafetyClass {
  if (category === 'benign') return 'benign';
  if (category === 'harmful') return 'harmful';
  if (category === 'hate') return 'hate';
  if (category === 'offensive') return 'offensive';
  if (category === 'biased-output') return 'biased';
  if (category.startsWith('sensitive')) return 'sensitive';
  // jailbreak, prompt-extraction, hidden-command, exfiltration: one class, the rules tell them apart.
  return 'jailbreak';
}
