/**
 * Registrations and the waiting list. Rules owned here:
 * - capacity holds whatever the concurrency: every registration (and cancellation) runs in one
 *   transaction whose first statement locks the session row (session mode) or the activity
 *   row (series mode) — a row lock on PostgreSQL, the write lock on SQLite — then counts the
 *   confirmed seats; a partial unique index forbids two active registrations of one person
 *   for one session, so a re-submitted form answers the existing registration;
 * - when a session is full the registration joins its waiting list, in order; a freed seat
 *   promotes the first person waiting, exactly one per seat, who is told through the outbox;
 * - series mode (every *stage*, and ateliers the coordinator registers as a whole): one
 *   registration per upcoming session, made together as a group — all confirmed when every
 *   session has a seat, otherwise all waitlisted (a course is not followed by halves); a group
 *   is promoted as a whole, in order, when each of its sessions has a seat;
 * - the public form registers without an account: the person is matched to an existing file
 *   on the same name (and birth year), linked pending staff confirmation, or a file is
 *   created; a minor needs a guardian, a contact and the parental authorisation; the
 *   guardian's contact stays on the registration, never on the child's file;
 * - reminders go 48 hours before a session to confirmed registrations of scheduled sessions
 *   whose person consented for the channel used, once (outbox dedupe key);
 * - volunteers reach the registrations (and contacts) of the sessions they run only.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { can, seesAllPersons, type Permission } from '../../platform/auth/roles.ts';
import { currentYear } from '../../platform/clock.ts';
import { resolveCommune } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { verifyLink } from '../../platform/crypto.ts';
import { buildCalendar, type CalendarEvent } from '../../platform/ical.ts';
import { AppError, conflict, forbidden, invalid, notFound, type FieldErrors } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { foldText } from '../../platform/text.ts';
import { nameLinkErrors } from '../../platform/public-forms/public-forms.ts';
import * as repo from './activity.repository.ts';
import type { RegistrationRow, SessionRow } from './activity.repository.ts';
import { emailField, phoneField, type RegistrantInput } from './activity.schemas.ts';
import { ageAt, formatPlace, isMinorAt } from './activity.format.ts';
import { toActivity, type Activity, type ProgrammeService, type SessionView } from './activity.service.ts';
import { REGISTRATION_LINK, type NoticeContext, type Notifier, type NoticeKind } from './notifications.ts';
import { CONSENT, type PeoplePort, type PersonSummary } from './ports.ts';

export const REMINDER_HOURS = 48;

export type RegistrationSource = 'public' | 'staff' | 'api';

export interface RegistrationOutcome {
  /** The registrations made together (one, or one per session of a series). */
  registrations: RegistrationRow[];
  status: 'confirmed' | 'waitlisted';
  groupId: string;
  /** True when the person was already registered: nothing was created. */
  duplicate: boolean;
  person: PersonSummary;
  /** The signed link to see and cancel (also sent by message). */
  link: string;
}

export interface RegistrationListItem extends RegistrationRow {
  person: PersonSummary | null;
  minor: boolean;
  /** 1 for the first in line, among those still waiting. */
  rank: number | null;
}

export interface PublicGroup {
  groupId: string;
  activity: Activity;
  registrations: (RegistrationRow & { session: SessionRow })[];
  placeLabel: string;
  active: boolean;
}

