import { assertIdentifier, KgovError, randomId } from '../core/index.js';
import { appendAudit } from '../audit/index.js';
import type { Database, Queryable } from '../store/index.js';
import { authorize, authorizeGrant } from './authorize.js';
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
