/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * The navette's day tours: one car, one day, its shift and lunch break (Europe/Paris wall
 * clock), and its stops in order with the planned arrival and departure at each home. A tour is
 * a draft until the coordinator confirms it; its requests are then "planned".
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('shuttle_tours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('shift_start', 'text', (c) => c.notNull())
    .addColumn('shift_end', 'text', (c) => c.notNull())
    .addColumn('break_from', 'text')
    .addColumn('break_to', 'text')
    .addColumn('break_minutes', 'integer')
    .addColumn('start_longitude', 'real', (c) => c.notNull())
    .addColumn('start_latitude', 'real', (c) => c.notNull())
    .addColumn('driving_seconds', 'integer', (c) => c.notNull())
    .addColumn('return_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shuttle_tours_center_idx').on('shuttle_tours').columns(['center_id', 'date']).execute();
  await db.schema
    .createTable('shuttle_tour_stops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('tour_id', 'text', (c) => c.notNull().references('shuttle_tours.id'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('shuttle_visit_requests.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // "HH:MM", Europe/Paris wall clock on the tour's date.
    .addColumn('arrival', 'text', (c) => c.notNull())
    .addColumn('departure', 'text', (c) => c.notNull())
    .addUniqueConstraint('shuttle_tour_stops_position_uq', ['tour_id', 'position'])
    .execute();
  await db.schema.createIndex('shuttle_tour_stops_request_idx').on('shuttle_tour_stops').columns(['center_id', 'request_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('shuttle_tour_stops').execute();
  await db.schema.dropTable('shuttle_tours').execute();
}
