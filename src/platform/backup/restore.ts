/**
 * `lieudit restore FILE`: puts a backup back, into SQLite or PostgreSQL whatever the dialect it
 * was taken from. The rules:
 * - the backup's migrations must be a prefix of this code's: a backup from a newer or a
 *   diverging version is refused rather than half-understood;
 * - the target is brought to the backup's migration level, the rows go in, then the remaining
 *   migrations run, so an older backup is upgraded like any database would be (a target
 *   already migrated beyond the backup is refused: restore into a fresh database);
 * - a target that holds rows is refused unless `force` is given, which wipes it first;
 * - wiping and every insert happen in one transaction: a restore that fails changes nothing;
 * - each value is converted to the type of its target column, read from the target database;
 * - the footer's row counts must match what was read, or the file is declared incomplete.
 */
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import type { Db } from '../../db/kysely.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { migrations } from '../../db/migrations/index.ts';
import { appliedMigrations, readCatalog, type RawDb, type TableInfo } from './catalog.ts';
import { BackupError, decodeValue, parseJson, readHeader, readLines, type BackupFooter, type BackupHeader, type RowLine } from './format.ts';

export interface RestoreOptions {
  /** Replace whatever the target holds. */
  force?: boolean;
}

export interface RestoreSummary {
  header: BackupHeader;
  tables: { name: string; rows: number }[];
  rows: number;
  wiped: boolean;
}

// SQLite accepts 32,766 bound values per statement, PostgreSQL 65,535: stay well under both.
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_ROWS = 500;

export function codeMigrations(): string[] {
  return Object.keys(migrations).sort();
}

export async function restoreBackup(db: Db, file: string, options: RestoreOptions = {}): Promise<RestoreSummary> {
  const header = await readHeader(file);
  const raw = db.kysely.withoutPlugins() as RawDb;
  await bringToBackupLevel(db, raw, header);

  const tables = await readCatalog(raw, db.dialect);
  // The table being written when the database refused a row, to name it in the message.
  const progress: WriteProgress = { counts: {} };
  let wiped = false;

  try {
    await raw.transaction().execute(async (trx) => {
      if (db.dialect === 'sqlite') {
        // Rows arrive parents first; this also lets a cycle close at commit.
        await sql`pragma defer_foreign_keys = on`.execute(trx);
        // The default 2 MB page cache makes every index insert of a large table hit the disk.
        await sql`pragma cache_size = -65536`.execute(trx);
      }
      wiped = await emptyTarget(trx, tables, options);
      const { footer, later } = await insertRows(trx, file, tables, db.dialect, progress);
      checkFooter(footer, progress.counts);
      for (const { table, key, values } of later) {
        progress.writing = table.name;
        let update = trx.updateTable(table.name).set(values);
        for (const [column, value] of Object.entries(key)) update = update.where(column, '=', value);
        await update.execute();
      }
      progress.writing = undefined;
      if (db.dialect === 'postgres') await moveSequences(trx, tables);
    });
  } catch (error) {
    // The transaction is rolled back; the person reads why in French, without SQL.
    if (error instanceof BackupError) throw error;
    throw new BackupError(`La sauvegarde n'a pas pu être restaurée : ${databaseReason(error, progress.writing)} La base est restée comme avant.`, { cause: error });
  }

  await migrateToLatest(db);
  const restored = Object.entries(progress.counts).map(([name, rows]) => ({ name, rows }));
  return { header, tables: restored, rows: restored.reduce((sum, t) => sum + t.rows, 0), wiped };
}

/** Rows read per table, and the table being written (named if the database refuses a row). */
interface WriteProgress {
  counts: Record<string, number>;
  writing?: string;
}

/** A deferred foreign key, set once every row is in. */
interface DeferredUpdate {
  table: TableInfo;
  key: Record<string, unknown>;
  values: Record<string, unknown>;
}

