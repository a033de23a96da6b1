/**
 * Registering a person for a session. Rules owned here:
 * - capacity holds whatever the concurrency: every registration runs in one transaction whose
 *   first statement locks the session row (session mode) or the activity row (series mode) —
 *   a row lock on PostgreSQL, the write lock on SQLite — then counts the confirmed seats; a
 *   partial unique index forbids two active registrations of one person for one session, so
 *   a re-submitted form answers the existing registration;
 * - when a session is full the registration joins its waiting list, at the end of the line
 *   (promotion is waitlist.service.ts);
 * - series mode (every *stage*, and ateliers the coordinator registers as a whole): one
 *   registration per upcoming session, made together as a group — all confirmed when every
 *   session has a seat, otherwise all waitlisted (a course is not followed by halves);
 * - the confirmation (or waiting-list notice) is queued inside the registration's transaction;
 * - the public form registers without an account: the person is matched to an existing file
 *   on the same name (and birth year), linked pending staff confirmation, or a file is
 *   created; a minor needs a guardian, a contact and the parental authorisation; the
 *   guardian's contact stays on the registration, never on the child's file; staff then say
 *   whether a matched file is the same person.
 */
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/errors.ts';
import { groupCommit } from '../../db/group-commit.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { currentYear } from '../../platform/clock.ts';
import { resolveCommune } from '../../platform/communes.ts';
import { AppError, conflict, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { cachedCentreById } from '../../platform/tenancy.ts';
import { foldText } from '../../platform/text.ts';
import { nameLinkErrors } from '../../platform/public-forms/public-forms.ts';
import * as repo from './activity.repository.ts';
import type { RegistrationRow, SessionRow } from './activity.repository.ts';
import { emailField, phoneField, type RegistrantInput } from './activity.schemas.ts';
import { ageAt, formatPlace, isMinorAt } from './activity.format.ts';
import { toActivity, type Activity } from './activity.service.ts';
import type { NoticeContext } from './notifications.ts';
import { CONSENT, type PersonSummary } from './ports.ts';
import { RegistrationUseCase, type RegistrationOutcome, type RegistrationSource } from './registration.model.ts';

interface Target {
  activity: Activity;
  sessions: SessionRow[];
}

/** A registration's checked input and what follows from it, read before the person is resolved. */
interface Prepared {
  input: RegistrantInput;
  at: string;
  target: Target;
  communeInsee: string | null;
  minor: boolean;
  contactPhone: string | null;
  contactEmail: string | null;
  consents: { kind: string; granted: boolean }[];
}

/** One session's registration row, confirmed or waitlisted with the group. */
function newRegistration(fields: {
  centerId: string;
  activityId: string;
  sessionId: string;
  personId: string;
  groupId: string;
  full: boolean;
  waitlistPosition: number | null;
  source: RegistrationSource;
  matched: boolean;
  actor: Actor | null;
  prepared: Prepared;
}): RegistrationRow {
  const { full, source, matched, prepared } = fields;
  const { input, minor, contactPhone, contactEmail, communeInsee, consents, at } = prepared;
  return {
    id: newId(),
    centerId: fields.centerId,
    activityId: fields.activityId,
    sessionId: fields.sessionId,
    personId: fields.personId,
    groupId: fields.groupId,
    status: full ? 'waitlisted' : 'confirmed',
    waitlistPosition: fields.waitlistPosition,
    source,
    guardianName: minor || input.guardianName ? (input.guardianName?.trim() || null) : null,
    contactPhone: source === 'public' || minor || input.contactPhone ? contactPhone : null,
    contactEmail: source === 'public' || minor || input.contactEmail ? contactEmail : null,
    parentalAuthorisation: input.parentalAuthorisation === true,
    remindersConsent: input.remindersConsent === true,
    matchStatus: matched && source === 'public' ? 'pending' : 'none',
    submitted: matched && source === 'public' ? JSON.stringify({ ...input.person, commune: undefined, communeInsee, consents }) : null,
    cancelledAt: null,
    cancelledBy: null,
    promotedAt: null,
    createdBy: fields.actor?.userId ?? null,
    createdAt: at,
    updatedAt: at,
  };
}

/** Phones as 10 digits, e-mails in lower case, whoever calls (form, API, CLI); 422 when malformed. */
function normaliseContacts(input: RegistrantInput): RegistrantInput {
  const errors: FieldErrors = {};
  const phone = (value: string | null | undefined, field: string) => {
    if (!value) return null;
    const parsed = phoneField.safeParse(value);
    if (!parsed.success) errors[field] = 'activities.phone.invalid';
    return parsed.success ? parsed.data : null;
  };
  const email = (value: string | null | undefined, field: string) => {
    if (!value) return null;
    const parsed = emailField.safeParse(value);
    if (!parsed.success) errors[field] = 'activities.email.invalid';
    return parsed.success ? parsed.data : null;
  };
  const out: RegistrantInput = {
    ...input,
    contactPhone: phone(input.contactPhone, 'phone'),
    contactEmail: email(input.contactEmail, 'email'),
    person: input.person && {
      ...input.person,
      firstName: input.person.firstName.trim(),
      lastName: input.person.lastName.trim(),
      phone: phone(input.person.phone, 'phone'),
      email: email(input.person.email, 'email'),
    },
  };
  if (input.person && !out.person!.firstName) errors.firstName = 'activities.firstName.required';
  if (input.person && !out.person!.lastName) errors.lastName = 'activities.lastName.required';
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return out;
}

export class RegistrationService extends RegistrationUseCase {
  /** The sessions a registration covers: the one chosen, or every upcoming one of a series. */
  private async target(centerId: string, sessionId: string, now: string, source: RegistrationSource): Promise<Target> {
    // One read, no more: this runs for every registration, and a crowd registers at once.
    const found = isUuid(sessionId) ? await repo.findSessionWithActivity(this.db, centerId, sessionId) : undefined;
    if (!found) throw notFound();
    const { session } = found;
    const activity = toActivity(found.activity, []);
    if (source === 'public' && !activity.published) throw notFound();
    if (activity.archivedAt) throw conflict('activities.archived');
    if (session.status === 'cancelled') throw conflict('activities.session.cancelled');
    if (session.startsAt <= now) throw conflict('activities.session.past');
    if (activity.registrationMode !== 'series') return { activity, sessions: [session] };
    const sessions = await repo.listSessionsOfActivity(this.db, centerId, activity.id, { from: now, scheduledOnly: true });
    return { activity, sessions };
  }

  /** What a message about these sessions says of the place and the centre. */
  private async noticeContext(centerId: string, activity: { title: string; siteId: string }, sessions: SessionRow[]): Promise<NoticeContext> {
    const site = await this.programme.site(centerId, sessions[0]?.siteId ?? activity.siteId);
    // The centre as every request reads it (kept a few seconds, forgotten at its change): one
    // query fewer for each of a crowd's registrations.
    const centre = await cachedCentreById(this.db, centerId);
    return { title: activity.title, sessions, place: site ? formatPlace(site) : '', centreName: centre?.name ?? '' };
  }

  /**
   * Checks what a registrant typed against the activity (age range for the public, minors'
   * guardian and authorisation, commune) and answers the commune's INSEE code. Throws 422
   * with every field at fault; changes nothing.
   */
  checkRegistrant(activity: Activity, firstSession: { startsAt: string }, input: RegistrantInput, source: RegistrationSource): { communeInsee: string | null } {
    const errors: FieldErrors = {};
    const person = input.person;
    let communeInsee: string | null = null;
    if (person) {
      if (person.birthYear !== null && (person.birthYear < 1900 || person.birthYear > currentYear(this.ctx.clock.now()))) errors.birthYear = 'activities.birthYear.invalid';
      const commune = resolveCommune(person.commune);
      if (commune.kind === 'found') communeInsee = commune.commune.code;
      else if (commune.kind !== 'empty') errors.commune = commune.kind === 'ambiguous' ? 'activities.commune.ambiguous' : 'activities.commune.unknown';
      else if (source === 'public') errors.commune = 'activities.commune.required';
      if (source === 'public') {
        if (person.birthYear === null) errors.birthYear = 'activities.birthYear.invalid';
        else if (!errors.birthYear) {
          const age = ageAt(person.birthYear, firstSession.startsAt);
          if ((activity.minAge !== null && age < activity.minAge) || (activity.maxAge !== null && age > activity.maxAge)) errors.birthYear = 'activities.registration.ageOutOfRange';
        }
      }
    }
    const birthYear = person?.birthYear ?? null;
    if (source === 'public' && isMinorAt(birthYear, firstSession.startsAt)) {
      if (!input.guardianName?.trim()) errors.guardianName = 'activities.guardian.nameRequired';
      if (!input.parentalAuthorisation) errors.parentalAuthorisation = 'activities.guardian.authorisationRequired';
    }
    if (source === 'public' && !input.contactPhone && !input.contactEmail && !person?.phone && !person?.email) errors.phone = 'activities.contact.required';
    // Names are quoted back in the centre's messages: no web address in them.
    if (source === 'public') Object.assign(errors, nameLinkErrors({ firstName: person?.firstName, lastName: person?.lastName, guardianName: input.guardianName }));
    if (Object.keys(errors).length > 0) throw invalid(errors);
    return { communeInsee };
  }

  /**
   * The person a registration is for: an existing id (staff must be allowed to see them), or
   * the typed identity matched to a file on the same name and birth year, else a new file.
   */
  private async resolvePerson(
    centerId: string,
    actor: Actor | null,
    input: RegistrantInput,
    communeInsee: string | null,
    minor: boolean,
    consents: { kind: string; granted: boolean }[],
  ): Promise<{ person: PersonSummary; matched: boolean }> {
    if (input.personId) {
      if (!isUuid(input.personId)) throw notFound();
      const person = actor && actor.via !== 'system'
        ? await this.people.visibleSummary(actor, input.personId)
        : await this.people.getSummary(centerId, input.personId);
      if (!person || person.erased) throw invalid({ personId: 'activities.person.unknown' });
      return { person, matched: false };
    }
    const typed = input.person;
    if (!typed) throw invalid({ personId: 'activities.person.required' });
    // A minor's file carries no contact of their own (the guardian's stays on the
    // registration), so siblings sharing a parent's phone are never taken for one another.
    const contact = minor ? {} : { phone: typed.phone, email: typed.email };
    const candidates = await this.people.findMatches(centerId, { firstName: typed.firstName, lastName: typed.lastName, birthYear: typed.birthYear, ...contact });
    const sameName = candidates.find(
      (c) => !c.erased && foldText(c.firstName ?? '') === foldText(typed.firstName) && foldText(c.lastName ?? '') === foldText(typed.lastName) &&
        (typed.birthYear === null || c.birthYear === null || c.birthYear === typed.birthYear),
    );
    if (sameName) return { person: sameName, matched: true };
    try {
      const person = await this.people.createFromPublicForm(centerId, {
        firstName: typed.firstName, lastName: typed.lastName, birthYear: typed.birthYear, communeInsee, ...contact, consents,
      });
      return { person, matched: false };
    } catch (error) {
      // The people module names consent fields its own way; the form shows them on ours.
      if (error instanceof AppError && error.status === 422) {
        const fields: FieldErrors = {};
        for (const [field, message] of Object.entries(error.fields)) {
          if (field.includes('parental')) fields.parentalAuthorisation = message;
          else if (field.includes('data_processing')) fields.dataProcessing = message;
          else if (field.includes('commune')) fields.commune = message;
          else fields[field] = message;
        }
        throw invalid(fields);
      }
      throw error;
    }
  }

  /**
   * Registers a person for a session (or its whole series). `actor` is null for the public
   * form. Answers 201-worthy outcome: confirmed or waitlisted, or the existing registration
   * when the person was already registered (duplicate: true).
   */
  async register(
    actor: Actor | null,
    centerId: string,
    sessionId: string,
    input: RegistrantInput,
    source: RegistrationSource,
    now = this.ctx.clock.now(),
  ): Promise<RegistrationOutcome> {
    if (actor) {
      requirePermission(actor, 'activities.register');
      centerId = actor.centerId;
    }
    const prepared = await this.prepare(centerId, sessionId, input, source, now);
    // A resident online counts against the day's limits (per contact, per address); a
    // registration that fails, or that already existed, gives the count back.
    const submission = source === 'public'
      ? await this.ctx.publicForms.reserve({ centerId, kind: 'registration', email: prepared.contactEmail, phone: prepared.contactPhone, ip: prepared.input.ip })
      : null;
    try {
      const { person, matched } = await this.resolvePerson(centerId, actor, prepared.input, prepared.communeInsee, prepared.minor, prepared.consents);
      const result = await this.registerLocked(actor, centerId, sessionId, source, prepared, person, matched);
      if (!result.duplicate) await this.programme.changed(centerId);
      const rows = result.rows;
      const status = rows.every((r) => r.status === 'confirmed') ? 'confirmed' : 'waitlisted';
      const outcome: RegistrationOutcome = {
        registrations: rows,
        status,
        groupId: rows[0]!.groupId,
        duplicate: result.duplicate,
        person,
        link: result.link ?? this.notifier.link(rows[0]!.groupId, prepared.target.sessions),
      };
      if (submission && !outcome.duplicate) await this.ctx.publicForms.attach(submission, person.id);
      else if (submission) await this.ctx.publicForms.release(submission);
      return outcome;
    } catch (error) {
      if (submission) await this.ctx.publicForms.release(submission);
      throw error;
    }
  }

  /** Everything a registration needs before the person is resolved: checked input, sessions, contact, consents. */
  private async prepare(centerId: string, sessionId: string, raw: RegistrantInput, source: RegistrationSource, now: Date): Promise<Prepared> {
    const input = normaliseContacts(raw);
    const at = now.toISOString();
    const target = await this.target(centerId, sessionId, at, source);
    if (target.sessions.length === 0) throw conflict('activities.session.past');
    const first = target.sessions[0]!;
    const { communeInsee } = this.checkRegistrant(target.activity, first, input, source);
    const minor = isMinorAt(input.person?.birthYear ?? null, first.startsAt);

    // Contact for this registration: a minor's is the guardian's; an adult's is kept here only
    // when it was typed (so that a public registration linked to an existing file still
    // answers to the address the resident gave).
    const contactPhone = input.contactPhone ?? (input.person ? input.person.phone : null) ?? null;
    const contactEmail = input.contactEmail ?? (input.person ? input.person.email : null) ?? null;
    const channelConsent = contactEmail ? CONSENT.emailReminders : CONSENT.smsReminders;
    const consents = [
      { kind: CONSENT.dataProcessing, granted: input.dataProcessing === true },
      ...(input.remindersConsent !== undefined && (contactEmail || contactPhone) ? [{ kind: channelConsent, granted: input.remindersConsent }] : []),
      ...(minor ? [{ kind: CONSENT.parentalAuthorisation, granted: input.parentalAuthorisation === true }] : []),
    ];
    return { input, at, target, communeInsee, minor, contactPhone, contactEmail, consents };
  }

  /**
   * Takes the registration's lock — the activity's row for a series, the session's otherwise —
   * and answers the target's sessions as they stand under it.
   */
  private async lockSessions(trx: Kysely<Database>, centerId: string, target: Target, sessionId: string): Promise<SessionRow[]> {
    if (target.activity.registrationMode !== 'series') {
      const session = await repo.lockAndReadSession(trx, centerId, sessionId);
      if (!session) throw notFound();
      return [session];
    }
    if (!(await repo.lockActivity(trx, centerId, target.activity.id))) throw notFound();
    return repo.findSessions(trx, centerId, target.sessions.map((s) => s.id));
  }

  /** The registration itself, lock first, its message queued in the same transaction. */
  private async registerLocked(
    actor: Actor | null,
    centerId: string,
    sessionId: string,
    source: RegistrationSource,
    prepared: Prepared,
    person: PersonSummary,
    matched: boolean,
  ): Promise<{ rows: RegistrationRow[]; duplicate: boolean; link?: string }> {
    const { target } = prepared;
    const groupId = newId();
    // Everything the confirmation needs is read before the transaction, so that the message is
    // queued inside it: one commit per registration, and never a registration without its message.
    const notice = await this.noticeContext(centerId, target.activity, target.sessions);
    // A crowd for one session waits its turn here rather than on the row lock, and those who
    // waited together are committed together (db/group-commit.ts).
    const lockKey = target.activity.registrationMode === 'series' ? `activity:${target.activity.id}` : `session:${sessionId}`;
    return groupCommit(this.db, lockKey, async (trx) => {
      // The lock first: everything read after it is what every other registration will see.
      const sessions = (await this.lockSessions(trx, centerId, target, sessionId)).filter((s) => s.status === 'scheduled');
      if (sessions.length === 0) throw conflict('activities.session.cancelled');
      // The capacity as it stands under the lock, each session's seats and line, and whether
      // the person is already registered: one read per session.
      const activityId = target.activity.id;
      const seats = new Map<string, repo.SeatsAndLine>();
      for (const s of sessions) {
        const seat = await repo.countSeatsAndLine(trx, centerId, activityId, s.id, person.id);
        if (!seat) throw notFound();
        seats.set(s.id, seat);
      }
      if ([...seats.values()].some((seat) => seat.alreadyRegistered)) {
        return { rows: await repo.findActiveRegistrations(trx, centerId, person.id, sessions.map((s) => s.id)), duplicate: true };
      }
      const full = [...seats.values()].some((seat) => seat.confirmed >= seat.capacity);
      const rows: RegistrationRow[] = [];
      for (const s of sessions) {
        const waitlistPosition = full ? seats.get(s.id)!.lastInLine + 1 : null;
        rows.push(newRegistration({ centerId, activityId, sessionId: s.id, personId: person.id, groupId, full, waitlistPosition, source, matched, actor, prepared }));
      }
      await repo.insertRegistrations(trx, rows);
      const kind = full ? 'waitlisted' : 'confirmed';
      const link = this.notifier.link(groupId, sessions);
      await this.notifier.send(kind, rows[0]!, { ...notice, sessions, link }, `${kind}:group:${groupId}`, { person, db: trx });
      return { rows, duplicate: false, link };
    }).catch(async (error: unknown) => {
      // Only reachable without the lock's protection (two groups racing across sessions):
      // the unique index answered, so the person is registered — answer that registration.
      if (!isUniqueViolation(error)) throw error;
      const rows = await repo.findActiveRegistrations(this.db, centerId, person.id, target.sessions.map((s) => s.id));
      return { rows, duplicate: true };
    });
  }

  /**
   * The public form linked a registration to an existing file with the same name: staff say
   * whether it is the same person. Yes: the consents given are recorded on the file. No: a new
   * file is made from what was typed and the registration moves to it.
   */
  async resolveMatch(actor: Actor, registrationId: string, same: boolean, now = this.ctx.clock.now()): Promise<RegistrationRow> {
    requirePermission(actor, 'activities.register');
    if (!isUuid(registrationId)) throw notFound();
    const row = await repo.findRegistration(this.db, actor.centerId, registrationId);
    if (!row) throw notFound();
    if (row.matchStatus !== 'pending') throw conflict('activities.match.notPending');
    const group = (await repo.findGroup(this.db, row.groupId)).filter((r) => r.matchStatus === 'pending');
    const submitted = JSON.parse(row.submitted ?? '{}') as { firstName: string; lastName: string; birthYear: number | null; communeInsee: string | null; phone: string | null; email: string | null; consents: { kind: string; granted: boolean }[] };
    const at = now.toISOString();
    if (same) {
      for (const c of submitted.consents ?? []) {
        if (c.kind === CONSENT.dataProcessing && !c.granted) continue;
        await this.people.recordConsent(actor.centerId, row.personId, c.kind, c.granted, actor.userId);
      }
      await repo.updateRegistrations(this.db, actor.centerId, group.map((r) => r.id), { matchStatus: 'confirmed', submitted: null, updatedAt: at });
    } else {
      const minor = row.guardianName !== null;
      const person = await this.people.createFromPublicForm(actor.centerId, {
        firstName: submitted.firstName, lastName: submitted.lastName, birthYear: submitted.birthYear, communeInsee: submitted.communeInsee,
        ...(minor ? {} : { phone: submitted.phone, email: submitted.email }),
        consents: submitted.consents ?? [],
      });
      await repo.updateRegistrations(this.db, actor.centerId, group.map((r) => r.id), { personId: person.id, matchStatus: 'none', submitted: null, updatedAt: at });
    }
    return (await repo.findRegistration(this.db, actor.centerId, registrationId))!;
  }
}
