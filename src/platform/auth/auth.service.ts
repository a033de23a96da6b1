/**
 * Staff accounts, sessions and API tokens. A session is a random cookie whose SHA-256 is the
 * row id, so a stolen database does not yield usable cookies; the same for API tokens and
 * password-reset links. Sessions rotate on login, expire after 12 idle hours, and all of a
 * user's sessions end when their password changes or the account is deactivated.
 *
 * Secrets are for their recipient only: reset and invitation links travel through the outbox
 * as its secret part (encrypted, never shown to staff), and setting a password kills every
 * other outstanding link and every session of the account. Sign-in and reset requests are
 * limited per account in the database (so the limit holds across server instances), for
 * unknown addresses too, and take the same time whether the account exists or not.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ALL_CENTRES, type ChangeBus } from '../changes.ts';
import { addMinutes, type Clock } from '../clock.ts';
import { hmac, randomToken, sha256 } from '../crypto.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { countAttempt, FAILURE_WINDOW_MINUTES, FAILURES_MAX, tooManyRequests } from './attempts.ts';
import { newId } from '../ids.ts';
import { SECRET_MARK, type Outbox } from '../outbox/outbox.service.ts';
import { t, type Locale } from '../i18n/index.ts';
import type { Actor } from './actor.ts';
import * as repo from './auth.repository.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, spendVerifyTime, verifyPassword } from './password.ts';
import { isCentreRole, isRole, type Role } from './roles.ts';
import type { SecondStep, TwoStepService } from './two-step.service.ts';

const SESSION_IDLE_MINUTES = 12 * 60;
const SESSION_TOUCH_EVERY_MINUTES = 5;
const RESET_VALID_MINUTES = 60;
const INVITATION_VALID_MINUTES = 7 * 24 * 60;
// Per account: 5 failed sign-ins per 15 minutes (attempts.ts), 3 reset requests per hour.
const LOGIN_FAILURES_MAX = FAILURES_MAX;
const LOGIN_WINDOW_MINUTES = FAILURE_WINDOW_MINUTES;
const RESET_REQUESTS_MAX = 3;
const RESET_WINDOW_MINUTES = 60;
const ATTEMPTS_KEPT_MINUTES = 24 * 60;
/** The start of a federation's API token (a centre's starts with ldt_). */
const FEDERATION_TOKEN_PREFIX = 'ldf_';
/**
 * How long this process trusts a token it has looked up. A program calls the API in bursts
 * (1,000 registrations at once, QUALITY.md B2), and each call read the token's row. A
 * revocation forgets every kept token at once in the instance that made it, and in the others
 * through ctx.changes (PostgreSQL NOTIFY, milliseconds); this delay only bounds how long
 * another instance could still accept a revoked token should that notice be lost.
 */
const TOKEN_KEPT_MS = 1_000;
const TOKENS_KEPT_MAX = 1_000;

/**
 * A right password: either a session (its cookie), or the second step the account must pass
 * first, with the signed reference the browser keeps meanwhile (no session yet).
 */
export type LoginResult =
  | { cookie: string; user: repo.UserRow; secondStep?: undefined }
  | { cookie?: undefined; user: repo.UserRow; secondStep: Exclude<SecondStep, 'none'>; pending: string };

/** What the invitation e-mail says besides the account itself. */
export interface InvitationMail {
  locale: Locale;
  centreName: string;
  invitedBy: string;
}

