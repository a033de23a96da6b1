import type { Kysely, Selectable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import { sortFrench } from '../../platform/text.ts';
import type { CentersTable, Database, PartnerCommunesTable, SitesTable } from '../../db/schema.ts';

type Q = Kysely<Database>;

/** The rows as the schema declares them (src/db/schema.ts): one shape, not a copy. */
/** A centre as its module knows it (its federation is the reports module's: federation.repository.ts). */
export type CentreRow = Omit<Selectable<CentersTable>, 'federationId'>;

export type SiteRow = Selectable<SitesTable>;

export type PartnerCommuneRow = Selectable<PartnerCommunesTable>;

// Centres

export async function findCentre(db: Q, id: string): Promise<CentreRow | undefined> {
  return db.selectFrom('centers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCentreBySlug(db: Q, slug: string): Promise<CentreRow | undefined> {
  return db.selectFrom('centers').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function insertCentre(db: Q, row: CentreRow): Promise<void> {
  await db.insertInto('centers').values(row).execute();
}

export async function updateCentre(
  db: Q,
  id: string,
  patch: Partial<Omit<CentreRow, 'id' | 'slug' | 'createdAt'>> & { updatedAt: string },
): Promise<void> {
  await db.updateTable('centers').set(patch).where('id', '=', id).execute();
}

// Sites

export async function listSites(db: Q, centerId: string, includeArchived: boolean): Promise<SiteRow[]> {
  let query = db.selectFrom('sites').selectAll().where('centerId', '=', centerId);
  if (!includeArchived) query = query.where('archivedAt', 'is', null);
  return query.orderBy('name').orderBy('id').execute().then((rows) => sortFrench(rows, (r) => r.name));
}

// Read for every message about a session (its place): compiled once.
const siteById = prepared('findSite', (db, p: { centerId: string; id: string }) =>
  db.selectFrom('sites').selectAll().where('centerId', '=', p.centerId).where('id', '=', p.id));

export function findSite(db: Q, centerId: string, id: string): Promise<SiteRow | undefined> {
  return siteById.first(db, { centerId, id });
}

export async function insertSite(db: Q, row: SiteRow): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export async function updateSite(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Omit<SiteRow, 'id' | 'centerId' | 'createdAt'>> & { updatedAt: string },
): Promise<void> {
  await db.updateTable('sites').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

// Partner communes

export async function listPartnerCommunes(db: Q, centerId: string): Promise<PartnerCommuneRow[]> {
  return db.selectFrom('partnerCommunes').selectAll().where('centerId', '=', centerId).orderBy('communeInsee').execute();
}

export async function findPartnerCommune(db: Q, centerId: string, id: string): Promise<PartnerCommuneRow | undefined> {
  return db
    .selectFrom('partnerCommunes')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findPartnerCommuneByInsee(db: Q, centerId: string, communeInsee: string): Promise<PartnerCommuneRow | undefined> {
  return db
    .selectFrom('partnerCommunes')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('communeInsee', '=', communeInsee)
    .executeTakeFirst();
}

export async function insertPartnerCommune(db: Q, row: PartnerCommuneRow): Promise<void> {
  await db.insertInto('partnerCommunes').values(row).execute();
}

export async function updatePartnerCommune(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<PartnerCommuneRow, 'contactName' | 'contactEmail'>>,
): Promise<void> {
  await db.updateTable('partnerCommunes').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function deletePartnerCommune(db: Q, centerId: string, id: string): Promise<number> {
  const result = await db.deleteFrom('partnerCommunes').where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}
