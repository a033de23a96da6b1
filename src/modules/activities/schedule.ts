/**
 * Schedules → session times, with no I/O. A workshop "every Tuesday 14:00–16:00" must stay at
 * 14:00 on the wall clock of the village hall, on both sides of a daylight-saving change.
 * So recurrences are expanded in *floating* local time (the wall-clock date and time written
 * into a UTC Date, which rrule then treats as plain numbers), and each occurrence is only
 * afterwards converted from Europe/Paris wall time to a real UTC instant.
 */
import type { Options, RRule } from 'rrule';
import type { FieldErrors } from '../../platform/errors.ts';
import { lazyPackage } from '../../platform/lazy-package.ts';
import { PARIS, parisToUtc } from '../../platform/time.ts';

// Loaded at the first recurrence read, not at start (QUALITY.md B6).
const rrulePackage = lazyPackage<typeof import('rrule')>('rrule');
function Rule(): typeof RRule {
  return rrulePackage().RRule;
}

export const TIME_ZONE = PARIS;
/** The Paris ↔ UTC conversions live in platform/time.ts; re-exported for the module's callers. */
export { parisToUtc, utcToParis } from '../../platform/time.ts';
/** More than this is surely a mistake (a daily rule without end); a school year of weekly sessions is ~40. */
export const MAX_OCCURRENCES = 200;
/** Recurrences are evaluated at most this far ahead. */
const HORIZON_DAYS = 2 * 366;

export type ScheduleKind = 'single' | 'dates' | 'rrule';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
  kind: ScheduleKind;
  /** single: one date; dates: the list; rrule: unused. YYYY-MM-DD, local to Paris. */
  dates: string[];
  /** rrule only: the rule without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=TU". */
  rrule: string | null;
  /** rrule only: first and last possible dates. */
  startDate: string | null;
  endDate: string | null;
  /** "14:00" and "16:00", local to Paris. */
  startTime: string;
  endTime: string;
  /** Dates or ranges without a session (school holidays), YYYY-MM-DD or "YYYY-MM-DD..YYYY-MM-DD". */
  exceptions: string[];
  /**
   * rrule only: the weekly slots, one weekday and its own times each ("Tuesday 14:00–16:00,
   * Thursday 10:00–12:00"). A date falling on a slot's weekday takes that slot's times; other
   * dates (a rule written by hand) take startTime/endTime. Absent or empty: one time for all.
   */
  blocks?: WeeklyBlock[];
}

export interface WeeklyBlock {
  weekday: Weekday;
  startTime: string;
  endTime: string;
}

export interface Occurrence {
  /** The local date, YYYY-MM-DD: what matches a generated session with its occurrence. */
  localDate: string;
  startsAt: string;
  endsAt: string;
}

export type ScheduleResult = { ok: true; occurrences: Occurrence[] } | { ok: false; errors: FieldErrors };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FR_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^([01]?\d|2[0-3])[:h]([0-5]\d)?$/;

/** "2026-02-10" or "10/02/2026" → "2026-02-10"; anything else (or an impossible date) → null. */
export function parseLocalDate(input: string): string | null {
  const text = input.trim();
  let y: number, m: number, d: number;
  const iso = ISO_DATE.exec(text);
  const fr = FR_DATE.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [y, m, d] = [Number(fr[3]), Number(fr[2]), Number(fr[1])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 2000 || y > 2100) return null;
  return date.toISOString().slice(0, 10);
}

/** "14:00", "14h", "9h30" → "14:00" / "09:30"; else null. */
export function parseTime(input: string): string | null {
  const match = TIME.exec(input.trim().toLowerCase().replace(/\s+/g, ''));
  if (!match) return null;
  return `${match[1]!.padStart(2, '0')}:${match[2] ?? '00'}`;
}

/**
 * An exception line: a date, or a range "du 14/02/2026 au 01/03/2026", "2026-02-14..2026-03-01",
 * "14/02/2026 - 01/03/2026". Answers [from, to] or null.
 */
export function parseDateRange(line: string): [string, string] | null {
  const text = line.trim().replace(/^du\s+/i, '');
  const parts = text.split(/\s*(?:\.\.|\s-\s|–|\sau\s)\s*/i).filter(Boolean);
  if (parts.length === 1) {
    const date = parseLocalDate(parts[0]!);
    return date ? [date, date] : null;
  }
  if (parts.length !== 2) return null;
  const from = parseLocalDate(parts[0]!);
  const to = parseLocalDate(parts[1]!);
  if (!from || !to || to < from) return null;
  return [from, to];
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Normalises a typed RRULE ("RRULE:FREQ=…", lower case, spaces) and refuses DTSTART inside it. */
export function normalizeRrule(input: string): string | null {
  const text = input.trim().replace(/^RRULE:/i, '').replace(/\s+/g, '').toUpperCase();
  if (!text || /DTSTART|TZID/.test(text) || !/^FREQ=/.test(text)) return null;
  try {
    const options = Rule().parseString(text);
    if (options.freq === undefined || options.freq === null) return null;
  } catch {
    return null;
  }
  return text;
}

function floating(localDate: string, time = '00:00'): Date {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh, mm));
}

