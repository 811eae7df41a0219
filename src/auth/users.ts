import { assertIdentifier, KgovError, randomId } from '../core/index.js';
import { appendAudit } from '../audit/index.js';
import type { Database, Queryable } from '../store/index.js';
import { authorize, authorizeGrant, authorizeOver } from './authorize.js';
import { checkPasswordStrength, hashPassword } from './passwords.js';
import { actorOf, type Principal } from './principal.js';
import { assertRoleClearance, parseGroups, type Clearance, type Role } from './roles.js';
import { requireTenant } from './tenants.js';

export type User = {
  id: string;
  tenantId: string;
  username: string;
  displayName: string | null;
  role: Role;
  clearance: Clearance;
  /** Groups (departments) the user belongs to: they also see documents shared with them. */
  groups: string[];
  hasPassword: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
};

export type UserRow = {
  id: string;
  tenant_id: string;
  username: string;
  display_name: string | null;
  role: Role;
  clearance: Clearance;
  groups: string[] | null;
  password_hash: string | null;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
};

export const toUser = (row: UserRow): User => ({
  id: row.id,
  tenantId: row.tenant_id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  clearance: row.clearance,
  groups: row.groups ?? [],
  hasPassword: row.password_hash !== null,
  lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
  createdAt: new Date(row.created_at),
});

export type CreateUserInput = {
  tenantId: string;
  username: string;
  displayName?: string | undefined;
  role: Role;
  clearance: Clearance;
  /** Comma-separated or a list; see `parseGroups`. */
  groups?: string | readonly string[] | undefined;
  password?: string | undefined;
};

export async function createUser(
  database: Database,
  principal: Principal,
  input: CreateUserInput,
  policy: { minPasswordLength: number },
): Promise<User> {
  authorize(principal, 'users.manage', { tenantId: input.tenantId });
  const groups = parseGroups(input.groups);
  authorizeGrant(principal, input.tenantId, input.role, input.clearance, groups);
  const username = assertIdentifier(input.username, { ko: '사용자 id', en: 'user name' });
  assertRoleClearance(input.role, input.clearance);
  if (input.password !== undefined) checkPasswordStrength(input.password, { minLength: policy.minPasswordLength, username });
  await requireTenant(database, input.tenantId);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return database.transaction(async (tx) => {
    const rows = await tx.query<UserRow>(
      `INSERT INTO users (id, tenant_id, username, display_name, role, clearance, password_hash, groups)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[]) ON CONFLICT (tenant_id, username) DO NOTHING RETURNING *`,
      [`u_${randomId()}`, input.tenantId, username, input.displayName ?? null, input.role, input.clearance, passwordHash, groups],
    );
    const row = rows[0];
    if (!row) throw new KgovError('user_exists', { user: username, tenant: input.tenantId });
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'user.created', target: `user:${row.id}`,
      detail: { username, role: input.role, clearance: input.clearance, groups },
    });
    return toUser(row);
  });
}

export async function listUsers(database: Queryable, principal: Principal, tenantId: string): Promise<User[]> {
  authorize(principal, 'users.manage', { tenantId });
  await requireTenant(database, tenantId);
  const rows = await database.query<UserRow>('SELECT * FROM users WHERE tenant_id = $1 ORDER BY username', [tenantId]);
  return rows.map(toUser);
}

export type UpdateUserInput = {
  tenantId: string;
  username: string;
  displayName?: string | null | undefined;
  role?: Role | undefined;
  clearance?: Clearance | undefined;
  groups?: string | readonly string[] | undefined;
  password?: string | undefined;
  /** Lifts a lockout (failed sign-ins) at once. */
  unlock?: boolean | undefined;
};

/**
 * Changes a user: role, clearance, groups, display name, password, or a lockout lifted. The new grant is checked as a
 * new user's would be (never above the caller's own, nor groups the caller is not in), and so is the user's current
 * one: an admin cannot change someone already above them. A change of what the user may see or of how they sign in
 * ends their sessions, so a lowered clearance applies at once rather than at the session's end. Audited.
 */
