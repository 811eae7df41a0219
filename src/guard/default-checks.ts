import { classifiedCheck } from './checks/classified-check.js';
import { domainCheck } from './checks/domain-check.js';
import { fingerprintCheck } from './checks/fingerprint-check.js';
import { injectionCheck } from './checks/injection-check.js';
import { linksCheck } from './checks/links-check.js';
import { piiCheck } from './checks/pii-check.js';
import { safetyCheck } from './checks/safety-check.js';
import { secretsCheck } from './checks/secrets-check.js';
import type { DocumentFingerprintIndex } from './fingerprints/document-fingerprints.js';
import type { GuardPolicy } from './guard-policy.js';
import type { GuardCheck } from './guard-types.js';

/**
 * The standard chain, in order: cheap structural checks first, then masking (PII, secrets), then the checks that
 * read meaning. Each check declares whether it runs on input, output or both.
 */
export function defaultGuardChecks(policy: GuardPolicy, options: { fingerprints?: DocumentFingerprintIndex; piiHashKey?: string | Uint8Array } = {}): GuardCheck[] {
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
  return checks;
}
