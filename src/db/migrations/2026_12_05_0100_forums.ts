/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely';
import { columnTypes } from './_columns.ts';

/**
 * Forums and consultations: a yearly consultation with phase dates (proposals → votes →
 * programme), themes proposed online or entered from paper, the residents who vote (their
 * contact is private), their votes and the paper tallies per theme.
 * One vote per voter and theme is a unique index; one voter per contact and consultation too.
 * The per-person limit is checked after bumping the voter's `vote_seq` (a row lock on
 * PostgreSQL; SQLite writes one transaction at a time).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('forum_consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('proposals_open_on', t.date, (c) => c.notNull())
    .addColumn('votes_open_on', t.date, (c) => c.notNull())
    .addColumn('votes_close_on', t.date, (c) => c.notNull())
    .addColumn('votes_per_person', 'integer', (c) => c.notNull())
    .addColumn('moderation', t.boolean, (c) => c.notNull())
    // INSEE codes joined by "|"; empty: every resident may take part.
    .addColumn('eligible_communes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_consultations_center_idx').on('forum_consultations').columns(['center_id', 'votes_open_on']).execute();

  await db.schema
    .createTable('forum_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('forum_consultations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('public_answer', 'text')
    .addColumn('merged_into_id', 'text', (c) => c.references('forum_proposals.id'))
    .addColumn('reports_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activity_id', 'text', (c) => c.references('activities.id'))
    // No foreign key: persons are merged and erased by their own module; this column follows.
    .addColumn('author_person_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('author_email', 'text')
    .addColumn('entered_by', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_proposals_consultation_idx').on('forum_proposals').columns(['center_id', 'consultation_id', 'status']).execute();
  await db.schema.createIndex('forum_proposals_person_idx').on('forum_proposals').columns(['center_id', 'author_person_id']).execute();

  await db.schema
    .createTable('forum_voters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('forum_consultations.id'))
    .addColumn('person_id', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    // The normalised contact (lower-case e-mail); "erased:<id>" once the person is erased.
    .addColumn('contact_key', 'text', (c) => c.notNull())
    .addColumn('commune_insee', 'text')
    .addColumn('consent_at', t.timestamp, (c) => c.notNull())
    // Bumped by every vote: the UPDATE takes the voter's row lock, so one person's votes are
    // counted one request after the other and the limit holds.
    .addColumn('vote_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_voters_contact_uq').on('forum_voters').columns(['consultation_id', 'contact_key']).unique().execute();
  await db.schema.createIndex('forum_voters_person_idx').on('forum_voters').columns(['center_id', 'person_id']).execute();

  await db.schema
    .createTable('forum_votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('forum_consultations.id'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('forum_voters.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('forum_proposals.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_votes_voter_proposal_uq').on('forum_votes').columns(['voter_id', 'proposal_id']).unique().execute();
  await db.schema.createIndex('forum_votes_proposal_idx').on('forum_votes').columns(['center_id', 'consultation_id', 'proposal_id']).execute();

  await db.schema
    .createTable('forum_paper_tallies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('center_id', 'text', (c) => c.notNull().references('centers.id'))
    .addColumn('consultation_id', 'text', (c) => c.notNull().references('forum_consultations.id'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('forum_proposals.id'))
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('collected_where', 'text', (c) => c.notNull())
    .addColumn('collected_on', t.date, (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.references('users.id'))
    .addColumn('entered_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forum_paper_tallies_proposal_idx').on('forum_paper_tallies').columns(['center_id', 'consultation_id', 'proposal_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['forum_paper_tallies', 'forum_votes', 'forum_voters', 'forum_proposals', 'forum_consultations']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
