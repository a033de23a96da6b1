/**
 * Attendance (présence / émargement). Rules owned here:
 * - a facilitator marks each registered person present, absent or excused, from the day of
 *   the session on (never ahead of it), for a session that was not cancelled; walk-ins are
 *   added as present;
 * - volunteers mark attendance and print the sign-in sheet only for the sessions of the
 *   activities they run;
 * - each attendance row keeps the session's theme, level, equipment, duration, time and place
 *   as they were that day: every session attended counts as one collective mediation
 *   activity (type "collectif") in the reports, even after the activity changes or is archived.
 */
import { compareFrench } from '../../platform/text.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { seesAllPersons } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, forbidden, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { findCentreById, type Centre } from '../../platform/tenancy.ts';
import * as repo from './activity.repository.ts';
import type { AttendanceRow } from './activity.repository.ts';
import type { AttendanceStatus } from './activity.vocab.ts';
import { MEDIATION_TYPE } from './activity.vocab.ts';
import type { ProgrammeService, SessionDetail } from './activity.service.ts';
import type { PeoplePort, PersonSummary } from './ports.ts';
import type { RegistrationListItem } from './registration.model.ts';
import type { RegistrationService } from './registration.service.ts';
import type { RosterService } from './roster.service.ts';
import { durationMinutes, utcToParis } from './schedule.ts';

export interface AttendanceSheet {
  detail: SessionDetail;
  centre: Centre | null;
  /** Confirmed registrations, in name order, with what was recorded for them. */
  registered: (RegistrationListItem & { attendance: AttendanceStatus | null })[];
  walkIns: { person: PersonSummary | null; personId: string; status: AttendanceStatus }[];
  recorded: boolean;
  /** False before the day of the session: attendance cannot be marked yet. */
  open: boolean;
}

const byName = (a: { person: PersonSummary | null }, b: { person: PersonSummary | null }) =>
  compareFrench(`${a.person?.lastName ?? ''} ${a.person?.firstName ?? ''}`, `${b.person?.lastName ?? ''} ${b.person?.firstName ?? ''}`);

