/**
 * What the database says about itself: its tables, their columns and types, primary keys and
 * foreign keys, read from sqlite_master / pragma_* on SQLite and from information_schema /
 * pg_catalog on PostgreSQL. Backup and restore are the one place that speaks to every table
 * generically, so this folder holds dialect-specific SQL on purpose (repository-style); no
 * module reads the catalogue. Deriving everything from the database means a table added by a
 * future module is backed up without touching this code.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../db/kysely.ts';

/** A column's type reduced to what a value needs to cross from one dialect to the other. */
export type ColumnKind = 'boolean' | 'integer' | 'real' | 'numeric' | 'text' | 'timestamp' | 'date' | 'json' | 'bytes' | 'other';

export interface ColumnInfo {
  name: string;
  kind: ColumnKind;
  nullable: boolean;
  /** PostgreSQL columns fed by a sequence (serial, identity): the sequence is moved past restored values. */
  sequence: boolean;
}

export interface ForeignKey {
  column: string;
  table: string;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /**
   * Foreign-key columns that point at the table itself or close a cycle: no table order can
   * satisfy them, so restore inserts them empty and fills them in once every row is in.
   */
  deferred: string[];
}

/** The tables Kysely's migrator owns; they describe the schema, not the centre's data. */
export const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/**
 * Tables derived from other tables' rows, holding no data of their own (as a full-text index):
 * not backed up. report_versions is refilled by its triggers as a restore writes the rows;
 * report_figures (figures counted ahead, valid only at a version) is counted again on demand —
 * its rows go with their centre when a restore wipes the target.
 */
const DERIVED_TABLES = ['report_versions', 'report_figures'];

// The raw, plugin-free database: column names stay snake_case, values stay as stored.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RawDb = Kysely<any>;

export async function tableNames(db: RawDb, dialect: DialectName): Promise<string[]> {
  const rows =
    dialect === 'sqlite'
      ? // Ordinary tables only: a full-text index (an FTS5 virtual table and its shadow tables)
        // holds no data of its own — its triggers refill it as the rows are restored.
        await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite\\_%' escape '\\'`.execute(db)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((r) => r.name).sort();
}

/** The domain tables (every table but the migrator's), in an order that satisfies foreign keys. */
export async function readCatalog(db: RawDb, dialect: DialectName): Promise<TableInfo[]> {
  const names = (await tableNames(db, dialect)).filter((n) => !MIGRATION_TABLES.includes(n) && !DERIVED_TABLES.includes(n));
  const tables: TableInfo[] = [];
  for (const name of names) {
    tables.push(dialect === 'sqlite' ? await sqliteTable(db, name) : await postgresTable(db, name));
  }
  return orderByDependencies(tables);
}

async function sqliteTable(db: RawDb, name: string): Promise<TableInfo> {
  const columns = await sql<{ name: string; type: string; notnull: number; pk: number }>`
    select name, type, "notnull", pk from pragma_table_info(${name}) order by cid`.execute(db);
  const fks = await sql<{ from: string; table: string }>`select "from", "table" from pragma_foreign_key_list(${name})`.execute(db);
  return {
    name,
    columns: columns.rows.map((c) => ({ name: c.name, kind: sqliteKind(c.type), nullable: c.notnull === 0 && c.pk === 0, sequence: false })),
    primaryKey: columns.rows.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
    foreignKeys: fks.rows.map((f) => ({ column: f.from, table: f.table })),
    deferred: [],
  };
}

/** SQLite's type affinity rules (https://sqlite.org/datatype3.html §3.1), in their order. */
function sqliteKind(declared: string): ColumnKind {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(type)) return 'text';
  if (type === '' || type.includes('BLOB')) return 'other';
  if (/REAL|FLOA|DOUB/.test(type)) return 'real';
  return 'numeric';
}

async function postgresTable(db: RawDb, name: string): Promise<TableInfo> {
  const columns = await sql<{ name: string; dataType: string; nullable: string; columnDefault: string | null; identity: string }>`
    select column_name as name, data_type as "dataType", is_nullable as nullable,
           column_default as "columnDefault", is_identity as identity
    from information_schema.columns
    where table_schema = current_schema() and table_name = ${name}
    order by ordinal_position`.execute(db);
  const pk = await sql<{ name: string }>`
    select a.attname as name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = current_schema() and c.relname = ${name}
    order by k.position`.execute(db);
  const fks = await sql<{ column: string; table: string }>`
    select a.attname as "column", rc.relname as "table"
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_class rc on rc.oid = con.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(con.conkey) as k(attnum)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where con.contype = 'f' and n.nspname = current_schema() and c.relname = ${name}`.execute(db);
  return {
    name,
    columns: columns.rows.map((c) => ({
      name: c.name,
      kind: postgresKind(c.dataType),
      nullable: c.nullable === 'YES',
      sequence: c.identity === 'YES' || (c.columnDefault ?? '').startsWith('nextval('),
    })),
    primaryKey: pk.rows.map((r) => r.name),
    foreignKeys: fks.rows,
    deferred: [],
  };
}

function postgresKind(dataType: string): ColumnKind {
  switch (dataType) {
    case 'boolean':
      return 'boolean';
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'integer';
    case 'real':
    case 'double precision':
      return 'real';
    case 'numeric':
      return 'numeric';
    case 'text':
    case 'character varying':
    case 'character':
    case 'uuid':
      return 'text';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return 'timestamp';
    case 'date':
      return 'date';
    case 'json':
    case 'jsonb':
      return 'json';
    case 'bytea':
      return 'bytes';
    default:
      return 'other';
  }
}

/**
 * Parents before children (Kahn's algorithm), ties broken by name so that both dialects give
 * the same order. A self-reference or a cycle cannot be ordered: its columns are marked
 * deferred on the table that is taken first.
 */
export function orderByDependencies(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, { ...t, deferred: [] as string[] }]));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  const pending = () => [...byName.keys()].filter((n) => !done.has(n)).sort();
  const waitsFor = (t: TableInfo) =>
    t.foreignKeys.filter((fk) => fk.table !== t.name && byName.has(fk.table) && !done.has(fk.table));
  while (done.size < byName.size) {
    const names = pending();
    let next = names.map((n) => byName.get(n)!).find((t) => waitsFor(t).length === 0);
    if (!next) {
      next = byName.get(names[0]!)!;
      next.deferred.push(...waitsFor(next).map((fk) => fk.column));
    }
    next.deferred.push(...next.foreignKeys.filter((fk) => fk.table === next!.name).map((fk) => fk.column));
    next.deferred = [...new Set(next.deferred)];
    done.add(next.name);
    ordered.push(next);
  }
  return ordered;
}

/** Names of the migrations applied to this database, in the order they ran ([] when none). */
export async function appliedMigrations(db: RawDb, dialect: DialectName): Promise<string[]> {
  if (!(await tableNames(db, dialect)).includes('kysely_migration')) return [];
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}
