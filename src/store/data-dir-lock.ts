import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { KgovError } from '../core/index.js';

/**
 * An embedded PGlite data directory must be opened by one process at a time: two writers corrupt
 * it. The lock is a file holding the owner's pid. A lock whose pid is no longer alive was left by a
 * killed process and is taken over, so a restart after `kill -9` needs no manual clean-up (a
 * time-based stale lock, as proper-lockfile uses, would refuse restarts for its stale window).
 */
export type DataDirLock = { release(): void };

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, 'kgov.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => releaseIfOwned(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new KgovError('data_dir_unusable', { dir: dataDir, detail: (error as Error).message }, { cause: error });
      }
    }
    const owner = readOwner(path);
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      throw new KgovError('data_dir_locked', { dir: dataDir, pid: owner });
    }
    // Stale: move it aside atomically so that only one of several racing processes removes it.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      unlinkSync(`${path}.stale-${process.pid}`);
    } catch {
      // Another process took it over first; try again.
    }
  }
  throw new KgovError('data_dir_locked', { dir: dataDir, pid: readOwner(path) ?? '?' });
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function releaseIfOwned(path: string): void {
  if (readOwner(path) === process.pid) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone.
    }
  }
}
