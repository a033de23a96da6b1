/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * The navette numérique: visit requests (who, where, what for, when they are at home), often
 * taken by phone, waiting to be planned into a tour.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('shuttle_visit_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('commune_insee', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('longitude', 'real')
    .addColumn('latitude', 'real')
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    // JSON: [{ weekday 1–7, from "HH:MM", to "HH:MM" }], Europe/Paris wall-clock times.
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shuttle_visit_requests_center_idx').on('shuttle_visit_requests').columns(['center_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('shuttle_visit_requests_person_idx').on('shuttle_visit_requests').columns(['center_id', 'person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shuttle_visit_requests').execute();
}
