/**
 * The navette's day tours. Rules owned here:
 * - A proposal is computed from the centre's pending requests, minus those the coordinator
 *   leaves out, with those forced in first (day-plan.ts); nothing is saved.
 * - A request without a pin is placed at its commune's centre (day-plan.ts): the car
 *   goes to the village and the road sheet says the position is approximate. A commune we
 *   have no centre for leaves the request out, with the reason "no_location".
 * - The car leaves from and comes back to the centre's commune unless a start is given.
 * - Saving a proposal stores the tour and its stops in order with their times; when the
 *   coordinator expected a given list of visits and the requests changed meanwhile, it is
 *   refused (409) so that what is confirmed is what was seen.
 * - Confirming a tour makes its requests "planned"; a request is in one confirmed tour at
 *   most (only a pending request can be planned, checked in the same transaction).
 * - Cancelling a tour sends its planned requests back to pending, and tells the modules that
 *   keep a copy of it (the team's assignments, ctx.tourChanges) in the same transaction.
 * - Driving times of a day's proposal come from the OSRM server when one is configured, else (or
 *   when it fails, which the proposal says) from the straight line × detour factor
 *   (travel-times.ts). A week's plan and an order changed on a stored tour use the straight line.
 * - An order chosen by hand (a proposal, or a tour not started yet: its day is to come, or it is
 *   today before the car leaves) keeps its visits in that order; their times are computed again
 *   with the planner's travel times (planner/order.ts) and what the order breaks (a visit after
 *   the person's hours, the lunch break, the return after the shift) is shown as a warning,
 *   never hidden. A visit taken out of a confirmed tour waits again; a tour keeps one visit at
 *   least (to do none, cancel it).
 */
import type { AssignedStaffMember } from '../../platform/assigned-staff.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { parisToUtc } from '../../platform/time.ts';
import { communeCentre } from './commune-centres.ts';
import { dayProblem, type DayOptions } from './day-plan.ts';
import { parseProblem, solve, type SolutionStep } from './planner/index.ts';
import { routeInOrder, type OrderWarning } from './planner/order.ts';
import { daysBetween, utcToParis } from '../../platform/time.ts';
import type { RoadTimes } from '../../platform/road-times.ts';
import type { TourStatus } from './shuttle.vocab.ts';
import { withRoadTimes, type TravelTimes } from './travel-times.ts';
import * as tours from './tour.repository.ts';
import * as requests from './visit-request.repository.ts';
import { requestView, toVisitRequest, type PeoplePort, type RequestView } from './visit-request.service.ts';

export interface TourOptions extends Omit<DayOptions, 'start'> {
  /** [longitude, latitude]; by default the centre of the centre's commune. */
  start?: [number, number] | null;
  /** Requests the coordinator leaves out of this day. */
  exclude?: readonly string[];
  /** The visits in an order chosen by hand (no planning): times recomputed, warnings shown. */
  order?: readonly string[];
}

/** Why a request is not in the day: the planner's reasons, or `fits` (an order chosen by hand leaves out a visit the planner would make). */
export type LeftReason = 'no_location' | 'not_home' | 'time_window' | 'no_room' | 'shift' | 'fits';

/** What an order chosen by hand breaks: a visit after the person's hours, the lunch break out of its window, the return after the shift. */
export type TourWarning = { type: 'late'; requestId: string } | { type: 'break_late' } | { type: 'shift_end' };

export interface PlannedStop {
  request: RequestView;
  /** Where the car goes: the pin, or the commune's centre (`approximate`). */
  location: [number, number];
  approximate: boolean;
  /** "HH:MM", Paris: when the visit starts and ends. */
  arrival: string;
  departure: string;
}

export interface Proposal {
  date: string;
  start: [number, number];
  stops: PlannedStop[];
  lunch: { from: string; to: string } | null;
  returnAt: string;
  drivingSeconds: number;
  left: { request: RequestView; reason: LeftReason }[];
  excluded: RequestView[];
  /** True when the visits keep an order chosen by hand. */
  byHand: boolean;
  warnings: TourWarning[];
  /** Where the driving times come from (OSRM, or the straight line, by choice or after a failure). */
  travel: TravelTimes;
}

/** A tour without its visits nor its team (lists). */
export type TourHeader = Omit<Tour, 'stops' | 'team'>;

