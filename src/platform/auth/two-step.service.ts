/**
 * Two-step sign-in (TOTP) for staff accounts. The rules it owns:
 *
 * - A centre lists the roles that must use it (`centers.two_step_roles`). An account of such a
 *   role that has not set it up is sent to the setup right after its password, before any
 *   session exists; an account that has it set up is asked for a code. Anyone else may set it
 *   up from their account page, and turn it off again (not when their role requires it).
 * - The secret is encrypted with a key derived from LIEUDIT_SECRET for this one purpose
 *   (platform/crypto.ts): the database or a backup alone never yields it; backups leave it
 *   out entirely, and no page shows it but the setup page of its owner, before confirmation.
 * - A code is accepted one 30-second step early or late, and a step is accepted once only
 *   (replay): the database refuses a step that is not later than the last one accepted.
 * - Ten recovery codes are given once when the setup is confirmed (and again, new ones, when
 *   their owner asks with a valid code); each works once and they are stored as a keyed hash.
 * - Every code typed (one-time or recovery) counts against the account: 5 failures in
 *   15 minutes, then even a right code is refused (429) while they are in the window.
 * - An administrator may reset another team member's two-step sign-in: it is removed, their
 *   sessions end, and the audit log records who did it.
 * - Between the password and the code, the browser holds a signed reference to the account,
 *   valid 10 minutes; the session is opened only once the code is accepted.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { audit } from '../audit.ts';
import { addMinutes, type Clock } from '../clock.ts';
import { decryptSecret, encryptSecret, hmac, signLink, verifyLink } from '../crypto.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Actor } from './actor.ts';
import { countAttempt, FAILURE_WINDOW_MINUTES, FAILURES_MAX, tooManyRequests } from './attempts.ts';
import * as authRepo from './auth.repository.ts';
import { isRole, ROLES, type Role } from './roles.ts';
import { matchingStep, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, normalizeTotpCode, totpUri } from './totp.ts';
import { requirePermission } from './require-permission.ts';
import * as repo from './two-step.repository.ts';

/** What comes after a right password: nothing (a session), a code, or the setup first. */
export type SecondStep = 'none' | 'code' | 'enrol';

