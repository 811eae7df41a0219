import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { KgovError, makeDirectory, randomId, type KgovConfig } from '../core/index.js';
import { storageLocation, type Database, type Queryable } from '../store/index.js';

/**
 * Tenants' Ed25519 signing keys. The public key is stored in the database (anyone verifying reads it
 * there); the private key is a file in the key directory, mode 0600, never in the database. Why: the
 * signature exists to show that a document row was not edited after ingest, so it must not be
 * forgeable by whoever can edit rows — a database administrator, a restored dump, a SQL injection.
 * Keeping the signing secret on the ingesting host's disk separates the two powers. A key is
 * generated on a tenant's first ingest; with several ingesting hosts, share the key directory.
 */
export type SigningKey = { keyId: string; tenantId: string; privateKey: KeyObject };

export { keyDirectory } from '../store/index.js';

export type SigningKeys = { forTenant(tenantId: string): Promise<SigningKey> };

export function signingKeys(database: Database, directory: string): SigningKeys {
  const cache = new Map<string, SigningKey>();
  return {
    async forTenant(tenantId) {
      const cached = cache.get(tenantId);
      if (cached) return cached;
      const key = (await loadActiveKey(database, directory, tenantId)) ?? (await createKey(database, directory, tenantId));
      cache.set(tenantId, key);
      return key;
    },
  };
}

const keyFile = (directory: string, keyId: string) => join(directory, `${keyId}.ed25519.pem`);

async function loadActiveKey(database: Queryable, directory: string, tenantId: string): Promise<SigningKey | undefined> {
  const [row] = await database.query<{ id: string; public_key: string }>(
    'SELECT id, public_key FROM signing_keys WHERE tenant_id = $1 AND retired_at IS NULL', [tenantId]);
  if (!row) return undefined;
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(keyFile(directory, row.id), 'utf8'));
  } catch (error) {
    throw new KgovError('signing_key_missing', { tenant: tenantId, keyId: row.id, dir: directory }, { cause: error });
  }
  // A key file from another installation would sign what nobody can verify: refuse it now.
  if (createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) !== row.public_key) {
    throw new KgovError('signing_key_missing', { tenant: tenantId, keyId: row.id, dir: directory });
  }
  return { keyId: row.id, tenantId, privateKey };
}

async function createKey(database: Database, directory: string, tenantId: string): Promise<SigningKey> {
  const keyId = `sk_${randomId()}`;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  makeDirectory(directory, 0o700);
  const path = keyFile(directory, keyId);
  // 'wx' never overwrites a key; 0600: only the service account reads it.
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  const inserted = await database.query(
    `INSERT INTO signing_keys (id, tenant_id, algorithm, public_key) VALUES ($1, $2, 'ed25519', $3)
     ON CONFLICT (tenant_id) WHERE retired_at IS NULL DO NOTHING RETURNING id`,
    [keyId, tenantId, publicKey.export({ type: 'spki', format: 'pem' })],
  );
  if (inserted.length === 1) return { keyId, tenantId, privateKey };
  // Another process created the tenant's key at the same moment: use theirs.
  rmSync(path, { force: true });
  const theirs = await loadActiveKey(database, directory, tenantId);
  if (!theirs) throw new KgovError('signing_key_missing', { tenant: tenantId, keyId: '?', dir: directory });
  return theirs;
}
