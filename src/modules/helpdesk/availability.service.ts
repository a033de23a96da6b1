/**
 * Free slots and taking one. Rules owned here:
 * - free slots are openings − public holidays − absences − booked appointments, sliced by the
 *   motif's duration, within its minimum delay and booking horizon (slots.ts decides); staff
 *   see every motif and skip the minimum delay;
 * - a slot is never booked twice: bookings of one desk are serialised (a row lock on its
 *   openings) and re-check availability inside the transaction, and a partial unique index
 *   on booked appointments stands behind them; the loser gets 409 with the next free slots.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { addDays, parisDate, parisToUtcMs, timeToMinutes } from '../../platform/time.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { formatSlot } from './helpdesk.format.ts';
import * as repo from './helpdesk.repository.ts';
import type { AbsenceRow, MotifRow, OpeningRow } from './helpdesk.repository.ts';
import { isCalendarDate } from './helpdesk.schemas.ts';
import { computeSlots, deskKeyOf, distinctSlots, type AbsenceRule, type MotifRule, type OpeningRule, type Slot } from './slots.ts';
import { DAY, toMotif, type NextOpening, type PlaceChoice, type PublicSlot, type SlotsResult } from './helpdesk.model.ts';

/** The longest range one slot query may cover. */
const MAX_RANGE_DAYS = 93;
/** How far "the next opening" looks when the booking window has no free slot. */
const NEXT_OPENING_DAYS = 366;

