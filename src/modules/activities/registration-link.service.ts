/**
 * The resident's signed registration link (sent with every message). Rules owned here:
 * - the link names a group of registrations, signed with the centre's secret and limited in
 *   time; a bad or expired link is 404 "link_invalid", whatever the reason;
 * - through it the resident sees their registrations, adds the confirmed sessions to their
 *   own calendar (.ics), and cancels every upcoming registration of the group at once;
 * - a cancelled registration or session stays in the calendar file as CANCELLED, one
 *   SEQUENCE further, so that a calendar which imported it removes it.
 */
import type { AppContext } from '../../platform/context.ts';
import { verifyLink } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { buildCalendar, type CalendarEvent } from '../../platform/ical.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import * as repo from './activity.repository.ts';
import { formatPlace } from './activity.format.ts';
import type { ProgrammeService } from './activity.service.ts';
import { REGISTRATION_LINK, type Notifier } from './notifications.ts';
import type { PeoplePort } from './ports.ts';
import { RegistrationUseCase, type PublicGroup } from './registration.model.ts';
import type { WaitlistService } from './waitlist.service.ts';

export class RegistrationLinkService extends RegistrationUseCase {
  constructor(ctx: AppContext, programme: ProgrammeService, people: PeoplePort, notifier: Notifier, private readonly waitlist: WaitlistService) {
    super(ctx, programme, people, notifier);
  }

  /** The resident's signed link: the group's registrations and whether they can still cancel. */
  async publicGroup(token: string, now = this.ctx.clock.now()): Promise<PublicGroup> {
    const groupId = verifyLink(this.ctx.config.secret, REGISTRATION_LINK, token, now);
    if (!groupId) throw new AppError(404, 'link_invalid', 'activities.link.invalid');
    const rows = await repo.findGroup(this.db, groupId);
    if (rows.length === 0) throw new AppError(404, 'link_invalid', 'activities.link.invalid');
    const centerId = rows[0]!.centerId;
    const activity = await this.programme.load(centerId, rows[0]!.activityId);
    const sessions = await repo.findSessions(this.db, centerId, rows.map((r) => r.sessionId));
    const byId = new Map(sessions.map((s) => [s.id, s]));
    const sites = await this.programme.siteMap(centerId);
    const site = sites.get(activity.siteId);
    const registrations = rows.map((r) => ({ ...r, session: byId.get(r.sessionId)! }));
    return {
      groupId,
      activity,
      registrations,
      placeLabel: site ? formatPlace(site) : '',
      active: registrations.some((r) => r.status !== 'cancelled' && r.session.startsAt > now.toISOString() && r.session.status === 'scheduled'),
    };
  }

  /**
   * The registration as an .ics for the person's own calendar, by the same signed link: one
   * event per confirmed session (waiting-list places are not appointments yet). A cancelled
   * registration or session stays in the file as CANCELLED, one SEQUENCE further, so that a
   * calendar which imported it removes it.
   */
  async publicCalendar(token: string, now = this.ctx.clock.now()): Promise<string> {
    const group = await this.publicGroup(token, now);
    const centre = await findCentreById(this.db, group.activity.centerId);
    const events: CalendarEvent[] = group.registrations
      .filter((r) => r.status !== 'waitlisted')
      .map((r) => {
        const withdrawn = r.status === 'cancelled';
        return {
          id: r.id,
          kind: 'registration',
          title: group.activity.title,
          description: group.activity.description,
          startsAt: r.session.startsAt,
          endsAt: r.session.endsAt,
          location: group.placeLabel,
          url: `${this.ctx.config.publicUrl}/inscription/${token}`,
          cancelled: withdrawn || r.session.status === 'cancelled',
          sequence: r.session.sequence + (withdrawn ? 1 : 0),
          updatedAt: r.updatedAt > r.session.updatedAt ? r.updatedAt : r.session.updatedAt,
        };
      });
    return buildCalendar(centre?.name ?? 'Lieudit', events, 'inscription');
  }

  /** Cancels, by the signed link, every upcoming registration of the group. */
  async cancelByLink(token: string, now = this.ctx.clock.now()): Promise<PublicGroup> {
    const group = await this.publicGroup(token, now);
    const ids = group.registrations.filter((r) => r.status !== 'cancelled' && r.session.startsAt > now.toISOString()).map((r) => r.id);
    if (ids.length > 0) await this.waitlist.cancelRows(group.activity.centerId, group.activity.id, ids, 'person', now);
    return this.publicGroup(token, now);
  }
}
