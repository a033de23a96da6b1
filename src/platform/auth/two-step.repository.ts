import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database>;

export interface TwoStepRow {
  userId: string;
  centerId: string;
  /** Encrypted; null when restored from a backup (the account is then "not set up"). */
  secret: string | null;
  confirmedAt: string | null;
  lastStep: number | null;
}

export async function findTwoStep(db: Q, centerId: string, userId: string): Promise<TwoStepRow | undefined> {
  const row = await db
    .selectFrom('staffTwoStep')
    .select(['userId', 'centerId', 'secret', 'confirmedAt', 'lastStep'])
    .where('centerId', '=', centerId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row && { ...row, lastStep: row.lastStep === null ? null : Number(row.lastStep) };
}

/** Starts (or starts again) a setup: a new secret, not confirmed, no step used. */
export async function saveUnconfirmed(db: Q, row: { userId: string; centerId: string; secret: string; createdAt: string }): Promise<void> {
  await db.deleteFrom('staffTwoStep').where('centerId', '=', row.centerId).where('userId', '=', row.userId).execute();
  await db.insertInto('staffTwoStep').values({ ...row, confirmedAt: null, lastStep: null }).execute();
}

/**
 * Records that the code of `step` was accepted, only when no code of this step or a later one
 * was: answers false for a replay (two requests with the same code: one wins).
 */
export async function useStep(db: Q, centerId: string, userId: string, step: number, confirmedAt?: string): Promise<boolean> {
  const result = await db
    .updateTable('staffTwoStep')
    .set({ lastStep: step, ...(confirmedAt ? { confirmedAt } : {}) })
    .where('centerId', '=', centerId)
    .where('userId', '=', userId)
    .where('secret', 'is not', null)
    .where((eb) => eb.or([eb('lastStep', 'is', null), eb('lastStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteTwoStep(db: Q, centerId: string, userId: string): Promise<void> {
  await db.deleteFrom('staffRecoveryCodes').where('centerId', '=', centerId).where('userId', '=', userId).execute();
  await db.deleteFrom('staffTwoStep').where('centerId', '=', centerId).where('userId', '=', userId).execute();
}

/** Replaces the account's recovery codes (the old ones stop working). */
export async function replaceRecoveryCodes(
  db: Q, centerId: string, userId: string, codes: { id: string; codeHash: string }[], createdAt: string,
): Promise<void> {
  await db.deleteFrom('staffRecoveryCodes').where('centerId', '=', centerId).where('userId', '=', userId).execute();
  if (codes.length === 0) return;
  await db.insertInto('staffRecoveryCodes').values(codes.map((c) => ({ ...c, centerId, userId, usedAt: null, createdAt }))).execute();
}

/** Spends a recovery code: false when it is unknown or already used (two requests: one wins). */
export async function spendRecoveryCode(db: Q, centerId: string, userId: string, codeHash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('staffRecoveryCodes')
    .set({ usedAt: at })
    .where('centerId', '=', centerId)
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Q, centerId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('staffRecoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('centerId', '=', centerId)
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The accounts of a centre whose two-step sign-in is set up (confirmed, with a secret). */
export async function listEnabledUserIds(db: Q, centerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('staffTwoStep')
    .select('userId')
    .where('centerId', '=', centerId)
    .where('confirmedAt', 'is not', null)
    .where('secret', 'is not', null)
    .execute();
  return rows.map((r) => r.userId);
}

export async function findRequiredRoles(db: Q, centerId: string): Promise<string> {
  const row = await db.selectFrom('centers').select('twoStepRoles').where('id', '=', centerId).executeTakeFirst();
  return row?.twoStepRoles ?? '';
}

export async function updateRequiredRoles(db: Q, centerId: string, roles: string, at: string): Promise<void> {
  await db.updateTable('centers').set({ twoStepRoles: roles, updatedAt: at }).where('id', '=', centerId).execute();
}
