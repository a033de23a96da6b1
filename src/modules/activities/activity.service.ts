/**
 * The programme: activities and their sessions. Rules owned here:
 * - an activity has a site of the centre, facilitators among the centre's staff, a capacity
 *   of at least 1, and a schedule that yields at least one future session; a *stage* is always
 *   registered for as a whole (registration mode "series");
 * - sessions are rows generated from the schedule in Paris wall-clock time (schedule.ts);
 *   changing the schedule keeps the sessions whose date is still in it (their registrations
 *   stay), adds the new dates, and refuses to drop a date someone is registered for — such a
 *   session must be cancelled explicitly, which tells the registered persons;
 * - a single session can be moved or cancelled without touching the others (an exception
 *   that later schedule changes leave alone); both notify registered and waiting persons;
 * - capacity cannot go below the confirmed registrations of a future session; raising it
 *   promotes waiting persons; the registration mode cannot change once people registered;
 * - archiving (DELETE) hides the activity, cancels its future sessions with notice, and keeps
 *   past attendance for the reports;
 * - everything is scoped to the actor's centre: another centre's ids answer 404.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { can, seesAllPersons } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { SessionChange } from '../../platform/session-changes.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import * as repo from './activity.repository.ts';
import type { ActivityRow, SessionRow, SessionWithActivity } from './activity.repository.ts';
import { partnersError, speakersError, type ActivityInput, type Partner, type Speaker } from './activity.schemas.ts';
import { formatPlace } from './activity.format.ts';
import { AUDIENCE_AGES } from './activity.vocab.ts';
import type { Notifier } from './notifications.ts';
import type { CentrePort, SiteInfo } from './ports.ts';
import type { WaitlistService } from './waitlist.service.ts';
import { expandSchedule, formatBlocks, parseBlocks, parseLocalDate, parseTime, parisToUtc, utcToParis, type Occurrence, type Schedule } from './schedule.ts';

export interface Activity extends Omit<ActivityRow, 'equipment' | 'scheduleDates' | 'exceptions' | 'scheduleBlocks' | 'lockVersion' | 'speakers' | 'partners'> {
  equipment: string[];
  speakers: Speaker[];
  partners: Partner[];
  facilitators: { userId: string; displayName: string; role: string }[];
  schedule: Schedule;
}

export interface SessionView extends SessionRow {
  siteId: string;
  capacity: number;
  confirmed: number;
  waitlisted: number;
  seatsLeft: number;
}

export interface SessionDetail {
  session: SessionView;
  activity: Activity;
  site: SiteInfo | null;
}

export function toActivity(row: ActivityRow, facilitators: repo.FacilitatorRow[]): Activity {
  const { equipment, scheduleDates, exceptions, scheduleBlocks, lockVersion: _lock, speakers, partners, ...rest } = row;
  return {
    ...rest,
    equipment: equipment ? equipment.split('|') : [],
    speakers: parseList<Speaker>(speakers).map((s) => ({ name: String(s.name ?? ''), role: typeof s.role === 'string' ? s.role : null })),
    partners: parseList<Partner>(partners).map((p) => ({ name: String(p.name ?? ''), url: typeof p.url === 'string' ? p.url : null })),
    facilitators: facilitators.filter((f) => f.activityId === row.id).map(({ userId, displayName, role }) => ({ userId, displayName, role })),
    schedule: {
      kind: row.scheduleKind as Schedule['kind'],
      dates: scheduleDates ? scheduleDates.split('|') : [],
      rrule: row.rrule,
      startDate: row.startDate,
      endDate: row.endDate,
      startTime: row.startTime,
      endTime: row.endTime,
      exceptions: exceptions ? exceptions.split('\n') : [],
      blocks: parseBlocks(scheduleBlocks),
    },
  };
}

/** A JSON list stored by this service; anything else reads as empty. */
function parseList<T>(json: string | null): Partial<T>[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is Partial<T> => typeof v === 'object' && v !== null) : [];
  } catch {
    return [];
  }
}

