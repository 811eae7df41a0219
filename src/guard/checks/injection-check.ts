import { defaultSafetyClassifier } from '../classifier/default-safety-classifier.js';
import type { SafetyClassifier } from '../classifier/safety-classifier.js';
import { blockScore } from '../classifier/tune-thresholds.js';
import type { GuardCheck, GuardCheckOutcome } from '../guard-types.js';
import { uniqueCategories } from '../guard-types.js';
import { guardText } from '../rules/guard-text.js';
import { findInjections } from '../rules/injection-rules.js';

// With one weak signal (a persona set-up), the classifier decides: its jailbreak, harmful and hate probabilities
// together (a persona set-up wrapped around a harmful request reads as harmful to the model); 0.35 is well under
// the safety check's block threshold because the rule has already seen the shape of a jailbreak.
const weakSignalJailbreakProbability = 0.35;

/**
 * Prompt injection and jailbreaks on input: hidden-command prefixes, instruction overrides (Korean and English),
 * DAN-family personas, system-prompt extraction, markdown-image exfiltration. Any strong signal blocks; two weak
 * ones (or a weak one and a hint) block; one weak one blocks when the classifier agrees; a hint alone never does.
 */
export function injectionCheck(classifier: SafetyClassifier = defaultSafetyClassifier()): GuardCheck {
  return {
    name: 'injection',
    directions: ['input'],
    check(input): GuardCheckOutcome {
      const matches = findInjections(guardText(input.text).plain);
      const strong = matches.filter((match) => match.strength === 'strong');
      const weak = matches.filter((match) => match.strength === 'weak');
      const hints = matches.filter((match) => match.strength === 'hint');
      const findings = matches.map(({ category, kind, strength }) => ({ category, kind: `${kind}${strength === 'strong' ? '' : `:${strength}`}` }));
      if (strong.length > 0) return { verdict: 'block', categories: uniqueCategories(strong), findings };
      if (weak.length >= 2 || (weak.length === 1 && hints.length > 0)) return { verdict: 'block', categories: uniqueCategories([...weak, ...hints]), findings };
      if (weak.length === 1 && blockScore(classifier.classify(input.text)) >= weakSignalJailbreakProbability) {
        return { verdict: 'block', categories: ['jailbreak'], findings };
      }
      return { verdict: 'allow', categories: [], findings: [] };
    },
  };
}
