import AsyncLock from 'async-lock';

/**
 * Work on one row in turn, within this process: `inTurn(key, work)` starts `work` once every
 * earlier work on the same key has finished.
 *
 * Why: a transaction that begins by locking a row (a session's seats) makes every concurrent
 * one on the same row wait for it *while holding a database connection*. On PostgreSQL, a crowd
 * of 1,000 registrations for one session then held the pool's ten connections waiting on that
 * lock, and the requests behind them gave up waiting for a connection (503; QUALITY.md B2).
 * Waiting here instead costs no connection: only the transaction whose turn it is holds one.
 *
 * This is not what makes the rule hold — the row lock in the transaction still does, across
 * processes too (two instances each send one transaction at a time); it only queues the
 * waiting where it is cheap. No limit on the queue: a crowd waits, it is not refused.
 */
const turns = new AsyncLock({ maxPending: Number.POSITIVE_INFINITY });

export function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
  return turns.acquire(key, work);
}