export async function updateUser(database: Database, principal: Principal, input: UpdateUserInput, policy: { minPasswordLength: number }): Promise<User> {
  authorize(principal, 'users.manage', { tenantId: input.tenantId });
  if (input.password !== undefined) checkPasswordStrength(input.password, { minLength: policy.minPasswordLength, username: input.username });
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return database.transaction(async (tx) => {
    const [current] = await tx.query<UserRow>('SELECT * FROM users WHERE tenant_id = $1 AND username = $2 FOR UPDATE', [input.tenantId, input.username]);
    if (!current) throw new KgovError('user_not_found', { user: input.username });
    authorizeOver(principal, input.tenantId, current.role, current.clearance);
    const role = input.role ?? current.role;
    const clearance = input.clearance ?? current.clearance;
    const groups = input.groups === undefined ? current.groups ?? [] : parseGroups(input.groups);
    // What is given must be the caller's to give; groups taken away need not be (a leaver's 감사관실 can be removed).
    authorizeGrant(principal, input.tenantId, role, clearance, groups.filter((group) => !(current.groups ?? []).includes(group)));
    assertRoleClearance(role, clearance);
    const accessChanged = role !== current.role || clearance !== current.clearance
      || groups.length !== (current.groups ?? []).length || groups.some((group) => !(current.groups ?? []).includes(group));
    const [row] = await tx.query<UserRow>(
      `UPDATE users SET role = $3, clearance = $4, groups = $5::text[], display_name = $6, password_hash = coalesce($7, password_hash),
         failed_logins = CASE WHEN $8 THEN 0 ELSE failed_logins END, locked_until = CASE WHEN $8 THEN NULL ELSE locked_until END
       WHERE tenant_id = $1 AND username = $2 RETURNING *`,
      [input.tenantId, input.username, role, clearance, groups, input.displayName === undefined ? current.display_name : input.displayName,
        passwordHash ?? null, input.unlock === true],
    );
    const endedSessions = accessChanged || passwordHash !== undefined
      ? (await tx.query<{ token_hash: string }>('DELETE FROM sessions WHERE user_id = $1 RETURNING token_hash', [current.id])).length : 0;
    await appendAudit(tx, {
      tenantId: input.tenantId, actor: actorOf(principal), action: 'user.updated', target: `user:${current.id}`,
      detail: {
        username: input.username, role, clearance, groups, passwordChanged: passwordHash !== undefined, unlocked: input.unlock === true, endedSessions,
        // What the access was before, so the record alone says what changed (a lowered clearance, a group taken away).
        before: { role: current.role, clearance: current.clearance, groups: current.groups ?? [] },
        // The name itself is personal data: only that it changed.
        ...(input.displayName !== undefined && input.displayName !== current.display_name ? { displayNameChanged: true } : {}),
      },
    });
    return toUser(row!);
  });
}

/** Removes a user and ends their sessions; their audit records stay (they name the user by id). Audited. */
export async function deleteUser(database: Database, principal: Principal, input: { tenantId: string; username: string }): Promise<void> {
  authorize(principal, 'users.manage', { tenantId: input.tenantId });
  await database.transaction(async (tx) => {
    const [current] = await tx.query<UserRow>('SELECT * FROM users WHERE tenant_id = $1 AND username = $2 FOR UPDATE', [input.tenantId, input.username]);
    if (!current) throw new KgovError('user_not_found', { user: input.username });
    authorizeOver(principal, input.tenantId, current.role, current.clearance);
    if (principal.kind === 'session' && principal.userId === current.id) throw new KgovError('forbidden', { detail: '자기 자신은 삭제할 수 없습니다 / you cannot delete yourself' });
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [current.id]);
    await tx.query('DELETE FROM users WHERE id = $1', [current.id]);
    await appendAudit(tx, { tenantId: input.tenantId, actor: actorOf(principal), action: 'user.deleted', target: `user:${current.id}`, detail: { username: input.username } });
  });
}
