import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * How long each kind of personal data is kept (GDPR art. 5.1.e). A centre sets each period
 * (the privacy module's settings page); the defaults follow the CNIL's guidance for social
 * and associative structures. The data's owner registers how to purge it here, so that the
 * nightly purge (privacy module) never imports the modules that own the data:
 * - inactivePersons: a resident's file, erased (statistics kept) that long after their last
 *   contact (file change, registration, attendance, appointment, accompaniment, evaluation);
 * - notes: free-text notes about a person (appointment notes, accompaniment details,
 *   evaluation comments), cleared that long after the fact they describe;
 * - messages: e-mails and SMS already sent or failed (outbox);
 * - auditLog: the log of who saw or changed what;
 * - sessions: staff sign-in sessions not used since;
 * - publicLimits: the hashed contacts counted by the public forms' daily limits.
 */
export const RETENTION_KINDS = {
  inactivePersons: { unit: 'months', default: 36, min: 6, max: 120 },
  notes: { unit: 'months', default: 24, min: 1, max: 120 },
  messages: { unit: 'months', default: 6, min: 1, max: 60 },
  auditLog: { unit: 'months', default: 12, min: 6, max: 60 },
  sessions: { unit: 'days', default: 30, min: 1, max: 365 },
  publicLimits: { unit: 'days', default: 2, min: 1, max: 30 },
} as const satisfies Record<string, { unit: 'months' | 'days'; default: number; min: number; max: number }>;

export type RetentionKind = keyof typeof RETENTION_KINDS;
export type RetentionPeriods = Record<RetentionKind, number>;

export const retentionKinds = Object.keys(RETENTION_KINDS) as RetentionKind[];

export function defaultPeriods(): RetentionPeriods {
  return Object.fromEntries(retentionKinds.map((kind) => [kind, RETENTION_KINDS[kind].default])) as RetentionPeriods;
}

/** The instant before which data of a kind is past its period (calendar months, UTC). */
export function cutoffOf(now: Date, kind: RetentionKind, amount: number): string {
  const cutoff = new Date(now.getTime());
  if (RETENTION_KINDS[kind].unit === 'days') cutoff.setUTCDate(cutoff.getUTCDate() - amount);
  else cutoff.setUTCMonth(cutoff.getUTCMonth() - amount);
  return cutoff.toISOString();
}

/** Removes one centre's data of a kind older than the cutoff; answers how many rows it touched. */
export interface RetentionPurger {
  kind: RetentionKind;
  /** Who owns the data (a module or the platform), for the purge's report. */
  owner: string;
  purge(db: Kysely<Database>, centerId: string, cutoff: string): Promise<number>;
}

export class RetentionRegistry {
  readonly #purgers: RetentionPurger[] = [];

  register(purger: RetentionPurger): void {
    this.#purgers.push(purger);
  }

  get purgers(): readonly RetentionPurger[] {
    return this.#purgers;
  }
}
