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

/**
 * A centre's API tokens (api_tokens) and a federation's (federation_api_tokens) live the same
 * life — made, found by their hash, listed, used, revoked — so those queries are written once,
 * for either table. Each table says which column owns its tokens: a federation's token also
 * has a center_id (the centre hosting its account), and a query keyed by that column would let
 * the host centre list or revoke it. The owner column therefore comes from the table here,
 * never from the caller. Inserting stays one function a table: a centre's token carries a
 * role, a federation's a federation, and each gets its own row type.
 */
const TOKEN_TABLES = {
  apiTokens: { owner: 'centerId', columns: ['id', 'centerId', 'name', 'role', 'createdAt', 'lastUsedAt', 'revokedAt'] },
  federationApiTokens: { owner: 'federationId', columns: ['id', 'federationId', 'centerId', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'] },
} as const;

type TokenTable = keyof typeof TOKEN_TABLES;
type TokenRowOf<T extends TokenTable> = T extends 'apiTokens' ? ApiTokenRow : FederationApiTokenRow;

/** The queries read either table (Kysely types them over both); the answer gets its own table's row type. */
function tokenTable(table: TokenTable) {
  return { from: table, owner: TOKEN_TABLES[table].owner, columns: TOKEN_TABLES[table].columns };
}

export async function insertApiToken(db: Q, token: Omit<ApiTokenRow, 'lastUsedAt' | 'revokedAt'> & { tokenHash: string }) {
  await db.insertInto('apiTokens').values({ ...token, lastUsedAt: null, revokedAt: null }).execute();
}

export async function insertFederationApiToken(db: Q, token: Omit<FederationApiTokenRow, 'lastUsedAt' | 'revokedAt'> & { tokenHash: string }) {
  await db.insertInto('federationApiTokens').values({ ...token, lastUsedAt: null, revokedAt: null }).execute();
}

/** The token with this hash, unless revoked: whoever presents it acts with it. */
export async function findActiveToken<T extends TokenTable>(db: Q, table: T, tokenHash: string): Promise<TokenRowOf<T> | undefined> {
  const { from, columns } = tokenTable(table);
  const row = await db
    .selectFrom(from)
    .select(columns)
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return row as TokenRowOf<T> | undefined;
}

/** One owner's tokens (a centre's, a federation's), newest first; never another owner's. */
export async function listTokens<T extends TokenTable>(db: Q, table: T, ownerId: string): Promise<TokenRowOf<T>[]> {
  const { from, owner, columns } = tokenTable(table);
  const rows = await db
    .selectFrom(from)
    .select(columns)
    .where(owner, '=', ownerId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
  return rows as TokenRowOf<T>[];
}

/** One token of its owner (revoked or not); undefined for another owner's. */
export async function findToken<T extends TokenTable>(db: Q, table: T, ownerId: string, id: string): Promise<TokenRowOf<T> | undefined> {
  const { from, owner, columns } = tokenTable(table);
  const row = await db
    .selectFrom(from)
    .select(columns)
    .where(owner, '=', ownerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row as TokenRowOf<T> | undefined;
}

/** Revokes one of its owner's tokens still in service; answers how many were (0 or 1). */
export async function revokeToken(db: Q, table: TokenTable, ownerId: string, id: string, at: string): Promise<number> {
  const r = await db
    .updateTable(table)
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where(TOKEN_TABLES[table].owner, '=', ownerId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markTokenUsed(db: Q, table: TokenTable, id: string, at: string): Promise<void> {
  await db.updateTable(table).set({ lastUsedAt: at }).where('id', '=', id).execute();
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
