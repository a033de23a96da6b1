/**
 * Visit requests of the navette: staff take them (often by phone) for a person of the centre;
 * they wait, pending, to be planned into a tour. Only a pending request can be cancelled (a
 * planned one leaves its tour first: cancel the tour). Staff lists show urgent requests
 * first, then the newest.
 *
 * Where the home is: the pin staff give wins; else, with a geocoder (GEOCODER_URL), the
 * address is looked up in the commune and its best match placed (source `geocoder`, its score
 * kept) when it is good enough; else nothing is stored and tours use the commune's centre. A
 * geocoder that fails or finds nothing never stops the request: it is saved, and the caller is
 * told why the position is approximate (geocode.ts).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import { resolveCommune } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { dayProblem, type DayOptions, type SkipReason } from './day-plan.ts';
import { placeRequest, type Geocoding, type NavetteGeo } from './geocode.ts';
import { withRoadTimes, type TravelTimes } from './travel-times.ts';
import { parseProblem, solve, type Solution } from './planner/index.ts';
import type { AvailabilityWindow, VisitRequestInput } from './shuttle.schemas.ts';
import type { RequestStatus } from './shuttle.vocab.ts';
import * as repo from './visit-request.repository.ts';

export interface PersonSummary {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  erased: boolean;
}

export interface PeoplePort {
  canSee(actor: Actor, personId: string): Promise<boolean>;
  getSummary(centerId: string, id: string): Promise<PersonSummary | undefined>;
  search(actor: Actor, query: { q?: string; page?: number; pageSize?: number }): Promise<{ items: PersonSummary[] }>;
}

/** A request as staff pages show it: with the person's name and phone. */
export interface RequestView extends VisitRequest {
  personName: string;
  phone: string | null;
}

export interface VisitRequest {
  id: string;
  personId: string;
  communeInsee: string;
  address: string | null;
  location: [number, number] | null;
  /** 'pin' (staff), 'geocoder' (from the address), or null (the commune's centre is used). */
  locationSource: 'pin' | 'geocoder' | null;
  geocodeScore: number | null;
  problem: string;
  theme: string;
  urgency: string;
  availability: AvailabilityWindow[];
  notes: string | null;
  durationMinutes: number;
  status: RequestStatus;
  createdAt: string;
}

/** A request with its person's name and phone ('' and null once the person is erased). */
export async function requestView(people: PeoplePort, centerId: string, request: VisitRequest): Promise<RequestView> {
  const person = await people.getSummary(centerId, request.personId);
  const shown = person && !person.erased;
  return { ...request, personName: shown ? [person.firstName, person.lastName].filter(Boolean).join(' ') : '', phone: shown ? person.phone : null };
}

export function toVisitRequest(row: repo.VisitRequestRow): VisitRequest {
  return {
    id: row.id,
    personId: row.personId,
    communeInsee: row.communeInsee,
    address: row.address,
    location: row.longitude !== null && row.latitude !== null ? [row.longitude, row.latitude] : null,
    locationSource: row.locationSource === 'pin' || row.locationSource === 'geocoder' ? row.locationSource : null,
    geocodeScore: row.geocodeScore,
    problem: row.problem,
    theme: row.theme,
    urgency: row.urgency,
    availability: JSON.parse(row.availability) as AvailabilityWindow[],
    notes: row.notes,
    durationMinutes: row.durationMinutes,
    status: row.status as RequestStatus,
    createdAt: row.createdAt,
  };
}

