/**
 * The help desk (permanences e-administratives). Rules owned here:
 * - free slots are openings − public holidays − absences − booked appointments, sliced by the
 *   motif's duration, within its minimum delay and booking horizon (slots.ts decides);
 * - a slot is never booked twice: bookings of one desk are serialised (a row lock on its
 *   openings) and re-check availability inside the transaction, and a partial unique index
 *   on booked appointments stands behind them; the loser gets 409 with the next free slots;
 * - residents book without an account (public motifs only, a way to reach them, consent to
 *   the processing of their data) and cancel or change with a signed link until the centre's
 *   deadline (4 hours before by default); staff book any motif, by phone, for anyone they see;
 * - a confirmation goes out on booking and on every change; the 48-hour reminder (and the
 *   optional day-before one) goes out once, never for a cancelled appointment, and only on a
 *   channel the person consented to (checked when it is sent);
 * - after its start time an appointment is closed with an outcome (seen, excused, no-show),
 *   which the no-show rates count; an accompaniment record closes it as seen;
 * - notes and records never keep a password or credentials: text that looks like one is
 *   refused with an explanation (looks-like-secret.ts);
 * - volunteers see only the appointments of their own desks, and the persons of those.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../../platform/audit.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { can, seesAllPersons, type Permission } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { signLink, verifyLink } from '../../platform/crypto.ts';
import { buildCalendar } from '../../platform/ical.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import type { PersonDataContributor } from '../../platform/person-data.ts';
import { nameLinkErrors, safeName } from '../../platform/public-forms/public-forms.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { compareFrench, foldText, formatPhone, isMobilePhone, joinPlace } from '../../platform/text.ts';
import type { CentreService, Site } from '../centre/centre.service.ts';
import type { PeopleService, PersonSummary } from '../people/person.service.ts';
import { formatSlot } from './helpdesk.format.ts';
import * as repo from './helpdesk.repository.ts';
import type { AbsenceRow, AccompanimentRow, AppointmentRow, MotifRow, OpeningRow } from './helpdesk.repository.ts';
import type {
  AbsenceInput, AccompanimentInput, AppointmentCreate, AppointmentPatch, DropInInput, MotifInput, OpeningInput, SettingsInput,
} from './helpdesk.schemas.ts';
import { isCalendarDate } from './helpdesk.schemas.ts';
import type {
  AccompanimentOrigin, Autonomy, BookingChannel, Equipment, Outcome, PlaceType, ProcedureCategory, RedirectStructure, ReminderChoice, Theme,
} from './helpdesk.vocab.ts';
import { looksLikeSecret } from './looks-like-secret.ts';
import { addDays, mondayOf, parisDate, parisToUtcMs, timeToMinutes } from '../../platform/time.ts';
import { computeSlots, deskKeyOf, distinctSlots, type AbsenceRule, type MotifRule, type OpeningRule, type Slot } from './slots.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** The longest range one slot query may cover. */
const MAX_RANGE_DAYS = 93;
/** How far "the next opening" looks when the booking window has no free slot. */
const NEXT_OPENING_DAYS = 366;
const LINK_PURPOSE = 'helpdesk.appointment';
export const DEFAULT_SETTINGS = { cancelUntilHours: 4, reminderDayBefore: false } as const;

export interface Settings {
  cancelUntilHours: number;
  reminderDayBefore: boolean;
}

export interface Motif {
  id: string;
  name: string;
  description: string | null;
  procedureCategory: ProcedureCategory;
  durationMinutes: number;
  whatToBring: string | null;
  bookableBy: 'public' | 'staff';
  minDelayHours: number;
  horizonDays: number;
  archived: boolean;
}

export interface Opening {
  id: string;
  siteId: string;
  siteName: string;
  staffUserId: string | null;
  staffName: string | null;
  weekday: number;
  startTime: string;
  endTime: string;
  startsOn: string;
  endsOn: string | null;
  everyWeeks: number;
  motifIds: string[];
  motifNames: string[];
}

export interface Absence {
  id: string;
  siteId: string | null;
  siteName: string | null;
  staffUserId: string | null;
  staffName: string | null;
  firstDay: string;
  lastDay: string;
  startTime: string | null;
  endTime: string | null;
  repeatWeeklyUntil: string | null;
  reason: string | null;
}

/** A free slot as anyone may see it: no desk, no staff name, no personal data. */
export interface PublicSlot {
  startAt: string;
  endAt: string;
  siteId: string;
}

