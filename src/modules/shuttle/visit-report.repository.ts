/** Queries of the navette's visit reports: `center_id` in every one. */
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, ShuttleVisitReportsTable } from '../../db/schema.ts';

export type VisitReportRow = Selectable<ShuttleVisitReportsTable>;
type Q = Kysely<Database> | Transaction<Database>;

export async function insertReport(db: Q, row: VisitReportRow): Promise<void> {
  await db.insertInto('shuttleVisitReports').values(row).execute();
}

export async function findByClientId(db: Q, centerId: string, clientId: string): Promise<VisitReportRow | undefined> {
  return db.selectFrom('shuttleVisitReports').selectAll().where('centerId', '=', centerId).where('clientId', '=', clientId).executeTakeFirst();
}

export async function findReport(db: Q, centerId: string, id: string): Promise<VisitReportRow | undefined> {
  return db.selectFrom('shuttleVisitReports').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

/** A request's reports, newest first. */
export async function listForRequest(db: Q, centerId: string, requestId: string): Promise<VisitReportRow[]> {
  return db.selectFrom('shuttleVisitReports').selectAll().where('centerId', '=', centerId).where('requestId', '=', requestId).orderBy('createdAt', 'desc').orderBy('id').execute();
}

export async function listForPerson(db: Q, centerId: string, personId: string): Promise<VisitReportRow[]> {
  return db.selectFrom('shuttleVisitReports').selectAll().where('centerId', '=', centerId).where('personId', '=', personId).orderBy('createdAt').orderBy('id').execute();
}

export async function updateReport(db: Q, centerId: string, id: string, patch: Updateable<ShuttleVisitReportsTable>): Promise<void> {
  await db.updateTable('shuttleVisitReports').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

/**
 * Takes an appointment still to do for one booking attempt: only if its status and last change
 * are still those read (another attempt did not get there first). True when taken.
 */
export async function claimAppointment(db: Q, centerId: string, id: string, seen: { status: string; updatedAt: string }, wanted: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('shuttleVisitReports')
    .set({ appointmentStatus: 'pending', appointmentWanted: wanted, updatedAt: now })
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .where('appointmentStatus', '=', seen.status)
    .where('updatedAt', '=', seen.updatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Reports whose appointment was asked and is not booked (failed, or pending), oldest first. */
export async function listAppointmentsNotBooked(db: Q, centerId: string): Promise<VisitReportRow[]> {
  return db
    .selectFrom('shuttleVisitReports')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('appointmentStatus', 'in', ['failed', 'pending'])
    .orderBy('writtenAt')
    .orderBy('id')
    .limit(200)
    .execute();
}

export async function findRequest(db: Q, centerId: string, id: string) {
  return db.selectFrom('shuttleVisitRequests').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function setRequestStatus(db: Q, centerId: string, id: string, status: string, now: string): Promise<void> {
  await db.updateTable('shuttleVisitRequests').set({ status, updatedAt: now }).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function movePerson(trx: Transaction<Database>, centerId: string, fromId: string, toId: string): Promise<void> {
  await trx.updateTable('shuttleVisitReports').set({ personId: toId }).where('centerId', '=', centerId).where('personId', '=', fromId).execute();
}

/** Erasure: the words written about the visit go; the figures (time, outcome) stay. */
export async function clearPersonText(trx: Transaction<Database>, centerId: string, personId: string, now: string): Promise<void> {
  await trx.updateTable('shuttleVisitReports').set({ summary: '', updatedAt: now }).where('centerId', '=', centerId).where('personId', '=', personId).execute();
}
