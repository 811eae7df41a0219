import { readdirSync, readFileSync } from 'node:fs';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { defaultParseLimits, parseFile } from '../src/data/parsers/index.js';

/**
 * The fuzz loop, in a worker so the test can kill it: a parser stuck in a synchronous loop would
 * block the test's own timers. It reports each case before parsing it, so a hang names its input.
 * (Loaded directly by the test runner, it does nothing.)
 */
type Case = { file: string; mutations: number };

const fixtures = new URL('../../../shared/fixtures/', import.meta.url);
const documents = new URL('../../test/__fixtures__/documents/', import.meta.url);

function corpus(): { name: string; bytes: Uint8Array }[] {
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const folder of ['hwp', 'hwpx']) {
    for (const name of readdirSync(new URL(`${folder}/`, fixtures)).filter((entry) => /\.(hwp|hwpx)$/.test(entry))) {
      files.push({ name, bytes: new Uint8Array(readFileSync(new URL(`${folder}/${name}`, fixtures))) });
    }
  }
  for (const name of readdirSync(documents).filter((entry) => entry.startsWith('sample.'))) {
    files.push({ name, bytes: new Uint8Array(readFileSync(new URL(name, documents))) });
  }
  return files;
}

async function run(seconds: number, seed: number): Promise<void> {
  let state = seed >>> 0 || 1;
  const random = (limit: number) => {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state % limit;
  };
  const files = corpus();
  const deadline = Date.now() + seconds * 1000;
  let cases = 0;
  while (Date.now() < deadline) {
    const file = files[random(files.length)]!;
    const bytes = Uint8Array.from(file.bytes);
    const mutations = 1 + random(16);
    for (let index = 0; index < mutations; index++) {
      const position = random(bytes.byteLength);
      // Mostly byte flips; sometimes a boundary value that hits lengths and counts.
      bytes[position] = random(4) === 0 ? [0x00, 0xff, 0x7f, 0x80][random(4)]! : random(256);
    }
    const slice = random(8) === 0 ? bytes.subarray(0, random(bytes.byteLength) + 1) : bytes;
    parentPort!.postMessage({ kind: 'start', case: { file: file.name, mutations } satisfies Case });
    try {
      const result = await parseFile(slice, file.name, defaultParseLimits);
      parentPort!.postMessage({ kind: 'done', ok: result.ok });
    } catch (error) {
      parentPort!.postMessage({ kind: 'threw', error: String(error), case: { file: file.name, mutations } });
    }
    cases += 1;
  }
  parentPort!.postMessage({ kind: 'finished', cases });
}

if (!isMainThread && parentPort) {
  const { seconds, seed } = workerData as { seconds: number; seed: number };
  await run(seconds, seed);
}