/** The first free slot beyond the booking window, for "no slot for now" pages. */
export interface NextOpening {
  startAt: string;
  siteId: string;
  siteName: string;
}

export interface SlotsResult {
  motif: Motif;
  from: string;
  to: string;
  slots: PublicSlot[];
}

export interface PlaceChoice {
  site: Site;
  firstSlot: string | null;
}

export interface Appointment {
  id: string;
  motifId: string;
  motifName: string;
  whatToBring: string | null;
  procedureCategory: string;
  siteId: string;
  siteName: string;
  siteAddress: string | null;
  startAt: string;
  endAt: string;
  kind: 'appointment' | 'drop_in';
  channel: BookingChannel;
  status: 'booked' | 'cancelled';
  outcome: Outcome | null;
  staffUserId: string | null;
  personId: string | null;
  note: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  createdAt: string;
  /** Past its start, still booked, no outcome yet: someone must close it. */
  needsOutcome: boolean;
  accompanimentId: string | null;
}

export interface DeskAppointment extends Appointment {
  person: PersonSummary | null;
}

/** What a booking needs (the API body, already validated); the note may be left out. */
export type BookingInput = Omit<AppointmentCreate, 'note'> & {
  note?: string | null;
  /** The connection address of a resident booking online (counted for the daily limits). */
  ip?: string | null;
};

export interface BookingResult {
  appointment: Appointment;
  /** Signed token of the resident's "cancel or change" page. */
  manageToken: string;
  manageUrl: string;
}

export interface ManagedAppointment {
  appointment: Appointment;
  centreId: string;
  centrePhone: string | null;
  /** Until when the resident may cancel or change online (ISO), and whether it is still time. */
  deadline: string;
  canChange: boolean;
  /** Where the confirmation was sent: the person's e-mail, else their phone. */
  contactChannel: 'email' | 'sms' | null;
}

export interface DayView {
  date: string;
  siteId: string | null;
  appointments: DeskAppointment[];
  dropIns: DeskAppointment[];
  /** Earlier appointments of this desk still waiting for their outcome. */
  toClose: DeskAppointment[];
}

export interface RateRow {
  id: string;
  name: string;
  seen: number;
  excused: number;
  noShow: number;
  open: number;
  /** no-shows / closed appointments, null when none is closed. */
  noShowRate: number | null;
}

export interface WeekView {
  monday: string;
  days: { date: string; sites: { site: Site; appointments: DeskAppointment[] }[] }[];
  rates: { from: string; to: string; byMotif: RateRow[]; bySite: RateRow[]; total: RateRow };
}

export interface Accompaniment {
  id: string;
  personId: string | null;
  appointmentId: string | null;
  siteId: string | null;
  recordedBy: string | null;
  occurredAt: string;
  durationMinutes: number;
  placeType: PlaceType;
  equipment: Equipment[];
  themes: Theme[];
  procedureCategory: ProcedureCategory | null;
  details: string | null;
  autonomy: Autonomy;
  redirected: boolean;
  redirectStructure: RedirectStructure | null;
  followUp: boolean;
  origin: AccompanimentOrigin;
  createdAt: string;
}

export interface PersonHistory {
  appointments: Appointment[];
  accompaniments: Accompaniment[];
}

