/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * The version of each centre's report figures (report_versions): a new random number, set by
 * triggers, with every statement that writes the centre's attendance, help-desk accompaniments
 * or person files (what a federation's figures are counted from). The federation's report keeps
 * each centre's figures with the version they were counted at, and counts again only the
 * centres whose version changed. Triggers rather than the services: every path that writes those
 * rows (pages, API, imports, merges, erasure, retention, restore, SQL by hand) changes the
 * version, and every instance sharing the database sees it.
 *
 * Derived from the rows, like a full-text index: backups skip the table, a restore refills it
 * through the same triggers. A random number rather than a counter, so that a version never
 * comes back after a restore or a wipe (a kept figure is used only on an equal version).
 */
const TABLES = ['activity_attendance', 'helpdesk_accompaniments', 'persons'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('report_versions')
    .addColumn('center_id', 'text', (c) => c.primaryKey())
    .addColumn('version', t.isPostgres ? 'bigint' : 'integer', (c) => c.notNull())
    .execute();
  if (t.isPostgres) {
    // Once per statement (a batch of thousands of rows changes the version once per centre),
    // from the statement's rows (transition tables). Below 2^53: exact as a JavaScript number.
    const upsert = (rows: string) => `insert into report_versions (center_id, version)
        select r.center_id, floor(random() * 9007199254740991)::bigint from (select distinct center_id from (${rows}) s) r
        on conflict (center_id) do update set version = excluded.version`;
    for (const [name, rows] of [['new', 'select center_id from new_rows'], ['old', 'select center_id from old_rows'], ['both', 'select center_id from new_rows union select center_id from old_rows']]) {
      await sql`create function ${sql.raw(`report_version_${name}`)}() returns trigger language plpgsql as $$
        begin
          ${sql.raw(upsert(rows!))};
          return null;
        end $$`.execute(db);
    }
    for (const table of TABLES) {
      const name = sql.raw(table);
      await sql`create trigger ${sql.raw(`${table}_report_insert`)} after insert on ${name} referencing new table as new_rows for each statement execute function report_version_new()`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_report_update`)} after update on ${name} referencing old table as old_rows new table as new_rows for each statement execute function report_version_both()`.execute(db);
      await sql`create trigger ${sql.raw(`${table}_report_delete`)} after delete on ${name} referencing old table as old_rows for each statement execute function report_version_old()`.execute(db);
    }
    return;
  }
  const upsert = (centre: string) => `insert into report_versions (center_id, version) values (${centre}, abs(random() % 9007199254740991))
      on conflict (center_id) do update set version = excluded.version`;
  for (const table of TABLES) {
    const name = sql.raw(table);
    await sql`create trigger ${sql.raw(`${table}_report_insert`)} after insert on ${name} begin
      ${sql.raw(upsert('new.center_id'))};
    end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_report_update`)} after update on ${name} begin
      ${sql.raw(upsert('old.center_id'))};
      ${sql.raw(upsert('new.center_id'))};
    end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_report_delete`)} after delete on ${name} begin
      ${sql.raw(upsert('old.center_id'))};
    end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  for (const table of TABLES) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`drop trigger if exists ${sql.raw(`${table}_report_${event}`)}${t.isPostgres ? sql` on ${sql.raw(table)}` : sql``}`.execute(db);
    }
  }
  if (t.isPostgres) {
    for (const fn of ['report_version_new', 'report_version_old', 'report_version_both']) await sql`drop function if exists ${sql.raw(fn)}()`.execute(db);
  }
  await db.schema.dropTable('report_versions').execute();
}
