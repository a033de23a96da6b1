/**
 * A short-lived cache of what every anonymous visitor of a centre sees alike (the public
 * catalogue): kept per centre and key, dropped when the change bus says the centre's data
 * changed — here or in another instance — and after a few seconds anyway, since "upcoming"
 * and "tomorrow" move with the clock.
 */
import { ALL_CENTRES, type ChangeBus, type ChangeTopic } from './changes.ts';
import type { Clock } from './clock.ts';

interface Entry<T> {
  value: T;
  /** The app clock's instant it was made for. */
  at: number;
  generation: string;
}

export interface PublicCacheOptions {
  bus: ChangeBus;
  topics: ChangeTopic[];
  clock: Clock;
  ttlMs: number;
  /** Keys come from query strings: a bound keeps odd addresses from filling the memory. */
  maxEntries: number;
}

export class PublicCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  /** Bumped for a centre at each of its changes; an entry made under another count is stale. */
  readonly #generations = new Map<string, number>();
  #epoch = 0;
  readonly #options: PublicCacheOptions;

  constructor(options: PublicCacheOptions) {
    this.#options = options;
    for (const topic of options.topics) options.bus.subscribe(topic, (centreId) => this.forget(centreId));
  }

  /** Drops a centre's entries (ALL_CENTRES: everything). */
  forget(centreId: string): void {
    if (centreId === ALL_CENTRES) {
      this.#epoch++;
      this.#generations.clear();
      this.#entries.clear();
      return;
    }
    this.#generations.set(centreId, (this.#generations.get(centreId) ?? 0) + 1);
  }

  #generation(centreId: string): string {
    return `${this.#epoch}.${this.#generations.get(centreId) ?? 0}`;
  }

  /** The kept value, or a fresh one from `load` (kept only if nothing changed meanwhile). */
  async get(centreId: string, key: string, load: () => Promise<T>): Promise<T> {
    const fullKey = `${centreId}\u0000${key}`;
    const now = this.#options.clock.now().getTime();
    const generation = this.#generation(centreId);
    const hit = this.#entries.get(fullKey);
    if (hit && hit.generation === generation && hit.at <= now && now - hit.at < this.#options.ttlMs) return hit.value;
    const value = await load();
    // A change published while we read may not be in what we read: serve it, do not keep it.
    if (this.#generation(centreId) === generation) {
      if (!hit && this.#entries.size >= this.#options.maxEntries) {
        const oldest = this.#entries.keys().next();
        if (!oldest.done) this.#entries.delete(oldest.value);
      }
      this.#entries.set(fullKey, { value, at: now, generation });
    }
    return value;
  }
}
