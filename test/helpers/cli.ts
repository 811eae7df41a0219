import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const kgovBin = fileURLToPath(new URL('../../../bin/kgov.js', import.meta.url));

export type CliResult = { status: number | null; stdout: string; stderr: string };

/** Runs the real `kgov` binary, as a user or an evaluation script would. */
export function kgov(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [kgovBin, ...args], {
    env: { ...cleanEnv(), ...options.env },
    input: options.input ?? '',
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function kgovAsync(args: string[], options: { env?: Record<string, string> } = {}) {
  return spawn(process.execPath, [kgovBin, ...args], { env: { ...cleanEnv(), ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The tests decide storage and language themselves. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.KGOV_DATA;
  delete env.KGOV_DATABASE_URL;
  delete env.KGOV_CONFIG;
  delete env.KGOV_LANG;
  delete env.KGOV_DEBUG;
  delete env.NODE_TEST_CONTEXT;
  return env;
}

export function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? '';
}
