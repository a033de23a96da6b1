/**
 * The help desk's messages. Rules owned here:
 * - the confirmation (on booking, on a move) and the cancellation notice go to the contact the
 *   person gave: their e-mail, else a mobile phone;
 * - the 48-hour reminder (and the optional day-before one) goes out once per start time, never
 *   for a cancelled appointment, nor for one booked inside the window, and only on a channel
 *   the person consented to (checked when it is sent);
 * - a message quotes only the first name the person typed, reduced to letters.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { translate } from '../../platform/i18n/index.ts';
import { safeName } from '../../platform/public-forms/public-forms.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { formatPhone, isMobilePhone } from '../../platform/text.ts';
import type { PeopleService, PersonSummary } from '../people/person.service.ts';
import { formatSlot } from './helpdesk.format.ts';
import * as repo from './helpdesk.repository.ts';
import type { AppointmentRow } from './helpdesk.repository.ts';
import { HOUR, type Appointment } from './helpdesk.model.ts';
import type { AppointmentReader } from './appointments.ts';
import { manageLink } from './manage-link.service.ts';
import type { SettingsService } from './settings.service.ts';

export class Notifier {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeopleService,
    private readonly settings: SettingsService,
    private readonly appointments: AppointmentReader,
  ) {
    this.db = ctx.kysely;
  }


  /**
   * Sends the reminders that are due: 48 hours before (and the day before, where the centre
   * wants it). Idempotent: each appointment is dealt with once per start time (a column
   * marks it, and the outbox dedupe key stands behind it should two runs overlap). Nothing
   * for a cancelled appointment; nothing without the person's consent for that channel.
   * Appointments booked inside the window get none: their confirmation is fresh.
   */
  async sendReminders(now: Date = this.ctx.clock.now()): Promise<{ queued: number; skipped: number }> {
    let queued = 0;
    let skipped = 0;
    const nowMs = now.getTime();
    const dayBeforeCentres = new Set(await repo.centresWithDayBeforeReminder(this.db));
    for (const [kind, hours] of [['reminder48', 48], ['dayBefore', 24]] as const) {
      const due = await repo.listUpcomingAllCentres(this.db, now.toISOString(), new Date(nowMs + hours * HOUR).toISOString(), kind);
      for (const row of due) {
        const start = Date.parse(row.startAt);
        const column = kind === 'reminder48' ? 'reminderDoneAt' : 'dayBeforeDoneAt';
        let sent = false;
        const wanted = kind === 'reminder48' || dayBeforeCentres.has(row.centerId);
        if (wanted && Date.parse(row.createdAt) <= start - hours * HOUR && row.personId) {
          sent = await this.queueReminder(row, kind);
        }
        if (sent) queued++;
        else skipped++;
        await repo.updateAppointment(this.db, row.centerId, row.id, { [column]: now.toISOString() });
      }
    }
    return { queued, skipped };
  }

  private async queueReminder(row: AppointmentRow, kind: 'reminder48' | 'dayBefore'): Promise<boolean> {
    const person = await this.people.getSummary(row.centerId, row.personId!);
    if (!person || person.erased) return false;
    const consents = await this.people.currentConsents(row.centerId, person.id);
    // A landline cannot receive an SMS: the reminder goes by e-mail when the person accepted it, or not at all.
    const channel = consents.sms_reminders && isMobilePhone(person.phone) ? 'sms' : consents.email_reminders && person.email ? 'email' : null;
    if (!channel) return false;
    const [appointment] = await this.appointments.load(row.centerId, [row]);
    const words = await this.messageWords(row.centerId, appointment!, person);
    const key = kind === 'reminder48' ? 'reminder48' : 'reminder24';
    return this.ctx.outbox.queue({
      centerId: row.centerId,
      channel,
      recipient: channel === 'sms' ? person.phone! : person.email!,
      subject: channel === 'email' ? translate('fr', 'helpdesk.mail.reminder.subject', words) : undefined,
      body: translate('fr', channel === 'sms' ? 'helpdesk.sms.reminder' : 'helpdesk.mail.reminder.body', words),
      dedupeKey: `${key}:appointment:${row.id}:${row.startAt}`,
      relatedType: 'appointment',
      relatedId: row.id,
      personId: person.id,
    });
  }

  private async messageWords(centerId: string, appointment: Appointment, person: PersonSummary) {
    const centre = await findCentreById(this.db, centerId);
    const settings = await this.settings.getSettings(centerId);
    const place = [appointment.siteName, appointment.siteAddress].filter(Boolean).join(', ');
    return {
      // Only the first name the person typed, reduced to letters: nothing else they typed is quoted.
      name: safeName(person.firstName),
      motif: appointment.motifName,
      date: formatSlot(appointment.startAt, 'fr', this.ctx.clock.now()),
      place,
      bring: appointment.whatToBring ? translate('fr', 'helpdesk.mail.bring', { list: appointment.whatToBring }) : '',
      link: manageLink(this.ctx.config, appointment).manageUrl,
      calendarLink: `${manageLink(this.ctx.config, appointment).manageUrl}/agenda.ics`,
      hours: settings.cancelUntilHours,
      centre: [centre?.name, centre?.phone ? formatPhone(centre.phone) : null].filter(Boolean).join(' – '),
    };
  }

  /** The confirmation goes to the contact the person gave (it is the service they asked for). */
  async sendConfirmation(centerId: string, appointment: Appointment, person: PersonSummary, what: 'booked' | 'moved'): Promise<void> {
    const channel = person.email ? 'email' : isMobilePhone(person.phone) ? 'sms' : null;
    if (!channel) return;
    const words = await this.messageWords(centerId, appointment, person);
    const prefix = what === 'booked' ? 'confirm' : 'moved';
    await this.ctx.outbox.queue({
      centerId,
      channel,
      recipient: channel === 'sms' ? person.phone! : person.email!,
      subject: channel === 'email' ? translate('fr', `helpdesk.mail.${prefix}.subject`, words) : undefined,
      body: translate('fr', channel === 'sms' ? `helpdesk.sms.${prefix}` : `helpdesk.mail.${prefix}.body`, words),
      dedupeKey: `confirmation:appointment:${appointment.id}:${appointment.startAt}`,
      relatedType: 'appointment',
      relatedId: appointment.id,
      personId: person.id,
    });
  }

  async sendCancellation(centerId: string, appointment: Appointment, person: PersonSummary, by: 'person' | 'staff'): Promise<void> {
    const channel = person.email ? 'email' : isMobilePhone(person.phone) ? 'sms' : null;
    if (!channel) return;
    const words = await this.messageWords(centerId, appointment, person);
    const body = by === 'person' ? 'cancelledByPerson' : 'cancelledByStaff';
    await this.ctx.outbox.queue({
      centerId,
      channel,
      recipient: channel === 'sms' ? person.phone! : person.email!,
      subject: channel === 'email' ? translate('fr', 'helpdesk.mail.cancelled.subject', words) : undefined,
      body: translate('fr', channel === 'sms' ? `helpdesk.sms.${body}` : `helpdesk.mail.${body}`, words),
      dedupeKey: `cancelled:appointment:${appointment.id}`,
      relatedType: 'appointment',
      relatedId: appointment.id,
      personId: person.id,
    });
  }
}
