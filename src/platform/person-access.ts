import type { Actor } from './auth/actor.ts';

/**
 * Volunteers see persons' names and contacts only for what they are assigned to. The people
 * module asks this registry; later modules (activities, help desk, navette) register a
 * provider answering "which persons does this user accompany?" — so people never imports them.
 */
export type PersonAccessProvider = (actor: Actor) => Promise<string[]>;

export class PersonAccessRegistry {
  readonly #providers: PersonAccessProvider[] = [];

  register(provider: PersonAccessProvider): void {
    this.#providers.push(provider);
  }

  async personIdsFor(actor: Actor): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const provider of this.#providers) for (const id of await provider(actor)) ids.add(id);
    return ids;
  }
}