export class AvailabilityService {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
  ) {
    this.db = ctx.kysely;
  }


  /**
   * Free slots of a motif (public: public motifs only, minimum delay applied; staff: any
   * motif, minimum delay waived). `from`/`to` are calendar dates (Paris) or instants; by
   * default from now to the motif's horizon.
   */
  async slots(
    centerId: string,
    query: { motifId: string; siteId?: string; from?: string; to?: string },
    audience: 'public' | 'staff' = 'public',
  ): Promise<SlotsResult> {
    const motif = isUuid(query.motifId) ? await repo.findMotif(this.db, centerId, query.motifId) : undefined;
    if (!motif || motif.archivedAt || (audience === 'public' && motif.bookableBy !== 'public')) {
      throw new AppError(404, 'not_found', 'helpdesk.motif.unknown', { motif: 'helpdesk.motif.unknown' });
    }
    if (query.siteId) {
      const site = await this.centre.getSite(centerId, query.siteId);
      if (!site || site.archivedAt) throw new AppError(404, 'not_found', 'helpdesk.site.unknown', { site: 'helpdesk.site.unknown' });
    }
    const now = this.ctx.clock.nowMs();
    const from = query.from ? instantOf(query.from, 'start') : now;
    const to = query.to ? instantOf(query.to, 'end') : Math.max(from, now) + motif.horizonDays * DAY;
    if (!(to > from)) throw invalid({ to: 'helpdesk.slots.range.invalid' });
    if (to - from > MAX_RANGE_DAYS * DAY) throw invalid({ to: 'helpdesk.slots.range.tooLong' });
    const list = await this.freeSlots(this.db, centerId, motif, { siteId: query.siteId, from, to, staff: audience === 'staff' });
    return {
      motif: toMotif(motif),
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      slots: distinctSlots(list).map((s) => ({ startAt: s.startAt, endAt: s.endAt, siteId: s.siteId })),
    };
  }

  /** The places where a motif is served, each with its first free slot (question 2 of the booking). */
  async placesFor(centerId: string, motifId: string, audience: 'public' | 'staff' = 'public'): Promise<PlaceChoice[]> {
    const motif = await repo.findMotif(this.db, centerId, motifId);
    if (!motif || motif.archivedAt) return [];
    const openings = await repo.listOpenings(this.db, centerId, { motifId, activeFrom: parisDate(this.ctx.clock.nowMs()) });
    const siteIds = [...new Set(openings.map((o) => o.siteId))];
    const sites = (await this.centre.listSites(centerId)).filter((s) => siteIds.includes(s.id) && !s.archivedAt);
    const now = this.ctx.clock.nowMs();
    const free = distinctSlots(
      await this.freeSlots(this.db, centerId, motif, { from: now, to: now + motif.horizonDays * DAY, staff: audience === 'staff' }),
    );
    return sites.map((site) => ({ site, firstSlot: free.find((s) => s.siteId === site.id)?.startAt ?? null }));
  }

  /**
   * When no slot is free within the motif's booking window: the first free slot beyond it
   * (up to a year ahead), so the resident learns when the desk opens again. Null if none.
   */
  async nextOpening(centerId: string, motifId: string, siteId?: string): Promise<NextOpening | null> {
    const motif = await repo.findMotif(this.db, centerId, motifId);
    if (!motif || motif.archivedAt) return null;
    const now = this.ctx.clock.nowMs();
    const farther = { ...motif, horizonDays: NEXT_OPENING_DAYS };
    const [first] = distinctSlots(await this.freeSlots(this.db, centerId, farther, { siteId, from: now, to: now + NEXT_OPENING_DAYS * DAY, staff: false }));
    if (!first) return null;
    const site = await this.centre.getSite(centerId, first.siteId);
    return { startAt: first.startAt, siteId: first.siteId, siteName: site?.name ?? '' };
  }

  /** The next free slots after a time, for pages that propose alternatives. */
  async nextFreeSlots(centerId: string, motifId: string, siteId: string, after: string, count = 3, audience: 'public' | 'staff' = 'public'): Promise<PublicSlot[]> {
    const motif = await repo.findMotif(this.db, centerId, motifId);
    if (!motif) return [];
    const now = this.ctx.clock.nowMs();
    const free = distinctSlots(await this.freeSlots(this.db, centerId, motif, { siteId, from: now, to: now + motif.horizonDays * DAY, staff: audience === 'staff' }));
    return free
      .filter((s) => s.startAt > after)
      .slice(0, count)
      .map((s) => ({ startAt: s.startAt, endAt: s.endAt, siteId: s.siteId }));
  }

  async freeSlots(
    db: Kysely<Database>,
    centerId: string,
    motif: MotifRow,
    options: { siteId?: string; from: number; to: number; staff: boolean; excludeAppointmentId?: string; ignoreBooked?: boolean },
  ): Promise<Slot[]> {
    const fromIso = new Date(options.from).toISOString();
    const toIso = new Date(options.to).toISOString();
    const openings = await repo.listOpenings(db, centerId, { motifId: motif.id, siteId: options.siteId, activeFrom: parisDate(options.from) });
    if (openings.length === 0) return [];
    const absences = await repo.listAbsences(db, centerId, addDays(parisDate(options.from), -7));
    const deskKeys = [...new Set(openings.map(deskKeyOf))];
    const booked = options.ignoreBooked
      ? []
      : (await repo.listBookedRanges(db, centerId, fromIso, toIso, deskKeys)).filter((b) => b.id !== options.excludeAppointmentId);
    return computeSlots({
      motif: motifRule(motif),
      openings: openings.map(openingRule),
      absences: absences.map(absenceRule),
      booked,
      from: fromIso,
      to: toIso,
      now: this.ctx.clock.nowIso(),
      siteId: options.siteId,
      ignoreMinDelay: options.staff,
    });
  }

  /**
   * Finds a free desk for `startAt` and runs `write` in the transaction that holds it.
   * Each candidate desk is locked, re-checked and only then written: concurrent bookings of
   * one desk go one after the other, and the loser sees the winner's row.
   */
  async takeSlot(
    centerId: string,
    motif: MotifRow,
    siteId: string,
    startAt: string,
    staff: boolean,
    excludeAppointmentId: string | null,
    write: (trx: Kysely<Database>, slot: Slot) => Promise<void>,
  ): Promise<Slot> {
    const start = Date.parse(startAt);
    const window = { siteId, from: start, to: start + 1, staff, excludeAppointmentId: excludeAppointmentId ?? undefined };
    const offered = (await this.freeSlots(this.db, centerId, motif, { ...window, ignoreBooked: true })).filter((s) => Date.parse(s.startAt) === start);
    if (offered.length === 0) throw invalid({ startAt: 'helpdesk.booking.slot.notOffered' });
    const free = (await this.freeSlots(this.db, centerId, motif, window)).filter((s) => Date.parse(s.startAt) === start);
    for (const slot of free) {
      try {
        const done = await this.db.transaction().execute(async (trx) => {
          await repo.lockDesk(trx, centerId, { openingId: slot.openingId, staffUserId: slot.staffUserId });
          const clash = (await repo.listBookedRanges(trx, centerId, slot.startAt, slot.endAt, [slot.deskKey])).some(
            (b) => b.id !== excludeAppointmentId,
          );
          if (clash) return false;
          await write(trx, slot);
          return true;
        });
        if (done) return slot;
      } catch (error) {
        // The unique index caught what the lock did not (it should not happen): same answer.
        if (!repo.isUniqueViolation(error)) throw error;
      }
    }
    throw await this.slotTaken(centerId, motif, siteId, startAt, staff);
  }

  /** 409 with the next free slots of the same motif and place, in words. */
  private async slotTaken(centerId: string, motif: MotifRow, siteId: string, startAt: string, staff: boolean): Promise<AppError> {
    const now = this.ctx.clock.nowMs();
    const free = distinctSlots(await this.freeSlots(this.db, centerId, motif, { siteId, from: now, to: now + motif.horizonDays * DAY, staff }));
    const after = free.filter((s) => s.startAt > startAt);
    const next = (after.length ? after : free).slice(0, 3);
    return new AppError(
      409,
      'slot_taken',
      next.length ? 'helpdesk.booking.slot.taken' : 'helpdesk.booking.slot.takenNoOther',
      { startAt: 'helpdesk.booking.slot.takenShort' },
      { next: next.map((s) => formatSlot(s.startAt, 'fr', new Date(now))).join(' ; ') },
    );
  }
}

function motifRule(row: MotifRow): MotifRule {
  return { id: row.id, durationMinutes: row.durationMinutes, minDelayMinutes: row.minDelayHours * 60, horizonDays: row.horizonDays };
}

function openingRule(row: OpeningRow): OpeningRule {
  return {
    id: row.id,
    siteId: row.siteId,
    staffUserId: row.staffUserId,
    weekday: row.weekday,
    startTime: row.startTime,
    endTime: row.endTime,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    everyWeeks: row.everyWeeks,
    motifIds: row.motifIds,
  };
}

function absenceRule(row: AbsenceRow): AbsenceRule {
  return {
    siteId: row.siteId,
    staffUserId: row.staffUserId,
    firstDay: row.firstDay,
    lastDay: row.lastDay,
    startTime: row.startTime,
    endTime: row.endTime,
    repeatWeeklyUntil: row.repeatWeeklyUntil,
  };
}

/** A calendar date is the start (00:00) or end (24:00) of that Paris day; an instant is itself. */
function instantOf(value: string, edge: 'start' | 'end'): number {
  if (isCalendarDate(value)) return parisToUtcMs(value, edge === 'start' ? 0 : timeToMinutes('24:00'));
  return Date.parse(value);
}
