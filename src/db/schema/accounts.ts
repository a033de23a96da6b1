// Staff accounts and sign-in: sessions, two-step, recovery codes, API tokens, resets, attempts.
import type { Generated } from 'kysely';
import type { Bool } from './bool.ts';

export interface UsersTable {
  id: string;
  centerId: string;
  email: string;
  displayName: string;
  role: string;
  passwordHash: string | null;
  partnerCommuneInsee: string | null;
  /** For a federation's account (federation_admin): the federation whose figures it reads. */
  federationId: Generated<string | null>;
  active: Bool;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AuthSessionsTable {
  id: string;
  centerId: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** An account's TOTP: the secret encrypted, null once restored from a backup (not set up). */
export interface StaffTwoStepTable {
  userId: string;
  centerId: string;
  secret: string | null;
  confirmedAt: string | null;
  /** The 30-second step of the last code accepted (replay guard). */
  lastStep: number | null;
  createdAt: string;
}

export interface StaffRecoveryCodesTable {
  id: string;
  centerId: string;
  userId: string;
  codeHash: string;
  usedAt: string | null;
  createdAt: string;
}

export interface ApiTokensTable {
  id: string;
  centerId: string;
  name: string;
  role: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * A federation's API token (its programs read the federation's figures): its own table, so that
 * api_tokens stays a centre's. center_id: the centre hosting the account that made it.
 */
export interface FederationApiTokensTable {
  id: string;
  federationId: string;
  centerId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface PasswordResetsTable {
  id: string;
  centerId: string;
  userId: string;
  tokenHash: string;
  expiresAt: string;
  usedAt: string | null;
  createdAt: string;
}

/** Failed sign-ins and reset requests per account (keyed hash of the e-mail), for limits. */
export interface AuthAttemptsTable {
  id: string;
  kind: string;
  accountKey: string;
  createdAt: string;
}

export interface AccountTables {
  users: UsersTable;
  authSessions: AuthSessionsTable;
  apiTokens: ApiTokensTable;
  federationApiTokens: FederationApiTokensTable;
  passwordResets: PasswordResetsTable;
  authAttempts: AuthAttemptsTable;
  staffTwoStep: StaffTwoStepTable;
  staffRecoveryCodes: StaffRecoveryCodesTable;
}
