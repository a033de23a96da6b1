import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Migrator, type MigrationResultSet } from 'kysely';
import type { Clock } from '../platform/clock.ts';
import type { Db } from './kysely.ts';
import { migrations } from './migrations/index.ts';

export interface MigrateOptions {
  /**
   * Upgrades: before any pending migration runs on a database that already holds data, a
   * backup (the same as `lieudit backup`) is written into this folder, named
   * `lieudit-avant-migration-<instant>.jsonl.gz` — the scheduled rotation never deletes it.
   * Nothing is written when the database is up to date, or new (no migration applied yet).
   */
  backupDir?: string;
  clock?: Clock;
}

function migratorOf(db: Db): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

/** Applies the pending migrations; answers them, and the backup written first, if any. */
export async function migrateToLatest(db: Db, options: MigrateOptions = {}): Promise<MigrationResultSet & { backup?: string }> {
  const migrator = migratorOf(db);
  let backup: string | undefined;
  if (options.backupDir && options.clock) {
    const known = await migrator.getMigrations();
    const applied = known.filter((m) => m.executedAt !== undefined).length;
    if (applied > 0 && applied < known.length) backup = await backupBeforeMigrating(db, options.backupDir, options.clock);
  }
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return { ...result, backup };
}

async function backupBeforeMigrating(db: Db, dir: string, clock: Clock): Promise<string> {
  // Loaded only when an upgrade is due: a normal start does not pay for the backup code.
  const { writeBackup } = await import('../platform/backup/backup.ts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `lieudit-avant-migration-${clock.nowIso().slice(0, 19).replace(/:/g, '-')}Z.jsonl.gz`);
  await writeBackup(db, file, clock);
  return file;
}
