/**
 * Registrations as the staff see and handle them. Rules owned here:
 * - volunteers reach the registrations (and contacts) of the sessions they run only; staff
 *   who see every person reach them all;
 * - a session's list shows the confirmed, then the waiting in their order (rank 1 is first in
 *   line), then the cancelled; a person under 18 on the day of the session is marked minor;
 * - staff cancel one registration at a time (activities.register); the seat goes to the
 *   waiting list and the person is told.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { can, seesAllPersons } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import * as repo from './activity.repository.ts';
import type { RegistrationRow } from './activity.repository.ts';
import { isMinorAt } from './activity.format.ts';
import type { ProgrammeService, SessionView } from './activity.service.ts';
import type { Notifier } from './notifications.ts';
import type { PeoplePort, PersonSummary } from './ports.ts';
import { RegistrationUseCase, type RegistrationListItem } from './registration.model.ts';
import type { WaitlistService } from './waitlist.service.ts';

export class RosterService extends RegistrationUseCase {
  constructor(ctx: AppContext, programme: ProgrammeService, people: PeoplePort, notifier: Notifier, private readonly waitlist: WaitlistService) {
    super(ctx, programme, people, notifier);
  }

  /** Staff who see every person, or a volunteer who runs this activity. */
  async canSeeContacts(actor: Actor, activityId: string): Promise<boolean> {
    if (!can(actor.role, 'activities.read')) return false;
    if (seesAllPersons(actor.role)) return true;
    return this.programme.runs(actor, activityId);
  }

  /** Registered, waiting and cancelled registrations of a session, with the persons. */
  async listForSession(actor: Actor, sessionId: string): Promise<{ detail: Awaited<ReturnType<ProgrammeService['session']>>; items: RegistrationListItem[] }> {
    requirePermission(actor, 'activities.read');
    const detail = await this.programme.session(actor.centerId, sessionId);
    if (!(await this.canSeeContacts(actor, detail.activity.id))) throw forbidden();
    const rows = await repo.listRegistrationsOfSession(this.db, actor.centerId, sessionId);
    const persons = await this.summaries(actor.centerId, rows.map((r) => r.personId));
    let rank = 0;
    const items = rows.map((r) => {
      const person = persons.get(r.personId) ?? null;
      return {
        ...r,
        person,
        minor: isMinorAt(person?.birthYear ?? null, detail.session.startsAt),
        rank: r.status === 'waitlisted' ? ++rank : null,
      };
    });
    const order = { confirmed: 0, waitlisted: 1, cancelled: 2 } as Record<string, number>;
    items.sort((a, b) => order[a.status]! - order[b.status]! || (a.rank ?? 0) - (b.rank ?? 0) || a.createdAt.localeCompare(b.createdAt));
    return { detail, items };
  }

  /** One registration with its person, for staff allowed to see the session's contacts. */
  async getForStaff(actor: Actor, registrationId: string): Promise<{ registration: RegistrationRow; person: PersonSummary | null }> {
    requirePermission(actor, 'activities.register');
    if (!isUuid(registrationId)) throw notFound();
    const registration = await repo.findRegistration(this.db, actor.centerId, registrationId);
    if (!registration) throw notFound();
    if (!(await this.canSeeContacts(actor, registration.activityId))) throw forbidden();
    return { registration, person: (await this.people.getSummary(actor.centerId, registration.personId)) ?? null };
  }

  /** Staff cancel one registration (permission activities.register); the person is told. */
  async cancel(actor: Actor, registrationId: string, now = this.ctx.clock.now()): Promise<RegistrationRow> {
    requirePermission(actor, 'activities.register');
    if (!isUuid(registrationId)) throw notFound();
    const row = await repo.findRegistration(this.db, actor.centerId, registrationId);
    if (!row) throw notFound();
    if (row.status === 'cancelled') return row;
    await this.waitlist.cancelRows(actor.centerId, row.activityId, [row.id], 'staff', now);
    await this.notifyGroup('cancelled', [row]);
    return (await repo.findRegistration(this.db, actor.centerId, registrationId))!;
  }

  async historyOf(actor: Actor, personId: string) {
    requirePermission(actor, 'activities.read');
    if (!isUuid(personId) || !(await this.people.canSee(actor, personId))) throw notFound();
    const [registrations, attendance] = await Promise.all([
      repo.listRegistrationsOfPerson(this.db, actor.centerId, personId),
      repo.listAttendanceOfPerson(this.db, actor.centerId, personId),
    ]);
    return { registrations, attendance };
  }

  /** Upcoming sessions a staff member can register a person for (the "register by phone" list). */
  async openSessions(actor: Actor, now = this.ctx.clock.now()): Promise<(SessionView & { title: string; registrationMode: string })[]> {
    requirePermission(actor, 'activities.register');
    const rows = await this.programme.upcoming(actor, { from: now.toISOString(), limit: 200 });
    return rows
      .filter((r) => r.status === 'scheduled')
      .map((r) => ({ ...r, siteId: r.siteId ?? r.activitySiteId, capacity: r.capacity }));
  }
}
