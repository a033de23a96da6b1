/** The export jobs' SQL: every query scoped to a centre, except the worker's, which takes the next job of any centre. */
import type { Kysely } from 'kysely';
import type { Database, ExportJobsTable } from '../../db/schema.ts';

type Q = Kysely<Database>;

export type ExportJobRow = Omit<ExportJobsTable, 'progress' | 'result'> & { progress: number };

const COLUMNS = ['id', 'centerId', 'requestedBy', 'kind', 'format', 'params', 'status', 'progress', 'rowCount', 'filename', 'createdAt', 'startedAt', 'finishedAt', 'expiresAt'] as const;

export async function insertJob(db: Q, row: Omit<ExportJobRow, 'progress' | 'rowCount' | 'filename' | 'startedAt' | 'finishedAt'>): Promise<void> {
  await db.insertInto('exportJobs').values({ ...row, progress: 0, rowCount: null, filename: null, result: null, startedAt: null, finishedAt: null }).execute();
}

/** A job as its requester sees it (without the file). */
export function findJob(db: Q, centerId: string, requestedBy: string, id: string): Promise<ExportJobRow | undefined> {
  return db.selectFrom('exportJobs').select(COLUMNS).where('centerId', '=', centerId).where('requestedBy', '=', requestedBy).where('id', '=', id).executeTakeFirst();
}

export async function findResult(db: Q, centerId: string, requestedBy: string, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('exportJobs').select('result').where('centerId', '=', centerId).where('requestedBy', '=', requestedBy).where('id', '=', id).executeTakeFirst();
  return row?.result ? Buffer.from(row.result) : null;
}

/**
 * Takes the oldest waiting job (or one left running by an instance that died before `staleBefore`),
 * marking it running; null when there is none. The update only succeeds for the instance that
 * still sees it as it read it, so two instances never run the same job.
 */
export async function claimNext(db: Q, now: string, staleBefore: string): Promise<ExportJobRow | null> {
  const next = await db
    .selectFrom('exportJobs')
    .select(['id', 'status', 'startedAt'])
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('startedAt', '<', staleBefore)])]))
    .orderBy('createdAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  if (!next) return null;
  const claimed = await db
    .updateTable('exportJobs')
    .set({ status: 'running', startedAt: now, progress: 0 })
    .where('id', '=', next.id)
    .where('status', '=', next.status)
    .where((eb) => (next.startedAt === null ? eb('startedAt', 'is', null) : eb('startedAt', '=', next.startedAt)))
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  return (await db.selectFrom('exportJobs').select(COLUMNS).where('id', '=', next.id).executeTakeFirst()) ?? null;
}

export async function setProgress(db: Q, id: string, progress: number): Promise<void> {
  await db.updateTable('exportJobs').set({ progress }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function finishJob(db: Q, id: string, done: { filename: string; result: Buffer; rowCount: number; finishedAt: string; expiresAt: string }): Promise<void> {
  await db.updateTable('exportJobs').set({ ...done, status: 'done', progress: 100 }).where('id', '=', id).execute();
}

export async function failJob(db: Q, id: string, finishedAt: string): Promise<void> {
  await db.updateTable('exportJobs').set({ status: 'failed', finishedAt, result: null }).where('id', '=', id).execute();
}

/** Drops the jobs whose time is over (their files with them); answers how many. */
export async function deleteExpired(db: Q, now: string): Promise<number> {
  const result = await db.deleteFrom('exportJobs').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A resident erased: any file of the centre may list them, so the centre's export files go. */
export async function deleteForCentre(db: Q, centerId: string): Promise<void> {
  await db.deleteFrom('exportJobs').where('centerId', '=', centerId).execute();
}
