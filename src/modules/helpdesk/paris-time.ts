/**
 * Europe/Paris wall-clock time ↔ UTC instants. Openings are written as local times ("le mardi
 * de 9 h à 12 h") and must stay at 9 h when the clocks change; every instant we store or
 * send is UTC. Intl knows the time-zone rules; this file only asks it for offsets.
 */
export const PARIS = 'Europe/Paris';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Offset of Paris from UTC, in minutes, at a UTC instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(utcMs: number): number {
  const p: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

const offsetCache = new Map<number, number>();

/** Offsets change only on the hour: cache them per UTC hour (the slot computation asks a lot). */
function offsetAt(utcMs: number): number {
  const hour = Math.floor(utcMs / 3_600_000);
  let offset = offsetCache.get(hour);
  if (offset === undefined) {
    offset = parisOffsetMinutes(hour * 3_600_000);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(hour, offset);
  }
  return offset;
}

/**
 * The UTC instant (ms) of a Paris wall-clock time on a date. `minutes` counts from local
 * midnight (9 h 30 = 570; 24 h = 1440 is the next midnight). A time that does not exist
 * (the skipped hour in March) moves forward by the gap, as clocks do.
 */
export function parisToUtcMs(date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  const first = naive - offsetAt(naive) * 60_000;
  const second = naive - offsetAt(first) * 60_000;
  return second;
}

/** The Paris calendar date ("YYYY-MM-DD") of a UTC instant. */
export function parisDate(utc: number | string | Date): string {
  const ms = typeof utc === 'number' ? utc : new Date(utc).getTime();
  return new Date(ms + offsetAt(ms) * 60_000).toISOString().slice(0, 10);
}

/** Minutes since Paris midnight of a UTC instant. */
export function parisMinutes(utc: number | string | Date): number {
  const ms = typeof utc === 'number' ? utc : new Date(utc).getTime();
  const local = new Date(ms + offsetAt(ms) * 60_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "09:30" → 570; answers NaN for anything else. */
export function timeToMinutes(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) return time === '24:00' ? 1440 : Number.NaN;
  return Number(match[1]) * 60 + Number(match[2]);
}

export function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Monday of the week containing a date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - (isoWeekday(date) - 1));
  return d.toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a) between two calendar dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86_400_000);
}
