/**
 * The funders' reports' SQL: the centre's contacts over a period with what the funders ask
 * about (activity kind, household, place type, procedure), and the age bracket of borrowers.
 * Read-only, one centre per query (see reports.repository.ts for why reports read directly).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FunderContact } from './funders.ts';

type Q = Kysely<Database>;

interface Traits {
  knownId: string | null;
  ageBracket: string | null;
  householdId: string | null;
  communeInsee: string | null;
}

const traits = (r: Traits) => ({
  ageBracket: r.knownId ? (r.ageBracket ?? 'non_communique') : null,
  householdId: r.knownId ? r.householdId : null,
  communeInsee: r.knownId ? r.communeInsee : null,
});

/** Workshops attended (present) and accompaniments between two UTC instants (from inclusive, to exclusive). */
export async function listFunderContacts(db: Q, centerId: string, from: string, to: string): Promise<FunderContact[]> {
  const [attended, accompanied] = await Promise.all([
    db
      .selectFrom('activityAttendance as a')
      .leftJoin('activities as act', (join) => join.onRef('act.id', '=', 'a.activityId').onRef('act.centerId', '=', 'a.centerId'))
      .leftJoin('persons as p', (join) => join.onRef('p.id', '=', 'a.personId').onRef('p.centerId', '=', 'a.centerId'))
      .select(['a.personId', 'a.sessionId', 'a.sessionStartsAt as at', 'a.durationMinutes', 'a.theme', 'act.kind as activityKind', 'p.id as knownId', 'p.ageBracket', 'p.householdId', 'p.communeInsee'])
      .where('a.centerId', '=', centerId)
      .where('a.status', '=', 'present')
      .where('a.sessionStartsAt', '>=', from)
      .where('a.sessionStartsAt', '<', to)
      .execute(),
    db
      .selectFrom('helpdeskAccompaniments as h')
      .leftJoin('persons as p', (join) => join.onRef('p.id', '=', 'h.personId').onRef('p.centerId', '=', 'h.centerId'))
      .select(['h.personId', 'h.occurredAt as at', 'h.durationMinutes', 'h.themes', 'h.placeType', 'h.procedureCategory', 'p.id as knownId', 'p.ageBracket', 'p.householdId', 'p.communeInsee'])
      .where('h.centerId', '=', centerId)
      .where('h.occurredAt', '>=', from)
      .where('h.occurredAt', '<', to)
      .execute(),
  ]);
  return [
    ...attended.map((r): FunderContact => ({
      kind: 'workshop', personId: r.personId, ...traits(r), at: r.at, durationMinutes: r.durationMinutes, sessionId: r.sessionId,
      activityKind: r.activityKind, themes: r.theme ? [r.theme] : [], placeType: null, procedureCategory: null,
    })),
    ...accompanied.map((r): FunderContact => ({
      kind: 'accompaniment', personId: r.personId, ...traits(r), at: r.at, durationMinutes: r.durationMinutes, sessionId: null,
      activityKind: null, themes: r.themes ? r.themes.split('|') : [], placeType: r.placeType, procedureCategory: r.procedureCategory,
    })),
  ];
}

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
