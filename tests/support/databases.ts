import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/kysely.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/**
 * Test databases: migrations run once into a template (a SQLite file, a PostgreSQL
 * database), and each test file gets its own copy. TEST_DATABASE_URL=postgres://… selects
 * PostgreSQL; otherwise SQLite.
 */
export const TMP_DIR = resolve('.tmp');

// Each test run has its own template (named by the global setup and handed to the workers
// through the environment), so that several runs on one machine never share one.
function templateName(): string {
  const name = process.env.LIEUDIT_TEST_TEMPLATE;
  if (!name) throw new Error('LIEUDIT_TEST_TEMPLATE is set by tests/support/global-setup.ts');
  return name;
}
const sqliteTemplate = () => join(TMP_DIR, `${templateName()}.db`);

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TEST_DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
}

function pgUrlFor(database: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function prepareTemplate(): Promise<void> {
  const SQLITE_TEMPLATE = sqliteTemplate();
  const PG_TEMPLATE = templateName();
  if (testDialect() === 'sqlite') {
    mkdirSync(TMP_DIR, { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${SQLITE_TEMPLATE}${suffix}`, { force: true });
    const db = createDb(`sqlite:${SQLITE_TEMPLATE}`);
    await migrateToLatest(db);
    // Fold the WAL into the main file so that a plain copy is complete.
    const { sql } = await import('kysely');
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db.kysely);
    await db.close();
    return;
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${PG_TEMPLATE}`);
  const db = createDb(pgUrlFor(PG_TEMPLATE), { poolSize: 1 });
  await migrateToLatest(db);
  await db.close();
}

export interface TestDb extends Db {
  drop(): Promise<void>;
}

export async function createTestDb(options: { poolSize?: number } = {}): Promise<TestDb> {
  const suffix = randomBytes(6).toString('hex');
  if (testDialect() === 'sqlite') {
    const file = join(TMP_DIR, `test-${suffix}.db`);
    copyFileSync(sqliteTemplate(), file);
    const db = createDb(`sqlite:${file}`);
    return {
      ...db,
      async drop() {
        await db.close();
        for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
      },
    };
  }
  const name = `lieudit_test_${suffix}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName()}`);
  const db = createDb(pgUrlFor(name), { poolSize: options.poolSize ?? 10 });
  return {
    ...db,
    async drop() {
      await db.close();
      // pg's pool resolves end() before its connections have closed; forcing the drop at once
      // would kill them mid-goodbye and surface as an unhandled pool error. Give them a moment.
      for (let attempt = 0; attempt < 50; attempt += 1) {
        try {
          await adminQuery(`DROP DATABASE IF EXISTS ${name}`);
          return;
        } catch (error) {
          if ((error as { code?: string }).code !== '55006') throw error; // 55006: still in use
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function dropTemplate(): Promise<void> {
  if (testDialect() === 'sqlite') {
    for (const s of ['', '-wal', '-shm']) rmSync(`${sqliteTemplate()}${s}`, { force: true });
    return;
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${templateName()} WITH (FORCE)`);
}
