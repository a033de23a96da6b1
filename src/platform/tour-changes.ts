/**
 * A navette tour was called off, or its return time changed (visits reordered or taken out): modules that keep a copy of a tour (the
 * team's assignments of a driver or facilitator, and through them each member's "my week" and
 * subscribed calendar) bring their copy in line. The shuttle module tells, inside the
 * transaction of the change; later modules register — so the shuttle never imports them.
 * Listeners write only through the transaction they are given.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface TourChange {
  tourId: string;
  /** UTC instants: from the start of the shift to the car's return. */
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
}

export type TourChangeListener = (trx: Kysely<Database>, centerId: string, changes: readonly TourChange[]) => Promise<void>;

export class TourChangesRegistry {
  readonly #listeners: TourChangeListener[] = [];

  register(listener: TourChangeListener): void {
    this.#listeners.push(listener);
  }

  async notify(trx: Kysely<Database>, centerId: string, changes: readonly TourChange[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.#listeners) await listener(trx, centerId, changes);
  }
}
