/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * A centre's figures for a period as the federation's report last counted them (report_figures),
 * with the centre's report version read before counting (report_versions, migration
 * 2026_12_07_0900): valid while that version is the centre's. In the database rather than in a
 * process, so that a restart or another instance reads them instead of counting every centre
 * again. The figures are anonymous counts (persons, accompaniments, hours by month, age bracket,
 * gender, commune), as JSON text.
 *
 * Derived from the rows, like report_versions: backups skip it; it goes with its centre.
 * The period is the report's two calendar days (YYYY-MM-DD) as the report names them: a key,
 * compared as text, never computed with.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('report_figures')
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id').onDelete('cascade'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('version', t.isPostgres ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('counted_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('report_figures_pk', ['center_id', 'period_from', 'period_to'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_figures').execute();
}
