import type { Clearance, Role } from './roles.js';

/**
 * Who is asking. Every request and CLI command is resolved to one of these before any module acts;
 * modules then ask `authorize` and never inspect keys or sessions themselves.
 */
export type Principal =
  | { kind: 'api-key'; keyId: string; tenantId: string; role: Role; clearance: Clearance }
  | { kind: 'session'; userId: string; username: string; tenantId: string; role: Role; clearance: Clearance }
  /** Someone with shell access to the data directory or database: the platform operator. */
  | { kind: 'operator'; name: string }
  /** The operator acting as a reader of one tenant at a chosen clearance (`kgov search --clearance`). */
  | { kind: 'operator-as'; name: string; tenantId: string; role: Role; clearance: Clearance };

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
