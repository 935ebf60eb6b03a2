// Times as an admin reads them: the machine's own clock with its offset from UTC ("2026-11-20 17:30:12
// UTC+08:00"), from a UTC ISO 8601 instant and the offset the collector recorded. Without an offset the
// time is shown in UTC and says so. Reports are untrusted: anything that is not an ISO instant is shown
// as it is (renderers still neutralise it).

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/** Offsets real time zones use: whole minutes within ±14 hours. */
export const isUtcOffset = (m: unknown): m is number => typeof m === 'number' && Number.isInteger(m) && Math.abs(m) <= 14 * 60;

export function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function localTime(iso: string, utcOffsetMinutes?: number | null): string {
  if (!ISO_INSTANT.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const offset = isUtcOffset(utcOffsetMinutes) ? utcOffsetMinutes : undefined;
  // Shifting the instant by the offset and reading it as UTC gives the wall clock of that zone.
  const wall = new Date(ms + (offset ?? 0) * 60_000).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 19)} ${offset === undefined ? 'UTC' : offsetLabel(offset)}`;
}
