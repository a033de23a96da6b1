/**
 * What the help desk's services share: the shapes they answer (motifs, openings, absences,
 * slots, appointments, accompaniment records), the rows → shapes mappers, and two rules every
 * service applies the same way:
 * - staff actions need the permission of their role (helpdesk.desk, .manage, .overview);
 * - notes and records never keep a password or credentials: text that looks like one is
 *   refused with an explanation (looks-like-secret.ts).
 */
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { joinPlace } from '../../platform/text.ts';
import type { Site } from '../centre/centre.service.ts';
import type { PersonSummary } from '../people/person.service.ts';
import type { AccompanimentRow, MotifRow } from './helpdesk.repository.ts';
import type { AppointmentCreate } from './helpdesk.schemas.ts';
import type { AccompanimentOrigin, Autonomy, BookingChannel, Equipment, Outcome, PlaceType, ProcedureCategory, RedirectStructure, Theme } from './helpdesk.vocab.ts';
import { looksLikeSecret } from './looks-like-secret.ts';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;
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

/** Field errors (catalogue keys) for texts that look like a password or credentials. */
export function secretErrors(fields: Record<string, string | null | undefined>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(fields)) {
    const found = looksLikeSecret(value);
    if (found) errors[field] = `helpdesk.secret.${found.kind}`;
  }
  return errors;
}

/** 422 with a French explanation when a note looks like a password or credentials. */
export function refuseSecrets(fields: Record<string, string | null | undefined>): void {
  const errors = secretErrors(fields);
  if (Object.keys(errors).length) throw new AppError(422, 'looks_like_secret', 'helpdesk.secret.summary', errors);
}

export function toMotif(row: MotifRow): Motif {
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

export function toAccompaniment(row: AccompanimentRow): Accompaniment {
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

/** "Place de la Mairie, 59159 Marcoing" — the commune added only when the address lacks it. */
export function siteAddress(site: Site): string | null {
  return joinPlace(site.address, site.communeName) || null;
}

/** Who acts when a resident books or cancels online (the audit log names the form). */
export function onlineActor(centerId: string): Actor {
  return { ...systemActor(centerId), label: 'formulaire en ligne' };
}
