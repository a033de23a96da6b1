/**
 * Booking, moving and cancelling an appointment. Rules owned here:
 * - residents book without an account (public motifs only, a way to reach them, consent to
 *   the processing of their data, within the day's limits per contact and address); staff
 *   book any motif, by phone, for anyone they see; a resident booking twice keeps one file;
 * - a confirmation goes out on booking and on every change or cancellation;
 * - an appointment is moved or cancelled only before its start.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, forbidden, invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { nameLinkErrors } from '../../platform/public-forms/public-forms.ts';
import { foldText } from '../../platform/text.ts';
import type { CentreService, Site } from '../centre/centre.service.ts';
import type { PeopleService, PersonSummary } from '../people/person.service.ts';
import * as repo from './helpdesk.repository.ts';
import type { AppointmentRow, MotifRow } from './helpdesk.repository.ts';
import type { ReminderChoice } from './helpdesk.vocab.ts';
import { onlineActor, refuseSecrets, type Appointment, type BookingInput, type BookingResult } from './helpdesk.model.ts';
import type { AvailabilityService } from './availability.service.ts';
import type { AppointmentReader } from './appointments.ts';
import { manageLink } from './manage-link.service.ts';
import type { Notifier } from './notifications.ts';

export class BookingService {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
    private readonly people: PeopleService,
    private readonly availability: AvailabilityService,
    private readonly appointments: AppointmentReader,
    private readonly notifier: Notifier,
  ) {
    this.db = ctx.kysely;
  }


  /**
   * Books a slot. `actor` null: a resident without an account (public motifs, contact and
   * consent required, a person file created or matched). With an actor: staff booking by
   * phone, for a known person (`personId`) or a new one.
   * Throws 422 for a slot that is not offered at all, 409 when it was taken meanwhile.
   */
  async book(actor: Actor | null, centerId: string, input: BookingInput): Promise<BookingResult> {
    if (actor) {
      requirePermission(actor, 'helpdesk.desk');
      if (actor.centerId !== centerId) throw forbidden();
    }
    const staff = actor !== null;
    const motif = await repo.findMotif(this.db, centerId, input.motifId);
    if (!motif || motif.archivedAt || (!staff && motif.bookableBy !== 'public')) throw invalid({ motifId: 'helpdesk.motif.unknown' });
    const site = await this.centre.getSite(centerId, input.siteId);
    if (!site || site.archivedAt) throw invalid({ siteId: 'helpdesk.site.unknown' });
    let known: PersonSummary | undefined;
    if (input.personId) {
      if (!actor) throw invalid({ personId: 'helpdesk.booking.person.staffOnly' });
      known = (await this.people.canSee(actor, input.personId)) ? await this.people.getSummary(centerId, input.personId) : undefined;
      if (!known || known.erased) throw invalid({ personId: 'helpdesk.booking.person.unknown' });
    } else if (input.consent !== true) {
      throw invalid({ consent: staff ? 'helpdesk.booking.consent.staff' : 'helpdesk.booking.consent.required' });
    }
    refuseSecrets({ note: input.note });
    if (!known) {
      const linked = nameLinkErrors({ firstName: input.firstName, lastName: input.lastName });
      if (Object.keys(linked).length) throw invalid(linked);
    }
    if (Date.parse(input.startAt) <= this.ctx.clock.nowMs()) throw invalid({ startAt: 'helpdesk.booking.slot.past' });

    // A resident online counts against the day's limits (per contact, per address); a lost
    // race or a refused person gives the count back.
    const submission = staff
      ? null
      : await this.ctx.publicForms.reserve({ centerId, kind: 'appointment', email: input.email, phone: input.phone, ip: input.ip });
    let result: BookingResult;
    try {
      result = await this.bookCounted(actor, centerId, input, motif, site, known);
    } catch (error) {
      if (submission) await this.ctx.publicForms.release(submission);
      throw error;
    }
    // Linked to the person, so that their erasure removes the count too.
    if (submission && result.appointment.personId) await this.ctx.publicForms.attach(submission, result.appointment.personId);
    return result;
  }

  private async bookCounted(
    actor: Actor | null,
    centerId: string,
    input: BookingInput,
    motif: MotifRow,
    site: Site,
    known: PersonSummary | undefined,
  ): Promise<BookingResult> {
    const staff = actor !== null;
    const id = newId();
    const now = this.ctx.clock.nowIso();
    await this.availability.takeSlot(centerId, motif, site.id, input.startAt, staff, null, async (trx, chosen) => {
      await repo.insertAppointment(trx, {
        id,
        centerId,
        motifId: motif.id,
        siteId: site.id,
        openingId: chosen.openingId,
        staffUserId: chosen.staffUserId,
        deskKey: chosen.deskKey,
        startAt: chosen.startAt,
        endAt: chosen.endAt,
        kind: 'appointment',
        channel: staff ? 'phone' : 'online',
        status: 'booked',
        // Filled in right after: the slot is taken first, so that a lost race creates nothing.
        personId: known?.id ?? null,
        note: input.note ?? null,
        outcome: null,
        outcomeAt: null,
        outcomeBy: null,
        cancelledAt: null,
        cancelledBy: null,
        bookedBy: actor?.userId ?? null,
        reminderDoneAt: null,
        dayBeforeDoneAt: null,
        createdAt: now,
        updatedAt: now,
      });
    });

    let person: PersonSummary;
    try {
      person = known ?? (await this.matchOrCreatePerson(centerId, input, actor));
      if (known && input.reminder) await this.recordReminderChoice(centerId, known.id, input.reminder, actor);
    } catch (error) {
      // The person could not be registered: give the slot back, the request changed nothing.
      await repo.deleteAppointment(this.db, centerId, id);
      throw error;
    }
    const who = actor ?? onlineActor(centerId);
    await this.db.transaction().execute(async (trx) => {
      if (!known) await repo.updateAppointment(trx, centerId, id, { personId: person.id });
      await audit(trx, this.ctx.clock, who, 'create', 'appointment', id, { motifId: motif.id, siteId: site.id, channel: staff ? 'phone' : 'online' });
    });
    const appointment = (await this.appointments.load(centerId, [(await repo.findAppointment(this.db, centerId, id))!]))[0]!;
    await this.notifier.sendConfirmation(centerId, appointment, person, 'booked');
    return { appointment, ...manageLink(this.ctx.config, appointment) };
  }

  /**
   * A resident's file: the same person if names and a contact match exactly (so that one
   * resident booking twice keeps one file), otherwise a new file with their consents.
   */
  private async matchOrCreatePerson(centerId: string, input: BookingInput, actor: Actor | null): Promise<PersonSummary> {
    const firstName = input.firstName!;
    const lastName = input.lastName!;
    const matches = await this.people.findMatches(centerId, { firstName, lastName, phone: input.phone ?? null, email: input.email ?? null });
    const same = matches.find(
      (m) =>
        !m.erased &&
        foldText(m.firstName ?? '') === foldText(firstName) &&
        foldText(m.lastName ?? '') === foldText(lastName) &&
        ((input.phone && m.phone === input.phone) || (input.email && m.email === input.email)),
    );
    if (same) {
      await this.people.recordConsent(centerId, same.id, 'data_processing', true, actor?.userId ?? null);
      if (input.reminder) await this.recordReminderChoice(centerId, same.id, input.reminder, actor);
      return same;
    }
    return this.people.createFromPublicForm(centerId, {
      firstName,
      lastName,
      phone: input.phone ?? null,
      email: input.email ?? null,
      consents: [
        { kind: 'data_processing', granted: true },
        { kind: 'sms_reminders', granted: input.reminder === 'sms' },
        { kind: 'email_reminders', granted: input.reminder === 'email' },
      ],
    });
  }

  private async recordReminderChoice(centerId: string, personId: string, choice: ReminderChoice, actor: Actor | null): Promise<void> {
    await this.people.recordConsent(centerId, personId, 'sms_reminders', choice === 'sms', actor?.userId ?? null);
    await this.people.recordConsent(centerId, personId, 'email_reminders', choice === 'email', actor?.userId ?? null);
  }

  async cancel(actor: Actor, id: string): Promise<Appointment> {
    const row = await this.appointments.visible(actor, id);
    if (row.status !== 'booked') throw conflict('helpdesk.cancel.already');
    if (Date.parse(row.startAt) <= this.ctx.clock.nowMs()) throw conflict('helpdesk.cancel.past');
    return this.doCancel(actor, row, 'staff');
  }

  async move(actor: Actor, id: string, startAt: string, siteId?: string): Promise<Appointment> {
    const row = await this.appointments.visible(actor, id);
    if (row.kind !== 'appointment') throw conflict('helpdesk.move.dropIn');
    if (row.status !== 'booked') throw conflict('helpdesk.cancel.already');
    if (Date.parse(row.startAt) <= this.ctx.clock.nowMs()) throw conflict('helpdesk.move.past');
    return this.doMove(actor, row, startAt, siteId ?? row.siteId, true);
  }

  async doMove(actor: Actor, row: AppointmentRow, startAt: string, siteId: string, staff: boolean): Promise<Appointment> {
    const centerId = row.centerId;
    if (Date.parse(startAt) <= this.ctx.clock.nowMs()) throw invalid({ startAt: 'helpdesk.booking.slot.past' });
    const motif = (await repo.findMotif(this.db, centerId, row.motifId))!;
    const site = await this.centre.getSite(centerId, siteId);
    if (!site || site.archivedAt) throw invalid({ siteId: 'helpdesk.site.unknown' });
    await this.availability.takeSlot(centerId, motif, siteId, startAt, staff, row.id, async (trx, slot) => {
      await repo.updateAppointment(trx, centerId, row.id, {
        siteId,
        openingId: slot.openingId,
        staffUserId: slot.staffUserId,
        deskKey: slot.deskKey,
        startAt: slot.startAt,
        endAt: slot.endAt,
        reminderDoneAt: null,
        dayBeforeDoneAt: null,
        updatedAt: this.ctx.clock.nowIso(),
      });
      await audit(trx, this.ctx.clock, actor, 'update', 'appointment', row.id, { moved: true });
    });
    const appointment = (await this.appointments.load(centerId, [(await repo.findAppointment(this.db, centerId, row.id))!]))[0]!;
    const person = appointment.personId ? await this.people.getSummary(centerId, appointment.personId) : undefined;
    if (person) await this.notifier.sendConfirmation(centerId, appointment, person, 'moved');
    return appointment;
  }

  async doCancel(actor: Actor, row: AppointmentRow, by: 'person' | 'staff'): Promise<Appointment> {
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateAppointment(trx, row.centerId, row.id, { status: 'cancelled', cancelledAt: now, cancelledBy: by, updatedAt: now });
      await audit(trx, this.ctx.clock, actor, 'update', 'appointment', row.id, { cancelled: by });
    });
    const appointment = (await this.appointments.load(row.centerId, [(await repo.findAppointment(this.db, row.centerId, row.id))!]))[0]!;
    const person = appointment.personId ? await this.people.getSummary(row.centerId, appointment.personId) : undefined;
    if (person) await this.notifier.sendCancellation(row.centerId, appointment, person, by);
    return appointment;
  }
}
