import { KgovError } from '../core/index.js';

export const roles = ['admin', 'reviewer', 'staff', 'public'] as const;
export type Role = (typeof roles)[number];

/** Ordered from least to most sensitive: 공개 < 내부 < 대외비. Display names come from config. */
export const clearances = ['public', 'internal', 'restricted'] as const;
export type Clearance = (typeof clearances)[number];
/** Documents carry a disclosure grade on the same scale as people's clearance. */
export type Grade = Clearance;

export function parseRole(value: string): Role {
  if ((roles as readonly string[]).includes(value)) return value as Role;
  throw new KgovError('invalid_role', { value }, { param: 'role' });
}

/** The grades' Korean names as staff say them (the report's 공개 / 내부 / 대외비), accepted wherever a grade is typed. */
const koreanClearanceNames: Readonly<Record<string, Clearance>> = { 공개: 'public', 내부: 'internal', 대외비: 'restricted' };

export function parseClearance(value: string): Clearance {
  if ((clearances as readonly string[]).includes(value)) return value as Clearance;
  const korean = koreanClearanceNames[value.trim()];
  if (korean) return korean;
  throw new KgovError('invalid_clearance', { value }, { param: 'clearance' });
}

export function clearanceRank(level: Clearance): number {
  return clearances.indexOf(level);
}

/** The public role is the public tier: it never holds more than public clearance. */
export function assertRoleClearance(role: Role, clearance: Clearance): void {
  if (role === 'public' && clearance !== 'public') {
    throw new KgovError('public_role_clearance', { value: clearance }, { param: 'clearance' });
  }
}

/**
 * Groups (departments, teams: 기획조정실, audit-team) a user or key belongs to, and that a document can be shared
 * with. Names are letters (any script), digits, '-', '_' or '.'; returned sorted and without repeats, so the
 * same set always has the same form. Accepts a comma-separated string (CLI, form fields) or a list.
 */
export const maxGroups = 32;
const groupName = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

export function parseGroups(value: string | readonly string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  const names = (typeof value === 'string' ? value.split(',') : [...value]).map((name) => String(name).normalize('NFC').trim()).filter((name) => name.length > 0);
  for (const name of names) {
    if (!groupName.test(name)) throw new KgovError('invalid_group', { value: name }, { param: 'groups' });
  }
  const unique = [...new Set(names)].sort();
  if (unique.length > maxGroups) throw new KgovError('invalid_group', { value: unique.slice(maxGroups).join(',') }, { param: 'groups' });
  return unique;
}
