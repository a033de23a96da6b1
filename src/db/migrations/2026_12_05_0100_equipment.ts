/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Equipment and studio: items (with their funder, site, status and an optional training
 * required first), kit components, the condition notes' history, loans and reservations.
 * One active loan per item is a partial unique index (both dialects); overlapping
 * reservations are refused by the service under a row lock on the item (`lock_seq`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('equipment_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('asset_tag', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text')
    .addColumn('funder', 'text')
    .addColumn('funding_programme', 'text')
    .addColumn('purchase_date', t.date)
    .addColumn('purchase_value_cents', 'integer')
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lendable', t.boolean, (c) => c.notNull())
    .addColumn('public_description', 'text')
    .addColumn('deposit_cents', 'integer')
    .addColumn('required_module_id', 'text')
    .addColumn('lock_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('equipment_items_tag_uq', ['center_id', 'asset_tag'])
    .execute();

  await db.schema
    .createTable('equipment_components')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('equipment_items.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equipment_components_item_idx').on('equipment_components').columns(['item_id', 'position']).execute();

  await db.schema
    .createTable('equipment_loans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('equipment_items.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('reservation_id', 'text')
    .addColumn('lent_at', t.timestamp, (c) => c.notNull())
    .addColumn('due_on', t.date, (c) => c.notNull())
    .addColumn('returned_at', t.timestamp)
    .addColumn('condition_out', 'text')
    .addColumn('condition_in', 'text')
    .addColumn('missing_components', 'text')
    .addColumn('renewals', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deposit_cents', 'integer')
    .addColumn('reminders', t.boolean, (c) => c.notNull())
    .addColumn('reminder_before_at', t.timestamp)
    .addColumn('reminder_overdue_at', t.timestamp)
    .addColumn('lent_by', 'text')
    .addColumn('returned_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // One active loan per item, whatever the service does.
  await db.schema
    .createIndex('equipment_loans_active_uq')
    .on('equipment_loans')
    .column('item_id')
    .unique()
    .where(sql.ref('returned_at'), 'is', null)
    .execute();
  await db.schema.createIndex('equipment_loans_item_idx').on('equipment_loans').columns(['center_id', 'item_id', 'lent_at']).execute();
  await db.schema.createIndex('equipment_loans_person_idx').on('equipment_loans').columns(['center_id', 'person_id']).execute();
  await db.schema.createIndex('equipment_loans_due_idx').on('equipment_loans').columns(['center_id', 'due_on']).where(sql.ref('returned_at'), 'is', null).execute();

  await db.schema
    .createTable('equipment_reservations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('equipment_items.id'))
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('starts_on', t.date, (c) => c.notNull())
    .addColumn('ends_on', t.date, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('loan_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equipment_reservations_item_idx').on('equipment_reservations').columns(['center_id', 'item_id', 'starts_on']).execute();
  await db.schema.createIndex('equipment_reservations_person_idx').on('equipment_reservations').columns(['center_id', 'person_id']).execute();

  await db.schema
    .createTable('equipment_condition_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('equipment_items.id'))
    .addColumn('loan_id', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('equipment_condition_notes_item_idx').on('equipment_condition_notes').columns(['center_id', 'item_id', 'recorded_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['equipment_condition_notes', 'equipment_reservations', 'equipment_loans', 'equipment_components', 'equipment_items']) {
    await db.schema.dropTable(table).execute();
  }
}
