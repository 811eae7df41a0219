import { KgovError } from '../core/index.js';
import { appendAudit, recordAudit } from '../audit/index.js';
import type { Database, Queryable } from '../store/index.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-format.js';
import { authorize, authorizeGrant, authorizeOver } from './authorize.js';
import { actorOf, type Principal } from './principal.js';
import { assertRoleClearance, parseGroups, type Clearance, type Role } from './roles.js';
import { requireTenant } from './tenants.js';

export type ApiKey = {
  id: string;
  tenantId: string;
  name: string | null;
  role: Role;
  clearance: Clearance;
  /** Groups the key belongs to: it also sees documents shared with them. */
  groups: string[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

type ApiKeyRow = {
  id: string;
  tenant_id: string;
  name: string | null;
  role: Role;
  clearance: Clearance;
  groups: string[] | null;
  secret_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
};

const optionalDate = (value: Date | null) => (value ? new Date(value) : null);
const toApiKey = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  tenantId: row.tenant_id,
  name: row.name,
  role: row.role,
  clearance: row.clearance,
  groups: row.groups ?? [],
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  expiresAt: optionalDate(row.expires_at),
  revokedAt: optionalDate(row.revoked_at),
  lastUsedAt: optionalDate(row.last_used_at),
});

export type CreateApiKeyInput = {
  tenantId: string;
  role: Role;
  clearance: Clearance;
  /** Comma-separated or a list; see `parseGroups`. */
  groups?: string | readonly string[] | undefined;
  name?: string | undefined;
  expiresAt?: Date | undefined;
};

