/**
 * Per-account limits on what guesses a secret (a password, a one-time code), kept in the
 * database so that they hold across server instances. An attempt is counted before it is
 * judged, so that guesses sent all at once cannot all be verified; a success clears the count.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addMinutes, type Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { newId } from '../ids.ts';
import * as repo from './auth.repository.ts';

/** 5 failures per 15 minutes per account, then even the right answer is refused while they last. */
export const FAILURES_MAX = 5;
export const FAILURE_WINDOW_MINUTES = 15;

export function tooManyRequests(): AppError {
  return new AppError(429, 'too_many_requests', 'errors.tooManyRequests');
}

/**
 * Counts one more attempt of this kind on this account and answers how many there were in
 * the window, this one included. Counting after inserting keeps the limit exact when
 * attempts arrive at the same time.
 */
export async function countAttempt(
  db: Kysely<Database>, clock: Clock, kind: repo.AttemptKind, accountKey: string, windowMinutes: number,
): Promise<number> {
  const now = clock.nowIso();
  await repo.insertAttempt(db, { id: newId(), kind, accountKey, createdAt: now });
  return repo.countAttemptsSince(db, kind, accountKey, addMinutes(now, -windowMinutes));
}