interface Target {
  activity: Activity;
  sessions: SessionRow[];
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

export class RegistrationService {
  constructor(
    private readonly ctx: AppContext,
    private readonly programme: ProgrammeService,
    private readonly people: PeoplePort,
    private readonly notifier: Notifier,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  private require(actor: Actor, permission: Permission): void {
    if (!can(actor.role, permission)) throw forbidden();
  }

  // ——— who may see what ———

  /** Staff who see every person, or a volunteer who runs this activity. */
  async canSeeContacts(actor: Actor, activityId: string): Promise<boolean> {
    if (!can(actor.role, 'activities.read')) return false;
    if (seesAllPersons(actor.role)) return true;
    return this.programme.runs(actor, activityId);
  }

  /** Registered, waiting and cancelled registrations of a session, with the persons. */
  async listForSession(actor: Actor, sessionId: string): Promise<{ detail: Awaited<ReturnType<ProgrammeService['session']>>; items: RegistrationListItem[] }> {
    this.require(actor, 'activities.read');
    const detail = await this.programme.session(actor.centerId, sessionId);
    if (!(await this.canSeeContacts(actor, detail.activity.id))) throw forbidden();
    const rows = await repo.listRegistrationsOfSession(this.db, actor.centerId, sessionId);
    const persons = await this.summaries(actor.centerId, rows.map((r) => r.personId));
    let rank = 0;
    const items = rows.map((r) => {
      const person = persons.get(r.personId) ?? null;
      return {
        ...r,
        person,
        minor: isMinorAt(person?.birthYear ?? null, detail.session.startsAt),
        rank: r.status === 'waitlisted' ? ++rank : null,
      };
    });
    const order = { confirmed: 0, waitlisted: 1, cancelled: 2 } as Record<string, number>;
    items.sort((a, b) => order[a.status]! - order[b.status]! || (a.rank ?? 0) - (b.rank ?? 0) || a.createdAt.localeCompare(b.createdAt));
    return { detail, items };
  }

  async summaries(centerId: string, ids: string[]): Promise<Map<string, PersonSummary>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => this.people.getSummary(centerId, id)));
    return new Map(unique.map((id, i) => [id, found[i]]).filter((e): e is [string, PersonSummary] => e[1] !== undefined));
  }

  // ——— registering ———

  /** The sessions a registration covers: the one chosen, or every upcoming one of a series. */
  private async target(centerId: string, sessionId: string, now: string, source: RegistrationSource): Promise<Target> {
    // Two reads, no more: this runs for every registration, and a crowd registers at once.
    const session = isUuid(sessionId) ? await repo.findSession(this.db, centerId, sessionId) : undefined;
    if (!session) throw notFound();
    const row = await repo.findActivity(this.db, centerId, session.activityId);
    if (!row) throw notFound();
    const activity = toActivity(row, []);
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
    const sites = await this.programme.siteMap(centerId);
    const site = sites.get(sessions[0]?.siteId ?? activity.siteId);
    const centre = await findCentreById(this.db, centerId);
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
      const person = await this.people.getSummary(centerId, input.personId);
      if (!person || person.erased) throw invalid({ personId: 'activities.person.unknown' });
      if (actor && actor.via !== 'system' && !(await this.people.canSee(actor, person.id))) throw invalid({ personId: 'activities.person.unknown' });
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
      this.require(actor, 'activities.register');
      centerId = actor.centerId;
    }
    input = normaliseContacts(input);
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
    // A resident online counts against the day's limits (per contact, per address); a
    // registration that fails, or that already existed, gives the count back.
    const submission = source === 'public'
      ? await this.ctx.publicForms.reserve({ centerId, kind: 'registration', email: contactEmail, phone: contactPhone, ip: input.ip })
      : null;
    try {
      const { person, matched } = await this.resolvePerson(centerId, actor, input, communeInsee, minor, consents);

      const groupId = newId();
      // Everything the confirmation needs is read before the transaction, so that the message is
      // queued inside it: one commit per registration, and never a registration without its message.
      const notice = await this.noticeContext(centerId, target.activity, target.sessions);
      const result = await this.db.transaction().execute(async (trx) => {
        // The lock first: everything read after it is what every other registration will see.
        const locked = target.activity.registrationMode === 'series'
          ? await repo.lockActivity(trx, centerId, target.activity.id)
          : await repo.lockSession(trx, centerId, sessionId);
        if (!locked) throw notFound();
        const sessions = (await repo.findSessions(trx, centerId, target.sessions.map((s) => s.id))).filter((s) => s.status === 'scheduled');
        if (sessions.length === 0) throw conflict('activities.session.cancelled');
        const existing = await repo.findActiveRegistrations(trx, centerId, person.id, sessions.map((s) => s.id));
        if (existing.length > 0) return { rows: existing, duplicate: true };
        const activity = (await repo.findActivity(trx, centerId, target.activity.id))!;
        let full = false;
        for (const s of sessions) if ((await repo.countConfirmed(trx, s.id)) >= activity.capacity) full = true;
        const rows: RegistrationRow[] = [];
        for (const s of sessions) {
          rows.push({
            id: newId(),
            centerId,
            activityId: activity.id,
            sessionId: s.id,
            personId: person.id,
            groupId,
            status: full ? 'waitlisted' : 'confirmed',
            waitlistPosition: full ? (await repo.maxWaitlistPosition(trx, s.id)) + 1 : null,
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
            createdBy: actor?.userId ?? null,
            createdAt: at,
            updatedAt: at,
          });
        }
        await repo.insertRegistrations(trx, rows);
        const kind = full ? 'waitlisted' : 'confirmed';
        await this.notifier.send(kind, rows[0]!, { ...notice, sessions }, `${kind}:group:${groupId}`, { person, db: trx });
        return { rows, duplicate: false };
      }).catch(async (error: unknown) => {
        // Only reachable without the lock's protection (two groups racing across sessions):
        // the unique index answered, so the person is registered — answer that registration.
        if (!isUniqueViolation(error)) throw error;
        const rows = await repo.findActiveRegistrations(this.db, centerId, person.id, target.sessions.map((s) => s.id));
        return { rows, duplicate: true };
      });

      if (!result.duplicate) await this.programme.changed(centerId);
      const rows = result.rows;
      const status = rows.every((r) => r.status === 'confirmed') ? 'confirmed' : 'waitlisted';
      const outcome: RegistrationOutcome = {
        registrations: rows,
        status,
        groupId: rows[0]!.groupId,
        duplicate: result.duplicate,
        person,
        link: this.notifier.link(rows[0]!.groupId, target.sessions),
      };
      if (submission && !outcome.duplicate) await this.ctx.publicForms.attach(submission, person.id);
      else if (submission) await this.ctx.publicForms.release(submission);
      return outcome;
    } catch (error) {
      if (submission) await this.ctx.publicForms.release(submission);
      throw error;
    }
  }

  // ——— cancelling and promoting ———

  /** One registration with its person, for staff allowed to see the session's contacts. */
  async getForStaff(actor: Actor, registrationId: string): Promise<{ registration: RegistrationRow; person: PersonSummary | null }> {
    this.require(actor, 'activities.register');
    if (!isUuid(registrationId)) throw notFound();
    const registration = await repo.findRegistration(this.db, actor.centerId, registrationId);
    if (!registration) throw notFound();
    if (!(await this.canSeeContacts(actor, registration.activityId))) throw forbidden();
    return { registration, person: (await this.people.getSummary(actor.centerId, registration.personId)) ?? null };
  }

  /** Staff cancel one registration (permission activities.register); the person is told. */
  async cancel(actor: Actor, registrationId: string, now = this.ctx.clock.now()): Promise<RegistrationRow> {
    this.require(actor, 'activities.register');
    if (!isUuid(registrationId)) throw notFound();
    const row = await repo.findRegistration(this.db, actor.centerId, registrationId);
    if (!row) throw notFound();
    if (row.status === 'cancelled') return row;
    await this.cancelRows(actor.centerId, row.activityId, [row.id], 'staff', now);
    await this.notifyGroup('cancelled', [row]);
    return (await repo.findRegistration(this.db, actor.centerId, registrationId))!;
  }

  /** The resident's signed link: the group's registrations and whether they can still cancel. */
  async publicGroup(token: string, now = this.ctx.clock.now()): Promise<PublicGroup> {
    const groupId = verifyLink(this.ctx.config.secret, REGISTRATION_LINK, token, now);
    if (!groupId) throw new AppError(404, 'link_invalid', 'activities.link.invalid');
    const rows = await repo.findGroup(this.db, groupId);
    if (rows.length === 0) throw new AppError(404, 'link_invalid', 'activities.link.invalid');
    const centerId = rows[0]!.centerId;
    const activity = await this.programme.load(centerId, rows[0]!.activityId);
    const sessions = await repo.findSessions(this.db, centerId, rows.map((r) => r.sessionId));
    const byId = new Map(sessions.map((s) => [s.id, s]));
    const sites = await this.programme.siteMap(centerId);
    const site = sites.get(activity.siteId);
    const registrations = rows.map((r) => ({ ...r, session: byId.get(r.sessionId)! }));
    return {
      groupId,
      activity,
      registrations,
      placeLabel: site ? formatPlace(site) : '',
      active: registrations.some((r) => r.status !== 'cancelled' && r.session.startsAt > now.toISOString() && r.session.status === 'scheduled'),
    };
  }

  /**
   * The registration as an .ics for the person's own calendar, by the same signed link: one
   * event per confirmed session (waiting-list places are not appointments yet). A cancelled
   * registration or session stays in the file as CANCELLED, one SEQUENCE further, so that a
   * calendar which imported it removes it.
   */
  async publicCalendar(token: string, now = this.ctx.clock.now()): Promise<string> {
    const group = await this.publicGroup(token, now);
    const centre = await findCentreById(this.db, group.activity.centerId);
    const events: CalendarEvent[] = group.registrations
      .filter((r) => r.status !== 'waitlisted')
      .map((r) => {
        const withdrawn = r.status === 'cancelled';
        return {
          id: r.id,
          kind: 'registration',
          title: group.activity.title,
          description: group.activity.description,
          startsAt: r.session.startsAt,
          endsAt: r.session.endsAt,
          location: group.placeLabel,
          url: `${this.ctx.config.publicUrl}/inscription/${token}`,
          cancelled: withdrawn || r.session.status === 'cancelled',
          sequence: r.session.sequence + (withdrawn ? 1 : 0),
          updatedAt: r.updatedAt > r.session.updatedAt ? r.updatedAt : r.session.updatedAt,
        };
      });
    return buildCalendar(centre?.name ?? 'Lieudit', events, 'inscription');
  }

  /** Cancels, by the signed link, every upcoming registration of the group. */
  async cancelByLink(token: string, now = this.ctx.clock.now()): Promise<PublicGroup> {
    const group = await this.publicGroup(token, now);
    const ids = group.registrations.filter((r) => r.status !== 'cancelled' && r.session.startsAt > now.toISOString()).map((r) => r.id);
    if (ids.length > 0) await this.cancelRows(group.activity.centerId, group.activity.id, ids, 'person', now);
    return this.publicGroup(token, now);
  }

  /** Cancels registrations and fills the seats they free, in one locked transaction. */
  private async cancelRows(centerId: string, activityId: string, ids: string[], by: string, now: Date): Promise<void> {
    const at = now.toISOString();
    const promoted = await this.db.transaction().execute(async (trx) => {
      const activity = (await repo.findActivity(trx, centerId, activityId))!;
      const rows = (await Promise.all(ids.map((id) => repo.findRegistration(trx, centerId, id)))).filter((r): r is RegistrationRow => r !== undefined);
      if (activity.registrationMode === 'series') await repo.lockActivity(trx, centerId, activityId);
      else for (const sessionId of [...new Set(rows.map((r) => r.sessionId))].sort()) await repo.lockSession(trx, centerId, sessionId);
      const fresh = (await Promise.all(ids.map((id) => repo.findRegistration(trx, centerId, id)))).filter((r): r is RegistrationRow => r !== undefined && r.status !== 'cancelled');
      await repo.updateRegistrations(trx, centerId, fresh.map((r) => r.id), { status: 'cancelled', waitlistPosition: null, cancelledAt: at, cancelledBy: by, updatedAt: at });
      const freed = fresh.filter((r) => r.status === 'confirmed').map((r) => r.sessionId);
      return freed.length > 0 ? this.fill(trx, centerId, activityId, freed, at) : [];
    });
    await this.programme.changed(centerId);
    await this.notifyPromoted(promoted);
  }

  /**
   * Promotes waiting persons into free seats of these sessions, first in line first. Runs
   * inside the caller's locked transaction; answers the promoted registrations.
   */
  private async fill(trx: Kysely<Database>, centerId: string, activityId: string, sessionIds: string[], at: string): Promise<RegistrationRow[]> {
    const activity = (await repo.findActivity(trx, centerId, activityId))!;
    const sessions = (await repo.findSessions(trx, centerId, [...new Set(sessionIds)])).filter((s) => s.status === 'scheduled' && s.startsAt > at);
    const promoted: RegistrationRow[] = [];
    const promote = async (rows: RegistrationRow[]) => {
      await repo.updateRegistrations(trx, centerId, rows.map((r) => r.id), { status: 'confirmed', waitlistPosition: null, promotedAt: at, updatedAt: at });
      promoted.push(...rows.map((r) => ({ ...r, status: 'confirmed', waitlistPosition: null, promotedAt: at })));
    };
    if (activity.registrationMode !== 'series') {
      for (const s of sessions) {
        const free = activity.capacity - (await repo.countConfirmed(trx, s.id));
        if (free > 0) await promote((await repo.listWaitlisted(trx, s.id)).slice(0, free));
      }
      return promoted;
    }
    // Series: whole groups, in the order they joined; the first that does not fit stops the
    // line (nobody overtakes the person first in line).
    const waiting = (await Promise.all(sessions.map((s) => repo.listWaitlisted(trx, s.id)))).flat();
    const groups = [...new Set(waiting.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((r) => r.groupId))];
    for (const groupId of groups) {
      const rows = (await repo.findGroup(trx, groupId)).filter((r) => r.status === 'waitlisted');
      const groupSessions = await repo.findSessions(trx, centerId, rows.map((r) => r.sessionId));
      const live = new Set(groupSessions.filter((s) => s.status === 'scheduled' && s.startsAt > at).map((s) => s.id));
      const candidates = rows.filter((r) => live.has(r.sessionId));
      if (candidates.length === 0) continue;
      let fits = true;
      for (const r of candidates) if ((await repo.countConfirmed(trx, r.sessionId)) >= activity.capacity) fits = false;
      if (!fits) break;
      await promote(candidates);
    }
    return promoted;
  }

  /**
   * Erasure of a person (inside the people module's transaction): contacts and guardian are
   * cleared, upcoming registrations cancelled and their seats offered to the waiting list
   * (the promoted persons are told by the next reminder run); attendance stays for statistics.
   */
  async eraseInTransaction(trx: Transaction<Database>, centerId: string, personId: string, now = this.ctx.clock.now()): Promise<void> {
    const at = now.toISOString();
    const future = await repo.erasePersonRegistrations(trx, centerId, personId, at);
    const byActivity = new Map<string, RegistrationRow[]>();
    for (const r of future) byActivity.set(r.activityId, [...(byActivity.get(r.activityId) ?? []), r]);
    for (const [activityId, rows] of byActivity) {
      const activity = await repo.findActivity(trx, centerId, activityId);
      if (activity?.registrationMode === 'series') await repo.lockActivity(trx, centerId, activityId);
      else for (const sessionId of [...new Set(rows.map((r) => r.sessionId))].sort()) await repo.lockSession(trx, centerId, sessionId);
      await repo.updateRegistrations(trx, centerId, rows.map((r) => r.id), { status: 'cancelled', waitlistPosition: null, cancelledAt: at, cancelledBy: 'erasure', updatedAt: at });
      const freed = rows.filter((r) => r.status === 'confirmed').map((r) => r.sessionId);
      if (freed.length > 0) await this.fill(trx, centerId, activityId, freed, at);
    }
    await this.programme.changed(centerId, trx);
  }

  /** Fills every upcoming session of an activity (after its capacity was raised). */
  async fillSeats(centerId: string, activityId: string, now = this.ctx.clock.now()): Promise<RegistrationRow[]> {
    const at = now.toISOString();
    const sessions = await repo.listSessionsOfActivity(this.db, centerId, activityId, { from: at, scheduledOnly: true });
    const activity = await repo.findActivity(this.db, centerId, activityId);
    if (!activity || sessions.length === 0) return [];
    const promoted = await this.db.transaction().execute(async (trx) => {
      if (activity.registrationMode === 'series') await repo.lockActivity(trx, centerId, activityId);
      else for (const s of [...sessions].sort((a, b) => a.id.localeCompare(b.id))) await repo.lockSession(trx, centerId, s.id);
      return this.fill(trx, centerId, activityId, sessions.map((s) => s.id), at);
    });
    await this.programme.changed(centerId);
    await this.notifyPromoted(promoted);
    return promoted;
  }

  private async notifyPromoted(rows: RegistrationRow[]): Promise<void> {
    const byGroup = new Map<string, RegistrationRow[]>();
    for (const r of rows) byGroup.set(r.groupId, [...(byGroup.get(r.groupId) ?? []), r]);
    for (const group of byGroup.values()) await this.notifyGroup('promoted', group);
  }

  /** One message for a group of registrations (a series is announced once). */
  private async notifyGroup(kind: NoticeKind, rows: RegistrationRow[], person?: PersonSummary): Promise<void> {
    const first = rows[0];
    if (!first) return;
    const activity = await this.programme.load(first.centerId, first.activityId);
    const sessions = await repo.findSessions(this.db, first.centerId, rows.map((r) => r.sessionId));
    const sites = await this.programme.siteMap(first.centerId);
    const site = sites.get(sessions[0]?.siteId ?? activity.siteId);
    const centre = await findCentreById(this.db, first.centerId);
    const key = kind === 'promoted' ? `promotion:registration:${first.id}` : `${kind}:group:${first.groupId}`;
    await this.notifier.send(kind, first, {
      title: activity.title,
      sessions,
      place: site ? formatPlace(site) : '',
      centreName: centre?.name ?? '',
    }, key, { person });
  }

  // ——— staff confirm a public registration's match ———

  /**
   * The public form linked a registration to an existing file with the same name: staff say
   * whether it is the same person. Yes: the consents given are recorded on the file. No: a new
   * file is made from what was typed and the registration moves to it.
   */
  async resolveMatch(actor: Actor, registrationId: string, same: boolean, now = this.ctx.clock.now()): Promise<RegistrationRow> {
    this.require(actor, 'activities.register');
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

  // ——— reminders (scheduler job) ———

  /** Whether the person agreed to reminders on this channel. */
  private async consents(reg: { centerId: string; personId: string; matchStatus: string; remindersConsent: boolean }, channel: 'email' | 'sms'): Promise<boolean> {
    // A match not yet confirmed: only what was ticked on the form, never the file's consents.
    if (reg.matchStatus === 'pending') return reg.remindersConsent;
    const current = await this.people.currentConsents(reg.centerId, reg.personId);
    return current[channel === 'email' ? CONSENT.emailReminders : CONSENT.smsReminders] === true;
  }

  /**
   * Queues the reminders due now: sessions starting within 48 hours, confirmed registrations
   * made before that window opened, person consenting. Idempotent (one dedupe key per
   * registration), so it may run as often as wanted. Also re-queues promotion notices that a
   * crash between commit and queue could have lost (same keys as the first attempt).
   */
  async sendDueReminders(now = this.ctx.clock.now()): Promise<{ queued: number; skipped: number }> {
    const from = now.toISOString();
    const to = new Date(now.getTime() + REMINDER_HOURS * 3_600_000).toISOString();
    let queued = 0;
    let skipped = 0;
    const sitesByCentre = new Map<string, Awaited<ReturnType<ProgrammeService['siteMap']>>>();
    const centreNames = new Map<string, string>();
    for (const due of await repo.listDueReminders(this.db, from, to)) {
      const windowOpened = new Date(Date.parse(due.startsAt) - REMINDER_HOURS * 3_600_000).toISOString();
      const reg = await repo.findRegistration(this.db, due.centerId, due.id);
      if (!reg || (reg.createdAt > windowOpened && reg.promotedAt === null)) {
        skipped++;
        continue;
      }
      const person = await this.people.getSummary(due.centerId, due.personId);
      const recipient = this.notifier.recipient(reg, person);
      if (!recipient || !(await this.consents(reg, recipient.channel))) {
        skipped++;
        continue;
      }
      if (!sitesByCentre.has(due.centerId)) sitesByCentre.set(due.centerId, await this.programme.siteMap(due.centerId));
      if (!centreNames.has(due.centerId)) centreNames.set(due.centerId, (await findCentreById(this.db, due.centerId))?.name ?? '');
      const site = sitesByCentre.get(due.centerId)!.get(due.siteId ?? due.activitySiteId);
      const sent = await this.notifier.send('reminder', reg, {
        title: due.title,
        sessions: [{ startsAt: due.startsAt, endsAt: due.endsAt }],
        place: site ? formatPlace(site) : '',
        centreName: centreNames.get(due.centerId)!,
      }, `reminder:registration:${reg.id}`, { person });
      if (sent) queued++;
      else skipped++;
    }
    const since = new Date(now.getTime() - 86_400_000).toISOString();
    const promoted = await repo.listRecentlyPromoted(this.db, since);
    const groups = new Map<string, RegistrationRow[]>();
    for (const r of promoted) groups.set(r.groupId, [...(groups.get(r.groupId) ?? []), r]);
    for (const rows of groups.values()) await this.notifyGroup('promoted', rows);
    return { queued, skipped };
  }

  // ——— a person's history ———

  async historyOf(actor: Actor, personId: string) {
    this.require(actor, 'activities.read');
    if (!isUuid(personId) || !(await this.people.canSee(actor, personId))) throw notFound();
    const [registrations, attendance] = await Promise.all([
      repo.listRegistrationsOfPerson(this.db, actor.centerId, personId),
      repo.listAttendanceOfPerson(this.db, actor.centerId, personId),
    ]);
    return { registrations, attendance };
  }

  /** Upcoming sessions a staff member can register a person for (the "register by phone" list). */
  async openSessions(actor: Actor, now = this.ctx.clock.now()): Promise<(SessionView & { title: string; registrationMode: string })[]> {
    this.require(actor, 'activities.register');
    const rows = await this.programme.upcoming(actor, { from: now.toISOString(), limit: 200 });
    return rows
      .filter((r) => r.status === 'scheduled')
      .map((r) => ({ ...r, siteId: r.siteId ?? r.activitySiteId, capacity: r.capacity }));
  }

  asSystem(centerId: string): Actor {
    return systemActor(centerId);
  }
}

