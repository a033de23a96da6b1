/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';

/**
 * A team member can be assigned to a confirmed navette tour (driver or facilitator in the
 * car): the assignment names the tour, without a foreign key like sessions and openings (the
 * shuttle module owns tours; a cancelled tour's assignment stays, marked cancelled).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('team_assignments').addColumn('tour_id', 'text').execute();
  await db.schema.createIndex('team_assignments_tour_idx').on('team_assignments').columns(['center_id', 'tour_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('team_assignments_tour_idx').execute();
  await db.schema.alterTable('team_assignments').dropColumn('tour_id').execute();
}
