/**
 * The two ways a module hears from the modules after it, without importing them (they register
 * here as they start, in the module order of app.ts):
 * - `ChangeListeners`: "this changed, bring your copy in line" — told inside the transaction of
 *   the change, each listener in turn, writing only through that transaction;
 * - `ListSources`: "what do you have for this?" — every source asked at once, their answers
 *   put end to end in the order they registered.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type ChangeListener<C> = (trx: Kysely<Database>, centerId: string, changes: readonly C[]) => Promise<void>;

export class ChangeListeners<C> {
  readonly #listeners: ChangeListener<C>[] = [];

  register(listener: ChangeListener<C>): void {
    this.#listeners.push(listener);
  }

  async notify(trx: Kysely<Database>, centerId: string, changes: readonly C[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.#listeners) await listener(trx, centerId, changes);
  }
}

export type ListSource<A extends unknown[], T> = (...args: A) => Promise<T[]>;

export class ListSources<A extends unknown[], T> {
  readonly #sources: ListSource<A, T>[] = [];

  register(source: ListSource<A, T>): void {
    this.#sources.push(source);
  }

  /** Every source's answer, end to end (empty with nothing registered). */
  protected async gather(...args: A): Promise<T[]> {
    return (await Promise.all(this.#sources.map((source) => source(...args)))).flat();
  }
}
