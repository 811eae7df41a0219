import type { Clearance, Role } from './roles.js';

/**
 * Who is asking. Every request and CLI command is resolved to one of these before any module acts;
 * modules then ask `authorize` and never inspect keys or sessions themselves.
 * `groups` are the groups (departments) the principal belongs to, in `parseGroups` form; missing means none, so
 * the principal sees only documents shared with the whole tenant (fail closed).
 */
export type Principal =
  | { kind: 'api-key'; keyId: string; tenantId: string; role: Role; clearance: Clearance; groups?: readonly string[] }
  | { kind: 'session'; userId: string; username: string; tenantId: string; role: Role; clearance: Clearance; groups?: readonly string[] }
  /** Someone with shell access to the data directory or database: the platform operator. */
  | { kind: 'operator'; name: string }
  /**
   * The operator acting as a reader of one tenant at a chosen clearance (`kgov search --clearance`), in the
   * given groups (`--groups`) or, with `groups: null`, in every group, as the operator.
   */
  | { kind: 'operator-as'; name: string; tenantId: string; role: Role; clearance: Clearance; groups?: readonly string[] | null };

export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'api-key':
      return `key:${principal.keyId}`;
    case 'session':
      return `user:${principal.userId}`;
    case 'operator':
    case 'operator-as':
      return `cli:${principal.name}`;
  }
}
