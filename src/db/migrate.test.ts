import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../tests/support/databases.ts';
import { testClock } from '../../tests/support/app.ts';
import { newId } from '../platform/ids.ts';
import { createDb } from './kysely.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';

describe('an upgrade backs the database up before migrating', () => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb();
    dir = mkdtempSync(join(tmpdir(), 'lieudit-upgrade-'));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a backup of the data as it was when a migration is pending, then migrates; nothing when up to date', async () => {
    const clock = testClock('2026-12-05T08:30:00Z');
    const now = clock.nowIso();
    await db.kysely
      .insertInto('centers')
      .values({ id: newId(), slug: 'avant', name: 'Centre social Les Tilleuls', address: null, postalCode: null, communeInsee: '59122', openingHours: null, email: null, phone: null, createdAt: now, updatedAt: now })
      .execute();
    // The last migration undone: the database of the previous version, with its data.
    const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations }, migrationTableName: 'kysely_migration', migrationLockTableName: 'kysely_migration_lock' });
    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    const last = Object.keys(migrations).sort().at(-1);

    const result = await migrateToLatest(db, { backupDir: dir, clock });
    expect(result.results?.map((r) => r.migrationName)).toEqual([last]);
    expect(result.backup).toBe(join(dir, 'lieudit-avant-migration-2026-12-05T08-30-00Z.jsonl.gz'));
    const lines = gunzipSync(readFileSync(result.backup!)).toString('utf8').trim().split('\n');
    const header = JSON.parse(lines[0]!) as { migrations: string[] };
    // Taken before: the pending migration is not in it, the centre is.
    expect(header.migrations).not.toContain(last);
    expect(lines.some((line) => line.includes('Centre social Les Tilleuls'))).toBe(true);

    const again = await migrateToLatest(db, { backupDir: dir, clock });
    expect(again.backup).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it('writes nothing for a new database (no data to lose)', async () => {
    const file = join(dir, 'neuve.db');
    const fresh = createDb(`sqlite:${file}`);
    try {
      const result = await migrateToLatest(fresh, { backupDir: join(dir, 'neuve'), clock: testClock() });
      expect(result.backup).toBeUndefined();
      expect(existsSync(join(dir, 'neuve'))).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});
