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
  /** A tenant's search settings (its synonym groups): they change every reader's results, so administrators only. */
  | 'search.manage'
  | 'models.list'
  | 'models.use'
  /** The model registry (versions, licences, releases): administrators read it, the operator changes it. */
  | 'models.manage'
  | 'documents.read'
  | 'documents.write'
  /** Destroying unserved documents and versions for good (파기): irreversible, so administrators only. */
  | 'documents.purge'
  | 'review.work';

const roleActions: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>(['users.manage', 'keys.manage', 'audit.read', 'usage.read', 'policy.manage', 'search.manage', 'models.list', 'models.use', 'models.manage',
    'documents.read', 'documents.write', 'documents.purge', 'review.work']),
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

/**
 * Stands for "every group" (the operator) in `ReadScope.groups` and in the parameter of `sharedWithSql`. It is no
 * group name (`parseGroups` refuses `*`), and no missing value (null, undefined, an empty column) ever becomes it:
 * seeing every group has to be asked for by name, and anything absent means no group at all (fail closed).
 */
export const everyGroup = '*';

/**
 * What a principal may read, as conditions for queries: the grades it may see, and its groups for documents
 * shared with some groups only (`[everyGroup]`: every group — the operator). A document with no access groups is
 * shared with the whole tenant; one with access groups is visible only to principals in at least one of them, and
 * never above their clearance (sharing narrows who sees a document; it never lifts its grade).
 */
export type ReadScope = { grades: Grade[]; groups: string[] };

export function readScope(principal: Principal): ReadScope {
  if (principal.kind === 'operator' || (principal.kind === 'operator-as' && principal.groups === null)) return { grades: visibleGrades(principal), groups: [everyGroup] };
  // A stray marker in a principal's own groups (they are parsed, so it cannot be there) must not open every group.
  return { grades: visibleGrades(principal), groups: (principal.groups ?? []).filter((group) => group !== everyGroup) };
}

/** Whether a scope sees every group (the operator); null or missing groups never do. */
export function seesEveryGroup(scope: { readonly groups?: readonly string[] | null }): boolean {
  return Array.isArray(scope.groups) && scope.groups.includes(everyGroup);
}

/**
 * Whether a document shared with `accessGroups` (empty: the whole tenant) is within `scope`'s groups. Null or
 * missing groups are no groups: only documents shared with the whole tenant.
 */
export function sharedWith(scope: { readonly groups?: readonly string[] | null }, accessGroups: readonly string[]): boolean {
  if (accessGroups.length === 0 || seesEveryGroup(scope)) return true;
  // Anything but an array is no group (a stray string would otherwise match by substring).
  const groups = Array.isArray(scope.groups) ? scope.groups : [];
  return accessGroups.some((group) => groups.includes(group));
}

/**
 * Whether everyone who may see a document shared with `inner` may also see one shared with `outer` (empty: the
 * whole tenant). Deduplication uses it: a copy may be withheld only where the kept one reaches all its readers.
 */
export function audienceCovers(outer: readonly string[], inner: readonly string[]): boolean {
  if (outer.length === 0) return true;
  return inner.length > 0 && inner.every((group) => outer.includes(group));
}

/**
 * The SQL form of `sharedWith` for a `text[]` column, given the parameter that holds `ReadScope.groups` (a
 * `text[]`): used inside every query that reads documents, chunks or index rows. Every group only by the
 * `everyGroup` marker; a NULL parameter (a caller that passed null or undefined) matches documents shared with the
 * whole tenant only. Never NULL itself, so `NOT sharedWithSql(...)` (the hidden segments) is fail closed too.
 */
export function sharedWithSql(column: string, groupsParameter: string): string {
  return `coalesce(${column} = '{}'::text[] OR ${column} && ${groupsParameter}::text[] OR '${everyGroup}' = ANY(${groupsParameter}::text[]), false)`;
}

export function canReadDocument(principal: Principal, document: { tenantId: string; grade: Grade; accessGroups?: readonly string[] }): boolean {
  if (principal.kind !== 'operator' && principal.tenantId !== document.tenantId) return false;
  const scope = readScope(principal);
  return scope.grades.includes(document.grade) && sharedWith(scope, document.accessGroups ?? []);
}

/**
 * May `principal` create a key or user with this role, clearance and groups in `tenantId`? Nobody grants more than
 * they hold: not a higher clearance, not the admin role unless an admin, and not a group they are not in (a group
 * opens the documents shared with it). The operator grants anything.
 */
export function authorizeGrant(principal: Principal, tenantId: string, role: Role, clearance: Clearance, groups: readonly string[] = []): void {
  authorizeOver(principal, tenantId, role, clearance);
  if (principal.kind === 'operator') return;
  const scope = readScope(principal);
  const foreign = groups.filter((group) => !seesEveryGroup(scope) && !scope.groups.includes(group));
  if (foreign.length > 0) throw new KgovError('forbidden', { detail: `groups ${foreign.join(',')}` });
}

/**
 * May `principal` act on an account (a key or a user) of this role and clearance: revoke it, remove it, change it?
 * Only one with at least that clearance (and an admin for an admin's): a junior admin cannot lock out a senior one.
 * Groups are not asked for: taking an account or a group away grants nothing (`authorizeGrant` checks what is given).
 */
export function authorizeOver(principal: Principal, tenantId: string, role: Role, clearance: Clearance): void {
  authorize(principal, 'keys.manage', { tenantId });
  if (principal.kind === 'operator') return;
  if (clearanceRank(clearance) > clearanceRank(principal.clearance)) {
    throw new KgovError('forbidden', { detail: `clearance ${clearance} > ${principal.clearance}` });
  }
  if (role === 'admin' && principal.role !== 'admin') {
    throw new KgovError('forbidden', { detail: 'role admin' });
  }
}

/**
 * May `principal` change a document's sharing from `before` to `after` (it already may read and write it)?
 * Narrowing, yes, to groups the caller is in (at least one of them). Widening — reaching readers the document did
 * not reach — only an admin (or the operator), and only towards groups the admin is in, or the whole tenant.
 */
export function authorizeSharing(principal: Principal, before: readonly string[], after: readonly string[]): void {
  const refusal = sharingRefusal(principal, before, after);
  if (refusal !== null) throw new KgovError('forbidden', { detail: refusal });
}

/** Why `authorizeSharing` would refuse (a short English reason), or null when it allows the change. */
export function sharingRefusal(principal: Principal, before: readonly string[], after: readonly string[]): string | null {
  if (principal.kind === 'operator') return null;
  const scope = readScope(principal);
  const every = seesEveryGroup(scope);
  // Nobody names a group they are not in (it may not even exist), narrowing or widening: "shared with x" by someone
  // outside x hid the document from the whole agency, its admins and the caller included.
  const foreign = after.filter((group) => !every && !scope.groups.includes(group) && !before.includes(group));
  if (foreign.length > 0) return `groups ${foreign.join(',')}`;
  // Nor may a change leave the document with none of the caller's groups: they could not read it, or undo the change.
  if (after.length > 0 && !every && !after.some((group) => scope.groups.includes(group))) return 'the document would be shared with none of your groups';
  if (audienceCovers(before, after)) return null;
  return principal.role === 'admin' ? null : 'widening sharing needs the admin role';
}
