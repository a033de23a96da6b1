import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from './auth/actor.ts';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';

/**
 * The append-only audit log: who viewed or changed a person's file, exports, merges,
 * erasures, account changes. Rows are only ever inserted; nothing here updates or deletes.
 */
export type AuditAction = 'view' | 'create' | 'update' | 'merge' | 'export' | 'erase' | 'login' | 'grant' | 'revoke';

export async function audit(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor,
  action: AuditAction,
  subjectType: string,
  subjectId: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      id: newId(),
      centerId: actor.centerId,
      actorId: actor.userId,
      actorLabel: actor.label,
      action,
      subjectType,
      subjectId,
      // Details name fields and ids, never personal values: the log must not become a copy of the file.
      details: details ? JSON.stringify(details) : null,
      at: clock.nowIso(),
    })
    .execute();
}

export async function listAudit(db: Kysely<Database>, centerId: string, subjectType: string, subjectId: string) {
  return db
    .selectFrom('auditLog')
    .select(['id', 'actorLabel', 'action', 'details', 'at'])
    .where('centerId', '=', centerId)
    .where('subjectType', '=', subjectType)
    .where('subjectId', '=', subjectId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}
