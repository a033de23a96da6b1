/**
 * A day of the navette as a planner problem (pure): the pending requests whose home is placed
 * — by its pin, else at its commune's centre (commune-centres.ts; the road sheet then says the
 * position is approximate) — and who are at home that weekday become jobs; times are seconds since midnight, Paris wall
 * clock (one day, so no change of offset matters). Urgent requests come first, then the older
 * ones (priority), and each visit must end inside the resident's window. A request the
 * coordinator forces in (agreed by phone) comes before all others and is not held to its windows.
 */
import { daysBetween, timeToMinutes } from '../../platform/time.ts';
import { communeCentre } from './commune-centres.ts';
import type { ProblemInput } from './planner/index.ts';
import type { VisitRequest } from './visit-request.service.ts';

export interface DayOptions {
  /** "YYYY-MM-DD", the day planned. */
  date: string;
  /** Where the car leaves from and comes back to, [longitude, latitude]. */
  start: [number, number];
  shift: { from: string; to: string };
  lunch?: { from: string; to: string; minutes: number } | null;
  /** Requests forced into the day: top priority, any time of the shift. */
  force?: readonly string[];
}

export type SkipReason = 'no_location' | 'not_home';

const URGENT_PRIORITY = 60;
const MAX_AGE_PRIORITY = 30;
const FORCED_PRIORITY = 100;

/** ISO weekday (1 = Monday) of a date; 2024-01-01 was a Monday. */
function weekdayOf(date: string): number {
  return (((daysBetween('2024-01-01', date) % 7) + 7) % 7) + 1;
}

const seconds = (time: string) => timeToMinutes(time) * 60;

export function dayProblem(requests: readonly VisitRequest[], options: DayOptions): { problem: ProblemInput; skipped: { id: string; reason: SkipReason }[] } {
  const weekday = weekdayOf(options.date);
  const forced = new Set(options.force ?? []);
  const skipped: { id: string; reason: SkipReason }[] = [];
  const jobs: NonNullable<ProblemInput['jobs']> = [];
  for (const request of requests) {
    const location = request.location ?? communeCentre(request.communeInsee);
    if (!location) {
      skipped.push({ id: request.id, reason: 'no_location' });
      continue;
    }
    const service = request.durationMinutes * 60;
    if (forced.has(request.id)) {
      jobs.push({ id: request.id, location, service, priority: FORCED_PRIORITY });
      continue;
    }
    const windows = request.availability
      .filter((w) => w.weekday === weekday)
      .map((w): [number, number] => [seconds(w.from), seconds(w.to) - service])
      .filter(([from, to]) => from <= to);
    if (windows.length === 0) {
      skipped.push({ id: request.id, reason: 'not_home' });
      continue;
    }
    const waitingDays = Math.max(0, daysBetween(request.createdAt.slice(0, 10), options.date));
    jobs.push({
      id: request.id,
      location,
      service,
      time_windows: windows,
      priority: (request.urgency === 'urgente' ? URGENT_PRIORITY : 0) + Math.min(MAX_AGE_PRIORITY, waitingDays),
    });
  }
  const lunch = options.lunch;
  return {
    problem: {
      jobs,
      vehicle: {
        start: options.start,
        end: options.start,
        time_window: [seconds(options.shift.from), seconds(options.shift.to)],
        breaks: lunch ? [{ id: 'repas', time_windows: [[seconds(lunch.from), seconds(lunch.to)]], service: lunch.minutes * 60 }] : [],
      },
    },
    skipped,
  };
}
