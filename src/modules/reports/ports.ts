/**
 * What reports needs from the modules before it, written as the small interfaces it relies on:
 * the real services satisfy them structurally.
 */
import type { Actor } from '../../platform/auth/actor.ts';

export interface ReportSite {
  id: string;
  name: string;
  kind: string;
  address: string | null;
  communeInsee: string | null;
  accessibility: string | null;
  archivedAt: string | null;
  updatedAt: string;
}

export interface CentreReportsPort {
  listSites(centerId: string, options?: { includeArchived?: boolean }): Promise<ReportSite[]>;
}

/** A session as the home page shows it. */
export interface DaySession {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: string;
  confirmed: number;
  capacity: number;
}

export interface ActivitiesDashboardPort {
  programme: {
    upcoming(actor: Actor, options: { from?: string; to?: string; mine?: boolean; limit?: number }): Promise<DaySession[]>;
  };
  attendance: {
    untaken(actor: Actor, from: string): Promise<Omit<DaySession, 'confirmed'>[]>;
  };
}

export interface DayAppointment {
  id: string;
  motifName: string;
  siteName: string;
  startAt: string;
  endAt: string;
  kind: 'appointment' | 'drop_in';
  status: string;
  outcome: string | null;
  accompanimentId: string | null;
}

export interface HelpdeskDashboardPort {
  desk: {
    day(actor: Actor, date: string): Promise<{ appointments: DayAppointment[]; dropIns: DayAppointment[]; toClose: DayAppointment[] }>;
    listAppointments(actor: Actor, range: { fromDate: string; toDate: string }): Promise<DayAppointment[]>;
  };
}

/** A loan as the funders' reports count it (no name), and as the home page lists it. */
export interface LentItem {
  personId: string;
  category: string;
  lentAt: string;
  /** When it came back; null while it is still out. */
  returnedAt: string | null;
}

export interface DayLoan {
  id: string;
  itemName: string;
  personName: string;
  dueOn: string;
}

export interface DayReservation {
  id: string;
  itemName: string;
  personName: string | null;
  purpose: string;
  startsOn: string;
  endsOn: string;
  status: string;
}

export interface EquipmentReportsPort {
  loans: {
    lentBetween(centerId: string, from: string, to: string): Promise<LentItem[]>;
    overdue(actor: Actor): Promise<DayLoan[]>;
    list(actor: Actor, filter: { active?: boolean }): Promise<DayLoan[]>;
  };
  reservations: {
    list(actor: Actor, filter: { upcoming?: boolean }): Promise<DayReservation[]>;
  };
}

export interface DayConsultation {
  id: string;
  title: string;
  phase: string;
  votesCloseOn: string;
}

export interface ForumsDashboardPort {
  forums: {
    list(actor: Actor): Promise<DayConsultation[]>;
    proposals(actor: Actor, consultationId: string): Promise<{ id: string; title: string; status: string }[]>;
  };
}

/** Hours given by volunteers over a period (the team board's), for the valorisation du bénévolat. */
export interface VolunteeringPort {
  /** Entries worked within [from, to] (Paris dates, both included). */
  hoursBetween(centerId: string, from: string, to: string): Promise<{ userId: string; kind: string; minutes: number }[]>;
  /** The centre's hourly rate of valorisation, in cents. */
  rateCents(centerId: string): Promise<number>;
}
