import type { Kysely, Transaction } from 'kysely';
import type { DialectName } from '../../db/kysely.ts';
import { matchFiches } from '../../db/full-text.ts';
import type { Database } from '../../db/schema.ts';
import { sortFrench } from '../../platform/text.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface FicheRow {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  level: string;
  themes: string[];
  competences: string[];
  status: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const columns = ['id', 'slug', 'title', 'summary', 'body', 'level', 'themes', 'competences', 'status', 'publishedAt', 'createdAt', 'updatedAt'] as const;

type Stored = Pick<Database['fiches'], (typeof columns)[number]>;

function toRow(r: Stored): FicheRow {
  return { ...r, themes: r.themes.split(' ').filter(Boolean), competences: r.competences.split(' ').filter(Boolean) };
}

export async function listFiches(db: Q, centerId: string, options: { publishedOnly: boolean }): Promise<FicheRow[]> {
  let query = db.selectFrom('fiches').select(columns).where('centerId', '=', centerId);
  if (options.publishedOnly) query = query.where('status', '=', 'published');
  const rows = await query.orderBy('title').orderBy('id').execute();
  return sortFrench(rows.map(toRow), (r) => r.title);
}

export async function listFichesByIds(db: Q, centerId: string, ids: readonly string[]): Promise<FicheRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('fiches').select(columns).where('centerId', '=', centerId).where('id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((r) => [r.id, toRow(r)]));
  return ids.map((id) => byId.get(id)).filter((r): r is FicheRow => r !== undefined);
}

export async function findFiche(db: Q, centerId: string, id: string): Promise<FicheRow | undefined> {
  const row = await db.selectFrom('fiches').select(columns).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row && toRow(row);
}

export async function findFicheBySlug(db: Q, centerId: string, slug: string): Promise<FicheRow | undefined> {
  const row = await db.selectFrom('fiches').select(columns).where('centerId', '=', centerId).where('slug', '=', slug).executeTakeFirst();
  return row && toRow(row);
}

export async function slugsStartingWith(db: Q, centerId: string, prefix: string): Promise<string[]> {
  // Slugs hold [a-z0-9-] only: no LIKE wildcard to escape.
  const rows = await db.selectFrom('fiches').select('slug').where('centerId', '=', centerId).where('slug', 'like', `${prefix}%`).execute();
  return rows.map((r) => r.slug);
}

export interface FicheWrite {
  title: string;
  summary: string;
  body: string;
  level: string;
  themes: string[];
  competences: string[];
  searchTitle: string;
  searchText: string;
}

function stored(w: Partial<FicheWrite>) {
  const { themes, competences, ...rest } = w;
  return { ...rest, ...(themes ? { themes: themes.join(' ') } : {}), ...(competences ? { competences: competences.join(' ') } : {}) };
}

export async function insertFiche(db: Q, row: FicheWrite & { id: string; centerId: string; slug: string; status: string; createdBy: string | null; createdAt: string }): Promise<void> {
  const { themes, competences, ...rest } = row;
  await db.insertInto('fiches').values({ ...rest, themes: themes.join(' '), competences: competences.join(' '), publishedAt: null, updatedAt: row.createdAt }).execute();
}