function expandRrule(schedule: Schedule, errors: FieldErrors): string[] {
  const rule = schedule.rrule ? normalizeRrule(schedule.rrule) : null;
  if (!rule) {
    errors.rrule = 'activities.schedule.rruleInvalid';
    return [];
  }
  const startDate = schedule.startDate ? parseLocalDate(schedule.startDate) : null;
  const endDate = schedule.endDate ? parseLocalDate(schedule.endDate) : null;
  if (!startDate) errors.startDate = schedule.startDate ? 'activities.schedule.dateInvalid' : 'activities.schedule.startDateRequired';
  if (schedule.endDate && !endDate) errors.endDate = 'activities.schedule.dateInvalid';
  if (!startDate || (schedule.endDate && !endDate)) return [];
  let options: Partial<Options>;
  try {
    options = Rule().parseString(rule);
  } catch {
    errors.rrule = 'activities.schedule.rruleInvalid';
    return [];
  }
  if (endDate && endDate < startDate) {
    errors.endDate = 'activities.schedule.endDateBeforeStart';
    return [];
  }
  // UNTIL written in the rule is read as a floating local instant too; an end date from the
  // form closes the day. Without either (or COUNT) the horizon bounds the expansion.
  const horizon = new Date(floating(startDate).getTime() + HORIZON_DAYS * 86_400_000);
  const until = endDate ? floating(endDate, '23:59') : (options.until ?? null);
  if (!until && !options.count) {
    errors.endDate = 'activities.schedule.endDateRequired';
    return [];
  }
  const dates: string[] = [];
  try {
    const rrule = new (Rule())({ ...options, tzid: null, dtstart: floating(startDate, schedule.startTime), until: until && until < horizon ? until : horizon });
    rrule.all((date, i) => {
      dates.push(date.toISOString().slice(0, 10));
      return i < MAX_OCCURRENCES; // one beyond the maximum is enough to say "too many"
    });
  } catch {
    // rrule parses leniently and only complains when building (an unknown FREQ, a bad BYDAY).
    errors.rrule = 'activities.schedule.rruleInvalid';
    return [];
  }
  return dates;
}

/**
 * Expands a schedule into occurrences (sorted, one per local date) or field errors keyed like
 * the form: startTime/endTime, dates, rrule, startDate, endDate, exceptions, and per weekly slot
 * block1Weekday/block1Start/block1End….
 */
export function expandSchedule(schedule: Schedule): ScheduleResult {
  const errors: FieldErrors = {};
  const blocks = schedule.kind === 'rrule' ? (schedule.blocks ?? []) : [];
  const blockTimes = checkBlocks(blocks, errors);
  const startTime = parseTime(schedule.startTime);
  const endTime = parseTime(schedule.endTime);
  const checkDefaultTimes = () => {
    if (!startTime) errors.startTime = 'activities.schedule.timeInvalid';
    if (!endTime) errors.endTime = 'activities.schedule.timeInvalid';
    if (startTime && endTime && minutesOf(endTime) <= minutesOf(startTime)) errors.endTime = 'activities.schedule.endBeforeStart';
  };
  // With weekly slots, the schedule's own times only serve dates outside every slot.
  if (blocks.length === 0) checkDefaultTimes();

  const exceptions: [string, string][] = [];
  for (const line of schedule.exceptions) {
    const range = parseDateRange(line);
    if (!range) {
      errors.exceptions = 'activities.schedule.exceptionInvalid';
      break;
    }
    exceptions.push(range);
  }

  let localDates: string[] = [];
  if (schedule.kind === 'rrule') {
    localDates = expandRrule({ ...schedule, startTime: startTime ?? blocks.map((b) => parseTime(b.startTime)).find(Boolean) ?? '00:00' }, errors);
  } else {
    const field = schedule.kind === 'single' ? 'date' : 'dates';
    if (schedule.dates.length === 0) errors[field] = schedule.kind === 'single' ? 'activities.schedule.dateRequired' : 'activities.schedule.datesRequired';
    for (const raw of schedule.dates) {
      const date = parseLocalDate(raw);
      if (!date) {
        errors[field] = 'activities.schedule.dateInvalid';
        break;
      }
      localDates.push(date);
    }
    if (schedule.kind === 'single' && localDates.length > 1) errors.date = 'activities.schedule.dateInvalid';
  }
  const covered = new Set<string>(blocks.map((b) => b.weekday));
  if (blocks.length > 0 && localDates.some((date) => !covered.has(weekdayOf(date)))) checkDefaultTimes();
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const unique = [...new Set(localDates)]
    .filter((date) => !exceptions.some(([from, to]) => date >= from && date <= to))
    .sort();
  if (unique.length === 0) {
    return { ok: false, errors: { [schedule.kind === 'rrule' ? 'rrule' : schedule.kind === 'single' ? 'date' : 'dates']: 'activities.schedule.noOccurrence' } };
  }
  if (unique.length > MAX_OCCURRENCES) {
    return { ok: false, errors: { [schedule.kind === 'rrule' ? 'rrule' : 'dates']: 'activities.schedule.tooMany' } };
  }
  return {
    ok: true,
    occurrences: unique.map((localDate) => {
      // Each date is converted with its own wall-clock times: exact on both sides of a DST change.
      const times = blockTimes.get(weekdayOf(localDate)) ?? [startTime!, endTime!];
      return { localDate, startsAt: parisToUtc(localDate, times[0]), endsAt: parisToUtc(localDate, times[1]) };
    }),
  };
}

