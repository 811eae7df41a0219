/**
 * Per-provider circuit breaker: after `failureThreshold` consecutive failures the provider is skipped
 * for `openMs`; then one trial request is let through (half-open) and its outcome closes or reopens
 * the circuit. It keeps a dead upstream from adding its timeout to every request.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private trialInFlight = false;

  constructor(private readonly options: { failureThreshold: number; openMs: number }, private readonly now: () => number = Date.now) {}

  /** May a request go through now? Claims the half-open trial slot when the open period has passed. */
  allow(): boolean {
    if (this.failures < this.options.failureThreshold) return true;
    if (this.now() < this.openUntil || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trialInFlight = false;
  }

  failure(): void {
    this.failures++;
    this.trialInFlight = false;
    if (this.failures >= this.options.failureThreshold) this.openUntil = this.now() + this.options.openMs;
  }

  /** Milliseconds until an open circuit lets a trial through (0 when it would now). */
  get retryInMs(): number {
    return this.failures < this.options.failureThreshold ? 0 : Math.max(0, this.openUntil - this.now());
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.options.failureThreshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }
}
