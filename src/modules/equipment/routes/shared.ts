// What the equipment pages share: their base address and the person search of the lend, reserve and pick-up forms.
import type { Actor } from '../../../platform/auth/actor.ts';
import type { PeoplePort, PersonSummary } from '../ports.ts';

/** The staff pages live under this address; the public catalogue is /materiel. */
export const BASE = '/materiel/gestion';

/** The people a typed search finds (20 at most); nothing typed → null, no result list. */
export async function searchPeople(people: PeoplePort, actor: Actor, q: string | undefined): Promise<PersonSummary[] | null> {
  return q && q.trim() ? (await people.search(actor, { q: q.trim(), page: 1, pageSize: 20 })).items : null;
}
