import { KgovError } from '../core/index.js';
import type { Principal } from './principal.js';
import { clearanceRank, clearances, type Clearance, type Grade, type Role } from './roles.js';

/**
 * The one authorization module. Every other module asks here; none decides access by itself.
 * Rules:
 * - A principal acts only inside its own tenant; only the operator crosses tenants.
 * - Roles grant actions (table below); clearance bounds which document grades are visible.
 * - The public role (the "OpenGPT" tier) only ever sees documents graded public.
 * - Nobody grants more than they hold: an admin cannot mint a key above their own clearance.
 */
export type Action =
  | 'tenants.manage'
  | 'users.manage'
  | 'keys.manage'
  | 'audit.read'
  | 'usage.read'
  | 'policy.manage'
  | 'models.list'
  | 'models.use'
  /** The model registry (versions, licences, releases): administrators read it, the operator changes it. */
  | 'models.manage'
  | 'documents.read'
  | 'documents.write'
  | 'review.work';

const roleActions: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>(['users.manage', 'keys.manage', 'audit.read', 'usage.read', 'policy.manage', 'models.list', 'models.use', 'models.manage',
    'documents.read', 'documents.write', 'review.work']),
  reviewer: new Set<Action>(['models.list', 'models.use', 'documents.read', 'review.work']),
  staff: new Set<Action>(['models.list', 'models.use', 'documents.read', 'documents.write']),
  public: new Set<Action>(['models.list', 'models.use', 'documents.read']),
};

export function can(principal: Principal, action: Action, scope: { tenantId?: string } = {}): boolean {
  if (principal.kind === 'operator') return true;
  if (action === 'tenants.manage') return false;
  if (scope.tenantId !== undefined && scope.tenantId !== principal.tenantId) return false;
  return roleActions[principal.role].has(action);
}

export function authorize(principal: Principal, action: Action, scope: { tenantId?: string } = {}): void {
  if (!can(principal, action, scope)) {
    throw new KgovError('forbidden', { detail: action });
  }
}

/** Grades a principal may read, for use as a condition inside queries (never a filter after top-k). */
export function visibleGrades(principal: Principal): Grade[] {
  if (principal.kind === 'operator') return [...clearances];
  if (principal.role === 'public') return ['public'];
  return clearances.filter((grade) => clearanceRank(grade) <= clearanceRank(principal.clearance));
}

export function canReadDocument(principal: Principal, document: { tenantId: string; grade: Grade }): boolean {
  if (principal.kind !== 'operator' && principal.tenantId !== document.tenantId) return false;
  return visibleGrades(principal).includes(document.grade);
}

/** May `principal` create a key or user with this role and clearance in `tenantId`? */
export function authorizeGrant(principal: Principal, tenantId: string, role: Role, clearance: Clearance): void {
  const action = 'keys.manage';
  authorize(principal, action, { tenantId });
  if (principal.kind === 'operator') return;
  if (clearanceRank(clearance) > clearanceRank(principal.clearance)) {
    throw new KgovError('forbidden', { detail: `clearance ${clearance} > ${principal.clearance}` });
  }
  if (role === 'admin' && principal.role !== 'admin') {
    throw new KgovError('forbidden', { detail: 'role admin' });
  }
}
