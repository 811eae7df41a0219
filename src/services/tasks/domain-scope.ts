import { domainCheck, type GuardPolicy } from '../../guard/index.js';

/**
 * Is this request outside the tenant's domain (guard policy `domain.scope`)? Uses the guard's own
 * domain check, so a task declines exactly what the guard chain would flag, and a tenant that turned
 * the check off or set no scope is never refused.
 */
export async function isOutOfDomain(policy: GuardPolicy, text: string): Promise<boolean> {
  if (policy.domain.scope.length === 0 || policy.checks.domain?.enabled === false) return false;
  const outcome = await domainCheck(policy).check({ text, zone: 'internal', direction: 'input' }, new AbortController().signal);
  return outcome.categories.includes('out-of-domain');
}
