/**
 * Free slots of a help desk, as a pure function: openings (weekly recurrences in Paris local
 * time, from a start date to an optional end date, per site and optionally per staff member,
 * for the motifs they serve) − public holidays − absences − booked appointments, sliced by
 * the motif's duration from the start of each opening, within the motif's minimum delay and
 * booking horizon. The model is RDV Service Public's. No I/O: the service loads the rows,
 * this decides; tests pin it on hand-computed cases, the DST weeks included.
 */
import { isPublicHoliday } from './public-holidays.ts';
import { addDays, daysBetween, mondayOf, parisDate, parisToUtcMs, timeToMinutes } from '../../platform/time.ts';

export interface OpeningRule {
  id: string;
  siteId: string;
  /** The staff member holding the desk; null for a site desk held by whoever is there. */
  staffUserId: string | null;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Paris wall-clock times, "HH:MM". */
  startTime: string;
  endTime: string;
  /** First and last calendar dates the recurrence applies ("YYYY-MM-DD"; end null = open). */
  startsOn: string;
  endsOn: string | null;
  /** 1 = every week, 2 = every other week (counted from the week of startsOn)… */
  everyWeeks: number;
  motifIds: readonly string[];
}

export interface AbsenceRule {
  /** null = every site; staffUserId null = everyone (a closure of the site or the centre). */
  siteId: string | null;
  staffUserId: string | null;
  firstDay: string;
  lastDay: string;
  /** Start time on the first day and end time on the last day; null = the whole day. */
  startTime: string | null;
  endTime: string | null;
  /** The same absence every week until this date (a weekly training), or null. */
  repeatWeeklyUntil: string | null;
}

export interface BookedRange {
  deskKey: string;
  startAt: string;
  endAt: string;
}

export interface MotifRule {
  id: string;
  durationMinutes: number;
  /** A resident cannot book sooner than this after now. */
  minDelayMinutes: number;
  /** …nor later than this many days after now. */
  horizonDays: number;
}

export interface SlotInput {
  motif: MotifRule;
  openings: readonly OpeningRule[];
  absences: readonly AbsenceRule[];
  booked: readonly BookedRange[];
  /** Slots starting in [from, to), UTC ISO. */
  from: string;
  to: string;
  now: string;
  siteId?: string;
  /** Staff booking by phone may ignore the minimum delay (the desk knows it is free). */
  ignoreMinDelay?: boolean;
}

export interface Slot {
  startAt: string;
  endAt: string;
  siteId: string;
  openingId: string;
  staffUserId: string | null;
  deskKey: string;
}

/**
 * What the database's no-double-booking index is about: a staff member, or (for openings
 * without one) the opening's own desk. Two openings of the same site without staff are two
 * desks side by side.
 */
export function deskKeyOf(opening: Pick<OpeningRule, 'id' | 'staffUserId'>): string {
  return opening.staffUserId ? `staff:${opening.staffUserId}` : `opening:${opening.id}`;
}

const DAY_MS = 86_400_000;

