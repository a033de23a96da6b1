import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface RequirementRow {
  id: string;
  role: string;
  pathwayId: string;
  createdAt: string;
}

export function listRequirements(db: Q, centerId: string, role?: string): Promise<RequirementRow[]> {
  let query = db.selectFrom('roleTrainingRequirements').select(['id', 'role', 'pathwayId', 'createdAt']).where('centerId', '=', centerId);
  if (role) query = query.where('role', '=', role);
  return query.orderBy('role').orderBy('createdAt').execute();
}

export async function findRequirement(db: Q, centerId: string, role: string, pathwayId: string): Promise<RequirementRow | undefined> {
  return db
    .selectFrom('roleTrainingRequirements')
    .select(['id', 'role', 'pathwayId', 'createdAt'])
    .where('centerId', '=', centerId)
    .where('role', '=', role)
    .where('pathwayId', '=', pathwayId)
    .executeTakeFirst();
}

export async function insertRequirement(db: Q, row: Database['roleTrainingRequirements']): Promise<void> {
  await db.insertInto('roleTrainingRequirements').values(row).execute();
}

export async function deleteRequirement(db: Q, centerId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('roleTrainingRequirements').where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The pathways a staff account has completed. */
export async function completedPathwayIds(db: Q, centerId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('enrolments')
    .select('pathwayId')
    .where('centerId', '=', centerId)
    .where('userId', '=', userId)
    .where('completedAt', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.pathwayId));
}
