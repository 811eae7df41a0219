import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { UsageMeter } from '../models/index.js';
import type { GuardRuntime } from './chat-guard.js';

/** Per-server registry (not prom-client's global one), so several servers can live in one test process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kgov_' });
  const requests = new Counter({
    name: 'kgov_http_requests_total',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'kgov_http_request_duration_seconds',
    help: 'HTTP request duration by method and route pattern',
    labelNames: ['method', 'route'] as const,
    // Gateway overhead lives in the low milliseconds; model calls in seconds.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  // What an operations team watches besides HTTP: how the guards decide, what the models consume, whether the audit
  // log keeps up. Labels are bounded sets (directions, zones, verdicts, categories, configured models).
  const guardDecisions = new Counter({
    name: 'kgov_guard_decisions_total',
    help: 'Guard chain decisions by direction (input/output), zone (internal/external) and verdict (allow/caution/block)',
    labelNames: ['direction', 'zone', 'verdict'] as const,
    registers: [registry],
  });
  const guardCategories = new Counter({
    name: 'kgov_guard_categories_total',
    help: 'Categories found by the guard chain (pii, classified, injection, harmful, check-error, ...), by verdict',
    labelNames: ['category', 'verdict'] as const,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'kgov_model_tokens_total',
    help: 'Tokens metered through the gateway by model and kind (prompt/completion)',
    labelNames: ['model', 'kind'] as const,
    registers: [registry],
  });
  const auditWriteFailures = new Counter({
    name: 'kgov_audit_write_failures_total',
    help: 'Failed audit log writes (the gateway refuses requests with 503 audit_unavailable until a write succeeds)',
    registers: [registry],
  });
  return { registry, requests, duration, guardDecisions, guardCategories, tokens, auditWriteFailures };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The guards as built, with every audited decision also counted (the audit sink sees every decision once). */
export function observedGuard(runtime: GuardRuntime, metrics: Metrics): GuardRuntime {
  return {
    ...runtime,
    audit: (event) => {
      metrics.guardDecisions.inc({ direction: event.direction, zone: event.zone, verdict: event.verdict });
      for (const category of event.categories) metrics.guardCategories.inc({ category, verdict: event.verdict });
      return runtime.audit(event);
    },
  };
}

/** The usage meter, with the tokens it meters also counted per model. */
export function observedUsage(meter: UsageMeter, metrics: Metrics): UsageMeter {
  return {
    ...meter,
    record(input) {
      metrics.tokens.inc({ model: input.model, kind: 'prompt' }, input.usage.prompt_tokens);
      metrics.tokens.inc({ model: input.model, kind: 'completion' }, input.usage.completion_tokens);
      meter.record(input);
    },
  };
}
