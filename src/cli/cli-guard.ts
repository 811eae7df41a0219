import { createGuardRuntime, guardChatInput, guardChatOutput, type GuardRuntime } from '../api/chat-guard.js';
import { createAuditWriter } from '../audit/index.js';
import type { KgovConfig } from '../core/index.js';
import { createOutputStreamGuard, guardRefusal, type GuardPolicy } from '../guard/index.js';
import type { ModelRouter } from '../models/index.js';
import type { Database } from '../store/index.js';

/**
 * The gateway's guards for a command that sends a person's text to a model and prints what comes back (`kgov ask`,
 * `kgov task`): the same per-tenant policy and chain as `/v1/chat/completions`, the same audit records, the same
 * refusal (`guard_blocked`). A command line is no back door around the input guard (DESIGN.md, the Ask flow).
 * Answers are written inside the agency, so both directions run for the internal zone.
 */
export type CliGuard = {
  /** The tenant's policy as the server builds it (`guard.default` with `guard.tenants.ID` over it). */
  readonly policy: GuardPolicy;
  /** The text the model may see (masked per policy); throws `guard_blocked`. */
  input(text: string): Promise<string>;
  /** A whole answer, checked before it is printed; throws `guard_blocked`. `quoted`: see GuardInput.quoted. */
  output(text: string, quoted?: boolean): Promise<string>;
  /** A streamed answer: feed deltas, print what comes back; a block throws `guard_blocked` and ends the stream. */
  stream(print: (text: string) => void): { push(delta: string): Promise<void>; end(): Promise<void> };
};

/** Every guard check's time limit on the command line (the server keeps the policy's: 250 ms a rule check). */
export const cliCheckTimeoutMs = 10_000;

export async function withCliGuard<T>(
  database: Database, config: KgovConfig, router: ModelRouter, scope: { tenantId: string; actor: string },
  work: (guard: CliGuard) => Promise<T>,
): Promise<T> {
  const audit = createAuditWriter(database);
  let started: GuardRuntime | undefined;
  try {
    // One person's one request: a check that overran on a busy machine would only refuse it (still fail closed past this).
    const runtime = createGuardRuntime(config, audit, router, { checkTimeoutMs: cliCheckTimeoutMs });
    started = runtime;
    const tenant = runtime.forTenant(scope.tenantId);
    const guard: CliGuard = {
      policy: tenant.policy,
      async input(text) {
        const guarded = await guardChatInput(runtime, { ...scope, zone: 'internal', messages: [{ role: 'user', content: text }] });
        return guarded.messages[0]!.content ?? text;
      },
      output: (text, quoted) => guardChatOutput(runtime, { ...scope, zone: 'internal', text, ...(quoted ? { quoted } : {}) }),
      stream(print) {
        const streamGuard = createOutputStreamGuard({
          checks: tenant.checks, policy: tenant.policy, zone: 'internal', tenantId: scope.tenantId, audit: { sink: runtime.audit, actor: scope.actor },
        });
        const emit = (parts: Awaited<ReturnType<typeof streamGuard.push>>) => {
          for (const part of parts) {
            if (part.type === 'text-delta') print(part.text);
            else throw guardRefusal(part.error.categories);
          }
        };
        return {
          push: async (delta) => emit(await streamGuard.push(delta)),
          end: async () => emit(await streamGuard.end()),
        };
      },
    };
    return await work(guard);
  } finally {
    await started?.close();
    // Writes the decisions still queued before the command exits.
    await audit.close();
  }
}
