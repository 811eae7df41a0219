import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParseLimits } from './parsers/index.js';
import type { PrepareRequest, PrepareResponse } from './parse-worker.js';
import type { PrepareOptions, PrepareResult } from './prepare-document.js';

/**
 * Parsing off the main thread: a fixed number of worker threads, each with a heap cap
 * (`resourceLimits`) and a per-file time limit. A file that hangs its worker (parse_timeout) or
 * crashes it (corrupt_file, including running out of its heap) fails alone: the worker is ended
 * and replaced, and the other files go on. The main thread only waits, so the API stays responsive.
 */
export type ParsePoolOptions = { size: number; timeoutMs: number; memoryMb: number; limits: ParseLimits };

export type ParsePool = {
  readonly size: number;
  /** `options`: the upload grade and the tenant's treatment (default: the configuration's defaults). */
  prepare(bytes: Uint8Array, fileName: string, options?: PrepareOptions): Promise<PrepareResult>;
  close(): Promise<void>;
};

/** One core stays free for the main thread (HTTP, database), except on a single-core machine. */
export const defaultWorkerCount = () => Math.max(1, availableParallelism() - 1);

type Task = { id: number; bytes: Uint8Array; fileName: string; options: PrepareOptions; resolve: (result: PrepareResult) => void };
type Slot = { worker: Worker | null; task: Task | null; timer: NodeJS.Timeout | null };

const workerUrl = new URL('./parse-worker.js', import.meta.url);

export function createParsePool(options: ParsePoolOptions): ParsePool {
  const slots: Slot[] = Array.from({ length: options.size }, () => ({ worker: null, task: null, timer: null }));
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (slot: Slot, result: PrepareResult) => {
    const task = slot.task;
    if (slot.timer) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    slot.worker?.unref(); // an idle worker must not keep the process alive
    task?.resolve(result);
    dispatch();
  };

  /** Ends a broken worker; the next task starts a fresh one. */
  const replace = (slot: Slot, result: PrepareResult) => {
    const worker = slot.worker;
    slot.worker = null;
    void worker?.terminate();
    settle(slot, result);
  };

  const start = (slot: Slot): Worker => {
    const worker = new Worker(workerUrl, {
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, options.memoryMb / 16)) },
    });
    worker.on('message', (response: PrepareResponse) => {
      if (slot.worker === worker && slot.task?.id === response.id) settle(slot, response.result);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `parser exceeded its ${options.memoryMb} MB memory limit` : `parser crashed: ${error.message.split('\n')[0]}`;
      replace(slot, { ok: false, code: 'corrupt_file', reason });
    });
    worker.on('exit', () => {
      if (slot.worker === worker) replace(slot, { ok: false, code: 'corrupt_file', reason: 'parser worker exited' });
    });
    return worker;
  };

  const dispatch = () => {
    if (closed) return;
    for (const slot of slots) {
      if (slot.task || queue.length === 0) continue;
      const task = queue.shift()!;
      slot.task = task;
      slot.worker ??= start(slot);
      slot.worker.ref();
      slot.timer = setTimeout(() => replace(slot, { ok: false, code: 'parse_timeout', reason: `> ${Math.round(options.timeoutMs / 1000)} s` }), options.timeoutMs);
      slot.worker.postMessage({ id: task.id, bytes: task.bytes, fileName: task.fileName, limits: options.limits, options: task.options } satisfies PrepareRequest);
    }
  };

  return {
    size: options.size,
    prepare(bytes, fileName, prepareOptions = {}) {
      if (closed) return Promise.resolve({ ok: false, code: 'corrupt_file', reason: 'parser pool is closed' });
      return new Promise((resolve) => {
        queue.push({ id: nextId++, bytes, fileName, options: prepareOptions, resolve });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) task.resolve({ ok: false, code: 'corrupt_file', reason: 'parser pool is closed' });
      await Promise.all(slots.map(async (slot) => {
        const worker = slot.worker;
        slot.worker = null;
        if (slot.timer) clearTimeout(slot.timer);
        slot.task?.resolve({ ok: false, code: 'corrupt_file', reason: 'parser pool is closed' });
        slot.task = null;
        await worker?.terminate();
      }));
    },
  };
}
