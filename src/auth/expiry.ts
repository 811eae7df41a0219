import { isCalendarDate, KgovError } from '../core/index.js';

const units: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000 };

/** Reads `30d`, `12h`, `2w`, `1y` (from now) or an ISO date/time; a date alone means its end (KST). */
export function parseExpiry(value: string, now = new Date()): Date {
  const relative = /^(\d+)\s*([mhdwy])$/.exec(value.trim());
  if (relative) {
    const amount = Number(relative[1]);
    const expires = new Date(now.getTime() + amount * units[relative[2]!]!);
    // `99999999d` lies past the last date JavaScript can hold: an invalid date, refused below like any unreadable value.
    if (amount > 0 && !Number.isNaN(expires.getTime())) return expires;
  }
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value.trim());
  const parsed = new Date(dateOnly ? `${value.trim()}T23:59:59+09:00` : value);
  // Only a real calendar date (2027-02-30 is none) or a date and time: `90` alone is no date (Date reads it as 1990).
  if (relative || !isCalendarDate(value) || Number.isNaN(parsed.getTime())) throw new KgovError('invalid_expiry', { value }, { param: 'expires' });
  // A key that is dead on arrival is a mistake (a typo in the year, a copied old command), not a request.
  if (parsed.getTime() <= now.getTime()) throw new KgovError('expiry_in_past', { value, expires: parsed.toISOString() }, { param: 'expires' });
  return parsed;
}