/** The speakers of these activities' rows, as the public feed shows them ("Marie Dupont (CAF)"). */
export function speakerSummary(json: string | null): string {
  return parseList<Speaker>(json).map((s) => (s.role ? `${s.name} (${s.role})` : String(s.name ?? ''))).filter(Boolean).join(', ');
}

export function partnerSummary(json: string | null): string {
  return parseList<Partner>(json).map((p) => String(p.name ?? '')).filter(Boolean).join(', ');
}

function sameSchedule(a: Schedule, b: Schedule): boolean {
  const norm = (s: Schedule) => JSON.stringify([s.kind, s.dates, s.rrule, s.startDate, s.endDate, parseTime(s.startTime), parseTime(s.endTime), s.exceptions, formatBlocks(s.blocks)]);
  return norm(a) === norm(b);
}

/** The form field a schedule error about dates belongs to. */
function dateField(schedule: Schedule): string {
  return schedule.kind === 'single' ? 'date' : schedule.kind === 'dates' ? 'dates' : 'startDate';
}

export class ProgrammeService {
  /** Set by the module once both services exist (the waiting list fills freed seats). */
  waitlist!: WaitlistService;

  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentrePort,
    private readonly notifier: Notifier,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  // ——— reading ———

  site(centerId: string, id: string): Promise<SiteInfo | undefined> {
    return this.centre.getSite(centerId, id);
  }

  async siteMap(centerId: string): Promise<Map<string, SiteInfo>> {
    const sites = await this.centre.listSites(centerId, { includeArchived: true });
    return new Map(sites.map((s) => [s.id, s]));
  }

  /** A session as later modules' copies must now read it (told through ctx.sessionChanges). */
  private sessionChange(sites: Map<string, SiteInfo>, activity: { title: string; siteId: string }, session: Pick<SessionRow, 'id' | 'startsAt' | 'endsAt' | 'siteId' | 'status'>, removed = false): SessionChange {
    const site = sites.get(session.siteId ?? activity.siteId);
    return {
      sessionId: session.id,
      title: activity.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      place: site ? formatPlace(site) : null,
      cancelled: removed || session.status === 'cancelled',
    };
  }

  async list(actor: Actor, options: { includeArchived?: boolean; mine?: boolean } = {}): Promise<Activity[]> {
    requirePermission(actor, 'activities.read');
    const rows = await repo.listActivities(this.db, actor.centerId, {
      includeArchived: options.includeArchived,
      facilitatorId: options.mine && actor.userId ? actor.userId : undefined,
    });
    const facilitators = await repo.listFacilitators(this.db, actor.centerId, rows.map((r) => r.id));
    return rows.map((row) => toActivity(row, facilitators));
  }

  /** An activity of the actor's centre, or 404 (also for another centre's id). */
  async get(actor: Actor, id: string): Promise<Activity> {
    requirePermission(actor, 'activities.read');
    return this.load(actor.centerId, id);
  }

  async load(centerId: string, id: string): Promise<Activity> {
    if (!isUuid(id)) throw notFound();
    const row = await repo.findActivity(this.db, centerId, id);
    if (!row) throw notFound();
    return toActivity(row, await repo.listFacilitators(this.db, centerId, [id]));
  }

  /** Every session of an activity (past ones too), with seats. */
  async sessions(actor: Actor, activityId: string, options: { upcomingOnly?: boolean } = {}): Promise<SessionView[]> {
    const activity = await this.get(actor, activityId);
    const rows = await repo.listSessionsOfActivity(this.db, actor.centerId, activityId, { from: options.upcomingOnly ? this.ctx.clock.nowIso() : undefined });
    return this.withSeats(rows, activity);
  }

  async withSeats(rows: SessionRow[], activity: Pick<Activity, 'capacity' | 'siteId'>): Promise<SessionView[]> {
    const counts = await repo.seatCounts(this.db, rows.map((r) => r.id));
    return rows.map((row) => {
      const count = counts.get(row.id)!;
      return {
        ...row,
        siteId: row.siteId ?? activity.siteId,
        capacity: activity.capacity,
        confirmed: count.confirmed,
        waitlisted: count.waitlisted,
        seatsLeft: Math.max(0, activity.capacity - count.confirmed),
      };
    });
  }