export interface NewUser {
  centerId: string;
  email: string;
  displayName: string;
  role: Role;
  password?: string;
  partnerCommuneInsee?: string | null;
  /** A federation's account (federation_admin): its federation. */
  federationId?: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class AuthService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly outbox: Outbox,
    private readonly publicUrl: string,
    private readonly clock: Clock,
    /** LIEUDIT_SECRET: keys the per-account limits, so their rows hold no e-mail address. */
    private readonly secret: string,
    /** Whether an account must give a one-time code after its password. */
    private readonly twoStep: TwoStepService,
    /** Tells every instance that a token was revoked (and tells us when another one revoked one). */
    private readonly changes: ChangeBus,
    /** Where a failure of work done after the answer (a reset e-mail) is reported. */
    private readonly reportError: (error: unknown) => void = () => {},
  ) {
    changes.subscribe('tokens', () => this.#tokens.clear());
  }

  /**
   * Tokens looked up lately, by table and hash (never the token itself), each with the read that
   * answers it: the requests of a burst that arrive together share one read.
   */
  readonly #tokens = new Map<string, { row: Promise<unknown>; until: number }>();

  /** The active token with this hash, from the kept reads while fresh. Unknown tokens are not kept. */
  #activeToken<T extends 'apiTokens' | 'federationApiTokens'>(table: T, hash: string) {
    const key = `${table}:${hash}`;
    // Process time, not the app's clock: how long a kept row may live, not a date.
    const now = Date.now();
    const kept = this.#tokens.get(key);
    if (kept && kept.until > now) return kept.row as ReturnType<typeof repo.findActiveToken<T>>;
    const row = repo.findActiveToken(this.db, table, hash);
    const entry = { row, until: now + TOKEN_KEPT_MS };
    if (this.#tokens.size >= TOKENS_KEPT_MAX) this.#tokens.delete(this.#tokens.keys().next().value!);
    this.#tokens.set(key, entry);
    const forget = () => {
      if (this.#tokens.get(key) === entry) this.#tokens.delete(key);
    };
    void row.then((found) => {
      if (!found) forget();
    }, forget);
    return row;
  }

  /** Records that a token is in use, every few minutes at most (its row, and the kept copy at once so that a burst writes once). */
  async #markUsed(table: 'apiTokens' | 'federationApiTokens', row: { id: string; lastUsedAt: string | null }): Promise<void> {
    // In milliseconds: this runs for every call, and formatting instants showed in the profile.
    if (row.lastUsedAt && Date.parse(row.lastUsedAt) + SESSION_TOUCH_EVERY_MINUTES * 60_000 >= this.clock.nowMs()) return;
    const now = this.clock.nowIso();
    row.lastUsedAt = now;
    await repo.markTokenUsed(this.db, table, row.id, now);
  }

  readonly #background = new Set<Promise<void>>();

  /** Runs work after the answer is sent, so its duration reveals nothing to the requester. */
  #inBackground(work: () => Promise<void>): void {
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => this.reportError(error))
      .finally(() => this.#background.delete(task));
    this.#background.add(task);
  }

  /** Resolves when the work started in the background is done (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#background.size > 0) await Promise.all(this.#background);
  }

  #accountKey(email: string): string {
    return hmac(this.secret, `account:${normalizeEmail(email)}`);
  }

  /**
   * Counts one more attempt of this kind on this account and answers how many there were in
   * the window, this one included. Counting after inserting keeps the limit exact when
   * attempts arrive at the same time.
   */
  #countAttempt(kind: repo.AttemptKind, accountKey: string, windowMinutes: number): Promise<number> {
    return countAttempt(this.db, this.clock, kind, accountKey, windowMinutes);
  }

  /** Pass a transaction as `db` to make the account part of a larger change. */
  async createUser(input: NewUser, db: Kysely<Database> = this.db): Promise<repo.UserRow> {
    if (!isRole(input.role)) throw invalid({ role: 'admin.user.roleInvalid' });
    // A federation's account reads its federation's figures: without one it would read nothing.
    if ((input.role === 'federation_admin') !== Boolean(input.federationId)) throw invalid({ role: 'admin.user.roleInvalid' });
    if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
      throw invalid({ password: 'auth.passwordTooShort' });
    }
    const email = normalizeEmail(input.email);
    if (await repo.findUserByEmail(db, email)) throw conflict('admin.user.emailTaken', { email: 'admin.user.emailTaken' });
    const now = this.clock.nowIso();
    const user = {
      id: newId(),
      centerId: input.centerId,
      email,
      displayName: input.displayName.trim(),
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      partnerCommuneInsee: input.role === 'partner' ? (input.partnerCommuneInsee ?? null) : null,
      federationId: input.role === 'federation_admin' ? (input.federationId ?? null) : null,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await repo.insertUser(db, user);
    } catch (error) {
      // Two people creating the same address at once: the unique index decides.
      if (isUniqueViolation(error)) throw conflict('admin.user.emailTaken', { email: 'admin.user.emailTaken' });
      throw error;
    }
    return { ...user, lastLoginAt: null };
  }

  /**
   * Creates an account without a password and e-mails a link to choose one, valid 7 days,
   * so that whoever creates the account never knows its password.
   */
  async inviteUser(
    input: Omit<NewUser, 'password'>,
    mail: InvitationMail,
    db: Kysely<Database> = this.db,
  ): Promise<repo.UserRow> {
    const user = await this.createUser({ ...input, password: undefined }, db);
    await this.sendInvitation(user, mail, db);
    return user;
  }

  /** (Re)sends the "choose your password" link of an invitation; earlier links stay valid until they expire. */
  async sendInvitation(
    user: Pick<repo.UserRow, 'id' | 'centerId' | 'email' | 'displayName' | 'role'>,
    mail: InvitationMail,
    db: Kysely<Database> = this.db,
  ): Promise<void> {
    const token = randomToken();
    const now = this.clock.nowIso();
    await repo.insertPasswordReset(db, {
      id: newId(), centerId: user.centerId, userId: user.id, tokenHash: sha256(token),
      expiresAt: addMinutes(now, INVITATION_VALID_MINUTES), createdAt: now,
    });
    await this.outbox.queue(
      {
        centerId: user.centerId,
        channel: 'email',
        recipient: user.email,
        subject: t(mail.locale, 'admin.invite.mailSubject', { centre: mail.centreName }),
        body: t(mail.locale, 'admin.invite.mailBody', {
          name: user.displayName,
          by: mail.invitedBy,
          centre: mail.centreName,
          role: t(mail.locale, `roles.${user.role}`),
          email: user.email,
          link: SECRET_MARK,
        }),
        secret: `${this.publicUrl}/mot-de-passe/nouveau?jeton=${token}`,
        relatedType: 'user',
        relatedId: user.id,
      },
      db,
    );
  }

  listUsers(centerId: string) {
    return repo.listUsers(this.db, centerId);
  }

  /** The signed-in account itself, whatever its role (a federation's account too). */
  async findOwnAccount(centerId: string, id: string) {
    const user = await repo.findUserById(this.db, id);
    if (!user || user.centerId !== centerId) throw notFound();
    return user;
  }

  /** A member of the centre's team (a federation's account it hosts is not one). */
  async findUser(centerId: string, id: string) {
    const user = await repo.findUserById(this.db, id);
    if (!user || user.centerId !== centerId || user.role === 'federation_admin') throw notFound();
    return user;
  }

  async updateUser(
    centerId: string,
    id: string,
    patch: { displayName?: string; role?: Role; active?: boolean; partnerCommuneInsee?: string | null },
    db: Kysely<Database> = this.db,
  ) {
    const user = await repo.findUserById(db, id);
    if (!user || user.centerId !== centerId || user.role === 'federation_admin') throw notFound();
    await repo.updateUser(db, centerId, id, { ...patch, updatedAt: this.clock.nowIso() });
    if (patch.active === false || (patch.role && patch.role !== user.role)) {
      await repo.deleteSessionsOfUser(db, id);
    }
  }

  /**
   * Sets an account's password. Every outstanding reset or invitation link of the account dies
   * and every session ends (but `keepSession`, the cookie of whoever changes their own password),
   * so that a link or a session obtained before cannot outlive the new password.
   */
  async setPassword(userId: string, password: string, options: { keepSession?: string } = {}): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) throw invalid({ password: 'auth.passwordTooShort' });
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const user = await repo.findUserById(trx, userId);
      if (!user) throw notFound();
      const now = this.clock.nowIso();
      await repo.updateUser(trx, user.centerId, userId, { passwordHash, updatedAt: now });
      await repo.revokeOutstandingPasswordResets(trx, userId, now);
      await repo.deleteSessionsOfUser(trx, userId, options.keepSession && sha256(options.keepSession));
    });
  }

  /**
   * Checks credentials; answers the new session's cookie value, or the second step the account
   * must pass first (no session then), or null. After 5 failures in
   * 15 minutes on one account (known or not), even the right password is refused (429) while
   * they are in the window. An unknown, inactive or invited account (no password yet) costs the same
   * hash verification as a known one, so timing reveals nothing.
   */
  async login(email: string, password: string): Promise<LoginResult | null> {
    // Every attempt is counted before it is judged, so that guesses sent all at once cannot
    // all be verified; a success clears the count.
    const key = this.#accountKey(email);
    if ((await this.#countAttempt('login', key, LOGIN_WINDOW_MINUTES)) > LOGIN_FAILURES_MAX) throw tooManyRequests();
    const user = await repo.findUserByEmail(this.db, normalizeEmail(email));
    let valid: boolean;
    if (!user || !user.active || !user.passwordHash) {
      await spendVerifyTime(password);
      valid = false;
    } else {
      valid = await verifyPassword(user.passwordHash, password);
    }
    if (!valid || !user) return null;
    await repo.deleteAttempts(this.db, 'login', key);
    const secondStep = await this.twoStep.stepAfterPassword(user);
    if (secondStep !== 'none') return { user, secondStep, pending: this.twoStep.pendingToken(user) };
    return { cookie: await this.completeSignIn(user), user };
  }

  /** Opens the session of an account whose sign-in is complete (password, and code if asked). */
  async completeSignIn(user: Pick<repo.UserRow, 'id' | 'centerId'>): Promise<string> {
    const cookie = await this.openSession(user);
    await repo.updateUser(this.db, user.centerId, user.id, { lastLoginAt: this.clock.nowIso(), updatedAt: this.clock.nowIso() });
    return cookie;
  }

  /**
   * The active user whose password this is (a kiosk handed back), or null. Limited per account
   * like sign-in (5 failures in 15 minutes, then even the right password is refused with a 429),
   * so that a learner holding the tablet cannot guess the facilitator's password from several
   * addresses; an unknown, inactive or passwordless account costs the same hash verification.
   */
  async checkPassword(userId: string, password: string): Promise<repo.UserRow | null> {
    const key = hmac(this.secret, `handback:${userId}`);
    if ((await this.#countAttempt('handback', key, LOGIN_WINDOW_MINUTES)) > LOGIN_FAILURES_MAX) throw tooManyRequests();
    const user = await repo.findUserById(this.db, userId);
    if (!user || !user.active || !user.passwordHash) {
      await spendVerifyTime(password);
      return null;
    }
    if (!(await verifyPassword(user.passwordHash, password))) return null;
    await repo.deleteAttempts(this.db, 'handback', key);
    return user;
  }

  async openSession(user: Pick<repo.UserRow, 'id' | 'centerId'>): Promise<string> {
    const cookie = randomToken();
    const now = this.clock.nowIso();
    await repo.insertSession(this.db, {
      id: sha256(cookie),
      centerId: user.centerId,
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: addMinutes(now, SESSION_IDLE_MINUTES),
    });
    return cookie;
  }

  async logout(cookie: string): Promise<void> {
    await repo.deleteSession(this.db, sha256(cookie));
  }

  /** The actor behind a session cookie, sliding its expiry; null when unknown or expired. */
  async actorFromSession(cookie: string): Promise<Actor | null> {
    const id = sha256(cookie);
    const session = await repo.findSessionWithUser(this.db, id);
    const now = this.clock.nowIso();
    if (!session || session.expiresAt <= now || !(session.active === true || session.active === 1) || !isRole(session.role)) {
      return null;
    }
    if (addMinutes(session.lastSeenAt, SESSION_TOUCH_EVERY_MINUTES) < now) {
      await repo.touchSession(this.db, id, now, addMinutes(now, SESSION_IDLE_MINUTES));
    }
    return {
      centerId: session.centerId,
      userId: session.userId,
      role: session.role,
      label: session.displayName,
      partnerCommuneInsee: session.partnerCommuneInsee,
      federationId: session.federationId,
      via: 'session',
    };
  }

  /** A user as they act now (their current role), for work done later on their behalf; null when gone or deactivated. */
  async actorOfUser(centerId: string, userId: string): Promise<Actor | null> {
    const user = await repo.findUserById(this.db, userId);
    if (!user || user.centerId !== centerId || !user.active || !isRole(user.role)) return null;
    return { centerId, userId, role: user.role, label: user.displayName, partnerCommuneInsee: user.partnerCommuneInsee, via: 'session' };
  }

  /** Creates a personal API token; the clear value is answered once and never stored. */
  async createToken(centerId: string, role: Role, name: string): Promise<{ id: string; token: string }> {
    // A token acts for a centre: a federation's role has no centre to act for.
    if (!isCentreRole(role)) throw invalid({ role: 'admin.user.roleInvalid' });
    const token = `ldt_${randomToken()}`;
    const id = newId();
    await repo.insertApiToken(this.db, { id, centerId, name: name.trim(), role, tokenHash: sha256(token), createdAt: this.clock.nowIso() });
    return { id, token };
  }

  listTokens(centerId: string) {
    return repo.listTokens(this.db, 'apiTokens', centerId);
  }

  /** One token of the centre (revoked or not); 404 for another centre's. */
  async findToken(centerId: string, id: string) {
    const row = await repo.findToken(this.db, 'apiTokens', centerId, id);
    if (!row) throw notFound();
    return row;
  }

  /** Revokes a token: refused at once here, and in the other instances as soon as they are told. */
  async revokeToken(centerId: string, id: string): Promise<void> {
    if ((await repo.revokeToken(this.db, 'apiTokens', centerId, id, this.clock.nowIso())) === 0) throw notFound();
    this.#tokens.clear();
    await this.changes.publish('tokens', centerId);
  }

  /**
   * Creates a federation's API token (a program of the federation reads its figures); the clear
   * value is answered once and never stored. `hostCenterId`: the centre hosting the account that
   * makes it, where the token's requests are set up (as its account's are).
   */
  async createFederationToken(federationId: string, hostCenterId: string, name: string): Promise<{ id: string; token: string }> {
    const token = `${FEDERATION_TOKEN_PREFIX}${randomToken()}`;
    const id = newId();
    await repo.insertFederationApiToken(this.db, { id, federationId, centerId: hostCenterId, name: name.trim(), tokenHash: sha256(token), createdAt: this.clock.nowIso() });
    return { id, token };
  }

  listFederationTokens(federationId: string) {
    return repo.listTokens(this.db, 'federationApiTokens', federationId);
  }

  /** One token of the federation (revoked or not); 404 for another federation's. */
  async findFederationToken(federationId: string, id: string) {
    const row = await repo.findToken(this.db, 'federationApiTokens', federationId, id);
    if (!row) throw notFound();
    return row;
  }

  async revokeFederationToken(federationId: string, id: string): Promise<void> {
    if ((await repo.revokeToken(this.db, 'federationApiTokens', federationId, id, this.clock.nowIso())) === 0) throw notFound();
    this.#tokens.clear();
    // A federation's token belongs to no one centre.
    await this.changes.publish('tokens', ALL_CENTRES);
  }

  async actorFromToken(token: string): Promise<Actor | null> {
    if (token.startsWith(FEDERATION_TOKEN_PREFIX)) return this.#actorFromFederationToken(token);
    const row = await this.#activeToken('apiTokens', sha256(token));
    // A centre's token acts in a centre's role only.
    if (!row || !isCentreRole(row.role)) return null;
    await this.#markUsed('apiTokens', row);
    return {
      centerId: row.centerId, userId: null, role: row.role, label: `jeton « ${row.name} »`, partnerCommuneInsee: null, via: 'token',
    };
  }

  /**
   * A federation's token acts as its federation's account, and the access check lets it reach
   * only the routes that ask for federation.read (src/platform/http/access.ts).
   */
  async #actorFromFederationToken(token: string): Promise<Actor | null> {
    const row = await this.#activeToken('federationApiTokens', sha256(token));
    if (!row) return null;
    await this.#markUsed('federationApiTokens', row);
    return {
      centerId: row.centerId, userId: null, role: 'federation_admin', label: `jeton « ${row.name} »`, partnerCommuneInsee: null,
      federationId: row.federationId, via: 'token',
    };
  }

  /**
   * Asks for a reset link, sent when the e-mail has an active account. The answer and its
   * time are the same either way: the account is looked up and the e-mail queued after the
   * answer, so the form does not reveal who has an account. 3 requests per hour per address.
   */
  async requestPasswordReset(email: string, locale: Locale): Promise<void> {
    if ((await this.#countAttempt('reset', this.#accountKey(email), RESET_WINDOW_MINUTES)) > RESET_REQUESTS_MAX) {
      throw tooManyRequests();
    }
    this.#inBackground(() => this.#sendPasswordReset(email, locale));
  }

  async #sendPasswordReset(email: string, locale: Locale): Promise<void> {
    const user = await repo.findUserByEmail(this.db, normalizeEmail(email));
    if (!user || !user.active) return;
    const token = randomToken();
    const now = this.clock.nowIso();
    await repo.insertPasswordReset(this.db, {
      id: newId(), centerId: user.centerId, userId: user.id, tokenHash: sha256(token),
      expiresAt: addMinutes(now, RESET_VALID_MINUTES), createdAt: now,
    });
    await this.outbox.queue({
      centerId: user.centerId,
      channel: 'email',
      recipient: user.email,
      subject: t(locale, 'auth.resetMailSubject'),
      body: t(locale, 'auth.resetMailBody', { name: user.displayName, link: SECRET_MARK }),
      secret: `${this.publicUrl}/mot-de-passe/nouveau?jeton=${token}`,
      relatedType: 'user',
      relatedId: user.id,
    });
  }

  async isResetTokenUsable(token: string): Promise<boolean> {
    return Boolean(await repo.findUsablePasswordReset(this.db, sha256(token), this.clock.nowIso()));
  }

  async resetPassword(token: string, password: string): Promise<void> {
    if (password.length < MIN_PASSWORD_LENGTH) throw invalid({ password: 'auth.passwordTooShort' });
    const reset = await repo.findUsablePasswordReset(this.db, sha256(token), this.clock.nowIso());
    if (!reset || (await repo.markPasswordResetUsed(this.db, reset.id, this.clock.nowIso())) === 0) {
      throw new AppError(400, 'reset_invalid', 'auth.resetInvalid');
    }
    await this.setPassword(reset.userId, password);
  }

  async purgeExpiredSessions() {
    const now = this.clock.nowIso();
    await repo.deleteExpiredSessions(this.db, now);
    await repo.deleteAttemptsBefore(this.db, addMinutes(now, -ATTEMPTS_KEPT_MINUTES));
  }
}
