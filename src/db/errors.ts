/**
 * What the database's own error says, in both dialects. Decided on the error code only: the
 * message text differs between SQLite versions and drivers, and holds SQL and values.
 */
function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

/**
 * A write refused by a unique index or a primary key: SQLite's SQLITE_CONSTRAINT_UNIQUE /
 * SQLITE_CONSTRAINT_PRIMARYKEY, PostgreSQL's 23505 (unique_violation, primary keys included).
 * A service turns it into its own conflict (a slug taken, a seat already booked).
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