export class VisitRequestService {
  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeoplePort,
    private readonly geo: NavetteGeo = { geocoder: null, roads: null },
  ) {}

  /** Saves the request; `geocoding` says how its position was found (or why it was not). */
  async create(actor: Actor, input: VisitRequestInput): Promise<VisitRequest & { geocoding: Geocoding }> {
    requirePermission(actor, 'shuttle.requests');
    if (!(await this.people.canSee(actor, input.personId))) throw invalid({ personId: 'shuttle.request.personUnknown' });
    const { details, geocoding } = await this.detailsOf(input);
    const now = this.ctx.clock.nowIso();
    const row: repo.VisitRequestRow = {
      id: newId(),
      centerId: actor.centerId,
      personId: input.personId,
      ...details,
      status: 'pending',
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    await this.ctx.kysely.transaction().execute(async (trx) => {
      await repo.insertRequest(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'shuttle_visit_request', row.id);
    });
    return { ...toVisitRequest(row), geocoding };
  }

  /**
   * A waiting request corrected (address, pin, hours at home, urgency…): the same checks and
   * address search as a new one. The person stays; a request already in a confirmed tour is
   * refused (take it out of the tour first: the tour's times depend on it).
   */
  async update(actor: Actor, id: string, input: VisitRequestInput): Promise<RequestView & { geocoding: Geocoding }> {
    const current = await this.get(actor, id);
    if (current.status !== 'pending') throw conflict('shuttle.request.notPendingEdit');
    if (input.personId !== current.personId) throw invalid({ personId: 'shuttle.request.personFixed' });
    const { details, geocoding } = await this.detailsOf(input);
    const now = this.ctx.clock.nowIso();
    await this.ctx.kysely.transaction().execute(async (trx) => {
      if ((await repo.updatePendingRequest(trx, actor.centerId, id, { ...details, updatedAt: now })) !== 1) throw conflict('shuttle.request.notPendingEdit');
      await audit(trx, this.ctx.clock, actor, 'update', 'shuttle_visit_request', id, { corrected: true });
    });
    return { ...(await this.get(actor, id)), geocoding };
  }

  /** What a request's form says, checked, with its position (the pin given, or found from the address). */
  private async detailsOf(input: VisitRequestInput): Promise<{ details: repo.VisitRequestDetails; geocoding: Geocoding }> {
    const commune = resolveCommune(input.commune);
    if (commune.kind !== 'found') throw invalid({ commune: commune.kind === 'ambiguous' ? 'shuttle.request.communeAmbiguous' : 'shuttle.request.communeUnknown' });
    // Outside the transaction: an outside service is never waited for with the database held.
    const place = await placeRequest(this.geo.geocoder, input, commune.commune.code);
    const details: repo.VisitRequestDetails = {
      communeInsee: commune.commune.code,
      address: input.address || null,
      longitude: place.location?.[0] ?? null,
      latitude: place.location?.[1] ?? null,
      locationSource: place.source,
      geocodeScore: place.score,
      problem: input.problem,
      theme: input.theme,
      urgency: input.urgency,
      availability: JSON.stringify(input.availability),
      notes: input.notes || null,
      durationMinutes: input.durationMinutes,
    };
    return { details, geocoding: place.geocoding };
  }

  /** A proposed tour for one day from the pending requests (nothing saved); road times from OSRM when there is one. */
  async planDay(actor: Actor, options: DayOptions): Promise<{ solution: Solution; skipped: { id: string; reason: SkipReason }[]; travelTimes: TravelTimes }> {
    requirePermission(actor, 'shuttle.plan');
    const pending = (await repo.listRequests(this.ctx.kysely, actor.centerId, { status: 'pending' })).map(toVisitRequest);
    const { problem, skipped } = dayProblem(pending, options);
    const timed = await withRoadTimes(problem, this.geo.roads);
    const parsed = parseProblem(timed.problem);
    if (!parsed.ok) throw invalid(parsed.errors, 'shuttle.planner.invalid');
    return { solution: solve(parsed.problem), skipped, travelTimes: timed.travel };
  }

  async get(actor: Actor, id: string): Promise<RequestView> {
    requirePermission(actor, 'shuttle.requests');
    const row = isUuid(id) ? await repo.findRequest(this.ctx.kysely, actor.centerId, id) : undefined;
    if (!row) throw notFound();
    return this.withPerson(actor, toVisitRequest(row));
  }

  /** For staff pages: urgent first, then the newest. */
  async views(actor: Actor, options: { status?: RequestStatus } = {}): Promise<RequestView[]> {
    const list = await this.list(actor, options);
    const sorted = [...list].sort((a, b) => Number(b.urgency === 'urgente') - Number(a.urgency === 'urgente') || b.createdAt.localeCompare(a.createdAt));
    return Promise.all(sorted.map((r) => this.withPerson(actor, r)));
  }

  private withPerson(actor: Actor, request: VisitRequest): Promise<RequestView> {
    return requestView(this.people, actor.centerId, request);
  }

  /** The person no longer needs the visit (or asked by mistake): only while it waits. */
  async cancel(actor: Actor, id: string): Promise<void> {
    const request = await this.get(actor, id);
    if (request.status !== 'pending') throw conflict('shuttle.request.notPending');
    await this.ctx.kysely.transaction().execute(async (trx) => {
      if ((await repo.moveStatus(trx, actor.centerId, [id], 'pending', 'cancelled', this.ctx.clock.nowIso())) !== 1) throw conflict('shuttle.request.notPending');
      await audit(trx, this.ctx.clock, actor, 'update', 'shuttle_visit_request', id, { status: 'cancelled' });
    });
  }

  /** The people the form may pick (the person search of other modules). */
  async searchPersons(actor: Actor, q: string): Promise<PersonSummary[] | null> {
    requirePermission(actor, 'shuttle.requests');
    return q.trim() ? (await this.people.search(actor, { q: q.trim(), page: 1, pageSize: 20 })).items : null;
  }

  /** The centre's requests (by default all), oldest first: the order they wait in. */
  async list(actor: Actor, options: { status?: RequestStatus } = {}): Promise<VisitRequest[]> {
    requirePermission(actor, 'shuttle.requests');
    return (await repo.listRequests(this.ctx.kysely, actor.centerId, options)).map(toVisitRequest);
  }
}