export interface Tour {
  id: string;
  date: string;
  status: TourStatus;
  shift: { from: string; to: string };
  lunch: { from: string; to: string; minutes: number } | null;
  start: [number, number];
  drivingSeconds: number;
  returnAt: string;
  stops: (PlannedStop & { position: number })[];
  /** Who the team assigned to the tour (driver, facilitator), by name; empty while nobody is. */
  team: AssignedStaffMember[];
  createdAt: string;
  /** Visits outside the person's hours that day, a return after the shift (a tour reordered by hand). */
  warnings: TourWarning[];
  /** Its visits may still be reordered: not cancelled, and the car has not left yet. */
  editable: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Seconds since midnight → "HH:MM" (rounded to the minute). */
export function clockOf(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
}

/** A tour's time, as UTC instants: from the start of the shift to the car's return. */
export function tourSpan(tour: { date: string; shift: { from: string; to: string }; returnAt: string }): { startsAt: string; endsAt: string } {
  const end = tour.returnAt > tour.shift.from ? tour.returnAt : tour.shift.to;
  return { startsAt: parisToUtc(tour.date, tour.shift.from), endsAt: parisToUtc(tour.date, end) };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The visits, the lunch break and the return of a route (planner steps), with the requests they stand for. */
export function stopsFrom(steps: readonly SolutionStep[], cost: number, byId: Map<string, RequestView>): Pick<Proposal, 'stops' | 'lunch' | 'returnAt' | 'drivingSeconds'> {
  const stops: PlannedStop[] = [];
  let lunch: Proposal['lunch'] = null;
  let returnAt = '';
  for (const step of steps) {
    const begins = step.arrival + step.waiting;
    if (step.type === 'job') {
      const request = byId.get(String(step.id))!;
      stops.push({ request, location: step.location!, approximate: !request.location, arrival: clockOf(begins), departure: clockOf(begins + step.service) });
    } else if (step.type === 'break') lunch = { from: clockOf(begins), to: clockOf(begins + step.service) };
    else if (step.type === 'end') returnAt = clockOf(step.arrival);
  }
  return { stops, lunch, returnAt, drivingSeconds: cost };
}

const warningOf = (w: OrderWarning): TourWarning => (w.type === 'late' ? { type: 'late', requestId: String(w.id) } : w);

export class TourService {
  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeoplePort,
    private readonly roads: RoadTimes | null = null,
  ) {}

  /** A proposed tour for one day (nothing saved). */
  async propose(actor: Actor, options: TourOptions): Promise<Proposal> {
    requirePermission(actor, 'shuttle.plan');
    const start = await this.startOf(actor, options.start);
    return this.proposeAmong(await this.pendingViews(actor), { ...options, start });
  }

  /** The centre's pending requests, with their persons. */
  async pendingViews(actor: Actor): Promise<RequestView[]> {
    const rows = await requests.listRequests(this.ctx.kysely, actor.centerId, { status: 'pending' });
    return Promise.all(rows.map((row) => requestView(this.people, actor.centerId, toVisitRequest(row))));
  }

  /** Where the car leaves from: the one given, else the centre of the centre's commune. */
  async startOf(actor: Actor, given: [number, number] | null | undefined): Promise<[number, number]> {
    return given ?? (await this.centreStart(actor.centerId));
  }

  private async proposeAmong(pending: RequestView[], options: TourOptions & { start: [number, number] }): Promise<Proposal> {
    const excluded = new Set(options.exclude ?? []);
    const considered = pending.filter((r) => !excluded.has(r.id));
    const { problem, skipped } = dayProblem(considered, options);
    const timed = await withRoadTimes(problem, this.roads);
    const parsed = parseProblem(timed.problem);
    if (!parsed.ok) throw invalid(parsed.errors, 'shuttle.planner.invalid');
    const solution = solve(parsed.problem);
    const byId = new Map(considered.map((r) => [r.id, r]));
    const left = [
      ...skipped.map((s) => ({ request: byId.get(s.id)!, reason: s.reason as LeftReason })),
      ...solution.unassigned.map((u) => ({ request: byId.get(String(u.id))!, reason: u.reason as LeftReason })),
    ];
    const common = { date: options.date, start: options.start, excluded: pending.filter((r) => excluded.has(r.id)), travel: timed.travel };
    const route = solution.routes[0];
    if (!options.order || options.order.length === 0) {
      return { ...common, ...stopsFrom(route?.steps ?? [], route?.cost ?? 0, byId), left, byHand: false, warnings: [] };
    }
    // The order chosen by hand, less what can no longer be visited (no longer pending, left out).
    const inProblem = new Set(parsed.problem.jobs.map((j) => String(j.id)));
    const order = [...new Set(options.order)].filter((id) => inProblem.has(id));
    const chosen = new Set(order);
    const planned = (route?.steps ?? []).filter((s) => s.type === 'job' && !chosen.has(String(s.id)));
    const byHand = routeInOrder(parsed.problem, order);
    return {
      ...common,
      ...stopsFrom(byHand.steps, byHand.cost, byId),
      left: [...left.filter((l) => !chosen.has(l.request.id)), ...planned.map((s) => ({ request: byId.get(String(s.id))!, reason: 'fits' as const }))],
      byHand: true,
      warnings: byHand.warnings.map(warningOf),
    };
  }

  private async centreStart(centerId: string): Promise<[number, number]> {
    const centre = await findCentreById(this.ctx.kysely, centerId);
    const start = centre?.communeInsee ? communeCentre(centre.communeInsee) : null;
    if (!start) throw invalid({ start: 'shuttle.tour.startUnknown' });
    return start;
  }

  /**
   * Saves the day's proposal as a tour, a draft or at once confirmed. `expected`: the visits
   * (in order) that the coordinator saw; a different proposal now is refused.
   */
  async create(actor: Actor, options: TourOptions, save: { confirm: boolean; expected?: readonly string[] }): Promise<Tour> {
    const proposal = await this.propose(actor, options);
    const ids = proposal.stops.map((s) => s.request.id);
    if (save.expected && !sameList(ids, save.expected)) throw conflict('shuttle.tour.changed');
    if (ids.length === 0) throw invalid({ date: 'shuttle.tour.empty' });
    const [id] = await this.save(actor, [{ proposal, shift: options.shift, lunch: options.lunch ?? null }], save.confirm);
    return this.get(actor, id!);
  }

  /**
   * Stores proposals as tours in one transaction (a week at once): all or none. Confirmed, their
   * requests become planned; one already taken meanwhile refuses the whole (409).
   */
  async save(actor: Actor, days: { proposal: Proposal; shift: { from: string; to: string }; lunch: { from: string; to: string; minutes: number } | null }[], confirm: boolean): Promise<string[]> {
    requirePermission(actor, 'shuttle.plan');
    const now = this.ctx.clock.nowIso();
    const made = days.map(({ proposal, shift, lunch }) => {
      const row: tours.TourRow = {
        id: newId(), centerId: actor.centerId, date: proposal.date, shiftStart: shift.from, shiftEnd: shift.to,
        breakFrom: lunch?.from ?? null, breakTo: lunch?.to ?? null, breakMinutes: lunch?.minutes ?? null,
        startLongitude: proposal.start[0], startLatitude: proposal.start[1], drivingSeconds: Math.round(proposal.drivingSeconds), returnAt: proposal.returnAt,
        status: confirm ? 'confirmed' : 'draft', createdBy: actor.userId, createdAt: now, updatedAt: now,
      };
      const stops = proposal.stops.map((s, i): tours.StopRow => ({
        id: newId(), centerId: actor.centerId, tourId: row.id, requestId: s.request.id, position: i + 1, arrival: s.arrival, departure: s.departure,
      }));
      return { row, stops };
    });
    await this.ctx.kysely.transaction().execute(async (trx) => {
      for (const { row, stops } of made) {
        const ids = stops.map((s) => s.requestId);
        await tours.insertTour(trx, row, stops);
        if (confirm && (await requests.moveStatus(trx, actor.centerId, ids, 'pending', 'planned', now)) !== ids.length) throw conflict('shuttle.tour.changed');
        await audit(trx, this.ctx.clock, actor, 'create', 'shuttle_tour', row.id, { status: row.status });
      }
    });
    return made.map((m) => m.row.id);
  }

  /**
   * The visits of a tour not started yet, in the order given: a visit left out of `order` is
   * taken out of the tour (and waits again when the tour was confirmed). Times and driving are
   * computed again; the warnings of the new order come back with the tour.
   */
  async reorder(actor: Actor, id: string, order: readonly string[]): Promise<Tour> {
    requirePermission(actor, 'shuttle.plan');
    const row = await this.find(actor, id);
    if (!this.editable(row)) throw conflict('shuttle.tour.started');
    const stopRows = await tours.stopsOf(this.ctx.kysely, actor.centerId, id);
    const current = stopRows.map((s) => s.requestId);
    if (new Set(order).size !== order.length || order.some((r) => !current.includes(r))) throw invalid({ order: 'shuttle.tour.orderInvalid' });
    if (order.length === 0) throw invalid({ order: 'shuttle.tour.lastStop' });
    const views = await Promise.all((await requests.findRequests(this.ctx.kysely, actor.centerId, order)).map((r) => requestView(this.people, actor.centerId, toVisitRequest(r))));
    const byId = new Map(views.map((v) => [v.id, v]));
    const lunch = row.breakFrom && row.breakTo && row.breakMinutes ? { from: row.breakFrom, to: row.breakTo, minutes: row.breakMinutes } : null;
    const day = { date: row.date, start: [row.startLongitude, row.startLatitude] as [number, number], shift: { from: row.shiftStart, to: row.shiftEnd }, lunch };
    // A visit agreed by phone outside the person's hours stays in, held to no window.
    const notHome = dayProblem(views, day).skipped.filter((s) => s.reason === 'not_home').map((s) => s.id);
    const parsed = parseProblem(dayProblem(views, { ...day, force: notHome }).problem);
    if (!parsed.ok) throw invalid(parsed.errors, 'shuttle.planner.invalid');
    const route = routeInOrder(parsed.problem, order);
    const planned = stopsFrom(route.steps, route.cost, byId);
    const removed = current.filter((r) => !order.includes(r));
    const now = this.ctx.clock.nowIso();
    await this.ctx.kysely.transaction().execute(async (trx) => {
      await tours.replaceStops(trx, actor.centerId, id, planned.stops.map((s, i) => ({ requestId: s.request.id, position: i + 1, arrival: s.arrival, departure: s.departure })));
      await tours.updateTourTimes(trx, actor.centerId, id, { drivingSeconds: Math.round(planned.drivingSeconds), returnAt: planned.returnAt, updatedAt: now });
      if (row.status === 'confirmed' && removed.length > 0) await requests.moveStatus(trx, actor.centerId, removed, 'planned', 'pending', now);
      // The team's copy of a confirmed tour's times (assignments, calendars) follows a new return time.
      const before = tourSpan(this.header(row));
      const after = tourSpan(this.header({ ...row, returnAt: planned.returnAt }));
      if (row.status === 'confirmed' && after.endsAt !== before.endsAt) {
        await this.ctx.tourChanges.notify(trx, actor.centerId, [{ tourId: id, ...after, cancelled: false }]);
      }
      await audit(trx, this.ctx.clock, actor, 'update', 'shuttle_tour', id, { order: order.length, removed: removed.length });
    });
    return this.get(actor, id);
  }

  /** A tour whose visits may still change: not cancelled, and its day is to come or the car has not left yet. */
  private editable(row: tours.TourRow): boolean {
    if (row.status === 'cancelled') return false;
    const now = utcToParis(this.ctx.clock.nowIso());
    return row.date > now.date || (row.date === now.date && now.time < row.shiftStart);
  }

  /** A draft becomes the day's tour: its requests are planned (each in one confirmed tour at most). */
  async confirm(actor: Actor, id: string): Promise<Tour> {
    requirePermission(actor, 'shuttle.plan');
    const tour = await this.find(actor, id);
    if (tour.status !== 'draft') throw conflict('shuttle.tour.notDraft');
    const ids = (await tours.stopsOf(this.ctx.kysely, actor.centerId, id)).map((s) => s.requestId);
    const now = this.ctx.clock.nowIso();
    await this.ctx.kysely.transaction().execute(async (trx) => {
      if ((await tours.moveTourStatus(trx, actor.centerId, id, 'draft', 'confirmed', now)) !== 1) throw conflict('shuttle.tour.notDraft');
      if ((await requests.moveStatus(trx, actor.centerId, ids, 'pending', 'planned', now)) !== ids.length) throw conflict('shuttle.tour.requestTaken');
      await audit(trx, this.ctx.clock, actor, 'update', 'shuttle_tour', id, { status: 'confirmed' });
    });
    return this.get(actor, id);
  }

  /** The tour is called off: its planned requests wait again. */
  async cancel(actor: Actor, id: string): Promise<Tour> {
    requirePermission(actor, 'shuttle.plan');
    const tour = await this.find(actor, id);
    if (tour.status === 'cancelled') throw conflict('shuttle.tour.alreadyCancelled');
    const ids = (await tours.stopsOf(this.ctx.kysely, actor.centerId, id)).map((s) => s.requestId);
    const now = this.ctx.clock.nowIso();
    await this.ctx.kysely.transaction().execute(async (trx) => {
      if ((await tours.moveTourStatus(trx, actor.centerId, id, tour.status, 'cancelled', now)) !== 1) throw conflict('shuttle.tour.alreadyCancelled');
      if (tour.status === 'confirmed') await requests.moveStatus(trx, actor.centerId, ids, 'planned', 'pending', now);
      await this.ctx.tourChanges.notify(trx, actor.centerId, [{ tourId: id, ...tourSpan(this.header(tour)), cancelled: true }]);
      await audit(trx, this.ctx.clock, actor, 'update', 'shuttle_tour', id, { status: 'cancelled' });
    });
    return this.get(actor, id);
  }

  private async find(actor: Actor, id: string): Promise<tours.TourRow> {
    const row = isUuid(id) ? await tours.findTour(this.ctx.kysely, actor.centerId, id) : undefined;
    if (!row) throw notFound();
    return row;
  }

  /** The centre's tours from a day on (by default all), in date order. */
  async list(actor: Actor, options: { from?: string; status?: TourStatus } = {}): Promise<TourHeader[]> {
    requirePermission(actor, 'shuttle.requests');
    return (await tours.listTours(this.ctx.kysely, actor.centerId, options)).map((row) => this.header(row));
  }

  /** The tours a request is in (not cancelled). */
  async ofRequest(actor: Actor, requestId: string): Promise<TourHeader[]> {
    requirePermission(actor, 'shuttle.requests');
    return (await tours.toursOfRequest(this.ctx.kysely, actor.centerId, requestId)).map((row) => this.header(row));
  }

  private header(row: tours.TourRow): TourHeader {
    return {
      id: row.id, date: row.date, status: row.status as TourStatus, shift: { from: row.shiftStart, to: row.shiftEnd },
      lunch: row.breakFrom && row.breakTo ? { from: row.breakFrom, to: row.breakTo, minutes: row.breakMinutes ?? 0 } : null,
      start: [row.startLongitude, row.startLatitude], drivingSeconds: row.drivingSeconds, returnAt: row.returnAt, createdAt: row.createdAt,
      warnings: row.returnAt > row.shiftEnd ? [{ type: 'shift_end' }] : [], editable: this.editable(row),
    };
  }

  /** A tour with its visits in order, each with the person's name and phone (the road sheet). */
  async get(actor: Actor, id: string): Promise<Tour> {
    requirePermission(actor, 'shuttle.requests');
    const row = await this.find(actor, id);
    const stopRows = await tours.stopsOf(this.ctx.kysely, actor.centerId, id);
    const byId = new Map((await requests.findRequests(this.ctx.kysely, actor.centerId, stopRows.map((s) => s.requestId))).map((r) => [r.id, toVisitRequest(r)]));
    const stops: Tour['stops'] = [];
    for (const s of stopRows) {
      const request = await requestView(this.people, actor.centerId, byId.get(s.requestId)!);
      const location = request.location ?? communeCentre(request.communeInsee) ?? [row.startLongitude, row.startLatitude];
      stops.push({ request, location, approximate: !request.location, arrival: s.arrival, departure: s.departure, position: s.position });
    }
    const header = this.header(row);
    const weekday = (((daysBetween('2024-01-01', row.date) % 7) + 7) % 7) + 1; // 2024-01-01 was a Monday
    const late = stops
      .filter((s) => !s.request.availability.some((w) => w.weekday === weekday && w.from <= s.arrival && s.departure <= w.to))
      .map((s): TourWarning => ({ type: 'late', requestId: s.request.id }));
    const team = await this.ctx.assignedStaff.of(actor.centerId, { kind: 'tour', id });
    return { ...header, stops, team, warnings: [...late, ...header.warnings] };
  }
}