export class AttendanceService {
  constructor(
    private readonly ctx: AppContext,
    private readonly programme: ProgrammeService,
    private readonly roster: RosterService,
    private readonly registrations: RegistrationService,
    private readonly people: PeoplePort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  /** Attendance rights on a session: the permission, and for volunteers, running the activity. */
  private async allow(actor: Actor, detail: SessionDetail): Promise<void> {
    requirePermission(actor, 'activities.attendance');
    if (!seesAllPersons(actor.role) && !(await this.programme.runs(actor, detail.activity.id))) throw forbidden();
  }

  private isOpen(detail: SessionDetail, now: Date): boolean {
    return detail.session.status === 'scheduled' && utcToParis(detail.session.startsAt).date <= utcToParis(now.toISOString()).date;
  }

  async sheet(actor: Actor, sessionId: string, now = this.ctx.clock.now()): Promise<AttendanceSheet> {
    const detail = await this.programme.session(actor.centerId, sessionId);
    await this.allow(actor, detail);
    const { items } = await this.roster.listForSession(actor, sessionId);
    const attendance = await repo.listAttendance(this.db, actor.centerId, sessionId);
    const marks = new Map(attendance.map((a) => [a.personId, a]));
    const registered = items
      .filter((r) => r.status === 'confirmed')
      .map((r) => ({ ...r, attendance: (marks.get(r.personId)?.status as AttendanceStatus | undefined) ?? null }))
      .sort(byName);
    const registeredIds = new Set(registered.map((r) => r.personId));
    const walkInRows = attendance.filter((a) => !registeredIds.has(a.personId));
    const persons = await this.roster.summaries(actor.centerId, walkInRows.map((a) => a.personId));
    return {
      detail,
      centre: (await findCentreById(this.db, actor.centerId)) ?? null,
      registered,
      walkIns: walkInRows.map((a) => ({ personId: a.personId, person: persons.get(a.personId) ?? null, status: a.status as AttendanceStatus })).sort(byName),
      recorded: attendance.length > 0,
      open: this.isOpen(detail, now),
    };
  }

  /**
   * Records attendance for the listed persons (PUT: each entry sets that person's status).
   * A person not registered becomes a walk-in. Unknown persons: 422, nothing recorded.
   */
  async record(actor: Actor, sessionId: string, entries: { personId: string; status: AttendanceStatus }[], now = this.ctx.clock.now()): Promise<AttendanceRow[]> {
    const detail = await this.programme.session(actor.centerId, sessionId);
    await this.allow(actor, detail);
    if (detail.session.status === 'cancelled') throw conflict('activities.session.cancelled');
    if (!this.isOpen(detail, now)) throw conflict('activities.attendance.notYet');
    const registrations = await repo.listRegistrationsOfSession(this.db, actor.centerId, sessionId, { activeOnly: true });
    const confirmed = new Map(registrations.filter((r) => r.status === 'confirmed').map((r) => [r.personId, r]));
    const errors: FieldErrors = {};
    const unique = new Map(entries.map((e) => [e.personId, e]));
    for (const [i, entry] of [...unique.values()].entries()) {
      if (confirmed.has(entry.personId)) continue;
      const person = isUuid(entry.personId) ? await this.people.getSummary(actor.centerId, entry.personId) : undefined;
      if (!person || person.erased || person.id !== entry.personId) errors[`entries.${i}.personId`] = 'activities.person.unknown';
    }
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const at = now.toISOString();
    const { session, activity } = detail;
    const rows: AttendanceRow[] = [...unique.values()].map((entry) => ({
      id: newId(),
      centerId: actor.centerId,
      sessionId,
      activityId: activity.id,
      personId: entry.personId,
      registrationId: confirmed.get(entry.personId)?.id ?? null,
      status: entry.status,
      walkIn: !confirmed.has(entry.personId),
      mediationType: MEDIATION_TYPE,
      theme: activity.theme,
      level: activity.level,
      equipment: activity.equipment.join('|'),
      durationMinutes: durationMinutes(session.startsAt, session.endsAt),
      sessionStartsAt: session.startsAt,
      siteId: session.siteId,
      recordedBy: actor.userId,
      recordedAt: at,
    }));
    await this.db.transaction().execute((trx) => repo.upsertAttendance(trx, rows));
    return repo.listAttendance(this.db, actor.centerId, sessionId);
  }

  /**
   * Adds a walk-in: an existing person (id), or a typed identity matched on the same name and
   * birth year, else a new file (the person agreed to it at the desk).
   */
  async addWalkIn(
    actor: Actor,
    sessionId: string,
    input: { personId?: string; person?: { firstName: string; lastName: string; birthYear: number | null; commune: string | null }; dataProcessing?: boolean; parentalAuthorisation?: boolean },
    now = this.ctx.clock.now(),
  ): Promise<PersonSummary> {
    const detail = await this.programme.session(actor.centerId, sessionId);
    await this.allow(actor, detail);
    if (!this.isOpen(detail, now)) throw conflict(detail.session.status === 'cancelled' ? 'activities.session.cancelled' : 'activities.attendance.notYet');
    let person: PersonSummary | undefined;
    if (input.personId) {
      person = isUuid(input.personId) ? await this.people.visibleSummary(actor, input.personId) : undefined;
      if (!person || person.erased) throw notFound();
    } else if (input.person) {
      const { communeInsee } = this.registrations.checkRegistrant(detail.activity, detail.session, { person: { ...input.person, phone: null, email: null } }, 'staff');
      const matches = await this.people.findMatches(actor.centerId, { firstName: input.person.firstName, lastName: input.person.lastName, birthYear: input.person.birthYear });
      person = matches.find((m) => !m.erased);
      person ??= await this.people.createFromPublicForm(actor.centerId, {
        firstName: input.person.firstName,
        lastName: input.person.lastName,
        birthYear: input.person.birthYear,
        communeInsee,
        consents: [
          { kind: 'data_processing', granted: input.dataProcessing === true },
          ...(input.parentalAuthorisation !== undefined ? [{ kind: 'parental_authorisation', granted: input.parentalAuthorisation }] : []),
        ],
      }).catch((error: unknown) => {
        if (error instanceof Error && 'fields' in error) {
          const fields = (error as { fields: Record<string, string> }).fields;
          const mapped: FieldErrors = {};
          for (const [k, v] of Object.entries(fields)) mapped[k.includes('data_processing') ? 'dataProcessing' : k.includes('parental') ? 'parentalAuthorisation' : k] = v;
          throw invalid(mapped);
        }
        throw error;
      });
    } else throw invalid({ lastName: 'activities.lastName.required' });
    await this.record(actor, sessionId, [{ personId: person.id, status: 'present' }], now);
    return person;
  }

  /**
   * Sessions that took place between `from` and now (UTC instants), were not cancelled, and
   * still have no attendance recorded: the facilitators' "to do" (the home page lists them).
   * Volunteers: the sessions of the activities they run.
   */
  async untaken(actor: Actor, from: string, now = this.ctx.clock.now()): Promise<repo.SessionWithActivity[]> {
    requirePermission(actor, 'activities.attendance');
    const sessions = await repo.listSessions(this.db, actor.centerId, {
      from,
      to: now.toISOString(),
      scheduledOnly: true,
      facilitatorId: seesAllPersons(actor.role) ? undefined : (actor.userId ?? '-'),
    });
    const done = await repo.sessionIdsWithAttendance(this.db, actor.centerId, sessions.map((s) => s.id));
    return sessions.filter((s) => !done.has(s.id) && s.endsAt <= now.toISOString());
  }
}
