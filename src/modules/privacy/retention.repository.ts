import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database>;

export async function readPeriods(db: Q, centerId: string): Promise<{ kind: string; amount: number }[]> {
  return db.selectFrom('retentionPeriods').select(['kind', 'amount']).where('centerId', '=', centerId).execute();
}

export async function savePeriods(db: Q, centerId: string, periods: Record<string, number>, now: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('retentionPeriods').where('centerId', '=', centerId).execute();
    await trx
      .insertInto('retentionPeriods')
      .values(Object.entries(periods).map(([kind, amount]) => ({ centerId, kind, amount, updatedAt: now })))
      .execute();
  });
}

/** Every centre: the nightly purge walks them one by one. */
export async function centreIds(db: Q): Promise<string[]> {
  return (await db.selectFrom('centers').select('id').orderBy('id').execute()).map((r) => r.id);
}
