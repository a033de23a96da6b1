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
 * - Cancelling a tour sends its planned requests back to pending.
 * - Driving times come from the OSRM server when one is configured, else (or when it fails,
 *   which the proposal says) from the straight line × detour factor (travel-times.ts).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { communeCentre } from './commune-centres.ts';
import { dayProblem, type DayOptions } from './day-plan.ts';
import { parseProblem, solve, type Solution } from './planner/index.ts';
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
}

export type LeftReason = 'no_location' | 'not_home' | 'time_window' | 'no_room' | 'shift';

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
  /** Where the driving times come from (OSRM, or the straight line, by choice or after a failure). */
  travel: TravelTimes;
}

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
  createdAt: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Seconds since midnight → "HH:MM" (rounded to the minute). */
export function clockOf(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${pad(Math.floor(minutes / 60) % 24)}:${pad(minutes % 60)}`;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export class TourService {
  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeoplePort,
    private readonly roads: RoadTimes | null = null,
  ) {}

  /** A proposed tour for one day (nothing saved). */
  async propose(actor: Actor, options: TourOptions): Promise<Proposal> {
    requirePermission(actor, 'shuttle.plan');
    const start = options.start ?? (await this.centreStart(actor.centerId));
    const excluded = new Set(options.exclude ?? []);
    const rows = await requests.listRequests(this.ctx.kysely, actor.centerId, { status: 'pending' });
    const pending = await Promise.all(rows.map((row) => requestView(this.people, actor.centerId, toVisitRequest(row))));
    const considered = pending.filter((r) => !excluded.has(r.id));
    const { problem, skipped } = dayProblem(considered, { ...options, start });
    const timed = await withRoadTimes(problem, this.roads);
    const parsed = parseProblem(timed.problem);
    if (!parsed.ok) throw invalid(parsed.errors, 'shuttle.planner.invalid');
    const solution = solve(parsed.problem);
    const byId = new Map(considered.map((r) => [r.id, r]));
    const left = [
      ...skipped.map((s) => ({ request: byId.get(s.id)!, reason: s.reason as LeftReason })),
      ...solution.unassigned.map((u) => ({ request: byId.get(String(u.id))!, reason: u.reason as LeftReason })),
    ];
    return { date: options.date, start, ...this.stopsOf(solution, byId), left, excluded: pending.filter((r) => excluded.has(r.id)), travel: timed.travel };
  }

  private stopsOf(solution: Solution, byId: Map<string, RequestView>): Pick<Proposal, 'stops' | 'lunch' | 'returnAt' | 'drivingSeconds'> {
    const route = solution.routes[0];
    const stops: PlannedStop[] = [];
    let lunch: Proposal['lunch'] = null;
    let returnAt = '';
    for (const step of route?.steps ?? []) {
      const begins = step.arrival + step.waiting;
      if (step.type === 'job') {
        const request = byId.get(String(step.id))!;
        stops.push({ request, location: step.location!, approximate: !request.location, arrival: clockOf(begins), departure: clockOf(begins + step.service) });
      } else if (step.type === 'break') lunch = { from: clockOf(begins), to: clockOf(begins + step.service) };
      else if (step.type === 'end') returnAt = clockOf(step.arrival);
    }
    return { stops, lunch, returnAt, drivingSeconds: route?.cost ?? 0 };
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
    const now = this.ctx.clock.nowIso();
    const lunch = options.lunch ?? null;
    const row: tours.TourRow = {
      id: newId(), centerId: actor.centerId, date: options.date, shiftStart: options.shift.from, shiftEnd: options.shift.to,
      breakFrom: lunch?.from ?? null, breakTo: lunch?.to ?? null, breakMinutes: lunch?.minutes ?? null,
      startLongitude: proposal.start[0], startLatitude: proposal.start[1], drivingSeconds: Math.round(proposal.drivingSeconds), returnAt: proposal.returnAt,
      status: save.confirm ? 'confirmed' : 'draft', createdBy: actor.userId, createdAt: now, updatedAt: now,
    };
    const stops = proposal.stops.map((s, i): tours.StopRow => ({
      id: newId(), centerId: actor.centerId, tourId: row.id, requestId: s.request.id, position: i + 1, arrival: s.arrival, departure: s.departure,
    }));
    await this.ctx.kysely.transaction().execute(async (trx) => {
      await tours.insertTour(trx, row, stops);
      if (save.confirm && (await requests.moveStatus(trx, actor.centerId, ids, 'pending', 'planned', now)) !== ids.length) throw conflict('shuttle.tour.changed');
      await audit(trx, this.ctx.clock, actor, 'create', 'shuttle_tour', row.id, { status: row.status });
    });
    return this.get(actor, row.id);
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
  async list(actor: Actor, options: { from?: string; status?: TourStatus } = {}): Promise<Omit<Tour, 'stops'>[]> {
    requirePermission(actor, 'shuttle.requests');
    return (await tours.listTours(this.ctx.kysely, actor.centerId, options)).map((row) => this.header(row));
  }

  /** The tours a request is in (not cancelled). */
  async ofRequest(actor: Actor, requestId: string): Promise<Omit<Tour, 'stops'>[]> {
    requirePermission(actor, 'shuttle.requests');
    return (await tours.toursOfRequest(this.ctx.kysely, actor.centerId, requestId)).map((row) => this.header(row));
  }

  private header(row: tours.TourRow): Omit<Tour, 'stops'> {
    return {
      id: row.id, date: row.date, status: row.status as TourStatus, shift: { from: row.shiftStart, to: row.shiftEnd },
      lunch: row.breakFrom && row.breakTo ? { from: row.breakFrom, to: row.breakTo, minutes: row.breakMinutes ?? 0 } : null,
      start: [row.startLongitude, row.startLatitude], drivingSeconds: row.drivingSeconds, returnAt: row.returnAt, createdAt: row.createdAt,
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
    return { ...this.header(row), stops };
  }
}
