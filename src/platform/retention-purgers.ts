import type { DeleteResult, Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RetentionPurger } from './retention.ts';

const count = (results: DeleteResult[]): number => results.reduce((n, r) => n + Number(r.numDeletedRows), 0);

/**
 * The platform's own tables and their retention kind. A message still waiting to be sent is
 * never purged (it has not reached its recipient yet); a session is purged by its last use.
 */
export function platformPurgers(): RetentionPurger[] {
  const purger = (kind: RetentionPurger['kind'], purge: (db: Kysely<Database>, centerId: string, cutoff: string) => Promise<DeleteResult[]>): RetentionPurger => ({
    kind,
    owner: 'platform',
    purge: async (db, centerId, cutoff) => count(await purge(db, centerId, cutoff)),
  });
  return [
    purger('messages', (db, centerId, cutoff) =>
      db.deleteFrom('outbox').where('centerId', '=', centerId).where('status', '<>', 'pending').where('createdAt', '<', cutoff).execute(),
    ),
    purger('auditLog', (db, centerId, cutoff) => db.deleteFrom('auditLog').where('centerId', '=', centerId).where('at', '<', cutoff).execute()),
    purger('sessions', (db, centerId, cutoff) => db.deleteFrom('authSessions').where('centerId', '=', centerId).where('lastSeenAt', '<', cutoff).execute()),
    purger('publicLimits', (db, centerId, cutoff) =>
      db.deleteFrom('publicSubmissions').where('centerId', '=', centerId).where('createdAt', '<', cutoff).execute(),
    ),
  ];
}
