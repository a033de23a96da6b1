/**
 * The SQL of La Coop's activity export: the workshops' attendance (present) and the help-desk
 * accompaniments of a centre between two UTC instants, with the persons' traits. Read-only.
 */
import type { Kysely } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database>;

export interface CoopPersonRow {
  firstName: string | null;
  lastName: string | null;
  communeInsee: string | null;
  gender: string | null;
  ageBracket: string | null;
  socialStatus: string | null;
}

export interface CoopAttendanceRow extends CoopPersonRow {
  sessionId: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  title: string;
  siteName: string | null;
  theme: string;
  level: string;
  equipment: string;
}

export interface CoopAccompanimentRow extends CoopPersonRow {
  occurredAt: string;
  siteName: string | null;
  placeType: string;
  durationMinutes: number;
  themes: string;
  procedureCategory: string | null;
  equipment: string;
  autonomy: string;
  redirected: boolean;
  redirectStructure: string | null;
  details: string | null;
}

export function listCoopAttendance(db: Q, centerId: string, from: string, to: string): Promise<CoopAttendanceRow[]> {
  return db
    .selectFrom('activityAttendance as a')
    .innerJoin('activitySessions as s', (join) => join.onRef('s.id', '=', 'a.sessionId').onRef('s.centerId', '=', 'a.centerId'))
    .innerJoin('activities as act', (join) => join.onRef('act.id', '=', 'a.activityId').onRef('act.centerId', '=', 'a.centerId'))
    // The session's own site, else its activity's.
    .leftJoin('sites as site', (join) => join.on((eb) => eb('site.id', '=', eb.fn.coalesce('s.siteId', 'act.siteId'))).onRef('site.centerId', '=', 'a.centerId'))
    .leftJoin('persons as p', (join) => join.onRef('p.id', '=', 'a.personId').onRef('p.centerId', '=', 'a.centerId'))
    .select([
      'a.sessionId', 's.localDate', 's.startsAt', 's.endsAt', 'act.title', 'site.name as siteName', 'a.theme', 'a.level', 'a.equipment',
      'p.firstName', 'p.lastName', 'p.communeInsee', 'p.gender', 'p.ageBracket', 'p.socialStatus',
    ])
    .where('a.centerId', '=', centerId)
    .where('a.status', '=', 'present')
    .where('a.sessionStartsAt', '>=', from)
    .where('a.sessionStartsAt', '<', to)
    .orderBy('s.startsAt')
    .orderBy('p.sortName')
    .execute();
}

export async function listCoopAccompaniments(db: Q, centerId: string, from: string, to: string): Promise<CoopAccompanimentRow[]> {
  const rows = await db
    .selectFrom('helpdeskAccompaniments as h')
    .leftJoin('sites as site', (join) => join.onRef('site.id', '=', 'h.siteId').onRef('site.centerId', '=', 'h.centerId'))
    .leftJoin('persons as p', (join) => join.onRef('p.id', '=', 'h.personId').onRef('p.centerId', '=', 'h.centerId'))
    .select([
      'h.occurredAt', 'site.name as siteName', 'h.placeType', 'h.durationMinutes', 'h.themes', 'h.procedureCategory', 'h.equipment', 'h.autonomy', 'h.redirected',
      'h.redirectStructure', 'h.details', 'p.firstName', 'p.lastName', 'p.communeInsee', 'p.gender', 'p.ageBracket', 'p.socialStatus',
    ])
    .where('h.centerId', '=', centerId)
    .where('h.occurredAt', '>=', from)
    .where('h.occurredAt', '<', to)
    .orderBy('h.occurredAt')
    .execute();
  return rows.map((r) => ({ ...r, redirected: asBool(r.redirected) }));
}

/** How many lines the export will have: one per session with someone present, one per accompaniment. */
export async function countCoopLines(db: Q, centerId: string, from: string, to: string): Promise<number> {
  const [sessions, accompaniments] = await Promise.all([
    db
      .selectFrom('activityAttendance')
      .select((eb) => eb.fn.count<number | string>('sessionId').distinct().as('n'))
      .where('centerId', '=', centerId)
      .where('status', '=', 'present')
      .where('sessionStartsAt', '>=', from)
      .where('sessionStartsAt', '<', to)
      .executeTakeFirst(),
    db
      .selectFrom('helpdeskAccompaniments')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('centerId', '=', centerId)
      .where('occurredAt', '>=', from)
      .where('occurredAt', '<', to)
      .executeTakeFirst(),
  ]);
  return Number(sessions?.n ?? 0) + Number(accompaniments?.n ?? 0);
}