export interface TwoStepStatus {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

/** The account a two-step operation is about (a signed-in user, or one between password and code). */
export type Account = Pick<authRepo.UserRow, 'id' | 'centerId' | 'role' | 'email' | 'displayName'>;

/** The account acting on its own setup, as the audit log names it. */
const selfActor = (account: Account): Actor => ({
  centerId: account.centerId, userId: account.id, role: account.role as Actor['role'], label: account.displayName, partnerCommuneInsee: null, via: 'session',
});

const PENDING_MINUTES = 10;
const SECRET_PURPOSE = 'two-step-secret';
const PENDING_PURPOSE = 'two-step-pending';

export class TwoStepService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** LIEUDIT_SECRET: encrypts the TOTP secrets, keys the recovery codes and the limits. */
    private readonly secret: string,
  ) {}

  async requiredRoles(centerId: string): Promise<Role[]> {
    const stored = (await repo.findRequiredRoles(this.db, centerId)).split(',');
    return ROLES.filter((role) => stored.includes(role));
  }

  async setRequiredRoles(actor: Actor, roles: readonly string[]): Promise<void> {
    requirePermission(actor, 'users.manage');
    if (roles.some((role) => !isRole(role))) throw invalid({ roles: 'twoStep.rolesInvalid' });
    const kept = ROLES.filter((role) => roles.includes(role));
    await repo.updateRequiredRoles(this.db, actor.centerId, kept.join(','), this.clock.nowIso());
    await audit(this.db, this.clock, actor, 'update', 'centre', actor.centerId, { fields: ['twoStepRoles'], roles: kept });
  }

  async status(account: Account): Promise<TwoStepStatus> {
    const row = await repo.findTwoStep(this.db, account.centerId, account.id);
    return {
      enabled: isEnabled(row),
      required: (await this.requiredRoles(account.centerId)).includes(account.role),
      recoveryCodesLeft: isEnabled(row) ? await repo.countUnusedRecoveryCodes(this.db, account.centerId, account.id) : 0,
    };
  }

  async stepAfterPassword(account: Account): Promise<SecondStep> {
    const status = await this.status(account);
    if (status.enabled) return 'code';
    return status.required ? 'enrol' : 'none';
  }

  /** The team members of the actor's centre who have it set up (the administrator's overview). */
  async enabledUserIds(actor: Actor): Promise<Set<string>> {
    requirePermission(actor, 'users.manage');
    return new Set(await repo.listEnabledUserIds(this.db, actor.centerId));
  }

  /**
   * The secret to put in an app, with its otpauth:// address for the QR code. The same secret
   * until it is confirmed (a page reloaded shows the same QR code); refused once set up.
   */
  async enrolment(account: Account, issuer: string): Promise<{ secret: string; uri: string }> {
    const row = await repo.findTwoStep(this.db, account.centerId, account.id);
    if (isEnabled(row)) throw conflict('twoStep.alreadyOn');
    let secret = row?.secret ? decryptSecret(this.secret, SECRET_PURPOSE, row.secret) : null;
    if (!secret) {
      secret = newTotpSecret();
      await repo.saveUnconfirmed(this.db, {
        userId: account.id, centerId: account.centerId, secret: encryptSecret(this.secret, SECRET_PURPOSE, secret), createdAt: this.clock.nowIso(),
      });
    }
    return { secret, uri: totpUri(secret, issuer, account.email) };
  }

  /** Confirms the setup with a first code from the app; answers the recovery codes, to show once. */
  async confirmEnrolment(account: Account, code: string): Promise<string[]> {
    const row = await repo.findTwoStep(this.db, account.centerId, account.id);
    if (isEnabled(row)) throw conflict('twoStep.alreadyOn');
    if (!row?.secret) throw conflict('twoStep.setupExpired');
    await this.#acceptCode(account, row, code, this.clock.nowIso());
    await audit(this.db, this.clock, selfActor(account), 'grant', 'user', account.id, { what: 'twoStep' });
    return this.#newRecoveryCodes(account);
  }

  /** Checks a code from the app, after the password or before a change to the account's setup. */
  async checkCode(account: Account, code: string): Promise<void> {
    const row = await repo.findTwoStep(this.db, account.centerId, account.id);
    if (!isEnabled(row)) throw conflict('twoStep.notOn');
    await this.#acceptCode(account, row!, code);
  }

  /** Spends one recovery code in place of a code from the app. */
  async checkRecoveryCode(account: Account, input: string): Promise<void> {
    const row = await repo.findTwoStep(this.db, account.centerId, account.id);
    if (!isEnabled(row)) throw conflict('twoStep.notOn');
    const key = this.#limitKey(account);
    if ((await countAttempt(this.db, this.clock, 'two_step', key, FAILURE_WINDOW_MINUTES)) > FAILURES_MAX) throw tooManyRequests();
    const code = normalizeRecoveryCode(input);
    if (!code || !(await repo.spendRecoveryCode(this.db, account.centerId, account.id, this.#recoveryHash(account, code), this.clock.nowIso()))) {
      throw invalid({ code: 'twoStep.recoveryWrong' });
    }
    await authRepo.deleteAttempts(this.db, 'two_step', key);
  }

  /** New recovery codes, after a valid code from the app; the old ones stop working. */
  async regenerateRecoveryCodes(account: Account, code: string): Promise<string[]> {
    await this.checkCode(account, code);
    await audit(this.db, this.clock, selfActor(account), 'update', 'user', account.id, { what: 'twoStepRecoveryCodes' });
    return this.#newRecoveryCodes(account);
  }

  /** Turns it off, after a valid code; refused when the account's role must use it. */
  async turnOff(account: Account, code: string): Promise<void> {
    if ((await this.requiredRoles(account.centerId)).includes(account.role)) throw conflict('twoStep.requiredForRole');
    await this.checkCode(account, code);
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteTwoStep(trx, account.centerId, account.id);
      await audit(trx, this.clock, selfActor(account), 'revoke', 'user', account.id, { what: 'twoStep' });
    });
  }

  /** An administrator removes another team member's setup (a lost phone): their sessions end. */
  async reset(actor: Actor, userId: string): Promise<void> {
    requirePermission(actor, 'users.manage');
    const user = await authRepo.findUserById(this.db, userId);
    if (!user || user.centerId !== actor.centerId) throw notFound();
    if (user.id === actor.userId) throw conflict('twoStep.resetSelf');
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteTwoStep(trx, actor.centerId, user.id);
      await authRepo.deleteSessionsOfUser(trx, user.id);
      await audit(trx, this.clock, actor, 'revoke', 'user', user.id, { what: 'twoStep' });
    });
  }

  /** The browser's proof, between password and code, that this account's password was right. */
  pendingToken(account: Pick<Account, 'id'>): string {
    return signLink(this.secret, PENDING_PURPOSE, account.id, new Date(addMinutes(this.clock.nowIso(), PENDING_MINUTES)));
  }

  /** The active account a pending sign-in is for, or null when the proof is wrong or expired. */
  async pendingAccount(token: string | undefined): Promise<authRepo.UserRow | null> {
    if (!token || token.length > 300) return null;
    const userId = verifyLink(this.secret, PENDING_PURPOSE, token, this.clock.now());
    const user = userId ? await authRepo.findUserById(this.db, userId) : undefined;
    return user && user.active && user.passwordHash ? user : null;
  }

  async #acceptCode(account: Account, row: repo.TwoStepRow, input: string, confirmedAt?: string): Promise<void> {
    const key = this.#limitKey(account);
    if ((await countAttempt(this.db, this.clock, 'two_step', key, FAILURE_WINDOW_MINUTES)) > FAILURES_MAX) throw tooManyRequests();
    const code = normalizeTotpCode(input);
    if (!code) throw invalid({ code: 'twoStep.codeFormat' });
    const secret = row.secret && decryptSecret(this.secret, SECRET_PURPOSE, row.secret);
    if (!secret) throw conflict('twoStep.setupExpired');
    const step = matchingStep(secret, code, this.clock.now());
    if (step === null) throw invalid({ code: 'twoStep.codeWrong' });
    if (!(await repo.useStep(this.db, account.centerId, account.id, step, confirmedAt))) throw invalid({ code: 'twoStep.codeUsed' });
    await authRepo.deleteAttempts(this.db, 'two_step', key);
  }

  async #newRecoveryCodes(account: Account): Promise<string[]> {
    const codes = newRecoveryCodes();
    const rows = codes.map((code) => ({ id: newId(), codeHash: this.#recoveryHash(account, code) }));
    await repo.replaceRecoveryCodes(this.db, account.centerId, account.id, rows, this.clock.nowIso());
    return codes;
  }

  #limitKey(account: Account): string {
    return hmac(this.secret, `two-step:${account.id}`);
  }

  #recoveryHash(account: Account, code: string): string {
    return hmac(this.secret, `recovery:${account.id}:${code}`);
  }
}

function isEnabled(row: repo.TwoStepRow | undefined): boolean {
  return Boolean(row?.secret && row.confirmedAt);
}

