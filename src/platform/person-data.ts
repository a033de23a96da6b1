import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * A person's data is spread over modules (registrations, appointments, loans…). The people
 * module owns the rights of access, merge and erasure; each later module registers here what
 * it holds about a person, so that people never imports them:
 * - export: the module's part of the GDPR access export;
 * - merge: re-point the duplicate's rows to the kept person (inside the merge transaction);
 * - erase: remove or anonymise free text that could identify the person (statistics stay);
 * - activeSince: the persons with a trace in the module since an instant (a registration, an
 *   appointment…), so that the retention purge never erases a file still in use.
 */
export interface PersonDataContributor {
  name: string;
  export(db: Kysely<Database>, centerId: string, personId: string): Promise<unknown>;
  merge(trx: Transaction<Database>, centerId: string, keepId: string, duplicateId: string): Promise<void>;
  erase(trx: Transaction<Database>, centerId: string, personId: string): Promise<void>;
  activeSince?(db: Kysely<Database>, centerId: string, since: string): Promise<string[]>;
}

export class PersonDataRegistry {
  readonly #contributors: PersonDataContributor[] = [];

  register(contributor: PersonDataContributor): void {
    this.#contributors.push(contributor);
  }

  get contributors(): readonly PersonDataContributor[] {
    return this.#contributors;
  }
}
