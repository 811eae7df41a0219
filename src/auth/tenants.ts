import { assertIdentifier, KgovError } from '../core/index.js';
import { appendAudit } from '../audit/index.js';
import type { Database, Queryable } from '../store/index.js';
import { authorize } from './authorize.js';
import { actorOf, type Principal } from './principal.js';

export type Tenant = { id: string; name: string; createdAt: Date };

type TenantRow = { id: string; name: string; created_at: Date };
const toTenant = (row: TenantRow): Tenant => ({ id: row.id, name: row.name, createdAt: new Date(row.created_at) });

export async function createTenant(database: Database, principal: Principal, input: { id: string; name: string }): Promise<Tenant> {
  authorize(principal, 'tenants.manage');
  const id = assertIdentifier(input.id, { ko: '기관 id', en: 'tenant id' });
  const name = input.name.trim() || id;
  return database.transaction(async (tx) => {
    const rows = await tx.query<TenantRow>(
      'INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING *',
      [id, name],
    );
    if (!rows[0]) throw new KgovError('tenant_exists', { tenant: id });
    await appendAudit(tx, { tenantId: id, actor: actorOf(principal), action: 'tenant.created', target: `tenant:${id}`, detail: { name } });
    return toTenant(rows[0]);
  });
}

export async function listTenants(database: Queryable, principal: Principal): Promise<Tenant[]> {
  if (principal.kind !== 'operator') {
    return (await database.query<TenantRow>('SELECT * FROM tenants WHERE id = $1', [principal.tenantId])).map(toTenant);
  }
  return (await database.query<TenantRow>('SELECT * FROM tenants ORDER BY id')).map(toTenant);
}

/** Throws `tenant_not_found` with the id, so a typo reads as a typo and not as a database error. */
export async function requireTenant(database: Queryable, tenantId: string): Promise<Tenant> {
  const [row] = await database.query<TenantRow>('SELECT * FROM tenants WHERE id = $1', [tenantId]);
  if (!row) throw new KgovError('tenant_not_found', { tenant: tenantId }, { param: 'tenant' });
  return toTenant(row);
}
