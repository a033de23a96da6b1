/**
 * The help desk's settings, kept by the coordinator. Rules owned here:
 * - a motif says what residents come for, how long it takes, what to bring, who may book it
 *   (public or staff only), the minimum delay and the booking horizon; archived, it is no
 *   longer offered but old appointments keep it;
 * - an opening is a weekly (or every-n-weeks) desk at a site, perhaps held by one staff
 *   member, who cannot hold two desks at once; one with appointments to come cannot be deleted;
 * - absences close a staff member, a site or the whole centre for days or hours;
 * - residents may cancel or change online until a deadline (4 hours before by default), and
 *   the centre may add a day-before reminder to the 48-hour one.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { compareFrench } from '../../platform/text.ts';
import { parisDate } from '../../platform/time.ts';
import type { CentreService } from '../centre/centre.service.ts';
import * as repo from './helpdesk.repository.ts';
import type { AbsenceRow, MotifRow, OpeningRow } from './helpdesk.repository.ts';
import type { AbsenceInput, MotifInput, OpeningInput, SettingsInput } from './helpdesk.schemas.ts';
import { DEFAULT_SETTINGS, toMotif, type Absence, type Motif, type Opening, type Settings } from './helpdesk.model.ts';

export class SettingsService {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
  ) {
    this.db = ctx.kysely;
  }


  async getSettings(centerId: string): Promise<Settings> {
    const row = await repo.findSettings(this.db, centerId);
    return row ? { cancelUntilHours: row.cancelUntilHours, reminderDayBefore: row.reminderDayBefore } : { ...DEFAULT_SETTINGS };
  }

  async updateSettings(actor: Actor, input: SettingsInput): Promise<Settings> {
    requirePermission(actor, 'helpdesk.manage');
    await this.db.transaction().execute(async (trx) => {
      await repo.upsertSettings(trx, { centerId: actor.centerId, ...input, updatedAt: this.ctx.clock.nowIso() });
      await audit(trx, this.ctx.clock, actor, 'update', 'helpdesk_settings', actor.centerId, { fields: Object.keys(input) });
    });
    return this.getSettings(actor.centerId);
  }

  async listMotifs(actor: Actor, options: { includeArchived?: boolean } = {}): Promise<Motif[]> {
    requirePermission(actor, 'helpdesk.desk');
    return (await repo.listMotifs(this.db, actor.centerId, options)).map(toMotif);
  }

  /** What a resident can book online: public motifs that have at least one current opening. */
  async listPublicMotifs(centerId: string): Promise<Motif[]> {
    const motifs = await repo.listMotifs(this.db, centerId, { publicOnly: true });
    const openings = await repo.listOpenings(this.db, centerId, { activeFrom: parisDate(this.ctx.clock.nowMs()) });
    const served = new Set(openings.flatMap((o) => o.motifIds));
    return motifs.filter((m) => served.has(m.id)).map(toMotif);
  }

  async getMotif(actor: Actor, id: string): Promise<Motif> {
    requirePermission(actor, 'helpdesk.desk');
    const row = isUuid(id) ? await repo.findMotif(this.db, actor.centerId, id) : undefined;
    if (!row) throw notFound();
    return toMotif(row);
  }

  /** A public motif of the centre, for the resident's pages; undefined when unknown or staff-only. */
  async findPublicMotif(centerId: string, id: string | undefined): Promise<Motif | undefined> {
    if (!id || !isUuid(id)) return undefined;
    const row = await repo.findMotif(this.db, centerId, id);
    return row && !row.archivedAt && row.bookableBy === 'public' ? toMotif(row) : undefined;
  }

  async createMotif(actor: Actor, input: MotifInput): Promise<Motif> {
    requirePermission(actor, 'helpdesk.manage');
    const now = this.ctx.clock.nowIso();
    const row: MotifRow = { id: newId(), centerId: actor.centerId, ...input, archivedAt: null, createdAt: now, updatedAt: now };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertMotif(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'helpdesk_motif', row.id);
    });
    return toMotif(row);
  }

  async updateMotif(actor: Actor, id: string, input: MotifInput & { archived?: boolean }): Promise<Motif> {
    requirePermission(actor, 'helpdesk.manage');
    const current = isUuid(id) ? await repo.findMotif(this.db, actor.centerId, id) : undefined;
    if (!current) throw notFound();
    const { archived, ...fields } = input;
    const archivedAt = archived === undefined ? current.archivedAt : archived ? (current.archivedAt ?? this.ctx.clock.nowIso()) : null;
    await this.db.transaction().execute(async (trx) => {
      await repo.updateMotif(trx, actor.centerId, id, { ...fields, archivedAt, updatedAt: this.ctx.clock.nowIso() });
      await audit(trx, this.ctx.clock, actor, 'update', 'helpdesk_motif', id, { fields: Object.keys(input) });
    });
    return toMotif((await repo.findMotif(this.db, actor.centerId, id))!);
  }

  async listOpenings(actor: Actor, options: { siteId?: string; current?: boolean } = {}): Promise<Opening[]> {
    requirePermission(actor, 'helpdesk.desk');
    const rows = await repo.listOpenings(this.db, actor.centerId, {
      siteId: options.siteId,
      activeFrom: options.current ? parisDate(this.ctx.clock.nowMs()) : undefined,
    });
    return this.describeOpenings(actor.centerId, rows);
  }

  async createOpening(actor: Actor, input: OpeningInput): Promise<Opening> {
    requirePermission(actor, 'helpdesk.manage');
    const centerId = actor.centerId;
    const errors: FieldErrors = {};
    const site = await this.centre.getSite(centerId, input.siteId);
    if (!site || site.archivedAt) errors.siteId = 'helpdesk.site.unknown';
    if (input.staffUserId) {
      const user = (await this.ctx.auth.listUsers(centerId)).find((u) => u.id === input.staffUserId);
      if (!user || !isActive(user.active) || user.role === 'partner') errors.staffUserId = 'helpdesk.opening.staff.invalid';
    }
    const motifs = await repo.listMotifs(this.db, centerId);
    const motifIds = [...new Set(input.motifIds)];
    if (motifIds.some((id) => !motifs.some((m) => m.id === id))) errors.motifIds = 'helpdesk.opening.motifs.required';
    if (Object.keys(errors).length) throw invalid(errors);

    // A staff member cannot hold two desks at once; a site desk without staff can be doubled.
    if (input.staffUserId) {
      const theirs = await repo.listOpenings(this.db, centerId, { staffUserId: input.staffUserId, activeFrom: input.startsOn });
      const clash = theirs.find(
        (o) =>
          o.weekday === input.weekday &&
          o.startTime < input.endTime &&
          input.startTime < o.endTime &&
          (!input.endsOn || o.startsOn <= input.endsOn),
      );
      if (clash) throw conflict('helpdesk.opening.overlap', { startTime: 'helpdesk.opening.overlap' });
    }
    const now = this.ctx.clock.nowIso();
    const row = {
      id: newId(),
      centerId,
      siteId: input.siteId,
      staffUserId: input.staffUserId ?? null,
      weekday: input.weekday,
      startTime: input.startTime,
      endTime: input.endTime,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      everyWeeks: input.everyWeeks,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertOpening(trx, row, motifIds);
      await audit(trx, this.ctx.clock, actor, 'create', 'helpdesk_opening', row.id);
    });
    return (await this.describeOpenings(centerId, [{ ...row, motifIds }]))[0]!;
  }

  /**
   * Removes an opening. One with appointments still to come cannot go (they would lose their
   * desk): the coordinator ends it after them, or cancels them first.
   */
  async deleteOpening(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'helpdesk.manage');
    const opening = isUuid(id) ? await repo.findOpening(this.db, actor.centerId, id) : undefined;
    if (!opening) throw notFound();
    const upcoming = (await repo.listAppointments(this.db, actor.centerId, { from: this.ctx.clock.nowIso(), status: 'booked' })).filter(
      (a) => a.openingId === id,
    );
    if (upcoming.length > 0) throw conflict('helpdesk.opening.hasAppointments');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteOpening(trx, actor.centerId, id);
      await audit(trx, this.ctx.clock, actor, 'update', 'helpdesk_opening', id, { deleted: true });
    });
  }

  async listAbsences(actor: Actor, options: { fromDate?: string } = {}): Promise<Absence[]> {
    requirePermission(actor, 'helpdesk.desk');
    const rows = await repo.listAbsences(this.db, actor.centerId, options.fromDate);
    return this.describeAbsences(actor.centerId, rows);
  }

  async createAbsence(actor: Actor, input: AbsenceInput): Promise<Absence> {
    requirePermission(actor, 'helpdesk.manage');
    const centerId = actor.centerId;
    const errors: FieldErrors = {};
    if (input.siteId) {
      const site = await this.centre.getSite(centerId, input.siteId);
      if (!site) errors.siteId = 'helpdesk.site.unknown';
    }
    if (input.staffUserId && !(await this.ctx.auth.listUsers(centerId)).some((u) => u.id === input.staffUserId)) {
      errors.staffUserId = 'helpdesk.absence.staff.invalid';
    }
    if (Object.keys(errors).length) throw invalid(errors);
    const row: AbsenceRow = {
      id: newId(),
      centerId,
      siteId: input.siteId ?? null,
      staffUserId: input.staffUserId ?? null,
      firstDay: input.firstDay,
      lastDay: input.lastDay ?? input.firstDay,
      startTime: input.startTime ?? null,
      endTime: input.endTime ?? null,
      repeatWeeklyUntil: input.repeatWeeklyUntil ?? null,
      reason: input.reason,
      createdAt: this.ctx.clock.nowIso(),
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertAbsence(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'helpdesk_absence', row.id);
    });
    return (await this.describeAbsences(centerId, [row]))[0]!;
  }

  async deleteAbsence(actor: Actor, id: string): Promise<void> {
    requirePermission(actor, 'helpdesk.manage');
    if (!isUuid(id)) throw notFound();
    await this.db.transaction().execute(async (trx) => {
      if ((await repo.deleteAbsence(trx, actor.centerId, id)) === 0) throw notFound();
      await audit(trx, this.ctx.clock, actor, 'update', 'helpdesk_absence', id, { deleted: true });
    });
  }

  private async describeOpenings(centerId: string, rows: OpeningRow[]): Promise<Opening[]> {
    const sites = new Map((await this.centre.listSites(centerId, { includeArchived: true })).map((s) => [s.id, s.name]));
    const users = new Map((await this.ctx.auth.listUsers(centerId)).map((u) => [u.id, u.displayName]));
    const motifs = new Map((await repo.listMotifs(this.db, centerId, { includeArchived: true })).map((m) => [m.id, m.name]));
    return rows.map((r) => ({
      id: r.id,
      siteId: r.siteId,
      siteName: sites.get(r.siteId) ?? '',
      staffUserId: r.staffUserId,
      staffName: r.staffUserId ? (users.get(r.staffUserId) ?? null) : null,
      weekday: r.weekday,
      startTime: r.startTime,
      endTime: r.endTime,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      everyWeeks: r.everyWeeks,
      motifIds: r.motifIds,
      motifNames: r.motifIds.map((id) => motifs.get(id) ?? '').filter(Boolean).sort(compareFrench),
    }));
  }

  private async describeAbsences(centerId: string, rows: AbsenceRow[]): Promise<Absence[]> {
    const sites = new Map((await this.centre.listSites(centerId, { includeArchived: true })).map((s) => [s.id, s.name]));
    const users = new Map((await this.ctx.auth.listUsers(centerId)).map((u) => [u.id, u.displayName]));
    return rows.map((r) => ({
      id: r.id,
      siteId: r.siteId,
      siteName: r.siteId ? (sites.get(r.siteId) ?? null) : null,
      staffUserId: r.staffUserId,
      staffName: r.staffUserId ? (users.get(r.staffUserId) ?? null) : null,
      firstDay: r.firstDay,
      lastDay: r.lastDay,
      startTime: r.startTime,
      endTime: r.endTime,
      repeatWeeklyUntil: r.repeatWeeklyUntil,
      reason: r.reason,
    }));
  }
}

function isActive(value: unknown): boolean {
  return value === true || value === 1;
}