/** Creates a key and returns it in full; this is the only moment the secret exists outside the caller. */
export async function createApiKey(
  database: Database,
  principal: Principal,
  input: CreateApiKeyInput,
): Promise<{ apiKey: ApiKey; key: string }> {
  const groups = parseGroups(input.groups);
  authorizeGrant(principal, input.tenantId, input.role, input.clearance, groups);
  assertRoleClearance(input.role, input.clearance);
  await requireTenant(database, input.tenantId);
  const generated = generateApiKey();
  return database.transaction(async (tx) => {
    const [row] = await tx.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, tenant_id, name, role, clearance, secret_hash, created_by, expires_at, groups)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[]) RETURNING *`,
      [generated.id, input.tenantId, input.name ?? null, input.role, input.clearance, generated.secretHash,
        actorOf(principal), input.expiresAt?.toISOString() ?? null, groups],
    );
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'key.created', target: `key:${generated.id}`,
      detail: { role: input.role, clearance: input.clearance, groups, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return { apiKey: toApiKey(row!), key: generated.key };
  });
}

export async function listApiKeys(database: Queryable, principal: Principal, tenantId: string): Promise<ApiKey[]> {
  authorize(principal, 'keys.manage', { tenantId });
  await requireTenant(database, tenantId);
  const rows = await database.query<ApiKeyRow>('SELECT * FROM api_keys WHERE tenant_id = $1 ORDER BY created_at, id', [tenantId]);
  return rows.map(toApiKey);
}

/** Accepts a key id or a whole key. Revoking twice is harmless and is not audited twice. */
export async function revokeApiKey(database: Database, principal: Principal, keyOrId: string): Promise<ApiKey> {
  const given = keyOrId.trim();
  // The id part of anything key-shaped, also a key with a mistyped secret: the error below echoes what it looked up,
  // and a secret must not reach a terminal's scroll-back or a shell log through it.
  const id = parseApiKey(given)?.id ?? /^kgov_([a-z2-7]{1,32})_/.exec(given)?.[1] ?? (given.length > 24 ? `${given.slice(0, 12)}…` : given);
  const revoked = await database.transaction(async (tx) => {
    const [existing] = await tx.query<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $1 FOR UPDATE', [id]);
    // A key of another tenant reads as missing: its existence is not the caller's business.
    if (!existing || (principal.kind !== 'operator' && existing.tenant_id !== principal.tenantId)) {
      throw new KgovError('api_key_not_found', { key: id });
    }
    // Only someone with at least the key's clearance (an admin for an admin's key) may revoke it.
    authorizeOver(principal, existing.tenant_id, existing.role, existing.clearance);
    if (existing.revoked_at) return toApiKey(existing);
    const [row] = await tx.query<ApiKeyRow>('UPDATE api_keys SET revoked_at = now() WHERE id = $1 RETURNING *', [id]);
    await appendAudit(tx, { tenantId: existing.tenant_id, actor: actorOf(principal), action: 'key.revoked', target: `key:${id}` });
    return toApiKey(row!);
  });
  // After the commit, so a concurrent lookup cannot re-cache the row as it was before.
  cacheFor(database).rows.delete(revoked.id);
  return revoked;
}

/** last_used_at is written at most once a minute per key, so authentication does not write on every request. */
const lastUsedResolutionSeconds = 60;

/**
 * Key rows are cached per database for 5 s: the gateway benchmark found the lookup and the
 * last-used write among the per-request database statements that dominate its latency. A key
 * revoked through this process is dropped from the cache at once; revoked through another process
 * (or by hand in SQL) it stops working within the 5 s. Entries are refreshed in the background after
 * 4 s, and concurrent lookups of one key share one query.
 */
const cacheMilliseconds = 5_000;
type CachedKey = { row: ApiKeyRow; fetchedAt: number; lastUsedWrittenAt: number };
/** Per database: the cached rows, and the lookups running now (one per key). */
type KeyCache = { rows: Map<string, CachedKey>; inFlight: Map<string, Promise<CachedKey | undefined>> };
const keyCaches = new WeakMap<Queryable, KeyCache>();

function cacheFor(database: Queryable): KeyCache {
  let cache = keyCaches.get(database);
  if (!cache) {
    cache = { rows: new Map(), inFlight: new Map() };
    keyCaches.set(database, cache);
  }
  return cache;
}

/** Refresh in the background once an entry is this old, so requests under steady traffic never wait for the lookup. */
const refreshAfterMilliseconds = 4_000;

/** One lookup per key at a time: requests that arrive while it runs share it instead of queueing their own. */
function fetchKey(database: Database, id: string): Promise<CachedKey | undefined> {
  const { rows, inFlight } = cacheFor(database);
  const running = inFlight.get(id);
  if (running) return running;
  const lookup = database.query<ApiKeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]).then(([row]) => {
    if (!row) {
      rows.delete(id);
      return undefined;
    }
    const entry = { row, fetchedAt: Date.now(), lastUsedWrittenAt: rows.get(id)?.lastUsedWrittenAt ?? 0 };
    if (rows.size > 10_000) rows.clear();
    rows.set(id, entry);
    return entry;
  }).finally(() => inFlight.delete(id));
  inFlight.set(id, lookup);
  return lookup;
}

async function loadKey(database: Database, id: string): Promise<CachedKey | undefined> {
  const cached = cacheFor(database).rows.get(id);
  const age = cached ? Date.now() - cached.fetchedAt : Infinity;
  if (age < cacheMilliseconds) {
    // Refresh ahead of expiry; a failed refresh leaves the entry to expire and the next request to retry.
    if (age >= refreshAfterMilliseconds) fetchKey(database, id).catch(() => undefined);
    return cached;
  }
  return fetchKey(database, id);
}

/**
 * Resolves a presented key to a principal. Every failure is a distinct stable code; failures of a
 * real key id (wrong secret, revoked, expired) are audited, random garbage is not (it would let
 * anyone fill the audit log).
 */
export async function authenticateApiKey(database: Database, presented: string): Promise<Principal & { kind: 'api-key' }> {
  const parsed = parseApiKey(presented);
  if (!parsed) throw new KgovError('malformed_api_key');
  const entry = await loadKey(database, parsed.id);
  if (!entry) throw new KgovError('invalid_api_key');
  const row = entry.row;
  const reject = async (code: 'invalid_api_key' | 'api_key_revoked' | 'api_key_expired', params = {}) => {
    await recordAudit(database, {
      tenantId: row.tenant_id, actor: `key:${row.id}`, action: 'key.rejected', target: `key:${row.id}`,
      outcome: 'denied', detail: { reason: code },
    });
    return new KgovError(code, params);
  };
  if (!secretMatches(parsed.secret, row.secret_hash)) throw await reject('invalid_api_key');
  if (row.revoked_at) throw await reject('api_key_revoked');
  if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) {
    throw await reject('api_key_expired', { expiredAt: new Date(row.expires_at).toISOString() });
  }
  if (Date.now() - entry.lastUsedWrittenAt > lastUsedResolutionSeconds * 1000) {
    entry.lastUsedWrittenAt = Date.now();
    // Bookkeeping, not a gate: the request does not wait for it, and a failed write is retried a minute later.
    void database.query(
      `UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))`,
      [row.id, lastUsedResolutionSeconds],
    ).catch(() => {
      entry.lastUsedWrittenAt = 0;
    });
  }
  return { kind: 'api-key', keyId: row.id, tenantId: row.tenant_id, role: row.role, clearance: row.clearance, groups: row.groups ?? [] };
}
