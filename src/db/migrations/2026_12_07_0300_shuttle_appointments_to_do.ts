/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';

/**
 * The appointments chosen in visit reports and not booked yet (the staff's to-do on the home
 * page) are found by their status within a centre.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('shuttle_visit_reports_appointment_idx').on('shuttle_visit_reports').columns(['center_id', 'appointment_status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('shuttle_visit_reports_appointment_idx').execute();
}
