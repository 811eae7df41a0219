import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` one component at a time. Node's `mkdirSync(path, { recursive: true })` never returns for a path under a
 * pseudo file system that refuses new entries with ENOENT (`--data /proc/x` spun at 100% CPU: libuv retries the
 * parent, which exists, forever); here each missing component is made once and any error is thrown as it is.
 */
export function makeDirectory(path: string, mode?: number): void {
  const target = resolve(path);
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) {
        throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${target}'`), { code: 'ENOTDIR', path: current });
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = dirname(current);
      if (parent === current) throw error;
      missing.push(current);
      current = parent;
    }
  }
  for (const directory of missing.reverse()) {
    try {
      mkdirSync(directory, mode === undefined ? undefined : { mode });
    } catch (error) {
      // Another process made it in between: what we wanted.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(directory).isDirectory()) throw error;
    }
  }
}
