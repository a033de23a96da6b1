/**
 * Accompaniment records (comptes rendus), in the national vocabulary. Rules owned here:
 * - a record follows an appointment or a drop-in, which it closes as seen (one record each),
 *   or stands on its own (a question at the end of a workshop), never in the future;
 * - details that look like a password or credentials are refused with an explanation;
 * - volunteers read the records they wrote; the others every record of the centre.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { seesAllPersons } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService } from '../people/person.service.ts';
import * as repo from './helpdesk.repository.ts';
import type { AccompanimentRow, AppointmentRow } from './helpdesk.repository.ts';
import type { AccompanimentInput } from './helpdesk.schemas.ts';
import { refuseSecrets, toAccompaniment, type Accompaniment } from './helpdesk.model.ts';
import type { AppointmentReader } from './appointments.ts';

export class AccompanimentService {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
    private readonly people: PeopleService,
    private readonly appointments: AppointmentReader,
  ) {
    this.db = ctx.kysely;
  }


  /**
   * Records an accompaniment: after an appointment or a drop-in (which it closes as seen), or
   * on its own (a question at the end of a workshop). Refuses details that look like a secret.
   */
  async recordAccompaniment(actor: Actor, input: AccompanimentInput): Promise<Accompaniment> {
    requirePermission(actor, 'helpdesk.desk');
    const centerId = actor.centerId;
    refuseSecrets({ details: input.details });
    const now = this.ctx.clock.nowIso();
    let appointment: AppointmentRow | undefined;
    let personId = input.personId ?? null;
    let siteId = input.siteId ?? null;
    let occurredAt = input.occurredAt ?? now;
    let procedureCategory: string | null = input.procedureCategory ?? null;
    let origin: 'appointment' | 'drop_in' | 'other' = 'other';
    if (input.appointmentId) {
      appointment = await this.appointments.visible(actor, input.appointmentId);
      if (appointment.status !== 'booked') throw conflict('helpdesk.outcome.cancelled');
      if (Date.parse(appointment.startAt) > this.ctx.clock.nowMs()) throw conflict('helpdesk.outcome.tooEarly');
      if (appointment.outcome && appointment.outcome !== 'seen') throw conflict('helpdesk.accompaniment.notSeen');
      personId = appointment.personId;
      siteId = appointment.siteId;
      occurredAt = appointment.startAt;
      origin = appointment.kind === 'drop_in' ? 'drop_in' : 'appointment';
      procedureCategory ??= (await repo.findMotif(this.db, centerId, appointment.motifId))?.procedureCategory ?? null;
    } else {
      if (personId && !(await this.people.canSee(actor, personId))) throw invalid({ personId: 'helpdesk.booking.person.unknown' });
      if (siteId && !(await this.centre.getSite(centerId, siteId))) throw invalid({ siteId: 'helpdesk.site.unknown' });
      if (Date.parse(occurredAt) > this.ctx.clock.nowMs() + 5 * 60_000) throw invalid({ occurredAt: 'helpdesk.accompaniment.occurredAt.future' });
    }
    const row = this.rowOf(actor, input, { personId, appointmentId: appointment?.id ?? null, siteId, occurredAt, procedureCategory, origin, now });
    try {
      await this.db.transaction().execute(async (trx) => {
        if (appointment && appointment.outcome !== 'seen') {
          await repo.updateAppointment(trx, centerId, appointment.id, { outcome: 'seen', outcomeAt: now, outcomeBy: actor.userId, updatedAt: now });
        }
        await repo.insertAccompaniment(trx, row);
        await audit(trx, this.ctx.clock, actor, 'create', 'accompaniment', row.id, { appointmentId: row.appointmentId });
      });
    } catch (error) {
      if (repo.isUniqueViolation(error)) throw conflict('helpdesk.accompaniment.exists');
      throw error;
    }
    return toAccompaniment(row);
  }

  /**
   * A home visit's record written inside the caller's transaction (the navette's visit report,
   * place type `domicile`): on its own, for a person the caller has already checked. Reads
   * nothing outside `trx`, so that it can run inside another module's transaction.
   */
  async recordInTransaction(
    trx: Transaction<Database>,
    actor: Actor,
    input: Omit<AccompanimentInput, 'appointmentId' | 'siteId' | 'personId'> & { personId: string },
  ): Promise<Accompaniment> {
    requirePermission(actor, 'helpdesk.desk');
    refuseSecrets({ details: input.details });
    const now = this.ctx.clock.nowIso();
    const occurredAt = input.occurredAt ?? now;
    if (Date.parse(occurredAt) > this.ctx.clock.nowMs() + 5 * 60_000) throw invalid({ occurredAt: 'helpdesk.accompaniment.occurredAt.future' });
    const row = this.rowOf(actor, input, {
      personId: input.personId, appointmentId: null, siteId: null, occurredAt, procedureCategory: input.procedureCategory ?? null, origin: 'other', now,
    });
    await repo.insertAccompaniment(trx, row);
    await audit(trx, this.ctx.clock, actor, 'create', 'accompaniment', row.id, { placeType: row.placeType });
    return toAccompaniment(row);
  }

  private rowOf(
    actor: Actor,
    input: Pick<AccompanimentInput, 'durationMinutes' | 'placeType' | 'equipment' | 'themes' | 'details' | 'autonomy' | 'redirected' | 'redirectStructure' | 'followUp'>,
    facts: { personId: string | null; appointmentId: string | null; siteId: string | null; occurredAt: string; procedureCategory: string | null; origin: 'appointment' | 'drop_in' | 'other'; now: string },
  ): AccompanimentRow {
    return {
      id: newId(),
      centerId: actor.centerId,
      personId: facts.personId,
      appointmentId: facts.appointmentId,
      siteId: facts.siteId,
      recordedBy: actor.userId,
      occurredAt: facts.occurredAt,
      durationMinutes: input.durationMinutes,
      placeType: input.placeType,
      equipment: input.equipment.join('|'),
      themes: [...new Set(input.themes)].join('|'),
      procedureCategory: facts.procedureCategory,
      details: input.details,
      autonomy: input.autonomy,
      redirected: input.redirected,
      redirectStructure: input.redirected ? (input.redirectStructure ?? null) : null,
      followUp: input.followUp,
      origin: facts.origin,
      createdAt: facts.now,
      updatedAt: facts.now,
    };
  }

  async listAccompaniments(actor: Actor, filter: { from?: string; to?: string; personId?: string; limit?: number; offset?: number } = {}): Promise<Accompaniment[]> {
    requirePermission(actor, 'helpdesk.desk');
    if (filter.personId && !(await this.people.canSee(actor, filter.personId))) throw notFound();
    const rows = await repo.listAccompaniments(this.db, actor.centerId, {
      ...filter,
      // Volunteers read the records they wrote; the others every record of the centre.
      recordedBy: seesAllPersons(actor.role) ? undefined : (actor.userId ?? '-'),
    });
    return rows.map(toAccompaniment);
  }

  async getAccompaniment(actor: Actor, id: string): Promise<Accompaniment> {
    requirePermission(actor, 'helpdesk.desk');
    const row = isUuid(id) ? await repo.findAccompaniment(this.db, actor.centerId, id) : undefined;
    if (!row || (!seesAllPersons(actor.role) && row.recordedBy !== actor.userId)) throw notFound();
    return toAccompaniment(row);
  }
}
