import { KgovError } from '../core/index.js';

/**
 * The error a blocked text gets. A block by what the text holds is `guard_blocked` (400: the caller's text, or the
 * model's answer, broke a rule). A block only because checks could not finish — one timed out on a busy machine, a
 * judge model was down — is `guard_unavailable` (503, retryable): still fail closed, nothing passes, but the caller is
 * not told their text broke a security rule when no rule found anything.
 */
export function guardRefusal(categories: readonly string[], param?: string): KgovError {
  const options = param === undefined ? {} : { param };
  if (categories.length > 0 && categories.every((category) => category === 'check-error')) return new KgovError('guard_unavailable', { categories: categories.join(', ') }, options);
  return new KgovError('guard_blocked', { categories: categories.join(', ') }, options);
}
