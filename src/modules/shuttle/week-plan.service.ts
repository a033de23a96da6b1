/**
 * Planning the navette's week: which pending request on which day, in which order. Rules owned here:
 * - the coordinator picks a week (its Monday) and the days the car goes out, each with its
 *   shift (by default the centre's usual one, USUAL_SHIFT) and one lunch break for the week;
 * - each day is the day planning's problem (day-plan.ts: at-home windows of that weekday,
 *   visit durations, urgent then older first), and the week planner (planner/week.ts) says
 *   which request goes on which day, driving as little as it can; a request placed nowhere is
 *   listed with its reason;
 * - confirming stores the days as confirmed tours in one go (TourService.save), only if the
 *   proposal is still the one the coordinator saw (409 otherwise), nothing otherwise.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { addDays, daysBetween, mondayOf } from '../../platform/time.ts';
import { dayProblem, type SkipReason } from './day-plan.ts';
import { parseProblem } from './planner/index.ts';
import { planWeek } from './planner/week.ts';
import { stopsFrom, type LeftReason, type Proposal, type TourService } from './tour.service.ts';
import type { RequestView } from './visit-request.service.ts';

/** The centre's usual day for the car, as the day planning page offers it. */
export const USUAL_SHIFT = { from: '08:30', to: '17:30' } as const;
export const USUAL_LUNCH = { from: '12:00', to: '13:30', minutes: 60 } as const;

type Shift = { from: string; to: string };
type Lunch = { from: string; to: string; minutes: number } | null;

export interface WeekOptions {
  /** Any day of the week; the week starts on its Monday. */
  monday: string;
  /** The days the car goes out (by default Monday to Friday, usual shift). */
  days?: readonly { date: string; shift?: Shift; lunch?: Lunch }[];
  /** One lunch break for every day that does not say its own. */
  lunch?: Lunch;
  start?: [number, number] | null;
  exclude?: readonly string[];
}

export interface WeekDayProposal extends Proposal {
  shift: Shift;
  lunchSetting: Lunch;
}

export interface WeekProposal {
  monday: string;
  days: WeekDayProposal[];
  left: { request: RequestView; reason: LeftReason }[];
  excluded: RequestView[];
  drivingSeconds: number;
}

export class WeekPlanService {
  constructor(private readonly tours: TourService) {}

  /** The week's proposal (nothing saved). */
  async propose(actor: Actor, options: WeekOptions): Promise<WeekProposal> {
    requirePermission(actor, 'shuttle.plan');
    const monday = mondayOf(options.monday);
    const lunch = options.lunch === undefined ? USUAL_LUNCH : options.lunch;
    const asked: WeekOptions['days'] = options.days ?? [0, 1, 2, 3, 4].map((i) => ({ date: addDays(monday, i) }));
    const days = asked.map((d) => ({ date: d.date, shift: d.shift ?? USUAL_SHIFT, lunch: d.lunch === undefined ? lunch : d.lunch }));
    days.forEach((d, i) => {
      if (daysBetween(monday, d.date) < 0 || daysBetween(monday, d.date) > 6) throw invalid({ [`days.${i}.date`]: 'shuttle.week.dayOutside' });
      if (days.findIndex((x) => x.date === d.date) !== i) throw invalid({ [`days.${i}.date`]: 'shuttle.week.dayTwice' });
    });
    if (days.length === 0) throw invalid({ days: 'shuttle.week.noDay' });
    days.sort((a, b) => a.date.localeCompare(b.date));
    const start = await this.tours.startOf(actor, options.start);
    const pending = await this.tours.pendingViews(actor);
    const excluded = new Set(options.exclude ?? []);
    const considered = pending.filter((r) => !excluded.has(r.id));
    const byId = new Map(considered.map((r) => [r.id, r]));
    const skips = new Map<string, Set<SkipReason>>();
    const problems = days.map((d) => {
      const { problem, skipped } = dayProblem(considered, { date: d.date, start, shift: d.shift, lunch: d.lunch });
      for (const s of skipped) skips.set(s.id, (skips.get(s.id) ?? new Set()).add(s.reason));
      const parsed = parseProblem(problem);
      if (!parsed.ok) throw invalid(parsed.errors, 'shuttle.planner.invalid');
      return { key: d.date, problem: parsed.problem };
    });
    const plan = planWeek(problems);
    const placed = new Set<string>();
    const out = plan.days.map((p, i): WeekDayProposal => {
      const planned = stopsFrom(p.route?.steps ?? [], p.route?.cost ?? 0, byId);
      // A week is planned on straight-line times: one OSRM table per day would be several calls per click.
      for (const s of planned.stops) placed.add(s.request.id);
      return { date: p.key, start, ...planned, left: [], excluded: [], byHand: false, warnings: [], travel: 'straight', shift: days[i]!.shift, lunchSetting: days[i]!.lunch };
    });
    const reasons = new Map(plan.unassigned.map((u) => [String(u.id), u.reason as LeftReason]));
    const left = considered
      .filter((r) => !placed.has(r.id))
      .map((request) => ({ request, reason: reasons.get(request.id) ?? (skips.get(request.id)?.has('no_location') ? 'no_location' : 'not_home') }));
    return { monday, days: out, left, excluded: pending.filter((r) => excluded.has(r.id)), drivingSeconds: plan.cost };
  }

  /**
   * The week's proposal stored as confirmed tours, one per day with visits. `expected`: the
   * visits the coordinator saw, "date|requestId" in order; a different proposal now is refused.
   */
  async confirm(actor: Actor, options: WeekOptions, expected?: readonly string[]): Promise<{ proposal: WeekProposal; tourIds: string[] }> {
    const proposal = await this.propose(actor, options);
    const seen = proposal.days.flatMap((d) => d.stops.map((s) => `${d.date}|${s.request.id}`));
    if (expected && (expected.length !== seen.length || expected.some((e, i) => e !== seen[i]))) throw conflict('shuttle.tour.changed');
    const days = proposal.days.filter((d) => d.stops.length > 0);
    if (days.length === 0) throw invalid({ monday: 'shuttle.week.empty' });
    const tourIds = await this.tours.save(actor, days.map((d) => ({ proposal: d, shift: d.shift, lunch: d.lunchSetting })), true);
    return { proposal, tourIds };
  }
}
