/**
 * Assignments: a team member to an activity session (facilitator), to a help-desk opening on
 * a date, or to a confirmed navette tour (driver or facilitator in the car). Rules owned here:
 * - coordinators and admins assign (team.manage); every member reads their own week;
 * - before saving, the conflicts are computed and shown — another assignment at the same time,
 *   an absence, a time outside the weekly availability, a required training not followed
 *   (by the person's role or for this kind of assignment); saving with conflicts needs an
 *   explicit confirmation, and the confirmed conflicts are kept with the assignment;
 * - the same person twice on the same session or opening date is refused (it is not a
 *   conflict to confirm, it is a duplicate);
 * - a cancelled session or a date the opening does not happen on cannot be assigned;
 * - an assignment keeps its title, place and times, so that "my week" and the calendar feed
 *   read them without asking the other modules; an assignment to a session follows it when it
 *   moves, is renamed or cancelled (the activities module tells, ctx.sessionChanges), and a
 *   cancelled one stays listed as cancelled rather than disappearing from a subscribed calendar;
 *   an assignment to a tour follows it the same way (the navette tells, ctx.tourChanges); only
 *   a confirmed tour can be assigned (a draft may still change, a cancelled one will not run);
 * - who runs a session: the assignments here are the one source of truth for a session; the
 *   activity's facilitators (activities module) say who may run the activity and are shown on
 *   a session's page only while nobody is assigned to it (ctx.assignedStaff, read by
 *   activities); a tour's road sheet shows its team the same way (read by the shuttle).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { SessionChange } from '../../platform/session-changes.ts';
import type { TourChange } from '../../platform/tour-changes.ts';
import type { AssignedStaffMember, StaffedSlot } from '../../platform/assigned-staff.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { addDays, mondayOf, parisDate, parisToUtc } from '../../platform/time.ts';
import type { ProfileService } from './profile.service.ts';
import type { OpeningsPort, SessionsPort, TourChoice, ToursPort } from './ports.ts';
import { findConflicts, openingDays, openingOccursOn, openingTimes, type Conflict } from './schedule.ts';
import * as repo from './team.repository.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AssignmentKind } from './team.vocab.ts';
import { compareFrench } from '../../platform/text.ts';

/** How far ahead the assignment form offers sessions and openings. */
const HORIZON_DAYS = 42;

/** What to assign to: `session:<id>`, `helpdesk:<openingId>:<YYYY-MM-DD>` or `tour:<id>`. */
export interface Slot {
  kind: AssignmentKind;
  sessionId: string | null;
  openingId: string | null;
  tourId: string | null;
  day: string;
  startsAt: string;
  endsAt: string;
  title: string;
  place: string | null;
}

export interface SlotChoice {
  value: string;
  kind: AssignmentKind;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
}

export type AssignResult = { saved: true; assignment: repo.AssignmentRow } | { saved: false; slot: Slot; conflicts: Conflict[] };

export class AssignmentService {
  constructor(
    private readonly ctx: AppContext,
    private readonly profiles: ProfileService,
    private readonly sessions: SessionsPort,
    private readonly openings: OpeningsPort,
    private readonly tours: ToursPort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  today(): string {
    return parisDate(this.ctx.clock.now());
  }

  /** Sessions, help-desk dates and confirmed navette tours of the coming weeks, in time order. */
  async choices(actor: Actor): Promise<SlotChoice[]> {
    requirePermission(actor, 'team.manage');
    const first = this.today();
    const last = addDays(first, HORIZON_DAYS);
    const sessions = await this.sessions.sessions(actor.centerId, this.ctx.clock.nowIso(), parisToUtc(last, '00:00'));
    const out: SlotChoice[] = sessions
      .filter((s) => !s.cancelled)
      .map((s) => ({ value: `session:${s.id}`, kind: 'session', title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, place: s.place }));
    for (const rule of await this.openings.openings(actor.centerId)) {
      for (const day of openingDays(rule, first, last)) {
        out.push({ value: `helpdesk:${rule.id}:${day}`, kind: 'helpdesk', title: this.helpdeskTitle(), place: rule.siteName, ...openingTimes(rule, day) });
      }
    }
    for (const tour of await this.tours.tours(actor.centerId, first)) {
      if (tour.day <= last) out.push({ value: `tour:${tour.id}`, kind: 'tour', title: this.tourTitle(tour), startsAt: tour.startsAt, endsAt: tour.endsAt, place: null });
    }
    return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || compareFrench(a.title, b.title));
  }

