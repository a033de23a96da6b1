/**
 * A federation of centres and its members. The one place where a query names several centres
 * (ARCHITECTURE.md: "the federation reports, which are explicit about it"): it answers which
 * centres belong to a federation and keeps their figures as last counted (report_figures),
 * and nothing of their records — those are counted, grouped by centre, by the centre's own
 * report query (countContacts in reports.repository.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database>;

export interface Federation {
  id: string;
  slug: string;
  name: string;
}

export async function insertFederation(db: Q, row: Federation & { createdAt: string }): Promise<void> {
  await db.insertInto('federations').values({ ...row, updatedAt: row.createdAt }).execute();
}

export async function findFederationById(db: Q, id: string): Promise<Federation | undefined> {
  return db.selectFrom('federations').select(['id', 'slug', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function findFederationBySlug(db: Q, slug: string): Promise<Federation | undefined> {
  return db.selectFrom('federations').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

/**
 * The centres of a federation: their id, name, and the version of their report figures (it
 * changes with every write of what the figures are counted from: migration 2026_12_07_0900;
 * 0 before the first).
 */
export async function listMemberCentres(db: Q, federationId: string): Promise<{ id: string; name: string; reportVersion: number }[]> {
  const rows = await db
    .selectFrom('centers as c')
    .leftJoin('reportVersions as v', 'v.centerId', 'c.id')
    .select(['c.id', 'c.name', 'v.version'])
    .where('c.federationId', '=', federationId)
    .orderBy('c.name')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, reportVersion: Number(r.version ?? 0) }));
}

/** Puts a centre in a federation (or takes it out with null); answers whether the centre exists. */
export async function setCentreFederation(db: Q, centerId: string, federationId: string | null, now: string): Promise<boolean> {
  const result = await db.updateTable('centers').set({ federationId, updatedAt: now }).where('id', '=', centerId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Every federation (the figures counted ahead go through each). */
export async function listFederations(db: Q): Promise<Federation[]> {
  return db.selectFrom('federations').select(['id', 'slug', 'name']).orderBy('id').execute();
}

export interface KeptFigures {
  centerId: string;
  /** The centre's report version read before the figures were counted. */
  version: number;
  /** The figures as stored (JSON text; the service reads it). */
  figures: string;
}

/** The figures kept for a period of the centres of a federation, whatever their version. */
export async function listKeptFigures(db: Q, federationId: string, period: { from: string; to: string }): Promise<KeptFigures[]> {
  const rows = await db
    .selectFrom('reportFigures as f')
    .innerJoin('centers as c', 'c.id', 'f.centerId')
    .select(['f.centerId', 'f.version', 'f.figures'])
    .where('c.federationId', '=', federationId)
    .where('f.periodFrom', '=', period.from)
    .where('f.periodTo', '=', period.to)
    .execute();
  return rows.map((r) => ({ centerId: r.centerId, version: Number(r.version), figures: r.figures }));
}

/**
 * Keeps centres' figures for a period, each with the version read before counting them, in
 * place of what was kept. Two counts of one centre at once (two instances) may write in either
 * order: an older version written last only costs a count again, never wrong figures.
 */
export async function keepFigures(db: Q, period: { from: string; to: string }, rows: readonly KeptFigures[], countedAt: string): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('reportFigures')
    .values(rows.map((r) => ({ centerId: r.centerId, periodFrom: period.from, periodTo: period.to, version: r.version, figures: r.figures, countedAt })))
    .onConflict((oc) => oc.columns(['centerId', 'periodFrom', 'periodTo']).doUpdateSet((eb) => ({
      version: eb.ref('excluded.version'),
      figures: eb.ref('excluded.figures'),
      countedAt: eb.ref('excluded.countedAt'),
    })))
    .execute();
}

/** Forgets the figures counted before an instant, but those of one period (the current year's). */
export async function forgetFigures(db: Q, countedBefore: string, except: { from: string; to: string }): Promise<number> {
  const result = await db
    .deleteFrom('reportFigures')
    .where('countedAt', '<', countedBefore)
    .where((eb) => eb.or([eb('periodFrom', '!=', except.from), eb('periodTo', '!=', except.to)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
