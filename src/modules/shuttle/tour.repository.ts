/** Queries of the navette's tours and their stops: `center_id` in every one. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, ShuttleTourStopsTable, ShuttleToursTable } from '../../db/schema.ts';
import { newId } from '../../platform/ids.ts';

export type TourRow = Selectable<ShuttleToursTable>;
export type StopRow = Selectable<ShuttleTourStopsTable>;

export async function insertTour(trx: Transaction<Database>, tour: TourRow, stops: StopRow[]): Promise<void> {
  await trx.insertInto('shuttleTours').values(tour).execute();
  if (stops.length > 0) await trx.insertInto('shuttleTourStops').values(stops).execute();
}

export async function findTour(db: Kysely<Database>, centerId: string, id: string): Promise<TourRow | undefined> {
  return db.selectFrom('shuttleTours').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function listTours(db: Kysely<Database>, centerId: string, options: { from?: string; status?: string } = {}): Promise<TourRow[]> {
  let query = db.selectFrom('shuttleTours').selectAll().where('centerId', '=', centerId);
  if (options.from) query = query.where('date', '>=', options.from);
  if (options.status) query = query.where('status', '=', options.status);
  return query.orderBy('date').orderBy('shiftStart').orderBy('id').limit(200).execute();
}

export async function stopsOf(db: Kysely<Database>, centerId: string, tourId: string): Promise<StopRow[]> {
  return db.selectFrom('shuttleTourStops').selectAll().where('centerId', '=', centerId).where('tourId', '=', tourId).orderBy('position').execute();
}

/** The tours (not cancelled) that visit a request, newest day first. */
export async function toursOfRequest(db: Kysely<Database>, centerId: string, requestId: string): Promise<TourRow[]> {
  return db
    .selectFrom('shuttleTours')
    .innerJoin('shuttleTourStops', 'shuttleTourStops.tourId', 'shuttleTours.id')
    .selectAll('shuttleTours')
    .where('shuttleTours.centerId', '=', centerId)
    .where('shuttleTourStops.centerId', '=', centerId)
    .where('shuttleTourStops.requestId', '=', requestId)
    .where('shuttleTours.status', '!=', 'cancelled')
    .orderBy('shuttleTours.date', 'desc')
    .execute();
}

/** Moves a tour from one status to another, only when it is still in `from`; the count says so. */
export async function moveTourStatus(trx: Transaction<Database>, centerId: string, id: string, from: string, to: string, now: string): Promise<number> {
  const result = await trx
    .updateTable('shuttleTours')
    .set({ status: to, updatedAt: now })
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A tour's visits replaced by these, in order (those left out are taken out of the tour). */
export async function replaceStops(trx: Transaction<Database>, centerId: string, tourId: string, stops: { requestId: string; position: number; arrival: string; departure: string }[]): Promise<void> {
  await trx.deleteFrom('shuttleTourStops').where('centerId', '=', centerId).where('tourId', '=', tourId).execute();
  if (stops.length > 0) await trx.insertInto('shuttleTourStops').values(stops.map((s) => ({ id: newId(), centerId, tourId, ...s }))).execute();
}

export async function updateTourTimes(trx: Transaction<Database>, centerId: string, id: string, patch: { drivingSeconds: number; returnAt: string; updatedAt: string }): Promise<void> {
  await trx.updateTable('shuttleTours').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}
