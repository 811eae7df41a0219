/**
 * The times people give to filter records and set expiries, read one way everywhere (CLI and HTTP alike).
 *
 * `isCalendarDate`: whether a text starts with a real date, YYYY-MM-DD (2026-11-31 and 2027-02-30 are none: `Date`
 * would quietly roll them into the next month).
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?=$|T)/.exec(value.trim());
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const spans = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/**
 * A bound of a time filter: a span back from `now` (`30d`, `12h`, `15m`), a date (`2026-11-01`: the start of that day
 * in Korea, as an agency reads its calendar), or a date and time (`2026-11-01T09:00:00+09:00`). Null when it is none.
 */
export function readTimeBound(value: string, now = new Date()): Date | null {
  const text = value.trim();
  const span = /^(\d{1,5})([dhm])$/.exec(text);
  if (span) return new Date(now.getTime() - Number(span[1]) * spans[span[2] as keyof typeof spans]);
  if (!isCalendarDate(text)) return null;
  const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00+09:00`) : new Date(text);
  return Number.isNaN(time.getTime()) ? null : time;
}
