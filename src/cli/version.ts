import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version in package.json (dist/src/cli/ is three levels below the package root). */
export function packageVersion(): string {
  cached ??= (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  return cached;
}
