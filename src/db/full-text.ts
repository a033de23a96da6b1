import { sql, type Kysely, type Transaction } from 'kysely';
import type { DialectName } from './kysely.ts';
import type { Database } from './schema.ts';

/**
 * The full-text search of the resource space's fiches, in the one version each dialect needs
 * (migration 2026_12_05_0100_resources): SQLite's FTS5 table (accents removed by its tokenizer)
 * ranked by bm25 with the title first; PostgreSQL's GIN index over the folded words, ranked by
 * ts_rank. `words` are already folded ([a-z0-9] only), so neither query syntax can be injected.
 * `any`: one word is enough (else all must be there). Every word matches as a prefix ("arnaq"
 * finds "arnaques"). Both versions are tested by src/modules/resources/resources.test.ts.
 */
export async function matchFiches(
  db: Kysely<Database> | Transaction<Database>,
  dialect: DialectName,
  centerId: string,
  words: readonly string[],
  options: { any: boolean; publishedOnly: boolean; limit: number },
): Promise<string[]> {
  if (words.length === 0) return [];
  const published = options.publishedOnly ? sql`and f.status = 'published'` : sql``;
  if (dialect === 'sqlite') {
    const match = words.map((w) => `"${w}"*`).join(options.any ? ' OR ' : ' AND ');
    const rows = await sql<{ id: string }>`
      select f.id as id from fiches_fts s join fiches f on f.id = s.fiche_id
      where fiches_fts match ${match} and f.center_id = ${centerId} ${published}
      order by bm25(fiches_fts, 0, 10.0, 4.0, 1.0), f.title
      limit ${options.limit}`.execute(db);
    return rows.rows.map((r) => r.id);
  }
  const query = words.map((w) => `${w}:*`).join(options.any ? ' | ' : ' & ');
  const rows = await sql<{ id: string }>`
    select f.id as id from fiches f
    where (setweight(to_tsvector('simple', f.search_title), 'A') || to_tsvector('simple', f.search_text)) @@ to_tsquery('simple', ${query})
      and f.center_id = ${centerId} ${published}
    order by ts_rank(setweight(to_tsvector('simple', f.search_title), 'A') || to_tsvector('simple', f.search_text), to_tsquery('simple', ${query})) desc, f.title
    limit ${options.limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}
