import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface DomainRow {
  id: string;
  code: string;
  title: string;
  layer: string;
  position: number;
}

export interface CompetenceRow {
  id: string;
  domainId: string;
  code: string;
  title: string;
  mediationTheme: string | null;
  position: number;
}

export interface SubjectRow {
  id: string;
  competenceId: string;
  code: string;
  title: string;
  position: number;
}

export interface SkillRow {
  id: string;
  subjectId: string;
  code: string;
  statement: string;
  difficulty: number;
  position: number;
  retiredAt: string | null;
}

/** A skill with where it sits in the framework, as pathways and evaluations show it. */
export interface SkillInContext extends SkillRow {
  subjectCode: string;
  subjectTitle: string;
  competenceId: string;
  competenceCode: string;
  competenceTitle: string;
  domainCode: string;
}

export async function hasFramework(db: Q, centerId: string): Promise<boolean> {
  const row = await db.selectFrom('frameworkDomains').select('id').where('centerId', '=', centerId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export function listDomains(db: Q, centerId: string): Promise<DomainRow[]> {
  return db
    .selectFrom('frameworkDomains')
    .select(['id', 'code', 'title', 'layer', 'position'])
    .where('centerId', '=', centerId)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export function listCompetences(db: Q, centerId: string): Promise<CompetenceRow[]> {
  return db
    .selectFrom('frameworkCompetences')
    .select(['id', 'domainId', 'code', 'title', 'mediationTheme', 'position'])
    .where('centerId', '=', centerId)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export function listSubjects(db: Q, centerId: string): Promise<SubjectRow[]> {
  return db
    .selectFrom('frameworkSubjects')
    .select(['id', 'competenceId', 'code', 'title', 'position'])
    .where('centerId', '=', centerId)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export function listSkills(db: Q, centerId: string): Promise<SkillRow[]> {
  return db
    .selectFrom('frameworkSkills')
    .select(['id', 'subjectId', 'code', 'statement', 'difficulty', 'position', 'retiredAt'])
    .where('centerId', '=', centerId)
    .orderBy('position')
    .orderBy('difficulty')
    .orderBy('code')
    .execute();
}

const contextColumns = [
  'k.id', 'k.subjectId', 'k.code', 'k.statement', 'k.difficulty', 'k.position', 'k.retiredAt',
  's.code as subjectCode', 's.title as subjectTitle', 'c.id as competenceId', 'c.code as competenceCode',
  'c.title as competenceTitle', 'd.code as domainCode',
] as const;

function skillsInContext(db: Q, centerId: string) {
  return db
    .selectFrom('frameworkSkills as k')
    .innerJoin('frameworkSubjects as s', 's.id', 'k.subjectId')
    .innerJoin('frameworkCompetences as c', 'c.id', 's.competenceId')
    .innerJoin('frameworkDomains as d', 'd.id', 'c.domainId')
    .select(contextColumns)
    .where('k.centerId', '=', centerId);
}

export async function findSkillsInContext(db: Q, centerId: string, ids: readonly string[]): Promise<SkillInContext[]> {
  if (ids.length === 0) return [];
  return skillsInContext(db, centerId).where('k.id', 'in', [...ids]).execute();
}

export function listActiveSkillsInContext(db: Q, centerId: string): Promise<SkillInContext[]> {
  return skillsInContext(db, centerId)
    .where('k.retiredAt', 'is', null)
    .orderBy('d.position')
    .orderBy('c.position')
    .orderBy('s.position')
    .orderBy('k.difficulty')
    .orderBy('k.position')
    .execute();
}

export async function findSubject(db: Q, centerId: string, id: string): Promise<SubjectRow | undefined> {
  return db
    .selectFrom('frameworkSubjects')
    .select(['id', 'competenceId', 'code', 'title', 'position'])
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function skillCodeTaken(db: Q, centerId: string, code: string): Promise<boolean> {
  const row = await db.selectFrom('frameworkSkills').select('id').where('centerId', '=', centerId).where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

export async function insertDomain(db: Q, row: Database['frameworkDomains']): Promise<void> {
  await db.insertInto('frameworkDomains').values(row).execute();
}
export async function insertCompetence(db: Q, row: Database['frameworkCompetences']): Promise<void> {
  await db.insertInto('frameworkCompetences').values(row).execute();
}
export async function insertSubject(db: Q, row: Database['frameworkSubjects']): Promise<void> {
  await db.insertInto('frameworkSubjects').values(row).execute();
}
export async function insertSkill(db: Q, row: Database['frameworkSkills']): Promise<void> {
  await db.insertInto('frameworkSkills').values(row).execute();
}

export async function updateDomain(db: Q, centerId: string, id: string, patch: Partial<Pick<Database['frameworkDomains'], 'title' | 'layer' | 'position' | 'updatedAt'>>): Promise<void> {
  await db.updateTable('frameworkDomains').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}
export async function updateCompetence(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<Database['frameworkCompetences'], 'title' | 'domainId' | 'mediationTheme' | 'position' | 'updatedAt'>>,
): Promise<void> {
  await db.updateTable('frameworkCompetences').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}
export async function updateSubject(db: Q, centerId: string, id: string, patch: Partial<Pick<Database['frameworkSubjects'], 'title' | 'competenceId' | 'position' | 'updatedAt'>>): Promise<void> {
  await db.updateTable('frameworkSubjects').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}
export async function updateSkill(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<Database['frameworkSkills'], 'statement' | 'subjectId' | 'difficulty' | 'position' | 'retiredAt' | 'updatedAt'>>,
): Promise<void> {
  await db.updateTable('frameworkSkills').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function retireSkillsNotIn(db: Q, centerId: string, keepIds: readonly string[], at: string): Promise<number> {
  let query = db.updateTable('frameworkSkills').set({ retiredAt: at, updatedAt: at }).where('centerId', '=', centerId).where('retiredAt', 'is', null);
  if (keepIds.length > 0) query = query.where('id', 'not in', [...keepIds]);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function siblingsOfSkill(db: Q, centerId: string, subjectId: string): Promise<SkillRow[]> {
  return db
    .selectFrom('frameworkSkills')
    .select(['id', 'subjectId', 'code', 'statement', 'difficulty', 'position', 'retiredAt'])
    .where('centerId', '=', centerId)
    .where('subjectId', '=', subjectId)
    .orderBy('position')
    .orderBy('difficulty')
    .orderBy('code')
    .execute();
}