  /** Kept with the assignment, as the feed and the week show it (French, the centre's language). */
  private helpdeskTitle(): string {
    return translate('fr', 'team.helpdeskTitle');
  }

  private tourTitle(tour: TourChoice): string {
    return translate('fr', 'team.tourTitle', { count: tour.visits });
  }

  /** The slot a choice names; a field error when it names nothing assignable. */
  async resolve(centerId: string, value: string): Promise<Slot> {
    const refused = () => invalid({ slot: 'team.assign.slotRequired' });
    const [kind, id, day] = value.split(':');
    if (kind === 'session' && id && isUuid(id)) {
      const s = await this.sessions.session(centerId, id);
      if (!s || s.cancelled) throw refused();
      return { kind: 'session', sessionId: s.id, openingId: null, tourId: null, day: parisDate(s.startsAt), startsAt: s.startsAt, endsAt: s.endsAt, title: s.title, place: s.place };
    }
    if (kind === 'helpdesk' && id && isUuid(id) && day && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
      const rule = (await this.openings.openings(centerId)).find((o) => o.id === id);
      if (!rule || !openingOccursOn(rule, day)) throw refused();
      return { kind: 'helpdesk', sessionId: null, openingId: rule.id, tourId: null, day, ...openingTimes(rule, day), title: this.helpdeskTitle(), place: rule.siteName };
    }
    if (kind === 'tour' && id && isUuid(id) && day === undefined) {
      const tour = await this.tours.tour(centerId, id);
      if (!tour) throw refused();
      return { kind: 'tour', sessionId: null, openingId: null, tourId: tour.id, day: tour.day, startsAt: tour.startsAt, endsAt: tour.endsAt, title: this.tourTitle(tour), place: null };
    }
    throw refused();
  }

  /** The conflicts assigning this person to this slot would meet. */
  async conflicts(centerId: string, userId: string, slot: Slot): Promise<Conflict[]> {
    const user = await this.profiles.user(centerId, userId);
    const [overlapping, absences, profile, missing] = await Promise.all([
      repo.overlappingAssignments(this.db, centerId, user.id, slot.startsAt, slot.endsAt),
      repo.absencesOn(this.db, centerId, user.id, slot.day),
      this.profiles.profileOf(centerId, user.id),
      this.profiles.missingTrainings(centerId, user, slot.kind),
    ]);
    return findConflicts({ slot, overlapping, absences, availability: profile.availability, missingTrainings: missing });
  }

