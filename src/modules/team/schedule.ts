/**
 * The team's time rules, as pure functions: when a help-desk opening happens (a weekly
 * recurrence in Paris wall-clock time, every N weeks from the week of its first date), how a
 * weekly availability is written and read ("09:00-12:00, 14:00-17:30" per weekday), and which
 * conflicts an assignment meets — another assignment at the same time, an absence, a time
 * outside the person's availability, a required training not followed. Conflicts are shown to
 * the coordinator, who may assign anyway: nothing here refuses.
 */
import { addDays, daysBetween, mondayOf, parisToUtc, timeToMinutes, utcToParis } from '../../platform/time.ts';
import type { OpeningRule } from './ports.ts';
import type { ConflictKind } from './team.vocab.ts';

export interface AvailabilityWindow {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  startTime: string;
  endTime: string;
}

export interface Conflict {
  kind: ConflictKind;
  /** What it is about: the other assignment's title, the absence's dates, the training's title. */
  detail: string;
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(day: string): number {
  return daysBetween(mondayOf(day), day) + 1;
}

export function openingOccursOn(rule: OpeningRule, day: string): boolean {
  if (day < rule.startsOn || (rule.endsOn !== null && day > rule.endsOn)) return false;
  if (weekdayOf(day) !== rule.weekday) return false;
  const weeks = daysBetween(mondayOf(rule.startsOn), mondayOf(day)) / 7;
  return weeks % Math.max(1, rule.everyWeeks) === 0;
}

/** The dates an opening happens on within [firstDay, lastDay]. */
export function openingDays(rule: OpeningRule, firstDay: string, lastDay: string): string[] {
  const out: string[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) if (openingOccursOn(rule, day)) out.push(day);
  return out;
}

/** The UTC start and end of an opening on a date. */
export function openingTimes(rule: OpeningRule, day: string): { startsAt: string; endsAt: string } {
  return { startsAt: parisToUtc(day, rule.startTime), endsAt: parisToUtc(day, rule.endTime) };
}

const RANGE = /^\s*(\d{1,2})[:hH](\d{2})?\s*-\s*(\d{1,2})[:hH]?(\d{2})?\s*$/;

function hhmm(hours: string, minutes: string | undefined): string {
  return `${hours.padStart(2, '0')}:${minutes ?? '00'}`;
}

/**
 * One weekday's availability as typed ("9:00-12:00, 14h-17h30"; empty: none that day) →
 * windows, or null when it cannot be read.
 */
export function parseDayAvailability(weekday: number, text: string): AvailabilityWindow[] | null {
  const out: AvailabilityWindow[] = [];
  for (const part of text.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const match = RANGE.exec(part);
    if (!match) return null;
    const startTime = hhmm(match[1]!, match[2]);
    const endTime = hhmm(match[3]!, match[4]);
    const start = timeToMinutes(startTime);
    const end = timeToMinutes(endTime);
    if (Number.isNaN(start) || Number.isNaN(end) || end <= start) return null;
    out.push({ weekday, startTime, endTime });
  }
  return out;
}

/** A weekday's windows as the form shows them ("09:00-12:00, 14:00-17:30"). */
export function formatDayAvailability(windows: readonly AvailabilityWindow[], weekday: number): string {
  return windows.filter((w) => w.weekday === weekday).map((w) => `${w.startTime}-${w.endTime}`).join(', ');
}

/** Whether [startsAt, endsAt) lies inside one of the windows (no windows at all: nothing is known, so yes). */
export function withinAvailability(windows: readonly AvailabilityWindow[], startsAt: string, endsAt: string): boolean {
  if (windows.length === 0) return true;
  const start = utcToParis(startsAt);
  const end = utcToParis(endsAt);
  if (start.date !== end.date && end.time !== '00:00') return false;
  const weekday = weekdayOf(start.date);
  const from = timeToMinutes(start.time);
  const to = end.date === start.date ? timeToMinutes(end.time) : 1440;
  return windows.some((w) => w.weekday === weekday && timeToMinutes(w.startTime) <= from && to <= timeToMinutes(w.endTime));
}

export interface ConflictInput {
  slot: { day: string; startsAt: string; endsAt: string };
  /** The person's other assignments that overlap the slot. */
  overlapping: readonly { title: string }[];
  absences: readonly { firstDay: string; lastDay: string; reason: string | null }[];
  availability: readonly AvailabilityWindow[];
  /** Titles of the required trainings the person has not completed. */
  missingTrainings: readonly string[];
}

export function findConflicts(input: ConflictInput): Conflict[] {
  const { slot } = input;
  const out: Conflict[] = [];
  for (const other of input.overlapping) out.push({ kind: 'double_booking', detail: other.title });
  for (const absence of input.absences) {
    if (absence.firstDay <= slot.day && slot.day <= absence.lastDay) out.push({ kind: 'absence', detail: absence.reason ?? '' });
  }
  if (!withinAvailability(input.availability, slot.startsAt, slot.endsAt)) out.push({ kind: 'unavailable', detail: '' });
  for (const title of input.missingTrainings) out.push({ kind: 'missing_training', detail: title });
  return out;
}