/** The errors of weekly slots alone (the form shows them with its other errors). */
export function blockErrors(blocks: WeeklyBlock[]): FieldErrors {
  const errors: FieldErrors = {};
  checkBlocks(blocks, errors);
  return errors;
}

/** MO…SU of a local date. */
export function weekdayOf(localDate: string): Weekday {
  const day = new Date(`${localDate}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(day + 6) % 7]!;
}

/**
 * Checks the weekly slots; errors are keyed like the form's fields (block1Weekday, block1Start,
 * block1End…). Answers each weekday's normalised times. Two slots on one weekday are refused:
 * a session is one per date, which is how a schedule change finds the sessions it keeps.
 */
function checkBlocks(blocks: WeeklyBlock[], errors: FieldErrors): Map<Weekday, [string, string]> {
  const seen = new Set<string>();
  const times = new Map<Weekday, [string, string]>();
  blocks.forEach((block, i) => {
    const n = i + 1;
    if (!(WEEKDAYS as readonly string[]).includes(block.weekday)) errors[`block${n}Weekday`] = 'activities.schedule.blockWeekdayRequired';
    else if (seen.has(block.weekday)) errors[`block${n}Weekday`] = 'activities.schedule.blockSameWeekday';
    seen.add(block.weekday);
    const start = parseTime(block.startTime);
    const end = parseTime(block.endTime);
    if (!start) errors[`block${n}Start`] = 'activities.schedule.timeInvalid';
    if (!end) errors[`block${n}End`] = 'activities.schedule.timeInvalid';
    if (start && end && minutesOf(end) <= minutesOf(start)) errors[`block${n}End`] = 'activities.schedule.endBeforeStart';
    if (start && end && !times.has(block.weekday)) times.set(block.weekday, [start, end]);
  });
  return times;
}

/** Builds the rule of the simple form: every N weeks on the given weekdays (MO…SU). */
export function weeklyRule(weekdays: string[], interval: number, count: number | null = null): string {
  return `FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ''};BYDAY=${weekdays.join(',')}${count ? `;COUNT=${count}` : ''}`;
}


/** Reads back a rule of the simple form (for editing); null when the rule is more complex. */
export function readWeeklyRule(rule: string | null): { weekdays: string[]; interval: number; count: number | null } | null {
  if (!rule) return null;
  const match = /^FREQ=WEEKLY(?:;INTERVAL=(\d+))?;BYDAY=((?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*)(?:;COUNT=(\d+))?$/.exec(rule);
  if (!match) return null;
  return { interval: Number(match[1] ?? 1), weekdays: match[2]!.split(','), count: match[3] ? Number(match[3]) : null };
}

/** Minutes between two ISO instants (a session's duration, for reports). */
export function durationMinutes(startsAt: string, endsAt: string): number {
  return Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000);
}

/** Weekly slots as stored in one column: "TU 14:00-16:00|TH 10:00-12:00"; none → null. */
export function formatBlocks(blocks: WeeklyBlock[] | undefined): string | null {
  return blocks && blocks.length > 0 ? blocks.map((b) => `${b.weekday} ${b.startTime}-${b.endTime}`).join('|') : null;
}

/** Reads back the stored slots; a malformed part is skipped rather than breaking the page. */
export function parseBlocks(stored: string | null): WeeklyBlock[] {
  if (!stored) return [];
  return stored.split('|').flatMap((part) => {
    const match = /^(MO|TU|WE|TH|FR|SA|SU) (\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(part);
    return match ? [{ weekday: match[1] as Weekday, startTime: match[2]!, endTime: match[3]! }] : [];
  });
}
