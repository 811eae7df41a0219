import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KgovError } from './errors.js';
import { parseLanguage, type Language } from './i18n.js';
import { autoMaxPostings } from './memory-budget.js';

const label = z.strictObject({ ko: z.string().min(1), en: z.string().min(1) });

/** Cleaning and quality filters at ingest. Filtered chunks are stored for audit but not indexed. */
export const ingestCleaningSchema = z.strictObject({
  /**
   * A chunk with fewer letters and digits than this carries no answer (a page number, "- 끝 -", a lone
   * heading whose words every neighbouring chunk repeats in its section). 8, not more: a Hangul syllable
   * is a word's worth of Latin letters, and "기한은 7일이다" (7) is nearly an answer. The only chunk of a
   * document is never dropped for this: a one-line memo is still a document.
   */
  minChunkCharacters: z.number().int().min(0).max(1000).default(8),
  /**
   * Below this share of letters and digits among visible characters (table pipes aside) a chunk is dot
   * leaders, rules or a broken text layer. 0.3 keeps tables of short numbers ("| 1 | 2 |" is 100%).
   */
  minLetterShare: z.number().min(0).max(1).default(0.3),
  /**
   * A line found in this many of the tenant's documents is template text (agency letterhead, a copyright
   * footer) and stops counting for search. 5: a sentence quoted in two or three related documents is
   * content; on five unrelated ones it is a template.
   */
  boilerplateMinDocuments: z.number().int().min(2).max(1_000_000).default(5),
  /** Within one paged document (PDF), a line on this many pages is a running header or footer. */
  boilerplateMinPages: z.number().int().min(2).max(10_000).default(3),
  /** `skip`: a chunk whose exact text is already indexed in the tenant (same or less strict grade) is stored, not indexed again. */
  exactDuplicates: z.enum(['skip', 'index']).default('skip'),
  /**
   * Estimated Jaccard similarity of character 5-grams at which another document counts as a near
   * duplicate. 0.9 is the usual cut for "same text, small edits" (Broder 1997; the C4 and The Pile dedups).
   */
  nearDuplicateThreshold: z.number().min(0.5).max(1).default(0.9),
  /**
   * `record` (default): ingest and index it, and note which document it resembles; a near duplicate is
   * often a corrected re-issue under a new name, and hiding it could hide the correction. `skip`: store it
   * for audit without indexing its chunks.
   */
  nearDuplicates: z.enum(['record', 'skip']).default('record'),
});

const piiTreatment = z.enum(['index-as-is', 'mask', 'pseudonymise']);

/**
 * What happens to personal data in a chunk, per disclosure grade of the document. Public documents reach
 * the public tier (citizens, outside developers), so their personal data is masked by default; inside the
 * agency a reader with clearance may read the original anyway, and a masked contact number in a staff
 * directory would only be in the way.
 */
export const ingestPiiPolicySchema = z.strictObject({
  public: piiTreatment.default('mask'),
  internal: piiTreatment.default('index-as-is'),
  restricted: piiTreatment.default('index-as-is'),
  // 0.5: the guard's own threshold, a validated shape without a context word (src/guard/pii/README.md).
  minScore: z.number().min(0).max(1).default(0.5),
});

/** Any OpenAI-compatible server: vLLM, Ollama, llama.cpp server, TGI, a commercial API. */
export const openAICompatibleProviderSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{1,62}$/),
  type: z.literal('openai-compatible'),
  baseURL: z.string().url(),
  /** Name of the environment variable holding the upstream key: keys never sit in config files. */
  apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
  /** internal: inside the closed network; external: a commercial model, reached only through the guards. */
  zone: z.enum(['internal', 'external']),
  /** Chat model ids. May be empty for a server that only embeds (TEI, an embeddings-only vLLM). */
  models: z.array(z.string().min(1)).default([]),
  /**
   * Embedding model ids this server answers on /embeddings (bge-m3, multilingual-e5-large). Separate from
   * `models` because vLLM and TEI serve chat and embeddings from different processes and model names.
   */
  embeddingModels: z.array(z.string().min(1)).default([]),
  /** 60 s: long generations on a busy GPU server; for streams it is the limit between two chunks. */
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  /** For `external` providers: the tenants that may use it. Empty (the default) means none: fail closed. */
  allowedTenants: z.array(z.string()).default([]),
}).refine((provider) => provider.models.length + provider.embeddingModels.length > 0, {
  message: 'models 또는 embeddingModels 중 하나는 비어 있지 않아야 합니다 / models or embeddingModels must name a model',
});