  /** A session with its activity and place; 404 when not of the centre. */
  async session(centerId: string, sessionId: string): Promise<SessionDetail> {
    if (!isUuid(sessionId)) throw notFound();
    const row = await repo.findSession(this.db, centerId, sessionId);
    if (!row) throw notFound();
    const activity = await this.load(centerId, row.activityId);
    const [session] = await this.withSeats([row], activity);
    const sites = await this.siteMap(centerId);
    return { session: session!, activity, site: sites.get(session!.siteId) ?? null };
  }

  async getSession(actor: Actor, sessionId: string): Promise<SessionDetail> {
    requirePermission(actor, 'activities.read');
    return this.session(actor.centerId, sessionId);
  }

  /** Upcoming sessions of the centre (the staff programme, a facilitator's own ones). */
  async upcoming(actor: Actor, options: { from?: string; to?: string; mine?: boolean; limit?: number } = {}): Promise<(SessionWithActivity & { seatsLeft: number; confirmed: number; waitlisted: number })[]> {
    requirePermission(actor, 'activities.read');
    const rows = await repo.listSessions(this.db, actor.centerId, {
      from: options.from ?? this.ctx.clock.nowIso(),
      to: options.to,
      facilitatorId: options.mine && actor.userId ? actor.userId : undefined,
      limit: options.limit ?? 200,
    });
    const counts = await repo.seatCounts(this.db, rows.map((r) => r.id));
    return rows.map((row) => {
      const c = counts.get(row.id)!;
      return { ...row, ...c, seatsLeft: Math.max(0, row.capacity - c.confirmed) };
    });
  }

  /**
   * Whether the actor may open the activity's sessions (registrations and contacts): staff
   * who see every person, and the activity's own facilitators. Pages link to a session only
   * then, so that nobody is shown a link that answers 403.
   */
  opensSessions(actor: Actor, activity: Pick<Activity, 'facilitators'>): boolean {
    if (!can(actor.role, 'activities.read')) return false;
    return seesAllPersons(actor.role) || (actor.userId !== null && activity.facilitators.some((f) => f.userId === actor.userId));
  }

  /** Whether the actor runs this activity (volunteers reach contacts only through this). */
  async runs(actor: Actor, activityId: string): Promise<boolean> {
    return actor.userId !== null && repo.isFacilitator(this.db, actor.centerId, activityId, actor.userId);
  }

  staff(centerId: string) {
    return repo.listStaff(this.db, centerId);
  }

  // ——— change notice ———

  /** Something changed in a centre's programme: cached public views are stale, everywhere. */
  changed(centerId: string, trx?: Kysely<Database>): Promise<void> {
    return this.ctx.changes.publish('activities', centerId, trx as Kysely<never> | undefined);
  }

  // ——— changing the programme ———

  private async validate(centerId: string, input: ActivityInput, errors: FieldErrors): Promise<void> {
    const sites = await this.siteMap(centerId);
    const site = isUuid(input.siteId) ? sites.get(input.siteId) : undefined;
    if (!site || site.archivedAt) errors.siteId = 'activities.site.unknown';
    if (input.facilitatorIds.length > 0) {
      const staff = new Set((await repo.listStaff(this.db, centerId)).map((u) => u.id));
      if (input.facilitatorIds.some((id) => !staff.has(id))) errors.facilitatorIds = 'activities.facilitators.unknown';
    }
    if (!Number.isInteger(input.capacity) || input.capacity < 1) errors.capacity = 'activities.capacity.invalid';
    if (input.minAge !== null && input.maxAge !== null && input.maxAge < input.minAge) errors.maxAge = 'activities.age.maxBelowMin';
    if (input.reducedPriceCents !== null && input.reducedPriceCents > input.priceCents) errors.reducedPrice = 'activities.price.reducedAbove';
    const speakers = speakersError(input.speakers ?? []);
    if (speakers) errors.speakers = speakers;
    const partners = partnersError(input.partners ?? []);
    if (partners) errors.partners = partners;
  }

