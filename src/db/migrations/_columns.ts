// Column types that differ between the two dialects. Migrations use these and nothing else
// from outside this folder, so that they stay frozen in time.
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

export interface ColumnTypes {
  /** UTC instant: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
  timestamp: RawBuilder<unknown>;
  /** Calendar date (YYYY-MM-DD): date on PostgreSQL, text on SQLite. */
  date: RawBuilder<unknown>;
  boolean: RawBuilder<unknown>;
  /** Bytes (an image): bytea on PostgreSQL, blob on SQLite. */
  binary: RawBuilder<unknown>;
  isPostgres: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function columnTypes(db: Kysely<any>): ColumnTypes {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    timestamp: isPostgres ? sql`timestamptz` : sql`text`,
    date: isPostgres ? sql`date` : sql`text`,
    boolean: isPostgres ? sql`boolean` : sql`integer`,
    binary: isPostgres ? sql`bytea` : sql`blob`,
    isPostgres,
  };
}
