/**
 * The SQL of volunteer hours and of the centre's hourly rate for their valorisation. Every
 * function takes `db` and the centre id it is scoped to; nothing here decides.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, VolunteerHoursTable } from '../../db/schema.ts';
import { DEFAULT_DIGEST } from './notice-board.vocab.ts';

type Q = Kysely<Database>;

export type HoursRow = Selectable<VolunteerHoursTable>;

export async function insertHours(db: Q, row: HoursRow): Promise<void> {
  await db.insertInto('volunteerHours').values(row).execute();
}

export async function findHours(db: Q, centerId: string, id: string): Promise<HoursRow | undefined> {
  return db.selectFrom('volunteerHours').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function deleteHours(db: Q, centerId: string, id: string): Promise<void> {
  await db.deleteFrom('volunteerHours').where('centerId', '=', centerId).where('id', '=', id).execute();
}

/** Entries between two days (both included), newest first. */
export async function listHours(db: Q, centerId: string, from: string, to: string): Promise<HoursRow[]> {
  return db
    .selectFrom('volunteerHours')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('workedOn', '>=', from)
    .where('workedOn', '<=', to)
    .orderBy('workedOn', 'desc')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function hourlyRate(db: Q, centerId: string): Promise<number | undefined> {
  const row = await db.selectFrom('teamBoardSettings').select('hourlyRateCents').where('centerId', '=', centerId).executeTakeFirst();
  return row?.hourlyRateCents;
}

export async function saveHourlyRate(db: Q, centerId: string, cents: number, updatedAt: string): Promise<void> {
  await db
    .insertInto('teamBoardSettings')
    .values({ centerId, digestFrequency: DEFAULT_DIGEST, hourlyRateCents: cents, updatedAt })
    .onConflict((oc) => oc.column('centerId').doUpdateSet({ hourlyRateCents: cents, updatedAt }))
    .execute();
}