  private normalise(input: ActivityInput): ActivityInput {
    const ages = AUDIENCE_AGES[input.audience];
    return {
      ...input,
      title: input.title.trim(),
      description: input.description.trim(),
      minAge: input.minAge ?? ages.min,
      maxAge: input.maxAge ?? ages.max,
      facilitatorIds: [...new Set(input.facilitatorIds)],
      equipment: [...new Set(input.equipment)],
      // A stage is a whole: nobody registers for its Tuesday alone.
      registrationMode: input.kind === 'stage' ? 'series' : input.registrationMode,
      speakers: (input.speakers ?? []).map((s) => ({ name: s.name.trim().replace(/\s+/g, ' '), role: s.role?.trim().replace(/\s+/g, ' ') || null })),
      partners: (input.partners ?? []).map((p) => ({ name: p.name.trim().replace(/\s+/g, ' '), url: p.url?.trim() || null })),
      // An information time asks for the participants' opinion unless told otherwise.
      surveyEnabled: input.surveyEnabled ?? input.kind === 'temps_info',
      schedule: {
        ...input.schedule,
        startTime: parseTime(input.schedule.startTime) ?? input.schedule.startTime,
        endTime: parseTime(input.schedule.endTime) ?? input.schedule.endTime,
        dates: input.schedule.dates.map((d) => parseLocalDate(d) ?? d),
        startDate: input.schedule.startDate ? (parseLocalDate(input.schedule.startDate) ?? input.schedule.startDate) : null,
        endDate: input.schedule.endDate ? (parseLocalDate(input.schedule.endDate) ?? input.schedule.endDate) : null,
        blocks: input.schedule.kind === 'rrule'
          ? (input.schedule.blocks ?? []).map((b) => ({ ...b, startTime: parseTime(b.startTime) ?? b.startTime, endTime: parseTime(b.endTime) ?? b.endTime }))
          : [],
      },
    };
  }

  private rowFields(input: ActivityInput) {
    const s = input.schedule;
    return {
      title: input.title,
      description: input.description,
      kind: input.kind,
      audience: input.audience,
      minAge: input.minAge,
      maxAge: input.maxAge,
      theme: input.theme,
      level: input.level,
      siteId: input.siteId,
      capacity: input.capacity,
      priceCents: input.priceCents,
      reducedPriceCents: input.reducedPriceCents,
      equipment: input.equipment.join('|'),
      registrationMode: input.registrationMode,
      scheduleKind: s.kind,
      scheduleDates: s.kind === 'rrule' ? null : s.dates.join('|'),
      rrule: s.kind === 'rrule' ? s.rrule : null,
      startDate: s.kind === 'rrule' ? s.startDate : null,
      endDate: s.kind === 'rrule' ? s.endDate : null,
      startTime: s.startTime,
      endTime: s.endTime,
      exceptions: s.kind === 'rrule' && s.exceptions.length ? s.exceptions.join('\n') : null,
      scheduleBlocks: s.kind === 'rrule' ? formatBlocks(s.blocks) : null,
      published: input.published,
      speakers: input.speakers?.length ? JSON.stringify(input.speakers) : null,
      partners: input.partners?.length ? JSON.stringify(input.partners) : null,
      surveyEnabled: input.surveyEnabled ?? false,
    };
  }

