import { createHash, randomBytes } from 'node:crypto';
import { KgovError } from '../core/index.js';
import { appendAudit, recordAudit } from '../audit/index.js';
import type { Database } from '../store/index.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import type { UserRow } from './users.js';

export type LoginPolicy = { maxFailedLogins: number; lockoutMinutes: number; sessionTtlHours: number };
export type Session = { token: string; expiresAt: Date; principal: Principal & { kind: 'session' } };

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Failed logins of usernames that do not exist, per database, oldest first (bounded: the oldest are forgotten). */
const phantomsByDatabase = new WeakMap<Database, Map<string, { failures: number; lockedUntil: number | null }>>();
const maxPhantoms = 10_000;

/**
 * Password login for the console. Unknown users cost the same scrypt time as known ones. After
 * `maxFailedLogins` consecutive failures the account locks for `lockoutMinutes`; every attempt is
 * audited (without the password, of course).
 */
export async function login(
  database: Database,
  input: { tenantId: string; username: string; password: string },
  policy: LoginPolicy,
): Promise<Session> {
  const [user] = await database.query<UserRow>('SELECT * FROM users WHERE tenant_id = $1 AND username = $2', [
    input.tenantId, input.username,
  ]);
  // A failed sign-in of an unknown name is the tenant's business too (someone guessing its usernames): recorded under
  // the tenant when it exists, so its admins see it in their audit.
  const tenantKnown = user !== undefined || (await database.query('SELECT 1 FROM tenants WHERE id = $1', [input.tenantId])).length > 0;
  const audit = { tenantId: tenantKnown ? input.tenantId : null, actor: user ? `user:${user.id}` : 'anonymous' };
  if (!user || !user.password_hash) {
    // An unknown name locks like a known one after as many failures, so a locked answer (423) does not tell which
    // usernames exist.
    let phantomFailures = phantomsByDatabase.get(database);
    if (!phantomFailures) phantomsByDatabase.set(database, (phantomFailures = new Map()));
    const key = `${input.tenantId}\u0000${input.username}`;
    const phantom = phantomFailures.get(key);
    if (phantom?.lockedUntil && phantom.lockedUntil > Date.now()) {
      await recordAudit(database, { ...audit, action: 'auth.login', target: `tenant:${input.tenantId}`, outcome: 'denied', detail: { reason: 'locked' } });
      throw new KgovError('account_locked', { until: new Date(phantom.lockedUntil).toISOString() });
    }
    await verifyPassword(input.password, await decoyPasswordHash());
    // Not the name typed: people type a password or their resident registration number into the name field, and the
    // log keeps what it is given for good. The record's client (IP address, request id) says where the attempt came from.
    await recordAudit(database, { ...audit, action: 'auth.login', target: `tenant:${input.tenantId}`, outcome: 'failure', detail: { reason: 'unknown_user' } });
    const failures = (phantom?.lockedUntil ? 0 : phantom?.failures ?? 0) + 1;
    phantomFailures.delete(key);
    if (phantomFailures.size >= maxPhantoms) phantomFailures.delete(phantomFailures.keys().next().value!);
    if (failures >= policy.maxFailedLogins) {
      const until = Date.now() + policy.lockoutMinutes * 60_000;
      phantomFailures.set(key, { failures: 0, lockedUntil: until });
      throw new KgovError('account_locked', { until: new Date(until).toISOString() });
    }
    phantomFailures.set(key, { failures, lockedUntil: null });
    throw new KgovError('invalid_credentials');
  }
  if (user.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
    await recordAudit(database, { ...audit, action: 'auth.login', target: `user:${user.id}`, outcome: 'denied', detail: { reason: 'locked' } });
    throw new KgovError('account_locked', { until: new Date(user.locked_until).toISOString() });
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    const lockedUntil = await database.transaction(async (tx) => {
      const [updated] = await tx.query<{ failed_logins: number }>(
        'UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins', [user.id]);
      await appendAudit(tx, { ...audit, action: 'auth.login', target: `user:${user.id}`, outcome: 'failure', detail: { reason: 'wrong_password' } });
      if ((updated?.failed_logins ?? 0) < policy.maxFailedLogins) return undefined;
      const until = new Date(Date.now() + policy.lockoutMinutes * 60_000);
      await tx.query('UPDATE users SET failed_logins = 0, locked_until = $2 WHERE id = $1', [user.id, until.toISOString()]);
      await appendAudit(tx, { ...audit, action: 'auth.locked', target: `user:${user.id}`, outcome: 'success', detail: { until: until.toISOString() } });
      return until;
    });
    if (lockedUntil) throw new KgovError('account_locked', { until: lockedUntil.toISOString() });
    throw new KgovError('invalid_credentials');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + policy.sessionTtlHours * 3_600_000);
  await database.transaction(async (tx) => {
    await tx.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);
    // Expired sessions are useless; sweep them here rather than in a background job.
    await tx.query('DELETE FROM sessions WHERE expires_at < now()');
    await tx.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      hashToken(token), user.id, expiresAt.toISOString(),
    ]);
    await appendAudit(tx, { ...audit, action: 'auth.login', target: `user:${user.id}`, outcome: 'success' });
  });
  return { token, expiresAt, principal: principalOf(user) };
}

export async function authenticateSession(database: Database, token: string): Promise<Principal & { kind: 'session' }> {
  const [user] = await database.query<UserRow>(
    `SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [hashToken(token)],
  );
  if (!user) throw new KgovError('session_required');
  return principalOf(user);
}

export async function logout(database: Database, token: string): Promise<void> {
  await database.transaction(async (tx) => {
    const [session] = await tx.query<{ user_id: string; tenant_id: string }>(
      `DELETE FROM sessions s USING users u WHERE s.token_hash = $1 AND u.id = s.user_id
       RETURNING s.user_id, u.tenant_id`,
      [hashToken(token)],
    );
    if (session) {
      await appendAudit(tx, { tenantId: session.tenant_id, actor: `user:${session.user_id}`, action: 'auth.logout', target: `user:${session.user_id}` });
    }
  });
}

function principalOf(user: UserRow): Principal & { kind: 'session' } {
  return { kind: 'session', userId: user.id, username: user.username, tenantId: user.tenant_id, role: user.role, clearance: user.clearance, groups: user.groups ?? [] };
}
