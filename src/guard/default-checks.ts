import { KgovError } from '../core/index.js';
import { classifiedCheck } from './checks/classified-check.js';
import { domainCheck } from './checks/domain-check.js';
import { fingerprintCheck } from './checks/fingerprint-check.js';
import { injectionCheck } from './checks/injection-check.js';
import { judgeCheck, type JudgeModel } from './checks/judge-check.js';
import { linksCheck } from './checks/links-check.js';
import { piiCheck } from './checks/pii-check.js';
import { safetyCheck } from './checks/safety-check.js';
import { secretsCheck } from './checks/secrets-check.js';
import type { DocumentFingerprintIndex } from './fingerprints/document-fingerprints.js';
import { judgeSettingsFor, type GuardPolicy } from './guard-policy.js';
import type { GuardCheck } from './guard-types.js';

export type DefaultGuardCheckOptions = {
  fingerprints?: DocumentFingerprintIndex;
  piiHashKey?: string | Uint8Array;
  /**
   * Gives the judge its model, for the model id the policy names. Required when the policy turns the judge on;
   * it throws `config_invalid` for a model that may not judge (not served, or served outside the agency).
   */
  judgeModel?: (model: string) => JudgeModel;
  /**
   * Leaves the judge out even where the policy turns it on: for a chain that runs where no model can be reached
   * (the guard's worker threads, `src/api/guard-offload.ts`); whoever runs it there runs the judge after it.
   */
  withoutJudge?: boolean;
};

/**
 * The standard chain, in order: cheap structural checks first, then masking (PII, secrets), then the checks that
 * read meaning, and last the LLM judge when the policy turns it on (it then sees the masked text and runs only when
 * nothing before it blocked). Each check declares whether it runs on input, output or both.
 */
export function defaultGuardChecks(policy: GuardPolicy, options: DefaultGuardCheckOptions = {}): GuardCheck[] {
  const checks: GuardCheck[] = [
    injectionCheck(),
    classifiedCheck(policy),
    secretsCheck(policy),
    piiCheck(policy, { hashKey: options.piiHashKey }),
    safetyCheck(policy),
    domainCheck(policy),
    linksCheck(policy),
  ];
  if (options.fingerprints) checks.splice(2, 0, fingerprintCheck(policy, options.fingerprints));
  const judge = judgeSettingsFor(policy);
  if (judge.enabled && !options.withoutJudge) {
    // A policy that asks for a judge nobody can provide must not start as if it had one.
    if (!options.judgeModel || judge.model === undefined) {
      throw new KgovError('config_invalid', { source: 'guard.checks.judge', detail: '판정 모델을 쓸 수 없습니다 (providers 없음) / no model layer to judge with' });
    }
    checks.push(judgeCheck(policy, options.judgeModel(judge.model)));
  }
  return checks;
}
