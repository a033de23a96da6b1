import type { Kysely, Transaction } from 'kysely';
import { sortFrench } from '../../platform/text.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface PathwayRow {
  id: string;
  title: string;
  audience: string;
  description: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ModuleRow {
  id: string;
  pathwayId: string;
  position: number;
  title: string;
  level: string;
  suggestedSessions: number;
  description: string | null;
}

const pathwayColumns = ['id', 'title', 'audience', 'description', 'archivedAt', 'createdAt', 'updatedAt'] as const;
const moduleColumns = ['id', 'pathwayId', 'position', 'title', 'level', 'suggestedSessions', 'description'] as const;

export function listPathways(db: Q, centerId: string, includeArchived: boolean): Promise<PathwayRow[]> {
  let query = db.selectFrom('pathways').select(pathwayColumns).where('centerId', '=', centerId);
  if (!includeArchived) query = query.where('archivedAt', 'is', null);
  return query.orderBy('title').orderBy('id').execute().then((rows) => sortFrench(rows, (r) => r.title));
}

export function findPathway(db: Q, centerId: string, id: string): Promise<PathwayRow | undefined> {
  return db.selectFrom('pathways').select(pathwayColumns).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function insertPathway(db: Q, row: Database['pathways']): Promise<void> {
  await db.insertInto('pathways').values(row).execute();
}

export async function updatePathway(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<Database['pathways'], 'title' | 'audience' | 'description' | 'archivedAt' | 'updatedAt'>>,
): Promise<void> {
  await db.updateTable('pathways').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export function listModules(db: Q, centerId: string, pathwayIds: readonly string[]): Promise<ModuleRow[]> {
  if (pathwayIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pathwayModules')
    .select(moduleColumns)
    .where('centerId', '=', centerId)
    .where('pathwayId', 'in', [...pathwayIds])
    .orderBy('pathwayId')
    .orderBy('position')
    .execute();
}

export function findModule(db: Q, centerId: string, id: string): Promise<ModuleRow | undefined> {
  return db.selectFrom('pathwayModules').select(moduleColumns).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function insertModule(db: Q, row: Database['pathwayModules']): Promise<void> {
  await db.insertInto('pathwayModules').values(row).execute();
}

export async function updateModule(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<Database['pathwayModules'], 'title' | 'level' | 'suggestedSessions' | 'description' | 'position' | 'updatedAt'>>,
): Promise<void> {
  await db.updateTable('pathwayModules').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function deleteModule(db: Q, centerId: string, id: string): Promise<void> {
  await db.deleteFrom('pathwayModuleSkills').where('centerId', '=', centerId).where('moduleId', '=', id).execute();
  await db.deleteFrom('pathwayModuleActivities').where('centerId', '=', centerId).where('moduleId', '=', id).execute();
  await db.deleteFrom('pathwayModules').where('centerId', '=', centerId).where('id', '=', id).execute();
}

export function listModuleSkills(db: Q, centerId: string, moduleIds: readonly string[]) {
  if (moduleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pathwayModuleSkills')
    .select(['moduleId', 'skillId', 'position'])
    .where('centerId', '=', centerId)
    .where('moduleId', 'in', [...moduleIds])
    .orderBy('moduleId')
    .orderBy('position')
    .execute();
}

export async function replaceModuleSkills(db: Q, centerId: string, moduleId: string, skillIds: readonly string[], newId: () => string): Promise<void> {
  await db.deleteFrom('pathwayModuleSkills').where('centerId', '=', centerId).where('moduleId', '=', moduleId).execute();
  if (skillIds.length === 0) return;
  await db
    .insertInto('pathwayModuleSkills')
    .values(skillIds.map((skillId, position) => ({ id: newId(), centerId, moduleId, skillId, position })))
    .execute();
}

export function listModuleActivities(db: Q, centerId: string, moduleIds: readonly string[]) {
  if (moduleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('pathwayModuleActivities')
    .select(['moduleId', 'activityId'])
    .where('centerId', '=', centerId)
    .where('moduleId', 'in', [...moduleIds])
    .orderBy('activityId')
    .execute();
}

export async function replaceModuleActivities(db: Q, centerId: string, moduleId: string, activityIds: readonly string[], newId: () => string): Promise<void> {
  await db.deleteFrom('pathwayModuleActivities').where('centerId', '=', centerId).where('moduleId', '=', moduleId).execute();
  if (activityIds.length === 0) return;
  await db
    .insertInto('pathwayModuleActivities')
    .values(activityIds.map((activityId) => ({ id: newId(), centerId, moduleId, activityId })))
    .execute();
}

/** Modules that already carry evaluations or placements: they cannot be removed any more. */
export async function moduleInUse(db: Q, centerId: string, moduleId: string): Promise<boolean> {
  const evaluation = await db.selectFrom('evaluations').select('id').where('centerId', '=', centerId).where('moduleId', '=', moduleId).limit(1).executeTakeFirst();
  if (evaluation) return true;
  const start = await db.selectFrom('enrolments').select('id').where('centerId', '=', centerId).where('startModuleId', '=', moduleId).limit(1).executeTakeFirst();
  if (start) return true;
  const placed = await db.selectFrom('quizSessions').select('id').where('centerId', '=', centerId).where('placementModuleId', '=', moduleId).limit(1).executeTakeFirst();
  if (placed) return true;
  const badge = await db.selectFrom('badges').select('id').where('centerId', '=', centerId).where('moduleId', '=', moduleId).limit(1).executeTakeFirst();
  return badge !== undefined;
}

export async function countEnrolmentsByPathway(db: Q, centerId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('enrolments')
    .select(['pathwayId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('centerId', '=', centerId)
    .where('status', '=', 'active')
    .groupBy('pathwayId')
    .execute();
  return new Map(rows.map((r) => [r.pathwayId, Number(r.n)]));
}
