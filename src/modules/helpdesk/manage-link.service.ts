/**
 * The resident's signed "cancel or change" link. Rules owned here:
 * - the link names the appointment alone, is signed with the app's secret and expires a day
 *   after the appointment; a forged, expired or unknown one is 404;
 * - through it the resident cancels or moves until the centre's deadline (4 hours before by
 *   default), and downloads the appointment for their own calendar.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Config } from '../../config.ts';
import type { AppContext } from '../../platform/context.ts';
import { signLink, verifyLink } from '../../platform/crypto.ts';
import { buildCalendar } from '../../platform/ical.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { isMobilePhone } from '../../platform/text.ts';
import type { PeopleService } from '../people/person.service.ts';
import * as repo from './helpdesk.repository.ts';
import { distinctSlots } from './slots.ts';
import { DAY, HOUR, onlineActor, type Appointment, type ManagedAppointment, type PublicSlot } from './helpdesk.model.ts';
import type { AvailabilityService } from './availability.service.ts';
import type { AppointmentReader } from './appointments.ts';
import type { BookingService } from './booking.service.ts';
import type { SettingsService } from './settings.service.ts';

const LINK_PURPOSE = 'helpdesk.appointment';

/** The resident's signed page for one appointment (token and full address). */
export function manageLink(config: Pick<Config, 'secret' | 'publicUrl'>, appointment: Pick<Appointment, 'id' | 'startAt'>): { manageToken: string; manageUrl: string } {
  // Valid until a day after the appointment; cancelling or moving is checked against the row.
  // The payload is the appointment id alone (ids are unique across centres): the link stays short.
  const token = signLink(config.secret, LINK_PURPOSE, appointment.id, new Date(Date.parse(appointment.startAt) + DAY));
  return { manageToken: token, manageUrl: `${config.publicUrl}/rendez-vous/gerer/${token}` };
}

export class ManageLinkService {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeopleService,
    private readonly settings: SettingsService,
    private readonly availability: AvailabilityService,
    private readonly appointments: AppointmentReader,
    private readonly booking: BookingService,
  ) {
    this.db = ctx.kysely;
  }


  /** The appointment behind a signed link; 404 for a forged, expired or unknown one. */
  async fromToken(token: string): Promise<ManagedAppointment> {
    const id = verifyLink(this.ctx.config.secret, LINK_PURPOSE, token, this.ctx.clock.now());
    if (!id || !isUuid(id)) throw notFound();
    // The signature proves the holder was given this appointment: it names its own centre.
    const row = await repo.findAppointmentBySignedId(this.db, id);
    if (!row) throw notFound();
    const centerId = row.centerId;
    const [appointment] = await this.appointments.load(centerId, [row]);
    const settings = await this.settings.getSettings(centerId);
    const centre = await findCentreById(this.db, centerId);
    const deadline = new Date(Date.parse(row.startAt) - settings.cancelUntilHours * HOUR);
    const person = row.personId ? await this.people.getSummary(centerId, row.personId) : undefined;
    return {
      contactChannel: person?.email ? 'email' : isMobilePhone(person?.phone) ? 'sms' : null,
      appointment: appointment!,
      centreId: centerId,
      centrePhone: centre?.phone ?? null,
      deadline: deadline.toISOString(),
      canChange: row.status === 'booked' && this.ctx.clock.nowMs() <= deadline.getTime(),
    };
  }

  /** The appointment as an .ics file for the resident's own calendar, by the same signed link. */
  async calendarByToken(token: string): Promise<string> {
    const managed = await this.fromToken(token);
    const appointment = managed.appointment;
    const row = (await repo.findAppointment(this.db, managed.centreId, appointment.id))!;
    const centre = await findCentreById(this.db, managed.centreId);
    return buildCalendar(centre?.name ?? 'Lieudit', [{
      id: appointment.id,
      kind: 'booking',
      title: translate('fr', 'helpdesk.ics.title', { motif: appointment.motifName }),
      description: appointment.whatToBring ? translate('fr', 'helpdesk.mail.bring', { list: appointment.whatToBring }).trim() : null,
      startsAt: appointment.startAt,
      endsAt: appointment.endAt,
      location: [appointment.siteName, appointment.siteAddress].filter(Boolean).join(', '),
      url: manageLink(this.ctx.config, appointment).manageUrl,
      cancelled: appointment.status === 'cancelled',
      sequence: row.sequence,
      updatedAt: row.updatedAt,
    }], 'rendez-vous');
  }

  async cancelByToken(token: string): Promise<Appointment> {
    const managed = await this.fromToken(token);
    const row = (await repo.findAppointment(this.db, managed.centreId, managed.appointment.id))!;
    if (row.status !== 'booked') return managed.appointment; // cancelling twice is harmless
    if (!managed.canChange) throw conflict('helpdesk.cancel.tooLate');
    return this.booking.doCancel(onlineActor(managed.centreId), row, 'person');
  }

  async moveByToken(token: string, startAt: string): Promise<Appointment> {
    const managed = await this.fromToken(token);
    const row = (await repo.findAppointment(this.db, managed.centreId, managed.appointment.id))!;
    if (row.status !== 'booked') throw conflict('helpdesk.cancel.already');
    if (!managed.canChange) throw conflict('helpdesk.move.tooLate');
    return this.booking.doMove(onlineActor(managed.centreId), row, startAt, row.siteId, false);
  }

  /** Free slots to move a resident's appointment to (its own slot excluded from the busy ones). */
  async slotsForMove(token: string): Promise<{ managed: ManagedAppointment; slots: PublicSlot[] }> {
    const managed = await this.fromToken(token);
    const motif = (await repo.findMotif(this.db, managed.centreId, managed.appointment.motifId))!;
    const now = this.ctx.clock.nowMs();
    const list = await this.availability.freeSlots(this.db, managed.centreId, motif, {
      siteId: managed.appointment.siteId,
      from: now,
      to: now + motif.horizonDays * DAY,
      staff: false,
      excludeAppointmentId: managed.appointment.id,
    });
    return {
      managed,
      slots: distinctSlots(list)
        .filter((s) => s.startAt !== managed.appointment.startAt)
        .map((s) => ({ startAt: s.startAt, endAt: s.endAt, siteId: s.siteId })),
    };
  }
}