/** Refuses a backup from a newer or diverging version, or a target beyond it; migrates the target up to it. */
async function bringToBackupLevel(db: Db, raw: RawDb, header: BackupHeader): Promise<void> {
  const known = codeMigrations();
  const unknown = header.migrations.find((name, i) => known[i] !== name);
  if (unknown) {
    throw new BackupError(
      `Cette sauvegarde vient d'une version de Lieudit plus récente ou différente (migration « ${unknown} » inconnue ici). ` +
        'Restaurez-la avec la version de Lieudit qui l’a produite.',
    );
  }
  const applied = await appliedMigrations(raw, db.dialect);
  if (applied.length > header.migrations.length || applied.some((name, i) => header.migrations[i] !== name)) {
    throw new BackupError(
      `La base cible est déjà mise à jour au-delà de cette sauvegarde (${applied.length} migrations contre ${header.migrations.length}). ` +
        'Restaurez dans une base neuve : la sauvegarde y sera mise à jour ensuite.',
    );
  }
  if (applied.length < header.migrations.length) await migrateTo(db, header.migrations.at(-1) ?? NO_MIGRATIONS);
}

/** A target that holds rows is refused, or wiped with `force`; true when it was wiped. */
async function emptyTarget(trx: RawDb, tables: TableInfo[], options: RestoreOptions): Promise<boolean> {
  const filled = await nonEmptyTables(trx, tables);
  if (filled.length === 0) return false;
  if (!options.force) {
    throw new BackupError(
      `La base cible contient déjà des données (${filled.join(', ')}). ` +
        'Restaurez dans une base neuve, ou ajoutez --force pour les remplacer par la sauvegarde.',
    );
  }
  await wipe(trx, tables);
  return true;
}

/** Reads the file's rows after its header and inserts them in batches; returns its footer and the deferred keys. */
async function insertRows(
  trx: RawDb,
  file: string,
  tables: TableInfo[],
  dialect: Db['dialect'],
  progress: WriteProgress,
): Promise<{ footer: BackupFooter | undefined; later: DeferredUpdate[] }> {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const { counts } = progress;
  const later: DeferredUpdate[] = [];
  let batch: Record<string, unknown>[] = [];
  let batchTable: TableInfo | undefined;
  const flush = async () => {
    progress.writing = batchTable?.name;
    if (batchTable && batch.length > 0) await trx.insertInto(batchTable.name).values(batch).execute();
    batch = [];
  };

  let footer: BackupFooter | undefined;
  let lineNumber = 0;
  for await (const line of readLines(file)) {
    lineNumber += 1;
    if (lineNumber === 1) continue; // the header, already read
    if (footer) throw new BackupError(`La sauvegarde contient des lignes après sa fin (ligne ${lineNumber}).`);
    const parsed = parseJson(line) as Partial<RowLine & BackupFooter> | undefined;
    if (parsed?.end === true && typeof parsed.counts === 'object') {
      footer = parsed as BackupFooter;
      continue;
    }
    if (!parsed || typeof parsed.t !== 'string' || typeof parsed.r !== 'object' || parsed.r === null) {
      throw new BackupError(`Ligne ${lineNumber} illisible dans la sauvegarde.`);
    }
    const table = byName.get(parsed.t);
    if (!table) throw new BackupError(`La table « ${parsed.t} » de la sauvegarde n'existe pas dans la base cible.`);
    if (table !== batchTable) {
      await flush();
      batchTable = table;
    }
    const { row, deferred } = convertRow(table, parsed.r, dialect);
    if (deferred) later.push({ table, key: Object.fromEntries(table.primaryKey.map((c) => [c, row[c]])), values: deferred });
    batch.push(row);
    counts[table.name] = (counts[table.name] ?? 0) + 1;
    if (batch.length >= Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(row).length)))) await flush();
  }
  await flush();
  return { footer, later };
}

