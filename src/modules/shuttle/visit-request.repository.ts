/** Queries of the navette's visit requests: `center_id` in every one. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ShuttleVisitRequestsTable } from '../../db/schema.ts';

export type VisitRequestRow = Selectable<ShuttleVisitRequestsTable>;

export async function insertRequest(db: Kysely<Database>, row: VisitRequestRow): Promise<void> {
  await db.insertInto('shuttleVisitRequests').values(row).execute();
}

/** What staff may correct on a waiting request (not the person, the status nor who took it). */
export type VisitRequestDetails = Pick<
  VisitRequestRow,
  'communeInsee' | 'address' | 'longitude' | 'latitude' | 'locationSource' | 'geocodeScore' | 'problem' | 'theme' | 'urgency' | 'availability' | 'notes' | 'durationMinutes'
>;

/** Rewrites a request's details while it still waits; the number of rows changed (0: it no longer waits). */
export async function updatePendingRequest(trx: Transaction<Database>, centerId: string, id: string, patch: VisitRequestDetails & { updatedAt: string }): Promise<number> {
  const result = await trx.updateTable('shuttleVisitRequests').set(patch).where('centerId', '=', centerId).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listRequests(db: Kysely<Database>, centerId: string, options: { status?: string; personId?: string; limit?: number } = {}): Promise<VisitRequestRow[]> {
  let query = db.selectFrom('shuttleVisitRequests').selectAll().where('centerId', '=', centerId);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.personId) query = query.where('personId', '=', options.personId);
  return query.orderBy('createdAt').orderBy('id').limit(options.limit ?? 500).execute();
}

export async function findRequest(db: Kysely<Database>, centerId: string, id: string): Promise<VisitRequestRow | undefined> {
  return db.selectFrom('shuttleVisitRequests').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function findRequests(db: Kysely<Database>, centerId: string, ids: readonly string[]): Promise<VisitRequestRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('shuttleVisitRequests').selectAll().where('centerId', '=', centerId).where('id', 'in', [...ids]).execute();
}

/**
 * Moves requests from one status to another, only those still in `from`: the count tells
 * whether another change got there first (a request enters one confirmed tour at most).
 */
export async function moveStatus(trx: Transaction<Database>, centerId: string, ids: readonly string[], from: string, to: string, now: string): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await trx
    .updateTable('shuttleVisitRequests')
    .set({ status: to, updatedAt: now })
    .where('centerId', '=', centerId)
    .where('id', 'in', [...ids])
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function movePerson(trx: Transaction<Database>, centerId: string, fromId: string, toId: string): Promise<void> {
  await trx.updateTable('shuttleVisitRequests').set({ personId: toId }).where('centerId', '=', centerId).where('personId', '=', fromId).execute();
}

/** Erasure: where the person lives, what they said and when they are at home go; the figures stay. */
export async function clearPersonText(trx: Transaction<Database>, centerId: string, personId: string, now: string): Promise<void> {
  await trx
    .updateTable('shuttleVisitRequests')
    .set({ address: null, longitude: null, latitude: null, locationSource: null, geocodeScore: null, problem: '', availability: '[]', notes: null, updatedAt: now })
    .where('centerId', '=', centerId)
    .where('personId', '=', personId)
    .execute();
}
