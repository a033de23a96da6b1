import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../tests/support/databases.ts';
import { newId } from '../platform/ids.ts';
import { prepared } from './prepared.ts';

/** On the dialect under test (SQLite by default, PostgreSQL with TEST_DATABASE_URL). */
describe('prepared queries', () => {
  let db: TestDb;
  const at = '2026-01-01T00:00:00.000Z';
  const centre = (name: string) => ({ id: newId(), slug: `s${newId().slice(-10)}`, name, communeInsee: '59122', createdAt: at, updatedAt: at });

  const insertCentre = prepared('test.insertCentre', (k, row: ReturnType<typeof centre>) =>
    k.insertInto('centers').values({ id: row.id, slug: row.slug, name: row.name, communeInsee: row.communeInsee, createdAt: row.createdAt, updatedAt: row.updatedAt }));
  const centreById = prepared('test.centreById', (k, p: { id: string }) => k.selectFrom('centers').select(['id', 'name', 'communeInsee']).where('id', '=', p.id));
  const rename = prepared('test.rename', (k, p: { id: string; name: string }) =>
    k.updateTable('centers').set({ name: p.name }).where('id', '=', p.id).where('communeInsee', '=', '59122').returning(['id', 'name']));

  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(() => db.drop());

  it('runs with each call’s own values, columns back in camelCase, the query’s constants kept', async () => {
    const [a, b] = [centre('Centre A'), centre('Centre B')];
    await insertCentre.affected(db.kysely, a);
    await insertCentre.affected(db.kysely, b);
    expect(await centreById.first(db.kysely, { id: a.id })).toEqual({ id: a.id, name: 'Centre A', communeInsee: '59122' });
    expect(await centreById.rows(db.kysely, { id: b.id })).toEqual([{ id: b.id, name: 'Centre B', communeInsee: '59122' }]);
    expect(await centreById.first(db.kysely, { id: newId() })).toBeUndefined();
    expect(await rename.first(db.kysely, { id: b.id, name: 'Centre B bis' })).toEqual({ id: b.id, name: 'Centre B bis' });
    // A string that looks like SQL is a value like any other.
    expect(await rename.affected(db.kysely, { id: a.id, name: `'); drop table centers; --` })).toBe(1);
    expect((await centreById.first(db.kysely, { id: a.id }))?.name).toBe(`'); drop table centers; --`);
  });

  it('runs inside a transaction, on its connection, and is undone with it', async () => {
    const c = centre('Dans la transaction');
    await db.kysely.transaction().execute(async (trx) => {
      await insertCentre.affected(trx, c);
      expect((await centreById.first(trx, { id: c.id }))?.name).toBe('Dans la transaction');
    });
    const undone = centre('Annulé');
    await expect(db.kysely.transaction().execute(async (trx) => {
      await insertCentre.affected(trx, undone);
      throw new Error('abandon');
    })).rejects.toThrow('abandon');
    expect(await centreById.first(db.kysely, { id: c.id })).toBeDefined();
    expect(await centreById.first(db.kysely, { id: undone.id })).toBeUndefined();
  });

  it('refuses an argument that would not be a bound value, and a missing value', async () => {
    const asName = prepared('test.asName', (k, p: { column: string }) => k.selectFrom('centers').select(sql.ref(p.column).as('x')));
    await expect(asName.rows(db.kysely, { column: 'name' })).rejects.toThrow(/test\.asName/);
    const unused = prepared('test.unused', (k, p: { id: string; other: string }) => {
      void p.other;
      return k.selectFrom('centers').select('id').where('id', '=', p.id);
    });
    await expect(unused.rows(db.kysely, { id: newId(), other: 'x' })).rejects.toThrow(/other/);
    await expect(centreById.rows(db.kysely, { id: undefined as unknown as string })).rejects.toThrow(/id/);
  });
});