export async function updateFiche(db: Q, centerId: string, id: string, patch: Partial<FicheWrite> & { status?: string; publishedAt?: string | null; updatedAt: string }): Promise<void> {
  await db.updateTable('fiches').set(stored(patch)).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export function searchFiches(db: Q, dialect: DialectName, centerId: string, words: readonly string[], options: { any: boolean; publishedOnly: boolean; limit: number }): Promise<string[]> {
  return matchFiches(db, dialect, centerId, words, options);
}

// ---- links to activities

export async function activityIdsOfFiche(db: Q, centerId: string, ficheId: string): Promise<string[]> {
  const rows = await db.selectFrom('ficheActivities').select('activityId').where('centerId', '=', centerId).where('ficheId', '=', ficheId).orderBy('id').execute();
  return rows.map((r) => r.activityId);
}

export async function replaceActivityLinks(db: Q, centerId: string, ficheId: string, rows: { id: string; activityId: string }[]): Promise<void> {
  await db.deleteFrom('ficheActivities').where('centerId', '=', centerId).where('ficheId', '=', ficheId).execute();
  if (rows.length > 0) await db.insertInto('ficheActivities').values(rows.map((r) => ({ ...r, centerId, ficheId }))).execute();
}

/** The published fiches linked to an activity, in French title order. */
export async function publishedFichesOfActivity(db: Q, centerId: string, activityId: string): Promise<{ slug: string; title: string; summary: string }[]> {
  const rows = await db
    .selectFrom('ficheActivities')
    .innerJoin('fiches', 'fiches.id', 'ficheActivities.ficheId')
    .select(['fiches.slug', 'fiches.title', 'fiches.summary'])
    .where('ficheActivities.centerId', '=', centerId)
    .where('fiches.centerId', '=', centerId)
    .where('ficheActivities.activityId', '=', activityId)
    .where('fiches.status', '=', 'published')
    .execute();
  return sortFrench(rows, (r) => r.title);
}

// ---- fiches given with a pathway module or a visit report

export async function subjectIdsOfFiche(db: Q, centerId: string, ficheId: string, subject: string): Promise<string[]> {
  const rows = await db.selectFrom('ficheLinks').select('subjectId').where('centerId', '=', centerId).where('ficheId', '=', ficheId).where('subject', '=', subject).orderBy('id').execute();
  return rows.map((r) => r.subjectId);
}

/** A fiche's links to subjects of one kind become exactly these. */
export async function replaceSubjectLinksOfFiche(db: Q, centerId: string, ficheId: string, subject: string, rows: { id: string; subjectId: string }[]): Promise<void> {
  await db.deleteFrom('ficheLinks').where('centerId', '=', centerId).where('ficheId', '=', ficheId).where('subject', '=', subject).execute();
  if (rows.length > 0) await db.insertInto('ficheLinks').values(rows.map((r) => ({ ...r, centerId, ficheId, subject }))).execute();
}

/** A subject's fiches become exactly these. */
export async function replaceFichesOfSubject(db: Q, centerId: string, subject: string, subjectId: string, rows: { id: string; ficheId: string }[]): Promise<void> {
  await db.deleteFrom('ficheLinks').where('centerId', '=', centerId).where('subject', '=', subject).where('subjectId', '=', subjectId).execute();
  if (rows.length > 0) await db.insertInto('ficheLinks').values(rows.map((r) => ({ ...r, centerId, subject, subjectId }))).execute();
}

/** The published fiches linked to each of these subjects. */
export async function publishedFichesOfSubjects(db: Q, centerId: string, subject: string, subjectIds: readonly string[]): Promise<{ subjectId: string; id: string; slug: string; title: string }[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db
    .selectFrom('ficheLinks')
    .innerJoin('fiches', 'fiches.id', 'ficheLinks.ficheId')
    .select(['ficheLinks.subjectId', 'fiches.id', 'fiches.slug', 'fiches.title'])
    .where('ficheLinks.centerId', '=', centerId)
    .where('fiches.centerId', '=', centerId)
    .where('ficheLinks.subject', '=', subject)
    .where('ficheLinks.subjectId', 'in', [...subjectIds])
    .where('fiches.status', '=', 'published')
    .execute();
  return sortFrench(rows, (r) => r.title);
}

export async function ficheIdsOfSubject(db: Q, centerId: string, subject: string, subjectId: string): Promise<string[]> {
  const rows = await db.selectFrom('ficheLinks').select('ficheId').where('centerId', '=', centerId).where('subject', '=', subject).where('subjectId', '=', subjectId).orderBy('id').execute();
  return rows.map((r) => r.ficheId);
}
