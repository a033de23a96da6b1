/**
 * The funders' reports' SQL beyond the contacts (those are counted by countContacts in
 * reports.repository.ts): the age bracket and commune of borrowers. Read-only, one centre per
 * query (see reports.repository.ts for why reports read directly).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database>;
/** The age bracket of each of some persons of the centre (borrowers), by id. */
export async function borrowersOf(db: Q, centerId: string, personIds: readonly string[]): Promise<Map<string, { ageBracket: string; communeInsee: string | null }>> {
  const out = new Map<string, { ageBracket: string; communeInsee: string | null }>();
  const ids = [...new Set(personIds)];
  // In slices: SQLite caps the number of bound parameters.
  for (let i = 0; i < ids.length; i += 500) {
    // By primary key, the centre checked on each row (see findPersons in the people module).
    const found = await db.selectFrom('persons').select(['id', 'centerId', 'ageBracket', 'communeInsee']).where('id', 'in', ids.slice(i, i + 500)).execute();
    const rows = found.filter((row) => row.centerId === centerId);
    for (const r of rows) out.set(r.id, { ageBracket: r.ageBracket, communeInsee: r.communeInsee });
  }
  return out;
}