export class HelpdeskService {
  private readonly db: Kysely<Database>;

  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
    private readonly people: PeopleService,
  ) {
    this.db = ctx.kysely;
  }

  /** The app clock's instant in milliseconds (slots and deadlines compute in numbers). */
  private nowMs(): number {
    return this.ctx.clock.now().getTime();
  }

  /** Today's date in Paris ("YYYY-MM-DD"), by the app's clock. */
  today(): string {
    return parisDate(this.nowMs());
  }

  // ---------------------------------------------------------------- settings

  async getSettings(centerId: string): Promise<Settings> {
    const row = await repo.findSettings(this.db, centerId);
    return row ? { cancelUntilHours: row.cancelUntilHours, reminderDayBefore: row.reminderDayBefore } : { ...DEFAULT_SETTINGS };
  }

  async updateSettings(actor: Actor, input: SettingsInput): Promise<Settings> {
    this.require(actor, 'helpdesk.manage');
    await this.db.transaction().execute(async (trx) => {
      await repo.upsertSettings(trx, { centerId: actor.centerId, ...input, updatedAt: this.ctx.clock.nowIso() });
      await audit(trx, this.ctx.clock, actor, 'update', 'helpdesk_settings', actor.centerId, { fields: Object.keys(input) });
    });
    return this.getSettings(actor.centerId);
  }

  // ---------------------------------------------------------------- motifs

  async listMotifs(actor: Actor, options: { includeArchived?: boolean } = {}): Promise<Motif[]> {
    this.require(actor, 'helpdesk.desk');
    return (await repo.listMotifs(this.db, actor.centerId, options)).map(toMotif);
  }

  /** What a resident can book online: public motifs that have at least one current opening. */
  async listPublicMotifs(centerId: string): Promise<Motif[]> {
    const motifs = await repo.listMotifs(this.db, centerId, { publicOnly: true });
    const openings = await repo.listOpenings(this.db, centerId, { activeFrom: parisDate(this.nowMs()) });
    const served = new Set(openings.flatMap((o) => o.motifIds));
    return motifs.filter((m) => served.has(m.id)).map(toMotif);
  }

  async getMotif(actor: Actor, id: string): Promise<Motif> {
    this.require(actor, 'helpdesk.desk');
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
    this.require(actor, 'helpdesk.manage');
    const now = this.ctx.clock.nowIso();
    const row: MotifRow = { id: newId(), centerId: actor.centerId, ...input, archivedAt: null, createdAt: now, updatedAt: now };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertMotif(trx, row);
      await audit(trx, this.ctx.clock, actor, 'create', 'helpdesk_motif', row.id);
    });
    return toMotif(row);
  }

  async updateMotif(actor: Actor, id: string, input: MotifInput & { archived?: boolean }): Promise<Motif> {
    this.require(actor, 'helpdesk.manage');
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

  // ---------------------------------------------------------------- openings

  async listOpenings(actor: Actor, options: { siteId?: string; current?: boolean } = {}): Promise<Opening[]> {
    this.require(actor, 'helpdesk.desk');
    const rows = await repo.listOpenings(this.db, actor.centerId, {
      siteId: options.siteId,
      activeFrom: options.current ? parisDate(this.nowMs()) : undefined,
    });
    return this.describeOpenings(actor.centerId, rows);
  }

  async createOpening(actor: Actor, input: OpeningInput): Promise<Opening> {
    this.require(actor, 'helpdesk.manage');
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
    this.require(actor, 'helpdesk.manage');
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

  // ---------------------------------------------------------------- absences

  async listAbsences(actor: Actor, options: { fromDate?: string } = {}): Promise<Absence[]> {
    this.require(actor, 'helpdesk.desk');
    const rows = await repo.listAbsences(this.db, actor.centerId, options.fromDate);
    return this.describeAbsences(actor.centerId, rows);
  }

  async createAbsence(actor: Actor, input: AbsenceInput): Promise<Absence> {
    this.require(actor, 'helpdesk.manage');
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
    this.require(actor, 'helpdesk.manage');
    if (!isUuid(id)) throw notFound();
    await this.db.transaction().execute(async (trx) => {
      if ((await repo.deleteAbsence(trx, actor.centerId, id)) === 0) throw notFound();
      await audit(trx, this.ctx.clock, actor, 'update', 'helpdesk_absence', id, { deleted: true });
    });
  }

  // ---------------------------------------------------------------- slots

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
    const now = this.nowMs();
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
    const openings = await repo.listOpenings(this.db, centerId, { motifId, activeFrom: parisDate(this.nowMs()) });
    const siteIds = [...new Set(openings.map((o) => o.siteId))];
    const sites = (await this.centre.listSites(centerId)).filter((s) => siteIds.includes(s.id) && !s.archivedAt);
    const now = this.nowMs();
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
    const now = this.nowMs();
    const farther = { ...motif, horizonDays: NEXT_OPENING_DAYS };
    const [first] = distinctSlots(await this.freeSlots(this.db, centerId, farther, { siteId, from: now, to: now + NEXT_OPENING_DAYS * DAY, staff: false }));
    if (!first) return null;
    const site = await this.centre.getSite(centerId, first.siteId);
    return { startAt: first.startAt, siteId: first.siteId, siteName: site?.name ?? '' };
  }

  private async freeSlots(
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

  // ---------------------------------------------------------------- booking

  /**
   * Books a slot. `actor` null: a resident without an account (public motifs, contact and
   * consent required, a person file created or matched). With an actor: staff booking by
   * phone, for a known person (`personId`) or a new one.
   * Throws 422 for a slot that is not offered at all, 409 when it was taken meanwhile.
   */
  async book(actor: Actor | null, centerId: string, input: BookingInput): Promise<BookingResult> {
    if (actor) {
      this.require(actor, 'helpdesk.desk');
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
    this.refuseSecrets({ note: input.note });
    if (!known) {
      const linked = nameLinkErrors({ firstName: input.firstName, lastName: input.lastName });
      if (Object.keys(linked).length) throw invalid(linked);
    }
    if (Date.parse(input.startAt) <= this.nowMs()) throw invalid({ startAt: 'helpdesk.booking.slot.past' });

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
    await this.takeSlot(centerId, motif, site.id, input.startAt, staff, null, async (trx, chosen) => {
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
    const appointment = (await this.loadAppointments(centerId, [(await repo.findAppointment(this.db, centerId, id))!]))[0]!;
    await this.sendConfirmation(centerId, appointment, person, 'booked');
    return { appointment, ...this.manageLink(appointment) };
  }

  /**
   * Finds a free desk for `startAt` and runs `write` in the transaction that holds it.
   * Each candidate desk is locked, re-checked and only then written: concurrent bookings of
   * one desk go one after the other, and the loser sees the winner's row.
   */
  private async takeSlot(
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
    const now = this.nowMs();
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

  /** The next free slots after a time, for pages that propose alternatives. */
  async nextFreeSlots(centerId: string, motifId: string, siteId: string, after: string, count = 3, audience: 'public' | 'staff' = 'public'): Promise<PublicSlot[]> {
    const motif = await repo.findMotif(this.db, centerId, motifId);
    if (!motif) return [];
    const now = this.nowMs();
    const free = distinctSlots(await this.freeSlots(this.db, centerId, motif, { siteId, from: now, to: now + motif.horizonDays * DAY, staff: audience === 'staff' }));
    return free
      .filter((s) => s.startAt > after)
      .slice(0, count)
      .map((s) => ({ startAt: s.startAt, endAt: s.endAt, siteId: s.siteId }));
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

  /** A resident walks in: added to the desk's drop-in list of the day, in a few taps. */
  async recordDropIn(actor: Actor, input: DropInInput): Promise<Appointment> {
    this.require(actor, 'helpdesk.desk');
    const centerId = actor.centerId;
    const motif = await repo.findMotif(this.db, centerId, input.motifId);
    if (!motif || motif.archivedAt) throw invalid({ motifId: 'helpdesk.motif.unknown' });
    const site = await this.centre.getSite(centerId, input.siteId);
    if (!site || site.archivedAt) throw invalid({ siteId: 'helpdesk.site.unknown' });
    if (input.personId && !(await this.people.canSee(actor, input.personId))) throw invalid({ personId: 'helpdesk.booking.person.unknown' });
    this.refuseSecrets({ note: input.note });
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
    return (await this.loadAppointments(centerId, [(await repo.findAppointment(this.db, centerId, id))!]))[0]!;
  }

  // ---------------------------------------------------------------- one appointment (staff)

  async getAppointment(actor: Actor, id: string): Promise<DeskAppointment> {
    const row = await this.visibleAppointment(actor, id);
    const [appointment] = await this.withPersons(actor.centerId, await this.loadAppointments(actor.centerId, [row]));
    if (appointment!.personId) await audit(this.db, this.ctx.clock, actor, 'view', 'appointment', id);
    return appointment!;
  }

  async patchAppointment(actor: Actor, id: string, patch: AppointmentPatch): Promise<Appointment> {
    if (patch.action === 'cancel') return this.cancel(actor, id);
    if (patch.action === 'outcome') return this.setOutcome(actor, id, patch.outcome);
    return this.move(actor, id, patch.startAt, patch.siteId);
  }

  async cancel(actor: Actor, id: string): Promise<Appointment> {
    const row = await this.visibleAppointment(actor, id);
    if (row.status !== 'booked') throw conflict('helpdesk.cancel.already');
    if (Date.parse(row.startAt) <= this.nowMs()) throw conflict('helpdesk.cancel.past');
    return this.doCancel(actor, row, 'staff');
  }

  async setOutcome(actor: Actor, id: string, outcome: Outcome): Promise<Appointment> {
    const row = await this.visibleAppointment(actor, id);
    if (row.status !== 'booked') throw conflict('helpdesk.outcome.cancelled');
    if (Date.parse(row.startAt) > this.nowMs()) throw conflict('helpdesk.outcome.tooEarly');
    if (outcome !== 'seen' && (await repo.findAccompanimentOfAppointment(this.db, actor.centerId, id))) {
      throw conflict('helpdesk.outcome.hasRecord');
    }
    await this.db.transaction().execute(async (trx) => {
      await repo.updateAppointment(trx, actor.centerId, id, { outcome, outcomeAt: this.ctx.clock.nowIso(), outcomeBy: actor.userId, updatedAt: this.ctx.clock.nowIso() });
      await audit(trx, this.ctx.clock, actor, 'update', 'appointment', id, { outcome });
    });
    return (await this.loadAppointments(actor.centerId, [(await repo.findAppointment(this.db, actor.centerId, id))!]))[0]!;
  }

  async move(actor: Actor, id: string, startAt: string, siteId?: string): Promise<Appointment> {
    const row = await this.visibleAppointment(actor, id);
    if (row.kind !== 'appointment') throw conflict('helpdesk.move.dropIn');
    if (row.status !== 'booked') throw conflict('helpdesk.cancel.already');
    if (Date.parse(row.startAt) <= this.nowMs()) throw conflict('helpdesk.move.past');
    return this.doMove(actor, row, startAt, siteId ?? row.siteId, true);
  }

  private async doMove(actor: Actor, row: AppointmentRow, startAt: string, siteId: string, staff: boolean): Promise<Appointment> {
    const centerId = row.centerId;
    if (Date.parse(startAt) <= this.nowMs()) throw invalid({ startAt: 'helpdesk.booking.slot.past' });
    const motif = (await repo.findMotif(this.db, centerId, row.motifId))!;
    const site = await this.centre.getSite(centerId, siteId);
    if (!site || site.archivedAt) throw invalid({ siteId: 'helpdesk.site.unknown' });
    await this.takeSlot(centerId, motif, siteId, startAt, staff, row.id, async (trx, slot) => {
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
    const appointment = (await this.loadAppointments(centerId, [(await repo.findAppointment(this.db, centerId, row.id))!]))[0]!;
    const person = appointment.personId ? await this.people.getSummary(centerId, appointment.personId) : undefined;
    if (person) await this.sendConfirmation(centerId, appointment, person, 'moved');
    return appointment;
  }

  private async doCancel(actor: Actor, row: AppointmentRow, by: 'person' | 'staff'): Promise<Appointment> {
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateAppointment(trx, row.centerId, row.id, { status: 'cancelled', cancelledAt: now, cancelledBy: by, updatedAt: now });
      await audit(trx, this.ctx.clock, actor, 'update', 'appointment', row.id, { cancelled: by });
    });
    const appointment = (await this.loadAppointments(row.centerId, [(await repo.findAppointment(this.db, row.centerId, row.id))!]))[0]!;
    const person = appointment.personId ? await this.people.getSummary(row.centerId, appointment.personId) : undefined;
    if (person) await this.sendCancellation(row.centerId, appointment, person, by);
    return appointment;
  }

  // ---------------------------------------------------------------- the resident's signed link

  manageLink(appointment: Pick<Appointment, 'id' | 'startAt'>): { manageToken: string; manageUrl: string } {
    // Valid until a day after the appointment; cancelling or moving is checked against the row.
    // The payload is the appointment id alone (ids are unique across centres): the link stays short.
    const token = signLink(this.ctx.config.secret, LINK_PURPOSE, appointment.id, new Date(Date.parse(appointment.startAt) + DAY));
    return { manageToken: token, manageUrl: `${this.ctx.config.publicUrl}/rendez-vous/gerer/${token}` };
  }

  /** The appointment behind a signed link; 404 for a forged, expired or unknown one. */
  async fromToken(token: string): Promise<ManagedAppointment> {
    const id = verifyLink(this.ctx.config.secret, LINK_PURPOSE, token, this.ctx.clock.now());
    if (!id || !isUuid(id)) throw notFound();
    // The signature proves the holder was given this appointment: it names its own centre.
    const row = await repo.findAppointmentBySignedId(this.db, id);
    if (!row) throw notFound();
    const centerId = row.centerId;
    const [appointment] = await this.loadAppointments(centerId, [row]);
    const settings = await this.getSettings(centerId);
    const centre = await findCentreById(this.db, centerId);
    const deadline = new Date(Date.parse(row.startAt) - settings.cancelUntilHours * HOUR);
    const person = row.personId ? await this.people.getSummary(centerId, row.personId) : undefined;
    return {
      contactChannel: person?.email ? 'email' : isMobilePhone(person?.phone) ? 'sms' : null,
      appointment: appointment!,
      centreId: centerId,
      centrePhone: centre?.phone ?? null,
      deadline: deadline.toISOString(),
      canChange: row.status === 'booked' && this.nowMs() <= deadline.getTime(),
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
      url: this.manageLink(appointment).manageUrl,
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
    return this.doCancel(onlineActor(managed.centreId), row, 'person');
  }

  async moveByToken(token: string, startAt: string): Promise<Appointment> {
    const managed = await this.fromToken(token);
    const row = (await repo.findAppointment(this.db, managed.centreId, managed.appointment.id))!;
    if (row.status !== 'booked') throw conflict('helpdesk.cancel.already');
    if (!managed.canChange) throw conflict('helpdesk.move.tooLate');
    return this.doMove(onlineActor(managed.centreId), row, startAt, row.siteId, false);
  }

  /** Free slots to move a resident's appointment to (its own slot excluded from the busy ones). */
  async slotsForMove(token: string): Promise<{ managed: ManagedAppointment; slots: PublicSlot[] }> {
    const managed = await this.fromToken(token);
    const motif = (await repo.findMotif(this.db, managed.centreId, managed.appointment.motifId))!;
    const now = this.nowMs();
    const list = await this.freeSlots(this.db, managed.centreId, motif, {
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

  // ---------------------------------------------------------------- accompaniment records

  /**
   * Records an accompaniment: after an appointment or a drop-in (which it closes as seen), or
   * on its own (a question at the end of a workshop). Refuses details that look like a secret.
   */
  async recordAccompaniment(actor: Actor, input: AccompanimentInput): Promise<Accompaniment> {
    this.require(actor, 'helpdesk.desk');
    const centerId = actor.centerId;
    this.refuseSecrets({ details: input.details });
    const now = this.ctx.clock.nowIso();
    let appointment: AppointmentRow | undefined;
    let personId = input.personId ?? null;
    let siteId = input.siteId ?? null;
    let occurredAt = input.occurredAt ?? now;
    let procedureCategory: string | null = input.procedureCategory ?? null;
    let origin: 'appointment' | 'drop_in' | 'other' = 'other';
    if (input.appointmentId) {
      appointment = await this.visibleAppointment(actor, input.appointmentId);
      if (appointment.status !== 'booked') throw conflict('helpdesk.outcome.cancelled');
      if (Date.parse(appointment.startAt) > this.nowMs()) throw conflict('helpdesk.outcome.tooEarly');
      if (appointment.outcome && appointment.outcome !== 'seen') throw conflict('helpdesk.accompaniment.notSeen');
      personId = appointment.personId;
      siteId = appointment.siteId;
      occurredAt = appointment.startAt;
      origin = appointment.kind === 'drop_in' ? 'drop_in' : 'appointment';
      procedureCategory ??= (await repo.findMotif(this.db, centerId, appointment.motifId))?.procedureCategory ?? null;
    } else {
      if (personId && !(await this.people.canSee(actor, personId))) throw invalid({ personId: 'helpdesk.booking.person.unknown' });
      if (siteId && !(await this.centre.getSite(centerId, siteId))) throw invalid({ siteId: 'helpdesk.site.unknown' });
      if (Date.parse(occurredAt) > this.nowMs() + 5 * 60_000) throw invalid({ occurredAt: 'helpdesk.accompaniment.occurredAt.future' });
    }
    const row: AccompanimentRow = {
      id: newId(),
      centerId,
      personId,
      appointmentId: appointment?.id ?? null,
      siteId,
      recordedBy: actor.userId,
      occurredAt,
      durationMinutes: input.durationMinutes,
      placeType: input.placeType,
      equipment: input.equipment.join('|'),
      themes: [...new Set(input.themes)].join('|'),
      procedureCategory,
      details: input.details,
      autonomy: input.autonomy,
      redirected: input.redirected,
      redirectStructure: input.redirected ? (input.redirectStructure ?? null) : null,
      followUp: input.followUp,
      origin,
      createdAt: now,
      updatedAt: now,
    };
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

  async listAccompaniments(actor: Actor, filter: { from?: string; to?: string; personId?: string; limit?: number; offset?: number } = {}): Promise<Accompaniment[]> {
    this.require(actor, 'helpdesk.desk');
    if (filter.personId && !(await this.people.canSee(actor, filter.personId))) throw notFound();
    const rows = await repo.listAccompaniments(this.db, actor.centerId, {
      ...filter,
      // Volunteers read the records they wrote; the others every record of the centre.
      recordedBy: seesAllPersons(actor.role) ? undefined : (actor.userId ?? '-'),
    });
    return rows.map(toAccompaniment);
  }

  async getAccompaniment(actor: Actor, id: string): Promise<Accompaniment> {
    this.require(actor, 'helpdesk.desk');
    const row = isUuid(id) ? await repo.findAccompaniment(this.db, actor.centerId, id) : undefined;
    if (!row || (!seesAllPersons(actor.role) && row.recordedBy !== actor.userId)) throw notFound();
    return toAccompaniment(row);
  }

  // ---------------------------------------------------------------- day and week

  /** A staff member's day at the desk: appointments with phone and need, drop-ins, and what is left to close. */
  async day(actor: Actor, date: string, siteId?: string): Promise<DayView> {
    this.require(actor, 'helpdesk.desk');
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
    const all = await this.withPersons(actor.centerId, await this.loadAppointments(actor.centerId, [...rows, ...earlier]));
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
    this.require(actor, 'helpdesk.desk');
    const rows = await repo.listAppointments(this.db, actor.centerId, {
      from: new Date(parisToUtcMs(range.fromDate, 0)).toISOString(),
      to: new Date(parisToUtcMs(range.toDate, 1440)).toISOString(),
      siteId: range.siteId,
      staffUserId: seesAllPersons(actor.role) ? undefined : (actor.userId ?? '-'),
    });
    return this.loadAppointments(actor.centerId, rows);
  }

  /** The coordinator's week across sites, and the no-show rates of the last 90 days. */
  async week(actor: Actor, anyDate: string): Promise<WeekView> {
    this.require(actor, 'helpdesk.overview');
    if (!isCalendarDate(anyDate)) throw invalid({ date: 'helpdesk.day.invalid' });
    const monday = mondayOf(anyDate);
    const from = new Date(parisToUtcMs(monday, 0)).toISOString();
    const to = new Date(parisToUtcMs(addDays(monday, 7), 0)).toISOString();
    const rows = await repo.listAppointments(this.db, actor.centerId, { from, to, status: 'booked' });
    const appointments = await this.withPersons(actor.centerId, await this.loadAppointments(actor.centerId, rows));
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
    const now = this.nowMs();
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
    this.require(actor, 'helpdesk.desk');
    if (!(await this.people.canSee(actor, personId))) throw notFound();
    const appointments = await this.loadAppointments(actor.centerId, await repo.listAppointments(this.db, actor.centerId, { personId }));
    const accompaniments = (await repo.listAccompaniments(this.db, actor.centerId, { personId })).map(toAccompaniment);
    return { appointments: appointments.reverse(), accompaniments };
  }

  // ---------------------------------------------------------------- reminders (scheduler job)

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
    const [appointment] = await this.loadAppointments(row.centerId, [row]);
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

  // ---------------------------------------------------------------- messages

  private async messageWords(centerId: string, appointment: Appointment, person: PersonSummary) {
    const centre = await findCentreById(this.db, centerId);
    const settings = await this.getSettings(centerId);
    const place = [appointment.siteName, appointment.siteAddress].filter(Boolean).join(', ');
    return {
      // Only the first name the person typed, reduced to letters: nothing else they typed is quoted.
      name: safeName(person.firstName),
      motif: appointment.motifName,
      date: formatSlot(appointment.startAt, 'fr', this.ctx.clock.now()),
      place,
      bring: appointment.whatToBring ? translate('fr', 'helpdesk.mail.bring', { list: appointment.whatToBring }) : '',
      link: this.manageLink(appointment).manageUrl,
      calendarLink: `${this.manageLink(appointment).manageUrl}/agenda.ics`,
      hours: settings.cancelUntilHours,
      centre: [centre?.name, centre?.phone ? formatPhone(centre.phone) : null].filter(Boolean).join(' – '),
    };
  }

  /** The confirmation goes to the contact the person gave (it is the service they asked for). */
  private async sendConfirmation(centerId: string, appointment: Appointment, person: PersonSummary, what: 'booked' | 'moved'): Promise<void> {
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

  private async sendCancellation(centerId: string, appointment: Appointment, person: PersonSummary, by: 'person' | 'staff'): Promise<void> {
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

  // ---------------------------------------------------------------- platform hooks

  /** For PersonAccessRegistry: a volunteer sees the persons of their own desks and records. */
  async personIdsFor(actor: Actor): Promise<string[]> {
    if (!actor.userId) return [];
    return repo.personIdsForStaff(this.db, actor.centerId, actor.userId);
  }

  /** For PersonDataRegistry: export, merge and erasure of a person's help-desk data. */
  personDataContributor(): PersonDataContributor {
    return {
      name: 'helpdesk',
      export: async (db, centerId, personId) => {
        const appointments = await repo.listAppointments(db, centerId, { personId, limit: 10_000 });
        const motifs = new Map((await repo.listMotifs(db, centerId, { includeArchived: true })).map((m) => [m.id, m.name]));
        const accompaniments = await repo.listAccompaniments(db, centerId, { personId, limit: 10_000 });
        return {
          appointments: appointments.map((a) => ({
            motif: motifs.get(a.motifId) ?? null,
            startAt: a.startAt,
            endAt: a.endAt,
            kind: a.kind,
            channel: a.channel,
            status: a.status,
            outcome: a.outcome,
            note: a.note,
            cancelledAt: a.cancelledAt,
            createdAt: a.createdAt,
          })),
          accompaniments: accompaniments.map((r) => {
            const { id: _id, personId: _p, recordedBy: _r, ...rest } = toAccompaniment(r);
            return rest;
          }),
        };
      },
      merge: (trx, centerId, keepId, duplicateId) => repo.movePerson(trx, centerId, duplicateId, keepId),
      erase: (trx, centerId, personId) => repo.clearPersonText(trx, centerId, personId, this.ctx.clock.nowIso()),
    };
  }

  // ---------------------------------------------------------------- internals

  private require(actor: Actor, permission: Permission): void {
    if (!can(actor.role, permission)) throw forbidden();
  }

  /** Field errors (catalogue keys) for texts that look like a password or credentials. */
  secretErrors(fields: Record<string, string | null | undefined>): FieldErrors {
    const errors: FieldErrors = {};
    for (const [field, value] of Object.entries(fields)) {
      const found = looksLikeSecret(value);
      if (found) errors[field] = `helpdesk.secret.${found.kind}`;
    }
    return errors;
  }

  /** 422 with a French explanation when a note looks like a password or credentials. */
  private refuseSecrets(fields: Record<string, string | null | undefined>): void {
    const errors = this.secretErrors(fields);
    if (Object.keys(errors).length) throw new AppError(422, 'looks_like_secret', 'helpdesk.secret.summary', errors);
  }

  /** An appointment of the actor's centre that they may handle (volunteers: their own desk). */
  private async visibleAppointment(actor: Actor, id: string): Promise<AppointmentRow> {
    this.require(actor, 'helpdesk.desk');
    const row = isUuid(id) ? await repo.findAppointment(this.db, actor.centerId, id) : undefined;
    if (!row) throw notFound();
    if (!seesAllPersons(actor.role) && row.staffUserId !== actor.userId && row.bookedBy !== actor.userId) throw notFound();
    return row;
  }

  private async loadAppointments(centerId: string, rows: AppointmentRow[]): Promise<Appointment[]> {
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

  private async withPersons(centerId: string, appointments: Appointment[]): Promise<DeskAppointment[]> {
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

function toMotif(row: MotifRow): Motif {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    procedureCategory: row.procedureCategory as ProcedureCategory,
    durationMinutes: row.durationMinutes,
    whatToBring: row.whatToBring,
    bookableBy: row.bookableBy as Motif['bookableBy'],
    minDelayHours: row.minDelayHours,
    horizonDays: row.horizonDays,
    archived: row.archivedAt !== null,
  };
}

function toAccompaniment(row: AccompanimentRow): Accompaniment {
  return {
    id: row.id,
    personId: row.personId,
    appointmentId: row.appointmentId,
    siteId: row.siteId,
    recordedBy: row.recordedBy,
    occurredAt: row.occurredAt,
    durationMinutes: row.durationMinutes,
    placeType: row.placeType as PlaceType,
    equipment: (row.equipment ? row.equipment.split('|') : []) as Equipment[],
    themes: (row.themes ? row.themes.split('|') : []) as Theme[],
    procedureCategory: row.procedureCategory as ProcedureCategory | null,
    details: row.details,
    autonomy: row.autonomy as Autonomy,
    redirected: row.redirected,
    redirectStructure: row.redirectStructure as RedirectStructure | null,
    followUp: row.followUp,
    origin: row.origin as AccompanimentOrigin,
    createdAt: row.createdAt,
  };
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

/** "Place de la Mairie, 59159 Marcoing" — the commune added only when the address lacks it. */
function siteAddress(site: Site): string | null {
  return joinPlace(site.address, site.communeName) || null;
}

function isActive(value: unknown): boolean {
  return value === true || value === 1;
}

/** Who acts when a resident books or cancels online (the audit log names the form). */
function onlineActor(centerId: string): Actor {
  return { ...systemActor(centerId), label: 'formulaire en ligne' };
}