/**
 * A GGUF model run inside this process by llama.cpp (node-llama-cpp's prebuilt binaries from npm; nothing is
 * downloaded or compiled at run time). Always `internal`: the weights and the prompts stay on this machine.
 * The file is checked when the providers are built (`model_file_missing`, `model_file_invalid`) and loaded on first use.
 */
export const llamaCppProviderSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{1,62}$/),
  type: z.literal('llama-cpp'),
  /** The .gguf file (absolute, or relative to the working directory). */
  modelPath: z.string().min(1).regex(/\.gguf$/i, '.gguf 파일이어야 합니다 / must be a .gguf file'),
  zone: z.literal('internal', { message: "llama-cpp 제공자는 항상 internal입니다 / a llama-cpp provider is always 'internal'" }).default('internal'),
  models: z.array(z.string().min(1)).min(1),
  /**
   * Tokens per sequence (prompt + answer). 4096 holds a RAG prompt with five passages and its answer; each
   * token of context costs KV-cache memory in every parallel sequence, so the model's own maximum (often 128k
   * today) is not the default.
   */
  contextSize: z.number().int().min(256).max(1_048_576).default(4096),
  /** CPU threads per evaluation; absent: llama.cpp's choice (the cores useful for math). */
  threads: z.number().int().min(1).max(1024).optional(),
  /** Layers offloaded to the GPU: `auto` fits what VRAM allows, `max` all, 0 none. */
  gpuLayers: z.union([z.number().int().min(0), z.enum(['auto', 'max'])]).default('auto'),
  /** Which prebuilt backend to load: `auto` takes CUDA or Vulkan when the machine has one, else the CPU build. */
  gpu: z.enum(['auto', 'cuda', 'vulkan', 'cpu']).default('auto'),
  /**
   * Sequences in one context that answer at the same time (batched together); further requests queue.
   * 1: one answer at a time is the safe default for a CPU; a GPU serves 4-8 with little loss per request.
   */
  parallel: z.number().int().min(1).max(64).default(1),
  /** How long a queued request waits for a free sequence before it fails over (upstream_timeout). */
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
});

