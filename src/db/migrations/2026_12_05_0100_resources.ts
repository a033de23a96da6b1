/* eslint-disable @typescript-eslint/no-explicit-any */
import { sql, type Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * The resource space: practical guides (fiches) written in Markdown by the team, public once
 * published, and the activities they are useful to.
 *
 * Full-text search, accent-insensitive on both dialects:
 * - SQLite: an FTS5 table over title, summary and body (tokenizer unicode61 with
 *   remove_diacritics 2), kept in step with `fiches` by triggers; it holds no data of its own
 *   (backups skip it, restore refills it through the same triggers).
 * - PostgreSQL: `unaccent` needs an extension a hosted database may not grant, and is not
 *   immutable enough to index; the app stores the words already folded (lower case, accents
 *   and punctuation removed) in search_title / search_text, and a GIN index over
 *   to_tsvector('simple', …) answers the search. Both dialects thus see the same words.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('fiches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // Codes joined by spaces: national mediation themes, CRCN competence codes ("4.1").
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('competences', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('search_title', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('published_at', t.timestamp)
    .addColumn('created_by', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('fiches_slug_uq', ['center_id', 'slug'])
    .execute();
  await db.schema.createIndex('fiches_center_status_idx').on('fiches').columns(['center_id', 'status']).execute();

  await db.schema
    .createTable('fiche_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('fiche_id', 'text', (c) => c.notNull().references('fiches.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addUniqueConstraint('fiche_activities_uq', ['center_id', 'activity_id', 'fiche_id'])
    .execute();
  await db.schema.createIndex('fiche_activities_fiche_idx').on('fiche_activities').column('fiche_id').execute();

  if (t.isPostgres) {
    await sql`create index fiches_search_idx on fiches using gin ((setweight(to_tsvector('simple', search_title), 'A') || to_tsvector('simple', search_text)))`.execute(db);
    return;
  }
  await sql`create virtual table fiches_fts using fts5(fiche_id unindexed, title, summary, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create trigger fiches_fts_insert after insert on fiches begin
    insert into fiches_fts (fiche_id, title, summary, body) values (new.id, new.title, new.summary, new.body);
  end`.execute(db);
  await sql`create trigger fiches_fts_update after update of title, summary, body on fiches begin
    delete from fiches_fts where fiche_id = old.id;
    insert into fiches_fts (fiche_id, title, summary, body) values (new.id, new.title, new.summary, new.body);
  end`.execute(db);
  await sql`create trigger fiches_fts_delete after delete on fiches begin
    delete from fiches_fts where fiche_id = old.id;
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  if (!t.isPostgres) {
    for (const name of ['fiches_fts_insert', 'fiches_fts_update', 'fiches_fts_delete']) await sql`drop trigger if exists ${sql.raw(name)}`.execute(db);
    await sql`drop table if exists fiches_fts`.execute(db);
  }
  await db.schema.dropTable('fiche_activities').execute();
  await db.schema.dropTable('fiches').execute();
}
