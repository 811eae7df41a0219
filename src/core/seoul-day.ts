/**
 * The calendar day in Asia/Seoul (UTC+9 all year: Korea keeps no daylight saving time), as YYYY-MM-DD. The one day
 * definition of the platform: usage is metered per Seoul day, and a document ingested at 01:00 KST is dated that
 * day, not the UTC day before.
 */
export function seoulDay(time: number | Date): string {
  const milliseconds = typeof time === 'number' ? time : time.getTime();
  return new Date(milliseconds + 9 * 3_600_000).toISOString().slice(0, 10);
}