export function computeSlots(input: SlotInput): Slot[] {
  const { motif } = input;
  const nowMs = Date.parse(input.now);
  const earliest = Math.max(Date.parse(input.from), input.ignoreMinDelay ? nowMs : nowMs + motif.minDelayMinutes * 60_000);
  const latest = Math.min(Date.parse(input.to), nowMs + motif.horizonDays * DAY_MS);
  if (!(latest > earliest) || motif.durationMinutes <= 0) return [];
  const durationMs = motif.durationMinutes * 60_000;

  // The range of calendar dates to walk, with a day of margin for the UTC/Paris shift.
  const firstDate = addDays(parisDate(earliest), -1);
  const lastDate = addDays(parisDate(latest), 1);
  const absences = absenceIntervals(input.absences, firstDate, lastDate);
  const booked = bookedByDesk(input.booked);

  // Dates are walked as day numbers (days since 1970-01-01): no string work in the loop.
  const firstDay = dayNumber(firstDate);
  const lastDay = dayNumber(lastDate);
  const found: { t: number; end: number; opening: OpeningRule; deskKey: string }[] = [];
  for (const opening of input.openings) {
    if (input.siteId && opening.siteId !== input.siteId) continue;
    if (!opening.motifIds.includes(motif.id)) continue;
    const startMin = timeToMinutes(opening.startTime);
    const endMin = timeToMinutes(opening.endTime);
    if (!(endMin > startMin)) continue;
    const deskKey = deskKeyOf(opening);
    const deskBooked = booked.get(deskKey) ?? [];
    const deskAbsences = absences.filter((a) => appliesTo(a.rule, opening));
    const every = Math.max(1, Math.floor(opening.everyWeeks || 1));
    const anchorMonday = dayNumber(mondayOf(opening.startsOn));

    let day = Math.max(firstDay, dayNumber(opening.startsOn));
    day += (opening.weekday - weekdayOf(day) + 7) % 7;
    const stop = opening.endsOn ? Math.min(lastDay, dayNumber(opening.endsOn)) : lastDay;
    for (; day <= stop; day += 7) {
      if (every > 1 && Math.floor((day - anchorMonday) / 7) % every !== 0) continue;
      if (isHolidayDay(day)) continue;
      const openMs = parisToUtcMsOfDay(day, startMin);
      const closeMs = parisToUtcMsOfDay(day, endMin);
      for (let t = openMs; t + durationMs <= closeMs; t += durationMs) {
        const end = t + durationMs;
        if (t < earliest || t >= latest) continue;
        if (deskAbsences.length > 0 && deskAbsences.some((a) => a.start < end && t < a.end)) continue;
        if (overlapsBooked(deskBooked, t, end)) continue;
        found.push({ t, end, opening, deskKey });
      }
    }
  }
  // Plain comparisons, not localeCompare: ids and keys are ASCII, and this sorts thousands.
  found.sort((a, b) => a.t - b.t || cmp(a.opening.siteId, b.opening.siteId) || cmp(a.deskKey, b.deskKey));
  return found.map(({ t, end, opening, deskKey }) => ({
    startAt: isoOf(t),
    endAt: isoOf(end),
    siteId: opening.siteId,
    openingId: opening.id,
    staffUserId: opening.staffUserId,
    deskKey,
  }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "YYYY-MM-DD" → days since 1970-01-01. */
function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** ISO weekday (1 = Monday) of a day number: 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

const holidayDays = new Map<number, boolean>();
function isHolidayDay(day: number): boolean {
  let holiday = holidayDays.get(day);
  if (holiday === undefined) {
    holiday = isPublicHoliday(new Date(day * DAY_MS).toISOString().slice(0, 10));
    if (holidayDays.size > 100_000) holidayDays.clear();
    holidayDays.set(day, holiday);
  }
  return holiday;
}

const utcOfDay = new Map<number, number>();
/** Paris wall-clock time of a day number → UTC ms; the same few times recur every week, so cache. */
function parisToUtcMsOfDay(day: number, minutes: number): number {
  const key = day * 1440 + minutes;
  let ms = utcOfDay.get(key);
  if (ms === undefined) {
    ms = parisToUtcMs(new Date(day * DAY_MS).toISOString().slice(0, 10), minutes);
    if (utcOfDay.size > 200_000) utcOfDay.clear();
    utcOfDay.set(key, ms);
  }
  return ms;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
let isoDay = Number.NaN;
let isoPrefix = '';
/**
 * The ISO string of a UTC instant, fast for whole minutes (Date#toISOString dominated the
 * computation: thousands of slots per request). Same output as toISOString.
 */
function isoOf(ms: number): string {
  if (ms % 60_000 !== 0) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== isoDay) {
    isoDay = day;
    isoPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const minutes = (ms - day * DAY_MS) / 60_000;
  return `${isoPrefix}${TWO_DIGITS[Math.floor(minutes / 60)]}:${TWO_DIGITS[minutes % 60]}:00.000Z`;
}

/**
 * What a resident is offered: one slot per site and start time, whichever desk holds it
 * (booking then takes the first free desk at that time).
 */
export function distinctSlots(slots: readonly Slot[]): Slot[] {
  const seen = new Set<string>();
  const out: Slot[] = [];
  for (const slot of slots) {
    const key = `${slot.siteId}|${slot.startAt}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(slot);
  }
  return out;
}

function appliesTo(rule: AbsenceRule, opening: OpeningRule): boolean {
  if (rule.siteId && rule.siteId !== opening.siteId) return false;
  if (rule.staffUserId && rule.staffUserId !== opening.staffUserId) return false;
  return true;
}

interface Interval {
  rule: AbsenceRule;
  start: number;
  end: number;
}

/** Each absence as UTC intervals overlapping [firstDate, lastDate]; weekly ones unrolled. */
function absenceIntervals(rules: readonly AbsenceRule[], firstDate: string, lastDate: string): Interval[] {
  const out: Interval[] = [];
  for (const rule of rules) {
    const startMin = rule.startTime ? timeToMinutes(rule.startTime) : 0;
    const endMin = rule.endTime ? timeToMinutes(rule.endTime) : 1440;
    const spanDays = Math.max(0, daysBetween(rule.firstDay, rule.lastDay));
    const until = rule.repeatWeeklyUntil ?? rule.firstDay;
    // Skip whole weeks before the range instead of walking them one by one.
    let day = rule.firstDay;
    const gap = daysBetween(day, firstDate) - spanDays;
    if (rule.repeatWeeklyUntil && gap > 7) day = addDays(day, Math.floor(gap / 7) * 7);
    for (; day <= until && day <= lastDate; day = addDays(day, 7)) {
      const last = addDays(day, spanDays);
      if (last >= firstDate) out.push({ rule, start: parisToUtcMs(day, startMin), end: parisToUtcMs(last, endMin) });
      if (!rule.repeatWeeklyUntil) break;
    }
  }
  return out;
}

function bookedByDesk(booked: readonly BookedRange[]): Map<string, [number, number][]> {
  const map = new Map<string, [number, number][]>();
  for (const b of booked) {
    let list = map.get(b.deskKey);
    if (!list) map.set(b.deskKey, (list = []));
    list.push([Date.parse(b.startAt), Date.parse(b.endAt)]);
  }
  for (const list of map.values()) list.sort((a, b) => a[0] - b[0]);
  return map;
}

/** Booked ranges of one desk are sorted by start: binary-search the last one starting before `end`. */
function overlapsBooked(list: [number, number][], start: number, end: number): boolean {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]![0] < end) lo = mid + 1;
    else hi = mid;
  }
  // Ranges starting before `end`, from the latest backwards; appointments are short, so a
  // few steps suffice — stop once a range ends long before `start`.
  for (let i = lo - 1; i >= 0; i--) {
    const [s, e] = list[i]!;
    if (e > start && s < end) return true;
    if (s < start - DAY_MS) break;
  }
  return false;
}
