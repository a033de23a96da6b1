/**
 * What the registration services share: the shapes they answer, the services they all lean
 * on (programme, people, notifier), and one rule every one of them applies the same way:
 * a group of registrations (one, or one per session of a series) is announced by one message,
 * whose dedupe key makes a second attempt harmless.
 *
 * The use cases live in their own files: registering (registration.service.ts), the waiting
 * list and freed seats (waitlist.service.ts), the staff's view and cancellation
 * (roster.service.ts), the resident's signed link (registration-link.service.ts) and the
 * reminders (reminder.service.ts).
 */
import type { AppContext } from '../../platform/context.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import * as repo from './activity.repository.ts';
import type { RegistrationRow, SessionRow } from './activity.repository.ts';
import { formatPlace } from './activity.format.ts';
import type { Activity, ProgrammeService } from './activity.service.ts';
import type { NoticeKind, Notifier } from './notifications.ts';
import { CONSENT, type PeoplePort, type PersonSummary } from './ports.ts';

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

/** The services every registration use case is made with, and what they do alike. */
export abstract class RegistrationUseCase {
  constructor(
    protected readonly ctx: AppContext,
    protected readonly programme: ProgrammeService,
    protected readonly people: PeoplePort,
    protected readonly notifier: Notifier,
  ) {}

  protected get db() {
    return this.ctx.kysely;
  }

  /** Whether the person agreed to messages (reminders, the survey) on this channel. */
  protected async consentsTo(reg: { centerId: string; personId: string; matchStatus: string; remindersConsent: boolean }, channel: 'email' | 'sms'): Promise<boolean> {
    // A match not yet confirmed: only what was ticked on the form, never the file's consents.
    if (reg.matchStatus === 'pending') return reg.remindersConsent;
    const current = await this.people.currentConsents(reg.centerId, reg.personId);
    return current[channel === 'email' ? CONSENT.emailReminders : CONSENT.smsReminders] === true;
  }

  /** The persons of these ids that exist, by id. */
  async summaries(centerId: string, ids: string[]): Promise<Map<string, PersonSummary>> {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map((id) => this.people.getSummary(centerId, id)));
    return new Map(unique.map((id, i) => [id, found[i]]).filter((e): e is [string, PersonSummary] => e[1] !== undefined));
  }

  /** Tells each group of these promoted registrations, once per group. */
  protected async notifyPromoted(rows: RegistrationRow[]): Promise<void> {
    const byGroup = new Map<string, RegistrationRow[]>();
    for (const r of rows) byGroup.set(r.groupId, [...(byGroup.get(r.groupId) ?? []), r]);
    for (const group of byGroup.values()) await this.notifyGroup('promoted', group);
  }

  /** One message for a group of registrations (a series is announced once). */
  protected async notifyGroup(kind: NoticeKind, rows: RegistrationRow[], person?: PersonSummary): Promise<void> {
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
}
