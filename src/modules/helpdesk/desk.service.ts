/**
 * The staff's desk. Rules owned here:
 * - a resident who walks in is added to the day's drop-ins in a few taps;
 * - after its start time an appointment is closed with an outcome (seen, excused, no-show),
 *   which the no-show rates of the last 90 days count; one with a record stays "seen";
 * - the day shows a desk's appointments with what is left to close; the week, across sites,
 *   is the coordinator's; volunteers see only their own desks.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { seesAllPersons } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { addDays, mondayOf, parisDate, parisToUtcMs } from '../../platform/time.ts';
import type { CentreService, Site } from '../centre/centre.service.ts';
import type { PeopleService } from '../people/person.service.ts';
import * as repo from './helpdesk.repository.ts';
import type { AppointmentPatch, DropInInput } from './helpdesk.schemas.ts';
import { isCalendarDate } from './helpdesk.schemas.ts';
import type { Outcome } from './helpdesk.vocab.ts';
import {
  DAY, refuseSecrets, toAccompaniment, type Appointment, type DayView, type DeskAppointment, type PersonHistory, type RateRow, type WeekView,
} from './helpdesk.model.ts';
import type { AppointmentReader } from './appointments.ts';
import type { BookingService } from './booking.service.ts';

export class DeskService {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
    private readonly people: PeopleService,
    private readonly appointments: AppointmentReader,
    private readonly booking: BookingService,
  ) {
    this.db = ctx.kysely;
  }


  /** Today's date in Paris ("YYYY-MM-DD"), by the app's clock. */
  today(): string {
    return parisDate(this.ctx.clock.nowMs());
  }

  /** A resident walks in: added to the desk's drop-in list of the day, in a few taps. */
  async recordDropIn(actor: Actor, input: DropInInput): Promise<Appointment> {
    requirePermission(actor, 'helpdesk.desk');
    const centerId = actor.centerId;
    const motif = await repo.findMotif(this.db, centerId, input.motifId);
    if (!motif || motif.archivedAt) throw invalid({ motifId: 'helpdesk.motif.unknown' });
    const site = await this.centre.getSite(centerId, input.siteId);
    if (!site || site.archivedAt) throw invalid({ siteId: 'helpdesk.site.unknown' });
    if (input.personId && !(await this.people.canSee(actor, input.personId))) throw invalid({ personId: 'helpdesk.booking.person.unknown' });
    refuseSecrets({ note: input.note });
    const id = newId();
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.insertAppointment(trx, {
        id,
        centerId,
        motifId: motif.id,
        siteId: site.id,
        openingId: null,
        staffUserId: actor.userId,
        // A drop-in holds no slot: its own key keeps it out of the no-double-booking index.
        deskKey: `drop_in:${id}`,
        startAt: now,
        endAt: new Date(Date.parse(now) + motif.durationMinutes * 60_000).toISOString(),
        kind: 'drop_in',
        channel: 'desk',
        status: 'booked',
        personId: input.personId ?? null,
        note: input.note,
        outcome: null,
        outcomeAt: null,
        outcomeBy: null,
        cancelledAt: null,
        cancelledBy: null,
        bookedBy: actor.userId,
        reminderDoneAt: now,
        dayBeforeDoneAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await audit(trx, this.ctx.clock, actor, 'create', 'appointment', id, { kind: 'drop_in' });
    });
    return (await this.appointments.load(centerId, [(await repo.findAppointment(this.db, centerId, id))!]))[0]!;
  }

  async getAppointment(actor: Actor, id: string): Promise<DeskAppointment> {
    const row = await this.appointments.visible(actor, id);
    const [appointment] = await this.appointments.withPersons(actor.centerId, await this.appointments.load(actor.centerId, [row]));
    if (appointment!.personId) await audit(this.db, this.ctx.clock, actor, 'view', 'appointment', id);
    return appointment!;
  }

  async patchAppointment(actor: Actor, id: string, patch: AppointmentPatch): Promise<Appointment> {
    if (patch.action === 'cancel') return this.booking.cancel(actor, id);
    if (patch.action === 'outcome') return this.setOutcome(actor, id, patch.outcome);
    return this.booking.move(actor, id, patch.startAt, patch.siteId);
  }

  async setOutcome(actor: Actor, id: string, outcome: Outcome): Promise<Appointment> {
    const row = await this.appointments.visible(actor, id);
    if (row.status !== 'booked') throw conflict('helpdesk.outcome.cancelled');
    if (Date.parse(row.startAt) > this.ctx.clock.nowMs()) throw conflict('helpdesk.outcome.tooEarly');
    if (outcome !== 'seen' && (await repo.findAccompanimentOfAppointment(this.db, actor.centerId, id))) {
      throw conflict('helpdesk.outcome.hasRecord');
    }
    await this.db.transaction().execute(async (trx) => {
      await repo.updateAppointment(trx, actor.centerId, id, { outcome, outcomeAt: this.ctx.clock.nowIso(), outcomeBy: actor.userId, updatedAt: this.ctx.clock.nowIso() });
      await audit(trx, this.ctx.clock, actor, 'update', 'appointment', id, { outcome });
    });
    return (await this.appointments.load(actor.centerId, [(await repo.findAppointment(this.db, actor.centerId, id))!]))[0]!;
  }

  /** A staff member's day at the desk: appointments with phone and need, drop-ins, and what is left to close. */
  async day(actor: Actor, date: string, siteId?: string): Promise<DayView> {
    requirePermission(actor, 'helpdesk.desk');
    if (!isCalendarDate(date)) throw invalid({ date: 'helpdesk.day.invalid' });
    const from = new Date(parisToUtcMs(date, 0)).toISOString();
    const to = new Date(parisToUtcMs(date, 1440)).toISOString();
    const mine = seesAllPersons(actor.role) ? undefined : (actor.userId ?? '-');
    const rows = await repo.listAppointments(this.db, actor.centerId, { from, to, siteId, staffUserId: mine });
    const earlier = (
      await repo.listAppointments(this.db, actor.centerId, {
        from: new Date(Date.parse(from) - 60 * DAY).toISOString(),
        to: from < this.ctx.clock.nowIso() ? from : this.ctx.clock.nowIso(),
        siteId,
        staffUserId: mine,
        status: 'booked',
      })
    ).filter((a) => a.outcome === null);
    const all = await this.appointments.withPersons(actor.centerId, await this.appointments.load(actor.centerId, [...rows, ...earlier]));
    const today = all.slice(0, rows.length);
    return {
      date,
      siteId: siteId ?? null,
      appointments: today.filter((a) => a.kind === 'appointment'),
      dropIns: today.filter((a) => a.kind === 'drop_in'),
      toClose: all.slice(rows.length),
    };
  }

  /** Appointments and drop-ins from one Paris day to another (inclusive); volunteers: their own desks. */
  async listAppointments(actor: Actor, range: { fromDate: string; toDate: string; siteId?: string }): Promise<Appointment[]> {
    requirePermission(actor, 'helpdesk.desk');
    const rows = await repo.listAppointments(this.db, actor.centerId, {
      from: new Date(parisToUtcMs(range.fromDate, 0)).toISOString(),
      to: new Date(parisToUtcMs(range.toDate, 1440)).toISOString(),
      siteId: range.siteId,
      staffUserId: seesAllPersons(actor.role) ? undefined : (actor.userId ?? '-'),
    });
    return this.appointments.load(actor.centerId, rows);
  }

  /** The coordinator's week across sites, and the no-show rates of the last 90 days. */
  async week(actor: Actor, anyDate: string): Promise<WeekView> {
    requirePermission(actor, 'helpdesk.overview');
    if (!isCalendarDate(anyDate)) throw invalid({ date: 'helpdesk.day.invalid' });
    const monday = mondayOf(anyDate);
    const from = new Date(parisToUtcMs(monday, 0)).toISOString();
    const to = new Date(parisToUtcMs(addDays(monday, 7), 0)).toISOString();
    const rows = await repo.listAppointments(this.db, actor.centerId, { from, to, status: 'booked' });
    const appointments = await this.appointments.withPersons(actor.centerId, await this.appointments.load(actor.centerId, rows));
    const sites = await this.centre.listSites(actor.centerId, { includeArchived: true });
    const days = Array.from({ length: 7 }, (_, i) => {
      const date = addDays(monday, i);
      const ofDay = appointments.filter((a) => parisDate(a.startAt) === date);
      return {
        date,
        sites: sites
          .map((site) => ({ site, appointments: ofDay.filter((a) => a.siteId === site.id) }))
          .filter((s) => s.appointments.length > 0),
      };
    });
    return { monday, days, rates: await this.rates(actor.centerId, sites) };
  }

  private async rates(centerId: string, sites: Site[]): Promise<WeekView['rates']> {
    const now = this.ctx.clock.nowMs();
    const from = new Date(now - 90 * DAY).toISOString();
    const to = new Date(now).toISOString();
    const counts = await repo.countOutcomes(this.db, centerId, from, to);
    const motifs = await repo.listMotifs(this.db, centerId, { includeArchived: true });
    const tally = (id: string, name: string, rows: typeof counts): RateRow => {
      const sum = (outcome: string | null) => rows.filter((r) => r.outcome === outcome).reduce((n, r) => n + r.n, 0);
      const seen = sum('seen');
      const excused = sum('excused');
      const noShow = sum('no_show');
      const closed = seen + excused + noShow;
      return { id, name, seen, excused, noShow, open: sum(null), noShowRate: closed ? noShow / closed : null };
    };
    const byMotif = motifs.map((m) => tally(m.id, m.name, counts.filter((c) => c.motifId === m.id))).filter((r) => r.seen + r.excused + r.noShow + r.open > 0);
    const bySite = sites.map((s) => tally(s.id, s.name, counts.filter((c) => c.siteId === s.id))).filter((r) => r.seen + r.excused + r.noShow + r.open > 0);
    return { from, to, byMotif, bySite, total: tally('total', '', counts) };
  }

  /** What a person's file shows of the help desk: their appointments and accompaniment records. */
  async personHistory(actor: Actor, personId: string): Promise<PersonHistory> {
    requirePermission(actor, 'helpdesk.desk');
    if (!(await this.people.canSee(actor, personId))) throw notFound();
    const appointments = await this.appointments.load(actor.centerId, await repo.listAppointments(this.db, actor.centerId, { personId }));
    const accompaniments = (await repo.listAccompaniments(this.db, actor.centerId, { personId })).map(toAccompaniment);
    return { appointments: appointments.reverse(), accompaniments };
  }
}
