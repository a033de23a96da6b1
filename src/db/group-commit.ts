/**
 * Works on one row, in turn and committed together: `groupCommit(db, key, work)` runs `work`
 * inside a transaction once every earlier work on the same key has finished, and the works that
 * queued for the same key meanwhile share the next transaction — each inside a savepoint of its
 * own — so a crowd pays one commit per group instead of one per work.
 *
 * Why in turn: a transaction that begins by locking a row (a session's seats) makes every
 * concurrent one on the same row wait for it *while holding a database connection*. On
 * PostgreSQL, a crowd of 1,000 registrations for one session held the pool's ten connections
 * waiting on that lock, and the requests behind them gave up waiting for a connection (503;
 * QUALITY.md B2). Waiting here costs no connection. This is not what makes a rule hold — the
 * row lock each work takes inside the transaction still does, across processes too.
 *
 * Why together: the commit was then the largest single cost of a registration on SQLite (its
 * pages written to the WAL each time, the table's and every index's). Works of one group see one
 * another's writes, in the order they queued, exactly as consecutive transactions would.
 *
 * What each caller is promised:
 * - its promise settles only after the group's commit: a value answered is a value kept, and
 *   when the commit fails every work of the group fails with it (nothing was kept);
 * - a work that throws is rolled back to its savepoint — its writes undone, the others' kept —
 *   and its error reaches its caller only;
 * - a group holds at most GROUP_SIZE works, so one transaction never keeps the connection long;
 *   the queue itself has no limit: a crowd waits, it is not refused.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** Works committed together at most (a group of registrations is a few milliseconds of work). */
export const GROUP_SIZE = 32;

type Work = (trx: Transaction<Database>) => Promise<unknown>;

interface Waiting {
  work: Work;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** The works waiting on each key; a key is present while its queue is being drained. */
const queues = new Map<string, Waiting[]>();

export function groupCommit<T>(db: Kysely<Database>, key: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const waiting: Waiting = { work, resolve: resolve as (value: unknown) => void, reject };
    const queue = queues.get(key);
    if (queue) {
      queue.push(waiting);
      return;
    }
    queues.set(key, [waiting]);
    // The group starts at the event loop's next turn: on SQLite a transaction runs from begin to
    // commit without giving the loop a turn (the driver is synchronous), so the requests already
    // read from the network would otherwise never find it running, and each would commit alone.
    setImmediate(() => void drain(db, key));
  });
}

/** Commits the key's queue group after group, until nobody waits on it. */
async function drain(db: Kysely<Database>, key: string): Promise<void> {
  const queue = queues.get(key)!;
  while (queue.length > 0) {
    const group = queue.splice(0, GROUP_SIZE);
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction().execute((trx) => runGroup(trx, group));
    } catch (error) {
      // The transaction failed as a whole (begin, a savepoint, the commit): nothing was kept.
      outcomes = group.map(() => ({ ok: false, error }));
    }
    group.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
  queues.delete(key);
}

/** Each work of the group in its own savepoint, in the order they queued. */
async function runGroup(trx: Transaction<Database>, group: Waiting[]): Promise<Outcome[]> {
  // Alone, a work needs no savepoint: if it throws, the whole transaction is rolled back.
  if (group.length === 1) return [{ ok: true, value: await group[0]!.work(trx) }];
  const outcomes: Outcome[] = [];
  for (const { work } of group) {
    await sql`savepoint group_work`.execute(trx);
    try {
      const value = await work(trx);
      await sql`release savepoint group_work`.execute(trx);
      outcomes.push({ ok: true, value });
    } catch (error) {
      await sql`rollback to savepoint group_work`.execute(trx);
      await sql`release savepoint group_work`.execute(trx);
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}
