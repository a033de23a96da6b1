/**
 * The notice board's SQL: posts, read receipts, the posts each staff member was sent in a
 * digest, and the digest setting. Every function takes `db` (or a transaction) and the centre
 * id it is scoped to; nothing here decides — the service does.
 */
import type { Kysely, Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type { Database, TeamNoticeReadsTable, TeamNoticesTable } from '../../db/schema.ts';
import { DEFAULT_HOURLY_RATE_CENTS } from './volunteer-hours.vocab.ts';

type Q = Kysely<Database>;

export type NoticeRow = Omit<Selectable<TeamNoticesTable>, 'pinned'> & { pinned: boolean };
export type ReadRow = Selectable<TeamNoticeReadsTable>;

const toNotice = (row: Selectable<TeamNoticesTable>): NoticeRow => ({ ...row, pinned: asBool(row.pinned) });

export async function insertNotice(db: Q, row: NoticeRow): Promise<void> {
  await db.insertInto('teamNotices').values(row).execute();
}

export async function findNotice(db: Q, centerId: string, id: string): Promise<NoticeRow | undefined> {
  const row = await db.selectFrom('teamNotices').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row && toNotice(row);
}

/** Posts still shown on `today` (no expiry, or expiring today or later): pinned first, then newest first. */
export async function listCurrentNotices(db: Q, centerId: string, today: string): Promise<NoticeRow[]> {
  const rows = await db
    .selectFrom('teamNotices')
    .selectAll()
    .where('centerId', '=', centerId)
    .where((eb) => eb.or([eb('expiresOn', 'is', null), eb('expiresOn', '>=', today)]))
    .orderBy('pinned', 'desc')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toNotice);
}

/** Records that a user read a post; the first reading is kept. */
export async function markRead(db: Q, row: ReadRow): Promise<void> {
  await db.insertInto('teamNoticeReads').values(row).onConflict((oc) => oc.columns(['noticeId', 'userId']).doNothing()).execute();
}

export async function readsOf(db: Q, centerId: string, noticeId: string): Promise<ReadRow[]> {
  return db.selectFrom('teamNoticeReads').selectAll().where('centerId', '=', centerId).where('noticeId', '=', noticeId).orderBy('readAt').execute();
}

/** The ids of the posts a user has read. */
export async function readIds(db: Q, centerId: string, userId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('teamNoticeReads').select('noticeId').where('centerId', '=', centerId).where('userId', '=', userId).execute();
  return new Set(rows.map((r) => r.noticeId));
}

/** Current posts a user has neither read nor been sent in a digest, oldest first. */
export async function undigested(db: Q, centerId: string, userId: string, today: string): Promise<NoticeRow[]> {
  const rows = await db
    .selectFrom('teamNotices as n')
    .selectAll('n')
    .where('n.centerId', '=', centerId)
    .where((eb) => eb.or([eb('n.expiresOn', 'is', null), eb('n.expiresOn', '>=', today)]))
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('teamNoticeReads as r').select('r.noticeId').whereRef('r.noticeId', '=', 'n.id').where('r.userId', '=', userId))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('teamNoticeDigests as d').select('d.noticeId').whereRef('d.noticeId', '=', 'n.id').where('d.userId', '=', userId))),
    )
    .orderBy('n.createdAt')
    .orderBy('n.id')
    .execute();
  return rows.map(toNotice);
}

/** Marks posts as sent to a user in a digest (never sent again). */
export async function markDigested(db: Q, centerId: string, userId: string, noticeIds: string[], sentAt: string): Promise<void> {
  if (noticeIds.length === 0) return;
  await db
    .insertInto('teamNoticeDigests')
    .values(noticeIds.map((noticeId) => ({ centerId, noticeId, userId, sentAt })))
    .onConflict((oc) => oc.columns(['noticeId', 'userId']).doNothing())
    .execute();
}

/** The centres that have at least one post: the digest job's round. */
export async function centresWithNotices(db: Q): Promise<string[]> {
  const rows = await db.selectFrom('teamNotices').select('centerId').distinct().execute();
  return rows.map((r) => r.centerId);
}

export async function digestFrequency(db: Q, centerId: string): Promise<string | undefined> {
  const row = await db.selectFrom('teamBoardSettings').select('digestFrequency').where('centerId', '=', centerId).executeTakeFirst();
  return row?.digestFrequency;
}

export async function saveDigestFrequency(db: Q, centerId: string, frequency: string, updatedAt: string): Promise<void> {
  await db
    .insertInto('teamBoardSettings')
    .values({ centerId, digestFrequency: frequency, hourlyRateCents: DEFAULT_HOURLY_RATE_CENTS, updatedAt })
    .onConflict((oc) => oc.column('centerId').doUpdateSet({ digestFrequency: frequency, updatedAt }))
    .execute();
}
