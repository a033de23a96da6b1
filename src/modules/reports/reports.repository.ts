/**
 * The reports' SQL. Reports are the one module that reads the records of the modules before it
 * directly (ARCHITECTURE.md: "the report queries"): counting a year of attendance through the
 * services, session by session, would not hold at the scale of a federation. Read-only, and
 * scoped to one centre like every other query.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Contact } from './figures.ts';

type Q = Kysely<Database>;

/** Every contact of the centre between two UTC instants (from inclusive, to exclusive). */
export async function listContacts(db: Q, centerId: string, from: string, to: string): Promise<Contact[]> {
  const [attended, accompanied] = await Promise.all([
    db
      .selectFrom('activityAttendance as a')
      .leftJoin('activities as act', (join) => join.onRef('act.id', '=', 'a.activityId').onRef('act.centerId', '=', 'a.centerId'))
      .leftJoin('persons as p', (join) => join.onRef('p.id', '=', 'a.personId').onRef('p.centerId', '=', 'a.centerId'))
      .select(['a.personId', 'a.sessionId', 'a.sessionStartsAt as at', 'a.durationMinutes', 'a.theme', 'a.siteId', 'act.kind as activityKind', 'p.ageBracket', 'p.gender', 'p.socialStatus', 'p.communeInsee', 'p.id as knownId'])
      .where('a.centerId', '=', centerId)
      .where('a.status', '=', 'present')
      .where('a.sessionStartsAt', '>=', from)
      .where('a.sessionStartsAt', '<', to)
      .execute(),
    db
      .selectFrom('helpdeskAccompaniments as h')
      .leftJoin('persons as p', (join) => join.onRef('p.id', '=', 'h.personId').onRef('p.centerId', '=', 'h.centerId'))
      .select(['h.personId', 'h.occurredAt as at', 'h.durationMinutes', 'h.themes', 'h.siteId', 'p.ageBracket', 'p.gender', 'p.socialStatus', 'p.communeInsee', 'p.id as knownId'])
      .where('h.centerId', '=', centerId)
      .where('h.occurredAt', '>=', from)
      .where('h.occurredAt', '<', to)
      .execute(),
  ]);
  const traits = (r: { knownId: string | null; ageBracket: string | null; gender: string | null; socialStatus: string | null; communeInsee: string | null }) =>
    r.knownId ? { ageBracket: r.ageBracket ?? 'non_communique', gender: r.gender ?? 'non_communique', socialStatus: r.socialStatus ?? 'non_communique', communeInsee: r.communeInsee } : null;
  return [
    ...attended.map((r): Contact => ({
      kind: 'workshop', personId: r.personId, person: traits(r), at: r.at, durationMinutes: r.durationMinutes,
      sessionId: r.sessionId, themes: r.theme ? [r.theme] : [], siteId: r.siteId, activityKind: r.activityKind,
    })),
    ...accompanied.map((r): Contact => ({
      kind: 'accompaniment', personId: r.personId, person: traits(r), at: r.at, durationMinutes: r.durationMinutes,
      sessionId: null, themes: r.themes ? r.themes.split('|') : [], siteId: r.siteId, activityKind: null,
    })),
  ];
}

/** Sessions held (not cancelled) at some sites between two UTC instants: the partner's village. */
export async function countSessionsAt(db: Q, centerId: string, siteIds: string[], from: string, to: string): Promise<number> {
  if (siteIds.length === 0) return 0;
  const row = await db
    .selectFrom('activitySessions as s')
    .innerJoin('activities as a', 'a.id', 's.activityId')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('s.centerId', '=', centerId)
    .where((eb) => eb.or([eb('s.siteId', 'in', siteIds), eb.and([eb('s.siteId', 'is', null), eb('a.siteId', 'in', siteIds)])]))
    .where('s.status', '=', 'scheduled')
    .where('s.startsAt', '>=', from)
    .where('s.startsAt', '<', to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
