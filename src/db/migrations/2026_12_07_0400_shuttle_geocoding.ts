/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';

/**
 * Where a visit request's position comes from: `pin` (typed or clicked by staff), `geocoder`
 * (found from the address by the national address base, with the match score 0–1), or none
 * (the commune's centre is used).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('shuttle_visit_requests').addColumn('location_source', 'text').execute();
  await db.schema.alterTable('shuttle_visit_requests').addColumn('geocode_score', 'real').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('shuttle_visit_requests').dropColumn('geocode_score').execute();
  await db.schema.alterTable('shuttle_visit_requests').dropColumn('location_source').execute();
}
