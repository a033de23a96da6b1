/**
 * What activities needs from the modules before it (centre, people), written as the small
 * interfaces it relies on: the real services satisfy them structurally, and tests can see at a
 * glance which calls cross the module boundary.
 */
import type { Actor } from '../../platform/auth/actor.ts';

export interface SiteInfo {
  id: string;
  centerId: string;
  name: string;
  kind: string;
  address: string | null;
  communeInsee: string | null;
  accessibility: string | null;
  archivedAt: string | null;
}

export interface CentrePort {
  listSites(centerId: string, options?: { includeArchived?: boolean }): Promise<SiteInfo[]>;
  /** One site of the centre, archived or not; undefined for another centre's. */
  getSite(centerId: string, id: string): Promise<SiteInfo | undefined>;
}

export interface PersonSummary {
  id: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  ageBracket: string;
  communeInsee: string | null;
  erased: boolean;
}

export interface PublicPersonInput {
  firstName: string;
  lastName: string;
  phone?: string | null;
  email?: string | null;
  birthYear?: number | null;
  communeInsee?: string | null;
  consents: { kind: string; granted: boolean }[];
}

export interface PeoplePort {
  findMatches(centerId: string, query: { firstName: string; lastName: string; birthYear?: number | null; phone?: string | null; email?: string | null }): Promise<PersonSummary[]>;
  createFromPublicForm(centerId: string, input: PublicPersonInput): Promise<PersonSummary>;
  /** undefined when unknown; a merged id answers the kept person. */
  getSummary(centerId: string, id: string): Promise<PersonSummary | undefined>;
  recordConsent(centerId: string, personId: string, kind: string, granted: boolean, recordedBy?: string | null): Promise<unknown>;
  currentConsents(centerId: string, personId: string): Promise<Record<string, boolean>>;
  canSee(actor: Actor, personId: string): Promise<boolean>;
  /** getSummary for a person the actor may see, undefined otherwise (one read). */
  visibleSummary(actor: Actor, id: string): Promise<PersonSummary | undefined>;
  /** Staff search (persons.read), scoped to what the actor may see. */
  search(actor: Actor, query: { q?: string; page?: number; pageSize?: number }): Promise<{ items: PersonSummary[] }>;
}

/** The consent kinds of the people module this module reads and writes. */
export const CONSENT = {
  dataProcessing: 'data_processing',
  emailReminders: 'email_reminders',
  smsReminders: 'sms_reminders',
  parentalAuthorisation: 'parental_authorisation',
} as const;
