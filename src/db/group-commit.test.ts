import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../tests/support/databases.ts';
import { GROUP_SIZE, groupCommit } from './group-commit.ts';
import type { Database } from './schema.ts';

/** A promise settled from outside, to hold a work open while others queue. */
function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return { opened, open };
}

/** On the dialect under test (SQLite by default, PostgreSQL with TEST_DATABASE_URL). */
describe('groupCommit', () => {
  let db: TestDb;
  // Tables of this test only: a probe row per work, and a child whose parent is checked at commit.
  beforeAll(async () => {
    db = await createTestDb();
    await sql`create table group_commit_probe (id varchar(40) primary key, label varchar(40) not null)`.execute(db.kysely);
    await sql`create table group_commit_parent (id varchar(40) primary key)`.execute(db.kysely);
    await sql`create table group_commit_child (id varchar(40) primary key, parent_id varchar(40) not null references group_commit_parent (id) deferrable initially deferred)`.execute(db.kysely);
  });
  afterAll(() => db.drop());

  const insert = (trx: Transaction<Database>, id: string, label = 'x') => sql`insert into group_commit_probe (id, label) values (${id}, ${label})`.execute(trx);
  const labels = async (prefix: string) =>
    (await sql<{ id: string }>`select id from group_commit_probe where id like ${prefix + '%'} order by id`.execute(db.kysely)).rows.map((r) => r.id);

  it('commits the works that queued together in one transaction, in the order they came, each seeing the earlier ones', async () => {
    const seen: Transaction<Database>[] = [];
    const counts: number[] = [];
    const works = Array.from({ length: GROUP_SIZE + 8 }, (_, i) => groupCommit(db.kysely, 'probe:a', async (trx) => {
      seen.push(trx);
      counts.push(Number((await sql<{ n: number | string }>`select count(*) as n from group_commit_probe where id like 'a-%'`.execute(trx)).rows[0]!.n));
      await insert(trx, `a-${String(i).padStart(3, '0')}`);
      return i;
    }));
    expect(await Promise.all(works)).toEqual(Array.from({ length: GROUP_SIZE + 8 }, (_, i) => i));
    // The first GROUP_SIZE shared a transaction, the 8 others the next one.
    expect(new Set(seen.slice(0, GROUP_SIZE)).size).toBe(1);
    expect(new Set(seen.slice(GROUP_SIZE)).size).toBe(1);
    expect(seen[0]).not.toBe(seen[GROUP_SIZE]);
    expect(counts).toEqual(Array.from({ length: GROUP_SIZE + 8 }, (_, i) => i));
    expect(await labels('a-')).toHaveLength(GROUP_SIZE + 8);
  });

  it('answers a work only once its group is committed: what it wrote is read outside at once', async () => {
    const reads = await Promise.all(['b-1', 'b-2', 'b-3'].map((id) =>
      groupCommit(db.kysely, 'probe:b', (trx) => insert(trx, id)).then(() => labels(id))));
    expect(reads).toEqual([['b-1'], ['b-2'], ['b-3']]);
  });

  it('undoes a failing work alone: its writes rolled back, its error to its caller only, the others kept', async () => {
    const ok1 = groupCommit(db.kysely, 'probe:c', (trx) => insert(trx, 'c-1'));
    const failing = groupCommit(db.kysely, 'probe:c', async (trx) => {
      await insert(trx, 'c-2');
      await insert(trx, 'c-1'); // the same key again: the database refuses it
    });
    const thrown = groupCommit(db.kysely, 'probe:c', async (trx) => {
      await insert(trx, 'c-3');
      throw new Error('refusé');
    });
    const ok2 = groupCommit(db.kysely, 'probe:c', (trx) => insert(trx, 'c-4'));
    await expect(failing).rejects.toThrow();
    await expect(thrown).rejects.toThrow('refusé');
    await ok1;
    await ok2;
    expect(await labels('c-')).toEqual(['c-1', 'c-4']);
  });

  it('fails every work of a group whose commit fails, and keeps none of them', async () => {
    const works = [
      groupCommit(db.kysely, 'probe:d', (trx) => insert(trx, 'd-1')),
      // Its parent does not exist: checked at commit (deferred), so the commit itself fails.
      groupCommit(db.kysely, 'probe:d', (trx) => sql`insert into group_commit_child (id, parent_id) values ('d-child', 'nobody')`.execute(trx)),
      groupCommit(db.kysely, 'probe:d', (trx) => insert(trx, 'd-2')),
    ];
    const settled = await Promise.allSettled(works);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await labels('d-')).toEqual([]);
    // The key is free again: the next work commits.
    await groupCommit(db.kysely, 'probe:d', (trx) => insert(trx, 'd-3'));
    expect(await labels('d-')).toEqual(['d-3']);
  });

  it('starts a work on a key only once the earlier group on that key is committed', async () => {
    const held = gate();
    const events: string[] = [];
    const a = groupCommit(db.kysely, 'probe:e', async (trx) => {
      events.push('e1 starts');
      await insert(trx, 'e-1');
      await held.opened;
      events.push('e1 ends');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const b = groupCommit(db.kysely, 'probe:e', async (trx) => {
      events.push('e2 starts');
      await insert(trx, 'e-2');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['e1 starts']);
    held.open();
    await Promise.all([a, b]);
    expect(events).toEqual(['e1 starts', 'e1 ends', 'e2 starts']);
  });

  it('queues a crowd far larger than a group, none refused', async () => {
    const works = Array.from({ length: 500 }, (_, i) => groupCommit(db.kysely, 'probe:f', async (trx) => {
      await insert(trx, `f-${String(i).padStart(4, '0')}`);
      return i;
    }));
    expect((await Promise.all(works)).at(-1)).toBe(499);
    expect(await labels('f-')).toHaveLength(500);
  });
});
