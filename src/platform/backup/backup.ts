/**
 * `lieudit backup FILE`: an online, consistent copy of every table. Everything is read inside
 * one transaction — REPEATABLE READ on PostgreSQL, a read transaction on SQLite (WAL keeps the
 * snapshot while the server goes on writing) — so the file is one instant of the database.
 * Rows are read in primary-key pages and streamed through gzip, so memory stays flat whatever
 * the size of the centre. The file is written under a temporary name and renamed at the end:
 * a failed backup never leaves a half file that looks complete.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db } from '../../db/kysely.ts';
import type { Clock } from '../clock.ts';
import { appliedMigrations, readCatalog, type RawDb, type TableInfo } from './catalog.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, encodeValue, type BackupFooter, type BackupHeader } from './format.ts';

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: { name: string; rows: number }[];
  rows: number;
}

export interface BackupOptions {
  pageSize?: number;
  /** Called after each page of rows is read (progress reports; tests write meanwhile). */
  onPage?: (table: string, rowsSoFar: number) => void | Promise<void>;
}

/**
 * Columns a backup writes empty. Secrets are for their recipient only: a backup is read by
 * whoever restores or keeps it, so the credential link waiting in an outbox row (encrypted,
 * but with a key derived from a secret the operator also holds) never goes into the file.
 * Restored, such a message fails to send and its recipient asks for a new link. The same for a
 * team member's two-step secret: restored without it, the account is back to "not set up", and
 * its owner sets it up again at their next sign-in (administrators are sent there at once).
 */
const secretColumns: Record<string, readonly string[]> = { outbox: ['secret'], staff_two_step: ['secret'] };

/** `clock` dates the file's header (the CLI passes the system's; tests, theirs). */
export async function writeBackup(db: Db, file: string, clock: Clock, options: BackupOptions = {}): Promise<BackupSummary> {
  const pageSize = options.pageSize ?? 2000;
  const raw = db.kysely.withoutPlugins() as RawDb;
  const partial = `${file}.partiel`;
  // A folder named for the backups (a volume's `data/sauvegardes/`) is made on the first one.
  await mkdir(dirname(file), { recursive: true });
  const counts: Record<string, number> = {};
  let transaction = raw.transaction();
  if (db.dialect === 'postgres') transaction = transaction.setIsolationLevel('repeatable read').setAccessMode('read only');
  try {
    await transaction.execute(async (trx) => {
      // The first statement fixes the snapshot that every later read sees.
      const migrations = await appliedMigrations(trx, db.dialect);
      const tables = await readCatalog(trx, db.dialect);
      const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, migrations, createdAt: clock.nowIso(), dialect: db.dialect };
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const table of tables) {
          counts[table.name] = 0;
          for await (const rows of readPages(trx, table, pageSize)) {
            let chunk = '';
            for (const row of rows) {
              const r: Record<string, unknown> = {};
              for (const [column, value] of Object.entries(row)) {
                r[column] = secretColumns[table.name]?.includes(column) ? null : encodeValue(value);
              }
              chunk += `${JSON.stringify({ t: table.name, r })}\n`;
            }
            counts[table.name]! += rows.length;
            yield chunk;
            await options.onPage?.(table.name, counts[table.name]!);
          }
        }
        const footer: BackupFooter = { end: true, counts };
        yield `${JSON.stringify(footer)}\n`;
      }
      await pipeline(lines, createGzip(), createWriteStream(partial));
    });
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const tables = Object.entries(counts).map(([name, rows]) => ({ name, rows }));
  return { file, bytes: (await stat(file)).size, tables, rows: tables.reduce((sum, t) => sum + t.rows, 0) };
}

/**
 * A table's rows in primary-key order, one page at a time (keyset pagination: each page starts
 * after the last key of the previous one, so page 150 costs what page 1 costs).
 */
export async function* readPages(db: RawDb, table: TableInfo, pageSize: number): AsyncGenerator<Record<string, unknown>[]> {
  const from = sql.table(table.name);
  if (table.primaryKey.length === 0) {
    // No key to page on: order by every column so that pages do not overlap.
    const order = sql.join(table.columns.map((c) => sql.ref(c.name)));
    for (let offset = 0; ; offset += pageSize) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${from} order by ${order} limit ${pageSize} offset ${offset}`.execute(db);
      if (rows.length > 0) yield rows;
      if (rows.length < pageSize) return;
    }
  }
  const key = sql.join(table.primaryKey.map((c) => sql.ref(c)));
  let last: unknown[] | undefined;
  for (;;) {
    const after = last ? sql`where (${key}) > (${sql.join(last)})` : sql``;
    const { rows } = await sql<Record<string, unknown>>`select * from ${from} ${after} order by ${key} limit ${pageSize}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const lastRow = rows[rows.length - 1]!;
    last = table.primaryKey.map((c) => lastRow[c]);
  }
}
