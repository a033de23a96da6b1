import type { Kysely, Transaction } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface BadgeRow {
  id: string;
  centerId: string;
  enrolmentId: string;
  scope: string;
  moduleId: string | null;
  title: string;
  issuedAt: string;
  credential: string;
  keyId: string | null;
  showName: boolean;
  showSkills: boolean;
  publicName: string | null;
  revokedAt: string | null;
}

const columns = ['id', 'centerId', 'enrolmentId', 'scope', 'moduleId', 'title', 'issuedAt', 'credential', 'keyId', 'showName', 'showSkills', 'publicName', 'revokedAt'] as const;

function toBadge(row: Record<(typeof columns)[number], unknown>): BadgeRow {
  return { ...(row as unknown as BadgeRow), showName: asBool(row.showName), showSkills: asBool(row.showSkills) };
}

export async function insertBadge(db: Q, row: Omit<BadgeRow, 'revokedAt'>): Promise<void> {
  await db.insertInto('badges').values({ ...row, revokedAt: null }).execute();
}

/** Any centre: the public verification page is reached by the badge id alone. */
export async function findBadge(db: Q, id: string): Promise<BadgeRow | undefined> {
  const row = await db.selectFrom('badges').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toBadge(row) : undefined;
}

export async function listBadgesOfEnrolments(db: Q, centerId: string, enrolmentIds: readonly string[]): Promise<BadgeRow[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db.selectFrom('badges').select(columns).where('centerId', '=', centerId).where('enrolmentId', 'in', [...enrolmentIds]).orderBy('issuedAt').orderBy('id').execute();
  return rows.map(toBadge);
}

export async function updateBadge(db: Q, centerId: string, id: string, patch: Partial<Pick<Database['badges'], 'showName' | 'showSkills' | 'publicName' | 'revokedAt' | 'enrolmentId'>>): Promise<void> {
  await db.updateTable('badges').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

/** Erasure: nothing on the public page can name the person any more. */
export async function hideNames(db: Q, centerId: string, enrolmentIds: readonly string[]): Promise<void> {
  if (enrolmentIds.length === 0) return;
  await db.updateTable('badges').set({ showName: false, publicName: null }).where('centerId', '=', centerId).where('enrolmentId', 'in', [...enrolmentIds]).execute();
}

export async function moveBadges(db: Q, centerId: string, fromEnrolmentId: string, toEnrolmentId: string, at: string): Promise<void> {
  // When the kept enrolment already holds a badge for the same achievement, the duplicate's
  // one moves too but revoked, under a distinct scope (the unique index allows one per scope).
  const kept = new Set((await db.selectFrom('badges').select('scope').where('enrolmentId', '=', toEnrolmentId).execute()).map((r) => r.scope));
  const moving = await db.selectFrom('badges').select(['id', 'scope']).where('centerId', '=', centerId).where('enrolmentId', '=', fromEnrolmentId).execute();
  for (const b of moving) {
    if (kept.has(b.scope)) await db.updateTable('badges').set({ revokedAt: at, enrolmentId: toEnrolmentId, scope: `${b.scope}:${b.id}` }).where('id', '=', b.id).execute();
    else await db.updateTable('badges').set({ enrolmentId: toEnrolmentId }).where('id', '=', b.id).execute();
  }
}

// ---------------------------------------------------------------- signing keys

export interface BadgeKeyRow {
  id: string;
  centerId: string;
  publicKeyMultibase: string;
  secretEncrypted: string;
  createdAt: string;
  retiredAt: string | null;
}

export function activeKey(db: Q, centerId: string): Promise<BadgeKeyRow | undefined> {
  return db
    .selectFrom('badgeKeys')
    .select(['id', 'centerId', 'publicKeyMultibase', 'secretEncrypted', 'createdAt', 'retiredAt'])
    .where('centerId', '=', centerId)
    .where('retiredAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .executeTakeFirst();
}

export function listKeys(db: Q, centerId: string): Promise<BadgeKeyRow[]> {
  return db
    .selectFrom('badgeKeys')
    .select(['id', 'centerId', 'publicKeyMultibase', 'secretEncrypted', 'createdAt', 'retiredAt'])
    .where('centerId', '=', centerId)
    .orderBy('createdAt')
    .execute();
}

export function findKey(db: Q, id: string): Promise<BadgeKeyRow | undefined> {
  return db.selectFrom('badgeKeys').select(['id', 'centerId', 'publicKeyMultibase', 'secretEncrypted', 'createdAt', 'retiredAt']).where('id', '=', id).executeTakeFirst();
}

export async function insertKey(db: Q, row: BadgeKeyRow): Promise<void> {
  await db.insertInto('badgeKeys').values(row).execute();
}

export async function retireKey(db: Q, id: string, at: string): Promise<void> {
  await db.updateTable('badgeKeys').set({ retiredAt: at }).where('id', '=', id).execute();
}