export const providerSchema = z.discriminatedUnion('type', [openAICompatibleProviderSchema, llamaCppProviderSchema]);
export type ProviderConfig = z.output<typeof providerSchema>;

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
      /**
       * Where embedded PGlite runs: on a worker thread (default), so its WebAssembly does not stop the
       * event loop while HTTP requests wait, or on the main thread ('main': one thread less, for tools).
       */
      pgliteThread: z.enum(['worker', 'main']).default('worker'),
      /**
       * Embedded PGlite checkpoints once this much WAL has been written since the last checkpoint (it has no
       * checkpointer of its own: src/store/pglite-maintenance.ts). Lower: less disk and a faster restart after a
       * crash; higher: fewer checkpoints during a large ingest.
       */
      pgliteCheckpointWalMb: z.number().int().min(16).max(65_536).default(512),
      /** Pool size per API process; PostgreSQL's default max_connections (100) allows ~10 processes. */
      poolSize: z.number().int().min(1).max(100).default(10),
      /**
       * Tenants' Ed25519 signing keys (private, mode 0600); default DATA/keys. Kept out of the database
       * on purpose: whoever can edit document rows must not also be able to re-sign them.
       */
      keyDir: z.string().min(1).optional(),
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
  ingest: z
    .strictObject({
      /** Parser worker threads; default: cores - 1 (min 1), so one core stays free for the API and the database. */
      workers: z.number().int().min(1).max(64).optional(),
      /** A parser that takes longer on one file is stopped (parse_timeout); our largest real reports parse in < 5 s. */
      parseTimeoutSeconds: z.number().min(1).max(3600).default(60),
      /** Heap cap per parser worker: 100 MB inputs expand ~3x in memory; 1 GiB leaves room and bounds the process. */
      workerMemoryMb: z.number().int().min(64).max(16_384).default(1024),
      /** Largest file accepted (CLI and upload); matches the parsers' default limit. */
      maxFileBytes: z.number().int().min(1).max(2 * 1024 ** 3).default(100 * 1024 * 1024),
      /** Files per upload request: bounds one request's memory (maxUploadFiles x maxFileBytes). */
      maxUploadFiles: z.number().int().min(1).max(1000).default(20),
      /** Tries per file on transient failures (database errors, timeouts), with exponential backoff. */
      maxAttempts: z.number().int().min(1).max(10).default(3),
      /** A running item whose worker stopped renewing this lease (crashed) is taken over by another worker. */
      leaseSeconds: z.number().int().min(1).max(3600).default(120),
      /** How long an upload request waits for its files before answering 202 with the job's status. */
      uploadWaitSeconds: z.number().min(0).max(600).default(30),
      /** Cleaning, quality filters and duplicates (src/data/README.md, "Cleaning"). */
      cleaning: ingestCleaningSchema.prefault({}),
      /**
       * Personal data found in chunks at ingest: `default` for every tenant, `tenants` per tenant id
       * (a tenant's entry replaces the default as a whole, so a policy reads in one place).
       */
      pii: z
        .strictObject({ default: ingestPiiPolicySchema.prefault({}), tenants: z.record(z.string(), ingestPiiPolicySchema).default({}) })
        .prefault({}),
    })
    .prefault({}),
  /** Model servers behind the gateway, tried in this order for a model (fallback). */
  providers: z.array(providerSchema).default([]).superRefine((providers, context) => {
    // An audit record names a provider by its id (external.called provider:aa): two of one id could not be told apart.
    const seen = new Set<string>();
    for (const [index, provider] of providers.entries()) {
      if (seen.has(provider.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `'${provider.id}' 제공자 id가 중복됩니다 / duplicate provider id '${provider.id}'` });
      seen.add(provider.id);
    }
  }),
  /**
   * Guard policies (see src/guard/guard-policy.ts for the fields): `default` for every tenant, `tenants`
   * per tenant id. Validated by the guard module's own schema at start-up.
   */
  guard: z
    .strictObject({
      default: z.record(z.string(), z.unknown()).optional(),
      tenants: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
      /**
       * Long texts are checked in worker threads, so one pasted report does not stall every other request: the
       * rule checks are synchronous, ~60 ms for 100,000 characters and ~0.6 s for a 10 MB body on one core
       * (BENCHMARKS.md, "Gateway, twelfth run"). Shorter texts stay on the request's thread, where a hop would cost more
       * than the checks. `workers: 0` checks everything inline. A worker that overruns `timeoutMs` is stopped and
       * the text blocked (fail closed).
       */
      /**
       * How often the server looks for new or removed `restricted` documents to fingerprint (a prompt quoting one is
       * blocked on its way to an external model); documents ingested by another process are covered within this time.
       */
      fingerprintRefreshMs: z.number().int().min(100).max(3_600_000).default(5_000),
      offload: z
        .strictObject({
          workers: z.number().int().min(0).max(16).default(1),
          minCharacters: z.number().int().min(1).default(32_768),
          timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
        })
        .prefault({}),
    })
    .prefault({}),
  gateway: z
    .strictObject({
      /** Two retries with 200 ms doubling backoff ride out a restarting vLLM without making callers wait long. */
      maxRetries: z.number().int().min(0).max(5).default(2),
      backoffMs: z.number().int().min(0).max(10_000).default(200),
      /** Five consecutive failures open a provider's circuit for 30 s. */
      failureThreshold: z.number().int().min(1).max(100).default(5),
      circuitOpenMs: z.number().int().min(100).max(600_000).default(30_000),
      /**
       * Requests and tokens per minute. Defaults fit one on-premises 13B model on a few GPUs (~50
       * concurrent users); an agency sizes them to its hardware and contracts. 0 turns a limit off.
       */
      limits: z
        .strictObject({
          keyRequestsPerMinute: z.number().int().min(0).default(600),
          keyTokensPerMinute: z.number().int().min(0).default(200_000),
          tenantRequestsPerMinute: z.number().int().min(0).default(3_000),
          tenantTokensPerMinute: z.number().int().min(0).default(1_000_000),
        })
        .prefault({}),
    })
    .prefault({}),
  search: z
    .strictObject({
      /**
       * lexical by default: with the built-in hashed embedder BM25 alone measured as good as any fusion
       * (BENCHMARKS.md, retrieval); hybrid pays off with an external embedder.
       */
      mode: z.enum(['lexical', 'vector', 'hybrid']).default('lexical'),
      /** Most hits one request may ask for: beyond 100 a passage list no longer fits a prompt and costs a full scan. */
      maxK: z.number().int().min(1).max(1000).default(100),
      /**
       * The lexical index is also kept in memory by the server and by CLI commands that answer many queries
       * (`src/search/memory-index/`): ~13 bytes a posting, ~250 postings a 24-line chunk (BENCHMARKS.md).
       * `maxPostings` is the most postings held over all tenants; a tenant that does not fit is searched in the
       * database, which is slow past ~100,000 chunks (seconds a query at a million). `"auto"` (the default): a
       * quarter of the memory available to the process (the machine's, or its container's limit) at 15 bytes a
       * posting, e.g. 430M postings (~1.7M chunks) with 24 GB, and at most one posting per 5 bytes of the V8 heap
       * limit (the term dictionaries live on the heap; ~870M with the default heap). A cap, not a reservation: small
       * tenants use what they need. 0: never in memory.
       * `passageCacheMb`: the texts of recent hits kept beside it, so a search answered from memory reads nothing from
       * the database (~4 KB a 24-line passage of Korean text: 128 MB holds ~30,000); 0 turns it off.
       */
      memoryIndex: z
        .strictObject({
          maxPostings: z.union([z.number().int().min(0), z.literal('auto')]).default('auto').transform((value) => (value === 'auto' ? autoMaxPostings() : value)),
          passageCacheMb: z.number().min(0).max(65_536).default(128),
          /**
           * `kgov serve` loads tenants into memory right after it starts (smallest first, while they fit
           * `maxPostings`), so the first searches after a restart are not answered in SQL while a large tenant loads.
           * false: each tenant loads on its first search.
           */
          warmOnStart: z.boolean().default(true),
        })
        .prefault({}),
      /** Optional OpenAI-compatible embeddings server (vLLM/TEI/Ollama serving bge-m3 or multilingual-e5). */
      embedder: z
        .strictObject({
          baseUrl: z.string().regex(/^https?:\/\//, 'http:// 또는 https:// 주소여야 합니다'),
          model: z.string().min(1).max(200),
          /** bge-m3 and multilingual-e5-large: 1024; pgvector's HNSW indexes up to 2000 dimensions. */
          dimension: z.number().int().min(8).max(2000),
          /** Name of the environment variable holding the key, so secrets stay out of config files. */
          apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
          queryPrefix: z.string().max(100).optional(),
          documentPrefix: z.string().max(100).optional(),
          /** A GPU server answers a batch of 64 in well under a second; 30 s means it is down, not busy. */
          timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
          /** 64 texts of ~1,200 characters stay under vLLM's and TEI's default request limits. */
          maxBatch: z.number().int().min(1).max(2048).default(64),
        })
        .optional(),
    })
    .prefault({}),
  /** Grounded answers (model id `kgov-rag`). */
  rag: z
    .strictObject({
      /** A model served by `providers` that writes the answer; null: extractive answers (quotes with citations). */
      generatorModel: z.string().min(1).nullable().default(null),
      /** Five passages fit a 4k-token context with room for the answer. */
      passages: z.number().int().min(1).max(20).default(5),
    })
    .prefault({}),
  /** Task services (summarise, translate, 공문 draft, …; model id `kgov-task` or an `x-kgov-task` header). */
  tasks: z
    .strictObject({
      /**
       * The model that runs tasks sent to `kgov-task` (or `kgov-rag`). Absent: rag.generatorModel, since one
       * agency model usually does both. null there too: summaries are extractive, other tasks answer model_required.
       */
      generatorModel: z.string().min(1).nullable().optional(),
    })
    .prefault({}),
  logging: z
    .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
    .prefault({}),
  /**
   * Destroying (파기) what is no longer served once its retention period has run out: `kgov serve` purges, for every
   * tenant, deleted documents and superseded versions older than `purgeAfterDays` (null: never by itself; `kgov
   * documents purge` still does it on demand), at start and then every `sweepMinutes`. Each purge is audited.
   */
  retention: z
    .strictObject({
      purgeAfterDays: z.number().int().min(0).max(36_500).nullable().default(null),
      sweepMinutes: z.number().int().min(1).max(43_200).default(1_440),
    })
    .prefault({}),
  audit: z
    .strictObject({
      /**
       * How often the server copies the audit chain's head out of the database (`storage.keyDir`/audit-checkpoint.json,
       * and its log), when it has moved: records deleted from the end after a checkpoint are caught by `kgov audit
       * verify`. CLI commands copy it when they close the database.
       */
      checkpointSeconds: z.number().int().min(1).max(3600).default(10),
    })
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
    // A missing file is `path_not_found`, as in every command (README); other failures (permissions) say their code.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new KgovError('path_not_found', { file: path });
    throw new KgovError('config_unreadable', { source: path, detail: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  try {
    const extension = extname(path).toLowerCase();
    return extension === '.yaml' || extension === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    // The parser's own words are English; the line says in both what went wrong.
    throw new KgovError('config_invalid', { source: path, detail: `구문 오류 / syntax error: ${(error as Error).message.split('\n')[0]}` });
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
  // `--config` first, then KGOV_CONFIG (set once for every command of an installation, as KGOV_DATA is).
  const configFile = overrides.configFile ?? configFileFromEnv(env);
  const source = configFile ?? '(defaults)';
  const raw = configFile ? readConfigFile(configFile) : {};
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
  return parseConfig(merged, configFile ? `${source} + 환경 변수/명령줄` : '환경 변수/명령줄');
}

/** The configuration file named by KGOV_CONFIG, if any (empty: none). */
export function configFileFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.KGOV_CONFIG ? env.KGOV_CONFIG : undefined;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