/** The footer's row counts must match what was read, or the file is declared incomplete. */
function checkFooter(footer: BackupFooter | undefined, counts: Record<string, number>): void {
  if (!footer) throw new BackupError('La sauvegarde est incomplète : sa dernière ligne manque (fichier tronqué ?).');
  for (const [name, expected] of Object.entries(footer.counts)) {
    if ((counts[name] ?? 0) !== expected) {
      throw new BackupError(`La sauvegarde est incomplète : ${counts[name] ?? 0} lignes lues pour « ${name} » au lieu de ${expected}.`);
    }
  }
}

/**
 * A saved row as the target accepts it: known columns only, values converted to the column's
 * type. Deferred foreign keys (self-references, cycles) are inserted empty and answered apart.
 */
function convertRow(
  table: TableInfo,
  saved: Record<string, unknown>,
  dialect: Db['dialect'],
): { row: Record<string, unknown>; deferred?: Record<string, unknown> } {
  const row: Record<string, unknown> = {};
  let deferred: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(saved)) {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new BackupError(`La colonne « ${table.name}.${name} » de la sauvegarde n'existe pas dans la base cible.`);
    const converted = decodeValue(value, column.kind, dialect);
    if (converted !== null && table.deferred.includes(name) && column.nullable) {
      deferred = { ...deferred, [name]: converted };
      row[name] = null;
    } else {
      row[name] = converted;
    }
  }
  return { row, deferred };
}

/** What the database refused, said in French from its error code (its own message holds SQL and values). */
export function databaseReason(error: unknown, table: string | undefined): string {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const where = table ? ` (table « ${table} »)` : '';
  if (isUniqueViolation(error)) {
    return `deux lignes portent la même valeur là où elle doit être unique${where}.`;
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') return `une ligne renvoie à une ligne qui n'existe pas${where}.`;
  if (code === 'SQLITE_CONSTRAINT_NOTNULL' || code === '23502') return `une valeur obligatoire manque${where}.`;
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === '23514' || code.startsWith('SQLITE_CONSTRAINT')) {
    return `une valeur ne respecte pas les règles de la base${where}.`;
  }
  if (code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG' || code.startsWith('22')) return `une valeur n'a pas le type ou la taille attendus${where}.`;
  if (code === 'SQLITE_FULL' || code === '53100') return 'le disque de la base de données est plein.';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '55P03' || code === '40P01') {
    return 'la base de données est occupée par un autre programme ; réessayez quand il aura fini.';
  }
  if (code.startsWith('08') || code.startsWith('57P') || code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return 'la connexion à la base de données a été perdue.';
  }
  return `la base de données a refusé une écriture${where}.`;
}

async function nonEmptyTables(db: RawDb, tables: TableInfo[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) {
    const { rows } = await sql`select 1 as one from ${sql.table(table.name)} limit 1`.execute(db);
    if (rows.length > 0) filled.push(table.name);
  }
  return filled;
}

/** Empties every domain table, children first; self-references and cycles are cut first. */
async function wipe(db: RawDb, tables: TableInfo[]): Promise<void> {
  for (const table of tables) {
    const nullable = table.deferred.filter((c) => table.columns.find((col) => col.name === c)?.nullable);
    if (nullable.length > 0) {
      await db.updateTable(table.name).set(Object.fromEntries(nullable.map((c) => [c, null]))).execute();
    }
  }
  for (const table of [...tables].reverse()) await db.deleteFrom(table.name).execute();
}

/** Serial and identity columns: the next value must come after the restored ones. */
async function moveSequences(db: RawDb, tables: TableInfo[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns.filter((c) => c.sequence)) {
      await sql`select setval(pg_get_serial_sequence(${table.name}, ${column.name}),
        coalesce((select max(${sql.ref(column.name)}) from ${sql.table(table.name)}), 0) + 1, false)`.execute(db);
    }
  }
}

async function migrateTo(db: Db, target: string | typeof NO_MIGRATIONS): Promise<void> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
  const result = await migrator.migrateTo(target);
  if (result.error) throw result.error;
}