  /**
   * Assigns when there is no conflict or `confirm` is given; otherwise answers the conflicts
   * and saves nothing.
   */
  async assign(actor: Actor, input: { userId: string; slot: string; confirm: boolean }): Promise<AssignResult> {
    requirePermission(actor, 'team.manage');
    if (!isUuid(input.userId)) throw invalid({ userId: 'team.assign.memberRequired' });
    const user = await this.profiles.user(actor.centerId, input.userId).catch(() => {
      throw invalid({ userId: 'team.assign.memberRequired' });
    });
    if (!user.active) throw invalid({ userId: 'team.assign.memberInactive' });
    const slot = await this.resolve(actor.centerId, input.slot);
    const overlapping = await repo.overlappingAssignments(this.db, actor.centerId, user.id, slot.startsAt, slot.endsAt);
    if (overlapping.some((a) => a.kind === slot.kind && a.sessionId === slot.sessionId && a.openingId === slot.openingId && a.tourId === slot.tourId && a.day === slot.day)) {
      throw conflict('team.assign.already', { slot: 'team.assign.already' });
    }
    const conflicts = await this.conflicts(actor.centerId, user.id, slot);
    if (conflicts.length > 0 && !input.confirm) return { saved: false, slot, conflicts };
    const now = this.ctx.clock.nowIso();
    const row: repo.AssignmentRow = {
      id: newId(), centerId: actor.centerId, userId: user.id, kind: slot.kind, sessionId: slot.sessionId, openingId: slot.openingId, tourId: slot.tourId, day: slot.day,
      startsAt: slot.startsAt, endsAt: slot.endsAt, title: slot.title, place: slot.place,
      confirmedConflicts: conflicts.length > 0 ? JSON.stringify(conflicts.map((c) => c.kind)) : null,
      cancelledAt: null, sequence: 0, createdBy: actor.userId, createdAt: now, updatedAt: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertAssignment(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'team_assignment', row.id, { userId: user.id, kind: slot.kind, conflicts: conflicts.map((c) => c.kind) });
    });
    return { saved: true, assignment: row };
  }

  /** The staff assigned to a session that still takes place (the session's page shows them). */
  staffOf(centerId: string, slot: StaffedSlot): Promise<AssignedStaffMember[]> {
    return isUuid(slot.id) ? repo.staffOf(this.db, centerId, slot) : Promise.resolve([]);
  }

  /** The sessions changed in the programme: their assignments follow, in the same transaction. */
  async followSessions(trx: Kysely<Database>, centerId: string, changes: readonly SessionChange[]): Promise<void> {
    const at = this.ctx.clock.nowIso();
    for (const change of changes) {
      const { title, place, startsAt, endsAt, cancelled } = change;
      await repo.followSlot(trx, centerId, { kind: 'session', id: change.sessionId }, { title, place, startsAt, endsAt, cancelled, day: parisDate(startsAt) }, at);
    }
  }

  /** The navette's tours changed (called off): their assignments follow, in the same transaction. */
  async followTours(trx: Kysely<Database>, centerId: string, changes: readonly TourChange[]): Promise<void> {
    const at = this.ctx.clock.nowIso();
    for (const { tourId, startsAt, endsAt, cancelled } of changes) {
      await repo.followSlot(trx, centerId, { kind: 'tour', id: tourId }, { startsAt, endsAt, cancelled, day: parisDate(startsAt) }, at);
    }
  }

  async get(actor: Actor, id: string): Promise<repo.AssignmentRow> {
    requirePermission(actor, 'team.read');
    const row = isUuid(id) ? await repo.findAssignment(this.db, actor.centerId, id) : undefined;
    if (!row) throw notFound();
    return row;
  }

  async remove(actor: Actor, id: string): Promise<repo.AssignmentRow> {
    requirePermission(actor, 'team.manage');
    const row = await this.get(actor, id);
    await this.db.transaction().execute(async (trx) => {
      if ((await repo.deleteAssignment(trx, actor.centerId, row.id)) === 0) throw notFound();
      await audit(trx, this.ctx.clock, actor, 'update', 'team_assignment', row.id, { deleted: true });
    });
    return row;
  }

  /** A member's assignments from a date, for `days` days. */
  async listFor(actor: Actor, userId: string, fromDay: string, days: number): Promise<repo.AssignmentRow[]> {
    requirePermission(actor, 'team.read');
    return repo.listAssignments(this.db, actor.centerId, { userId, from: parisToUtc(fromDay, '00:00'), to: parisToUtc(addDays(fromDay, days), '00:00') });
  }

  /** The actor's own week (Monday to Sunday, Paris time) containing `day` (default: today). */
  async myWeek(actor: Actor, day?: string): Promise<{ monday: string; assignments: repo.AssignmentRow[] }> {
    requirePermission(actor, 'team.read');
    const monday = mondayOf(day ?? this.today());
    if (!actor.userId) return { monday, assignments: [] };
    return { monday, assignments: await this.listFor(actor, actor.userId, monday, 7) };
  }
}
