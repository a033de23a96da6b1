import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../tests/support/databases.ts';
import { newId } from '../platform/ids.ts';
import { isUniqueViolation } from './errors.ts';

/** The real errors of the dialect under test (SQLite by default, PostgreSQL with TEST_DATABASE_URL). */
describe('isUniqueViolation', () => {
  let db: TestDb;
  const centre = () => ({ id: newId(), slug: `s${newId().slice(-10)}`, name: 'Centre', communeInsee: '59122', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
  const refusal = async (write: () => Promise<unknown>) => write().then(() => undefined, (error: unknown) => error);

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.drop());

  it('recognises a unique index and a primary key refusing a write', async () => {
    const first = centre();
    await db.kysely.insertInto('centers').values(first).execute();
    const sameSlug = await refusal(() => db.kysely.insertInto('centers').values({ ...centre(), slug: first.slug }).execute());
    const sameId = await refusal(() => db.kysely.insertInto('centers').values({ ...centre(), id: first.id }).execute());
    expect(isUniqueViolation(sameSlug)).toBe(true);
    expect(isUniqueViolation(sameId)).toBe(true);
  });

  it('leaves other failures alone, whatever their message says', async () => {
    const missing = await refusal(() => db.kysely.insertInto('centers').values({ ...centre(), name: null as unknown as string }).execute());
    expect(missing).toBeDefined();
    expect(isUniqueViolation(missing)).toBe(false);
    expect(isUniqueViolation(new Error('UNIQUE constraint failed: centers.slug'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
