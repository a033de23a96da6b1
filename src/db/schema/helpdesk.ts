// The helpdesk: settings, motifs, openings, absences, appointments, accompaniments (src/modules/helpdesk).
import type { Generated } from 'kysely';
import type { Bool } from './bool.ts';

export interface HelpdeskSettingsTable {
  centerId: string;
  cancelUntilHours: number;
  reminderDayBefore: Bool;
  updatedAt: string;
}

export interface HelpdeskMotifsTable {
  id: string;
  centerId: string;
  name: string;
  description: string | null;
  procedureCategory: string;
  durationMinutes: number;
  whatToBring: string | null;
  bookableBy: string;
  minDelayHours: number;
  horizonDays: number;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface HelpdeskOpeningsTable {
  id: string;
  centerId: string;
  siteId: string;
  staffUserId: string | null;
  weekday: number;
  startTime: string;
  endTime: string;
  startsOn: string;
  endsOn: string | null;
  everyWeeks: number;
  bookingSeq: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface HelpdeskOpeningMotifsTable {
  openingId: string;
  motifId: string;
  centerId: string;
}

export interface HelpdeskAbsencesTable {
  id: string;
  centerId: string;
  siteId: string | null;
  staffUserId: string | null;
  firstDay: string;
  lastDay: string;
  startTime: string | null;
  endTime: string | null;
  repeatWeeklyUntil: string | null;
  reason: string | null;
  createdAt: string;
}

export interface HelpdeskAppointmentsTable {
  id: string;
  centerId: string;
  motifId: string;
  siteId: string;
  openingId: string | null;
  staffUserId: string | null;
  deskKey: string;
  startAt: string;
  endAt: string;
  kind: string;
  channel: string;
  status: string;
  personId: string | null;
  note: string | null;
  outcome: string | null;
  outcomeAt: string | null;
  outcomeBy: string | null;
  cancelledAt: string | null;
  cancelledBy: string | null;
  bookedBy: string | null;
  reminderDoneAt: string | null;
  dayBeforeDoneAt: string | null;
  /** iCalendar SEQUENCE: bumped on every move or cancellation. */
  sequence: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface HelpdeskAccompanimentsTable {
  id: string;
  centerId: string;
  personId: string | null;
  appointmentId: string | null;
  siteId: string | null;
  recordedBy: string | null;
  occurredAt: string;
  durationMinutes: number;
  placeType: string;
  equipment: string;
  themes: string;
  procedureCategory: string | null;
  details: string | null;
  autonomy: string;
  redirected: Bool;
  redirectStructure: string | null;
  followUp: Bool;
  origin: string;
  createdAt: string;
  updatedAt: string;
}

export interface HelpdeskTables {
  helpdeskSettings: HelpdeskSettingsTable;
  helpdeskMotifs: HelpdeskMotifsTable;
  helpdeskOpenings: HelpdeskOpeningsTable;
  helpdeskOpeningMotifs: HelpdeskOpeningMotifsTable;
  helpdeskAbsences: HelpdeskAbsencesTable;
  helpdeskAppointments: HelpdeskAppointmentsTable;
  helpdeskAccompaniments: HelpdeskAccompanimentsTable;
}
