import { Worker } from 'node:worker_threads';
import type { KgovConfig } from '../core/index.js';
import type { GuardDecision, GuardInput } from '../guard/index.js';

/**
 * Worker threads that run a tenant's guard chain (without the LLM judge) over long texts. The rule checks and the
 * classifier are synchronous: on the request's thread a 10 MB prompt would stop every other request for over half a
 * second. Each worker builds the same per-tenant chains from the same configuration (`guard-worker.ts`), so a text
 * gets the same decision wherever it is checked (`guard-offload.test.ts`).
 *
 * Fails closed: a worker that errors, exits or overruns `timeoutMs` is stopped (terminating the thread is the one way
 * to interrupt a synchronous check) and the texts it held are blocked (`check-error`), never passed. The next text
 * gets a fresh worker.
 */
export type GuardOffload = {
  run(tenantId: string, input: GuardInput): Promise<GuardDecision>;
  close(): Promise<void>;
};

type Pending = { resolve: (decision: GuardDecision) => void; timer: NodeJS.Timeout | undefined; started: number };
type Slot = { worker: Worker; pending: Map<number, Pending>; ready: boolean };
type Reply = { ready: true } | { id: number; decision?: GuardDecision; error?: string };

/** A worker loads the classifier and builds every tenant's chain before it is ready: ~0.5 s, longer on a busy machine. */
const startupLimitMs = 60_000;

export function createGuardOffload(config: KgovConfig, options: { workers: number; timeoutMs: number }): GuardOffload {
  const slots: (Slot | undefined)[] = new Array<Slot | undefined>(options.workers).fill(undefined);
  let nextId = 0;
  let closed = false;

  const failAll = (slot: Slot, kind: 'timeout' | 'exception') => {
    for (const [id, pending] of slot.pending) {
      clearTimeout(pending.timer);
      slot.pending.delete(id);
      pending.resolve(offloadFailed(kind, performance.now() - pending.started));
    }
  };

  const retire = (index: number, slot: Slot, kind: 'timeout' | 'exception') => {
    if (slots[index] === slot) slots[index] = undefined;
    failAll(slot, kind);
    void slot.worker.terminate();
  };

  // A text's time limit runs from when its worker is ready: starting one is not the text's fault.
  const arm = (slot: Slot, pending: Pending) => {
    pending.timer = setTimeout(() => retire(slots.indexOf(slot), slot, 'timeout'), options.timeoutMs);
  };

  const start = (index: number): Slot => {
    // The configuration goes over as data; the worker validates nothing again (it was validated here at start).
    const worker = new Worker(new URL('./guard-worker.js', import.meta.url), { workerData: { config } });
    const slot: Slot = { worker, pending: new Map(), ready: false };
    const startup = setTimeout(() => retire(index, slot, 'timeout'), startupLimitMs);
    startup.unref();
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        clearTimeout(startup);
        slot.ready = true;
        for (const pending of slot.pending.values()) arm(slot, pending);
        return;
      }
      const pending = slot.pending.get(reply.id);
      if (!pending) return;
      clearTimeout(pending.timer);
      slot.pending.delete(reply.id);
      if (slot.pending.size === 0) worker.unref();
      pending.resolve(reply.decision ?? offloadFailed('exception', performance.now() - pending.started));
    });
    worker.on('error', () => retire(index, slot, 'exception'));
    worker.on('exit', () => retire(index, slot, 'exception'));
    worker.unref();
    slots[index] = slot;
    return slot;
  };

  // The least busy worker (ties: the first), started on first use: a deployment that never sees a long text pays nothing.
  const pick = (): Slot => {
    let best = 0;
    for (let index = 1; index < slots.length; index++) {
      if ((slots[index]?.pending.size ?? 0) < (slots[best]?.pending.size ?? 0)) best = index;
    }
    return slots[best] ?? start(best);
  };

  return {
    run(tenantId, input) {
      if (closed || slots.length === 0) return Promise.resolve(offloadFailed('exception', 0));
      const slot = pick();
      const id = nextId++;
      return new Promise<GuardDecision>((resolve) => {
        const pending: Pending = { resolve, timer: undefined, started: performance.now() };
        if (slot.ready) arm(slot, pending);
        slot.pending.set(id, pending);
        // A waiting caller keeps the process alive (the CLI); an idle worker does not.
        slot.worker.ref();
        slot.worker.postMessage({ id, tenantId, input });
      });
    },
    async close() {
      closed = true;
      const running = slots.filter((slot): slot is Slot => slot !== undefined);
      slots.fill(undefined);
      for (const slot of running) failAll(slot, 'exception');
      await Promise.all(running.map((slot) => slot.worker.terminate()));
    },
  };
}

/** A chain that could not run blocks, like a check that throws (`run-guard-chain.ts`): the kind, never the text. */
function offloadFailed(kind: 'timeout' | 'exception', durationMs: number): GuardDecision {
  return {
    verdict: 'block',
    categories: ['check-error'],
    results: [{ check: 'offload', verdict: 'block', categories: ['check-error'], findings: [{ category: 'check-error', kind }], durationMs }],
    durationMs,
  };
}