  async create(actor: Actor, raw: ActivityInput, now = this.ctx.clock.now()): Promise<Activity> {
    requirePermission(actor, 'activities.manage');
    const input = this.normalise(raw);
    const errors: FieldErrors = {};
    await this.validate(actor.centerId, input, errors);
    const expanded = expandSchedule(input.schedule);
    if (!expanded.ok) Object.assign(errors, expanded.errors);
    else if (expanded.occurrences.some((o) => o.startsAt <= now.toISOString())) errors[dateField(input.schedule)] = 'activities.schedule.past';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const occurrences = (expanded as { occurrences: Occurrence[] }).occurrences;

    const id = newId();
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.insertActivity(trx, { id, centerId: actor.centerId, ...this.rowFields(input), archivedAt: null, createdBy: actor.userId, createdAt: at, updatedAt: at });
      await repo.setFacilitators(trx, actor.centerId, id, input.facilitatorIds);
      await repo.insertSessions(trx, occurrences.map((o) => this.sessionRow(actor.centerId, id, o, at)));
    });
    await this.changed(actor.centerId);
    return this.load(actor.centerId, id);
  }

  private sessionRow(centerId: string, activityId: string, o: Occurrence, at: string) {
    return {
      id: newId(), centerId, activityId, localDate: o.localDate, startsAt: o.startsAt, endsAt: o.endsAt, siteId: null,
      status: 'scheduled', isException: false, cancelReason: null, createdAt: at, updatedAt: at,
    };
  }

  /**
   * Changes an activity. The schedule is re-expanded only when it changed; see the rules at
   * the top of this file. Notices (moved sessions) and promotions happen after the commit.
   */
  async update(actor: Actor, id: string, patch: Partial<ActivityInput>, now = this.ctx.clock.now()): Promise<Activity> {
    requirePermission(actor, 'activities.manage');
    const current = await this.load(actor.centerId, id);
    if (current.archivedAt) throw conflict('activities.archived');
    const input = this.normalise({
      ...current,
      facilitatorIds: current.facilitators.map((f) => f.userId),
      kind: current.kind as ActivityInput['kind'],
      audience: current.audience as ActivityInput['audience'],
      theme: current.theme as ActivityInput['theme'],
      level: current.level as ActivityInput['level'],
      equipment: current.equipment as ActivityInput['equipment'],
      registrationMode: current.registrationMode as ActivityInput['registrationMode'],
      // Ages left empty in a patch fall back to the audience's, as on creation.
      ...('audience' in patch && !('minAge' in patch) ? { minAge: null, maxAge: null } : {}),
      ...patch,
    });
    const errors: FieldErrors = {};
    await this.validate(actor.centerId, input, errors);
    const at = now.toISOString();
    const scheduleChanged = !sameSchedule(input.schedule, current.schedule);
    let occurrences: Occurrence[] = [];
    if (scheduleChanged) {
      const expanded = expandSchedule(input.schedule);
      if (!expanded.ok) Object.assign(errors, expanded.errors);
      else {
        occurrences = expanded.occurrences.filter((o) => o.startsAt > at);
        if (occurrences.length === 0) errors[dateField(input.schedule)] = 'activities.schedule.noFutureOccurrence';
      }
    }
    if (Object.keys(errors).length > 0) throw invalid(errors);

    const future = await repo.listSessionsOfActivity(this.db, actor.centerId, id, { from: at });
    const counts = await repo.seatCounts(this.db, future.map((s) => s.id));
    const active = (s: SessionRow) => counts.get(s.id)!.confirmed + counts.get(s.id)!.waitlisted > 0;
    if (input.registrationMode !== current.registrationMode && future.some(active)) {
      throw conflict('activities.registrationMode.locked', { registrationMode: 'activities.registrationMode.locked' });
    }
    const crowded = future.filter((s) => s.status === 'scheduled' && counts.get(s.id)!.confirmed > input.capacity);
    if (crowded.length > 0) throw conflict('activities.capacity.belowRegistered', { capacity: 'activities.capacity.belowRegistered' });

    // Plan the schedule change: keep, move (same date, new time), add, drop.
    const moved: SessionRow[] = [];
    const toDelete: string[] = [];
    const toInsert: Occurrence[] = [];
    const blocked: SessionRow[] = [];
    if (scheduleChanged) {
      const byDate = new Map(occurrences.map((o) => [o.localDate, o]));
      for (const s of future) {
        const occurrence = byDate.get(s.localDate);
        byDate.delete(s.localDate);
        if (s.isException) continue; // moved or cancelled by hand: left as the coordinator set it
        if (occurrence) {
          if (occurrence.startsAt !== s.startsAt || occurrence.endsAt !== s.endsAt) moved.push({ ...s, startsAt: occurrence.startsAt, endsAt: occurrence.endsAt });
        } else if (active(s)) blocked.push(s);
        else toDelete.push(s.id);
      }
      toInsert.push(...byDate.values());
      if (blocked.length > 0) {
        throw conflict('activities.schedule.sessionsHaveRegistrations', { [dateField(input.schedule)]: 'activities.schedule.sessionsHaveRegistrations' });
      }
    }

    // What copies of these sessions kept elsewhere must now say: dropped, moved, or renamed.
    const sites = await this.siteMap(actor.centerId);
    const renamed = input.title !== current.title || input.siteId !== current.siteId;
    const movedById = new Map(moved.map((s) => [s.id, s]));
    const told = future
      .filter((s) => toDelete.includes(s.id) || movedById.has(s.id) || renamed)
      .map((s) => this.sessionChange(sites, input, movedById.get(s.id) ?? s, toDelete.includes(s.id)));
    await this.db.transaction().execute(async (trx) => {
      await repo.updateActivity(trx, actor.centerId, id, { ...this.rowFields(input), updatedAt: at });
      await repo.setFacilitators(trx, actor.centerId, id, input.facilitatorIds);
      await repo.deleteSessions(trx, actor.centerId, toDelete);
      for (const s of moved) await repo.updateSession(trx, actor.centerId, s.id, { startsAt: s.startsAt, endsAt: s.endsAt, updatedAt: at });
      await repo.insertSessions(trx, toInsert.map((o) => this.sessionRow(actor.centerId, id, o, at)));
      await this.ctx.sessionChanges.notify(trx, actor.centerId, told);
    });
    await this.changed(actor.centerId);

    const updated = await this.load(actor.centerId, id);
    for (const s of moved) if (active(s)) await this.notifySession(updated, s, 'sessionMoved');
    if (input.capacity > current.capacity) await this.waitlist.fillSeats(actor.centerId, id);
    return updated;
  }

  /** DELETE: archives; future sessions are cancelled with notice, past attendance stays. */
  async archive(actor: Actor, id: string, now = this.ctx.clock.now()): Promise<void> {
    requirePermission(actor, 'activities.manage');
    const activity = await this.load(actor.centerId, id);
    if (activity.archivedAt) return;
    const at = now.toISOString();
    const future = await repo.listSessionsOfActivity(this.db, actor.centerId, id, { from: at, scheduledOnly: true });
    const sites = await this.siteMap(actor.centerId);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateActivity(trx, actor.centerId, id, { archivedAt: at, updatedAt: at });
      for (const s of future) await repo.updateSession(trx, actor.centerId, s.id, { status: 'cancelled', isException: true, updatedAt: at });
      await this.ctx.sessionChanges.notify(trx, actor.centerId, future.map((s) => this.sessionChange(sites, activity, s, true)));
    });
    await this.changed(actor.centerId);
    for (const s of future) await this.notifySession(activity, s, 'sessionCancelled');
  }

  /** Moves one session (a new date, times, or place); registrations follow it, with notice. */
  async moveSession(
    actor: Actor,
    sessionId: string,
    change: { date: string; startTime: string; endTime: string; siteId?: string | null },
    now = this.ctx.clock.now(),
  ): Promise<SessionView> {
    requirePermission(actor, 'activities.manage');
    const { session, activity } = await this.session(actor.centerId, sessionId);
    if (activity.archivedAt) throw conflict('activities.archived');
    if (session.status === 'cancelled') throw conflict('activities.session.cancelled');
    const errors: FieldErrors = {};
    const date = parseLocalDate(change.date);
    const start = parseTime(change.startTime);
    const end = parseTime(change.endTime);
    if (!date) errors.date = 'activities.schedule.dateInvalid';
    if (!start) errors.startTime = 'activities.schedule.timeInvalid';
    if (!end) errors.endTime = 'activities.schedule.timeInvalid';
    if (start && end && end <= start) errors.endTime = 'activities.schedule.endBeforeStart';
    let siteId: string | null = session.siteId === activity.siteId ? null : session.siteId;
    if (change.siteId) {
      const site = isUuid(change.siteId) ? (await this.siteMap(actor.centerId)).get(change.siteId) : undefined;
      if (!site || site.archivedAt) errors.siteId = 'activities.site.unknown';
      else siteId = site.id === activity.siteId ? null : site.id;
    }
    const startsAt = date && start ? parisToUtc(date, start) : '';
    if (date && start && startsAt <= now.toISOString()) errors.date = 'activities.schedule.past';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const endsAt = parisToUtc(date!, end!);
    const at = now.toISOString();
    const sites = await this.siteMap(actor.centerId);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSession(trx, actor.centerId, sessionId, { startsAt, endsAt, siteId, isException: true, updatedAt: at });
      await this.ctx.sessionChanges.notify(trx, actor.centerId, [this.sessionChange(sites, activity, { ...session, startsAt, endsAt, siteId })]);
      await repo.updateAttendanceSnapshot(trx, actor.centerId, sessionId, {
        sessionStartsAt: startsAt, durationMinutes: Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000), siteId: siteId ?? activity.siteId,
      });
    });
    await this.changed(actor.centerId);
    const moved = (await repo.findSession(this.db, actor.centerId, sessionId))!;
    await this.notifySession(activity, moved, 'sessionMoved');
    return (await this.withSeats([moved], activity))[0]!;
  }

  /** Cancels one session; registered and waiting persons are told, registrations stay as history. */
  async cancelSession(actor: Actor, sessionId: string, reason: string | null, now = this.ctx.clock.now()): Promise<SessionView> {
    requirePermission(actor, 'activities.manage');
    const { session, activity } = await this.session(actor.centerId, sessionId);
    if (session.status === 'cancelled') return session;
    if (session.startsAt <= now.toISOString()) throw conflict('activities.session.past');
    const at = now.toISOString();
    const sites = await this.siteMap(actor.centerId);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSession(trx, actor.centerId, sessionId, { status: 'cancelled', isException: true, cancelReason: reason?.trim() || null, updatedAt: at });
      await this.ctx.sessionChanges.notify(trx, actor.centerId, [this.sessionChange(sites, activity, session, true)]);
    });
    await this.changed(actor.centerId);
    const cancelled = (await repo.findSession(this.db, actor.centerId, sessionId))!;
    await this.notifySession(activity, cancelled, 'sessionCancelled');
    return (await this.withSeats([cancelled], activity))[0]!;
  }

  /** Tells everyone registered or waiting for a session that it moved or was cancelled. */
  private async notifySession(activity: Activity, session: SessionRow, kind: 'sessionMoved' | 'sessionCancelled'): Promise<void> {
    const registrations = await repo.listRegistrationsOfSession(this.db, activity.centerId, session.id, { activeOnly: true });
    if (registrations.length === 0) return;
    const sites = await this.siteMap(activity.centerId);
    const site = sites.get(session.siteId ?? activity.siteId);
    const centre = await findCentreById(this.db, activity.centerId);
    for (const r of registrations) {
      // The key carries the new time: moving twice sends two notices, a retry none.
      const key = kind === 'sessionCancelled' ? `session-cancelled:${session.id}:${r.id}` : `session-moved:${session.id}:${session.startsAt}:${session.siteId ?? ''}:${r.id}`;
      await this.notifier.send(kind, r, {
        title: activity.title,
        sessions: [session],
        place: site ? formatPlace(site) : '',
        centreName: centre?.name ?? '',
        reason: session.cancelReason,
      }, key);
    }
  }

  localTimes(session: { startsAt: string; endsAt: string }) {
    return { ...utcToParis(session.startsAt), endTime: utcToParis(session.endsAt).time };
  }
}

