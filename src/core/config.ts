import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KgovError } from './errors.js';
import { parseLanguage, type Language } from './i18n.js';

const label = z.strictObject({ ko: z.string().min(1), en: z.string().min(1) });

/**
 * The whole configuration, one schema. Objects are strict: an unknown field is an error, because a
 * misspelt security setting that is silently ignored is worse than a refusal to start.
 */
export const configSchema = z.strictObject({
  language: z.enum(['ko', 'en']).default('ko'),
  storage: z
    .strictObject({
      /** Embedded PGlite data directory (default ./data or KGOV_DATA). */
      dataDir: z.string().min(1).optional(),
      /** A PostgreSQL server; when set, the embedded database is not used. */
      databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'postgres:// 또는 postgresql:// 주소여야 합니다').optional(),
      /** Pool size per API process; PostgreSQL's default max_connections (100) allows ~10 processes. */
      poolSize: z.number().int().min(1).max(100).default(10),
    })
    .prefault({}),
  server: z
    .strictObject({
      /** Loopback by default: exposing the API is an operator's explicit decision. */
      host: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      /** 10 MiB: large enough for chat requests with long context, small enough to bound memory. */
      bodyLimitBytes: z.number().int().min(1024).max(1024 ** 3).default(10 * 1024 * 1024),
      /** Only behind a reverse proxy that sets X-Forwarded-For; otherwise clients could spoof their address. */
      trustProxy: z.boolean().default(false),
      /** In-flight requests get this long to finish on SIGTERM before the process exits anyway. */
      shutdownGraceMs: z.number().int().min(0).max(120_000).default(10_000),
      /** Prometheus scrapes /metrics without a key inside the closed network; set false to require one. */
      publicMetrics: z.boolean().default(true),
    })
    .prefault({}),
  auth: z
    .strictObject({
      /** NIST SP 800-63B asks for at least 8; agencies commonly require 9-10 with mixed classes. */
      minPasswordLength: z.number().int().min(8).max(128).default(10),
      /** Consecutive failed sign-ins before the account locks for `lockoutMinutes` (common agency rule: 5). */
      maxFailedLogins: z.number().int().min(1).max(100).default(5),
      lockoutMinutes: z.number().int().min(1).max(24 * 60).default(15),
      /** One working day; a console left open overnight signs in again. */
      sessionTtlHours: z.number().min(0.1).max(24 * 30).default(9),
      /** Secure cookies are sent only over HTTPS (browsers also accept them on localhost). */
      secureCookies: z.boolean().default(true),
    })
    .prefault({}),
  clearances: z
    .strictObject({ public: label, internal: label, restricted: label })
    .default({
      public: { ko: '공개', en: 'Public' },
      internal: { ko: '내부', en: 'Internal' },
      restricted: { ko: '대외비', en: 'Restricted' },
    }),
  logging: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .prefault({}),
});

export type KgovConfig = Readonly<z.output<typeof configSchema>>;
export type ConfigInput = z.input<typeof configSchema>;

/** Turns zod issues into one line that names each field and says what is wrong. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      if (issue.code === 'unrecognized_keys') {
        const fields = issue.keys.map((key) => (path ? `${path}.${key}` : key));
        return `${fields.join(', ')}: 알 수 없는 필드 / unknown field`;
      }
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

export function parseConfig(input: unknown, source: string): KgovConfig {
  const result = configSchema.safeParse(input ?? {});
  if (!result.success) {
    throw new KgovError('config_invalid', { source, detail: describeIssues(result.error.issues) });
  }
  return deepFreeze(result.data);
}

export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KgovError('config_unreadable', { source: path, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  try {
    const extension = extname(path).toLowerCase();
    return extension === '.yaml' || extension === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new KgovError('config_invalid', { source: path, detail: (error as Error).message.split('\n')[0] });
  }
}

export type ConfigOverrides = {
  configFile?: string | undefined;
  dataDir?: string | undefined;
  port?: number | undefined;
  host?: string | undefined;
};

/**
 * Loads the configuration: file, then environment (KGOV_DATA, KGOV_DATABASE_URL, KGOV_LANG), then
 * command-line flags, each overriding the one before.
 */
export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): KgovConfig {
  const source = overrides.configFile ?? '(defaults)';
  const raw = overrides.configFile ? readConfigFile(overrides.configFile) : {};
  // Validate the file alone first so that its errors name the file's own fields.
  const fromFile = parseConfig(raw, source);
  const merged = structuredClone(fromFile) as z.output<typeof configSchema>;
  const language: Language | undefined = parseLanguage(env.KGOV_LANG);
  if (language) merged.language = language;
  if (env.KGOV_DATA) merged.storage.dataDir = env.KGOV_DATA;
  if (env.KGOV_DATABASE_URL) merged.storage.databaseUrl = env.KGOV_DATABASE_URL;
  if (overrides.dataDir) merged.storage.dataDir = overrides.dataDir;
  if (overrides.port !== undefined) merged.server.port = overrides.port;
  if (overrides.host) merged.server.host = overrides.host;
  return parseConfig(merged, overrides.configFile ? `${source} + 환경 변수/명령줄` : '환경 변수/명령줄');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
