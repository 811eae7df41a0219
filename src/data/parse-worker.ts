import { isMainThread, parentPort } from 'node:worker_threads';
import type { ParseLimits } from './parsers/index.js';
import { prepareDocument, type PrepareOptions, type PrepareResult } from './prepare-document.js';

/**
 * A parser worker thread: prepares one file per message. Anything a parser throws becomes
 * `corrupt_file` here; a hang or an out-of-memory is handled by the pool, which ends this thread.
 */
export type PrepareRequest = { id: number; bytes: Uint8Array; fileName: string; limits: ParseLimits; options: PrepareOptions };
export type PrepareResponse = { id: number; result: PrepareResult };

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', async (request: PrepareRequest) => {
    let result: PrepareResult;
    try {
      result = await prepareDocument(request.bytes, request.fileName, request.limits, request.options);
    } catch (error) {
      result = { ok: false, code: 'corrupt_file', reason: ((error as Error)?.message ?? String(error)).split('\n')[0]!.slice(0, 200) };
    }
    port.postMessage({ id: request.id, result } satisfies PrepareResponse);
  });
}
