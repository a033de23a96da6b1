/**
 * Reading appointments, for every help-desk service. Rules owned here:
 * - volunteers see only the appointments of their own desks (or that they booked), and the
 *   persons of those; an appointment they may not see is 404, as if it did not exist;
 * - past its start, still booked and without an outcome, an appointment "needs an outcome".
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { seesAllPersons } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import type { CentreService } from '../centre/centre.service.ts';
import type { PeopleService, PersonSummary } from '../people/person.service.ts';
import * as repo from './helpdesk.repository.ts';
import type { AppointmentRow } from './helpdesk.repository.ts';
import type { BookingChannel, Outcome } from './helpdesk.vocab.ts';
import { siteAddress, type Appointment, type DeskAppointment } from './helpdesk.model.ts';

/** Appointment rows → what pages and the API show, with the visibility rule of the staff. */
export class AppointmentReader {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
    private readonly people: PeopleService,
  ) {
    this.db = ctx.kysely;
  }

  /** An appointment of the actor's centre that they may handle (volunteers: their own desk). */
  async visible(actor: Actor, id: string): Promise<AppointmentRow> {
    requirePermission(actor, 'helpdesk.desk');
    const row = isUuid(id) ? await repo.findAppointment(this.db, actor.centerId, id) : undefined;
    if (!row) throw notFound();
    if (!seesAllPersons(actor.role) && row.staffUserId !== actor.userId && row.bookedBy !== actor.userId) throw notFound();
    return row;
  }

  async load(centerId: string, rows: AppointmentRow[]): Promise<Appointment[]> {
    if (rows.length === 0) return [];
    const motifs = new Map((await repo.listMotifs(this.db, centerId, { includeArchived: true })).map((m) => [m.id, m]));
    const sites = new Map((await this.centre.listSites(centerId, { includeArchived: true })).map((s) => [s.id, s]));
    const records = new Map<string, string>();
    for (const row of rows) {
      const record = await repo.findAccompanimentOfAppointment(this.db, centerId, row.id);
      if (record) records.set(row.id, record.id);
    }
    const now = this.ctx.clock.nowIso();
    return rows.map((row) => {
      const motif = motifs.get(row.motifId);
      const site = sites.get(row.siteId);
      return {
        id: row.id,
        motifId: row.motifId,
        motifName: motif?.name ?? '',
        whatToBring: motif?.whatToBring ?? null,
        procedureCategory: motif?.procedureCategory ?? '',
        siteId: row.siteId,
        siteName: site?.name ?? '',
        siteAddress: site ? siteAddress(site) : null,
        startAt: row.startAt,
        endAt: row.endAt,
        kind: row.kind as Appointment['kind'],
        channel: row.channel as BookingChannel,
        status: row.status as Appointment['status'],
        outcome: row.outcome as Outcome | null,
        staffUserId: row.staffUserId,
        personId: row.personId,
        note: row.note,
        cancelledAt: row.cancelledAt,
        cancelledBy: row.cancelledBy,
        createdAt: row.createdAt,
        needsOutcome: row.status === 'booked' && row.outcome === null && row.startAt <= now,
        accompanimentId: records.get(row.id) ?? null,
      };
    });
  }

  async withPersons(centerId: string, appointments: Appointment[]): Promise<DeskAppointment[]> {
    const cache = new Map<string, PersonSummary | null>();
    const out: DeskAppointment[] = [];
    for (const a of appointments) {
      let person: PersonSummary | null = null;
      if (a.personId) {
        if (!cache.has(a.personId)) cache.set(a.personId, (await this.people.getSummary(centerId, a.personId)) ?? null);
        person = cache.get(a.personId) ?? null;
      }
      out.push({ ...a, person });
    }
    return out;
  }
}
