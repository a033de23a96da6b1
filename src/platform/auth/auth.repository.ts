import type { Kysely } from 'kysely';
import { sortFrench } from '../text.ts';
import { asBool } from '../../db/kysely.ts';
import type { Database } from '../../db/schema.ts';
import type { Role } from './roles.ts';

export interface UserRow {
  id: string;
  centerId: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  partnerCommuneInsee: string | null;
  federationId: string | null;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

type Q = Kysely<Database>;

const userColumns = [
  'id', 'centerId', 'email', 'displayName', 'role', 'passwordHash', 'partnerCommuneInsee', 'federationId', 'active',
  'lastLoginAt', 'createdAt',
] as const;

function toUser(row: Record<(typeof userColumns)[number], unknown>): UserRow {
  return { ...(row as unknown as UserRow), active: asBool(row.active) };
}

export async function findUserByEmail(db: Q, email: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').select(userColumns).where('email', '=', email).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserById(db: Q, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** The centre's team: a federation's account hosted by the centre is not part of it. */
export async function listUsers(db: Q, centerId: string): Promise<UserRow[]> {
  const rows = await db
    .selectFrom('users')
    .select(userColumns)
    .where('centerId', '=', centerId)
    .where('role', '!=', 'federation_admin')
    .orderBy('displayName')
    .execute();
  return sortFrench(rows.map(toUser), (u) => u.displayName);
}

export async function insertUser(
  db: Q,
  user: Omit<UserRow, 'lastLoginAt'> & { updatedAt: string },
): Promise<void> {
  await db.insertInto('users').values({ ...user, lastLoginAt: null }).execute();
}

export async function updateUser(
  db: Q,
  centerId: string,
  id: string,
  patch: Partial<Pick<UserRow, 'displayName' | 'role' | 'active' | 'partnerCommuneInsee' | 'passwordHash' | 'lastLoginAt'>> & {
    updatedAt: string;
  },
): Promise<number> {
  const result = await db
    .updateTable('users')
    .set(patch)
    .where('id', '=', id)
    .where('centerId', '=', centerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface SessionRow {
  id: string;
  centerId: string;
  userId: string;
  lastSeenAt: string;
  expiresAt: string;
}

export async function insertSession(db: Q, session: SessionRow & { createdAt: string }): Promise<void> {
  await db.insertInto('authSessions').values(session).execute();
}

export async function findSessionWithUser(db: Q, id: string) {
  return db
    .selectFrom('authSessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select([
      's.id', 's.centerId', 's.userId', 's.lastSeenAt', 's.expiresAt', 'u.role', 'u.displayName', 'u.active',
      'u.partnerCommuneInsee', 'u.federationId',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Q, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db.updateTable('authSessions').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: string): Promise<void> {
  await db.deleteFrom('authSessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: Q, userId: string, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('authSessions').where('userId', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

export async function deleteExpiredSessions(db: Q, now: string): Promise<void> {
  await db.deleteFrom('authSessions').where('expiresAt', '<', now).execute();
}

export interface ApiTokenRow {
  id: string;
  centerId: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function insertApiToken(db: Q, token: Omit<ApiTokenRow, 'lastUsedAt' | 'revokedAt'> & { tokenHash: string }) {
  await db.insertInto('apiTokens').values({ ...token, lastUsedAt: null, revokedAt: null }).execute();
}

export async function findActiveApiToken(db: Q, tokenHash: string): Promise<ApiTokenRow | undefined> {
  const row = await db
    .selectFrom('apiTokens')
    .select(['id', 'centerId', 'name', 'role', 'createdAt', 'lastUsedAt', 'revokedAt'])
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return row as ApiTokenRow | undefined;
}

export async function listApiTokens(db: Q, centerId: string): Promise<ApiTokenRow[]> {
  const rows = await db
    .selectFrom('apiTokens')
    .select(['id', 'centerId', 'name', 'role', 'createdAt', 'lastUsedAt', 'revokedAt'])
    .where('centerId', '=', centerId)
    .orderBy('createdAt', 'desc')
    .execute();
  return rows as ApiTokenRow[];
}

export async function revokeApiToken(db: Q, centerId: string, id: string, at: string): Promise<number> {
  const r = await db
    .updateTable('apiTokens')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('centerId', '=', centerId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markApiTokenUsed(db: Q, id: string, at: string): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

/** A federation's API token, as its list shows it (never its hash). */
export interface FederationApiTokenRow {
  id: string;
  federationId: string;
  centerId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const federationTokenColumns = ['id', 'federationId', 'centerId', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'] as const;

export async function insertFederationApiToken(db: Q, token: Omit<FederationApiTokenRow, 'lastUsedAt' | 'revokedAt'> & { tokenHash: string }) {
  await db.insertInto('federationApiTokens').values({ ...token, lastUsedAt: null, revokedAt: null }).execute();
}

export async function findActiveFederationApiToken(db: Q, tokenHash: string): Promise<FederationApiTokenRow | undefined> {
  return db.selectFrom('federationApiTokens').select(federationTokenColumns).where('tokenHash', '=', tokenHash).where('revokedAt', 'is', null).executeTakeFirst();
}

/** A federation's tokens, newest first; only ever those of the one federation asked. */
export async function listFederationApiTokens(db: Q, federationId: string): Promise<FederationApiTokenRow[]> {
  return db.selectFrom('federationApiTokens').select(federationTokenColumns).where('federationId', '=', federationId).orderBy('createdAt', 'desc').orderBy('id').execute();
}

export async function findFederationApiToken(db: Q, federationId: string, id: string): Promise<FederationApiTokenRow | undefined> {
  return db.selectFrom('federationApiTokens').select(federationTokenColumns).where('federationId', '=', federationId).where('id', '=', id).executeTakeFirst();
}

export async function revokeFederationApiToken(db: Q, federationId: string, id: string, at: string): Promise<number> {
  const r = await db
    .updateTable('federationApiTokens')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('federationId', '=', federationId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markFederationApiTokenUsed(db: Q, id: string, at: string): Promise<void> {
  await db.updateTable('federationApiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

export async function insertPasswordReset(
  db: Q,
  reset: { id: string; centerId: string; userId: string; tokenHash: string; expiresAt: string; createdAt: string },
): Promise<void> {
  await db.insertInto('passwordResets').values({ ...reset, usedAt: null }).execute();
}

export async function findUsablePasswordReset(db: Q, tokenHash: string, now: string) {
  return db
    .selectFrom('passwordResets')
    .select(['id', 'centerId', 'userId'])
    .where('tokenHash', '=', tokenHash)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
}

export async function markPasswordResetUsed(db: Q, id: string, at: string): Promise<number> {
  const r = await db
    .updateTable('passwordResets')
    .set({ usedAt: at })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Kills every link of the account not used yet (reset or invitation): a password was just set. */
export async function revokeOutstandingPasswordResets(db: Q, userId: string, at: string): Promise<void> {
  await db.updateTable('passwordResets').set({ usedAt: at }).where('userId', '=', userId).where('usedAt', 'is', null).execute();
}

/**
 * `handback`: the facilitator's password typed on a kiosk tablet to take it back;
 * `two_step`: a one-time code (or recovery code) typed after the password.
 */
export type AttemptKind = 'login' | 'reset' | 'handback' | 'two_step';

export async function insertAttempt(db: Q, attempt: { id: string; kind: AttemptKind; accountKey: string; createdAt: string }) {
  await db.insertInto('authAttempts').values(attempt).execute();
}

export async function countAttemptsSince(db: Q, kind: AttemptKind, accountKey: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('authAttempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', kind)
    .where('accountKey', '=', accountKey)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function deleteAttempts(db: Q, kind: AttemptKind, accountKey: string): Promise<void> {
  await db.deleteFrom('authAttempts').where('kind', '=', kind).where('accountKey', '=', accountKey).execute();
}

export async function deleteAttemptsBefore(db: Q, before: string): Promise<void> {
  await db.deleteFrom('authAttempts').where('createdAt', '<', before).execute();
}
