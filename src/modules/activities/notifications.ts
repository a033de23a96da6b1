/**
 * Messages to registered persons, through the outbox: e-mail when an address is known, else
 * SMS. The contact is the one given with the registration (a minor's guardian, what the
 * public form typed), else the person's file. Each message has a dedupe key, so that a retry,
 * a restart or a second run of a job never sends it twice.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { signLink } from '../../platform/crypto.ts';
import type { AppContext } from '../../platform/context.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isMobilePhone } from '../../platform/text.ts';
import { formatSession } from './activity.format.ts';
import type { PeoplePort, PersonSummary } from './ports.ts';
import { safeName } from '../../platform/public-forms/public-forms.ts';

export type NoticeKind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'sessionCancelled' | 'sessionMoved' | 'cancelled';

export interface NoticeRegistration {
  id: string;
  centerId: string;
  personId: string;
  groupId: string;
  guardianName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

export interface NoticeContext {
  title: string;
  sessions: { startsAt: string; endsAt: string }[];
  place: string;
  centreName: string;
  reason?: string | null;
  /** The group's signed link when the caller already made it (it answers it too): signed once. */
  link?: string;
}

export interface Recipient {
  channel: 'email' | 'sms';
  address: string;
  name: string;
}

/** The purpose a registration link is signed for (view and cancel). */
export const REGISTRATION_LINK = 'registration';

export class Notifier {
  constructor(
    private readonly ctx: AppContext,
    private readonly people: PeoplePort,
  ) {}

  /** Where messages about this registration go; null when there is no contact (or the file is erased). */
  recipient(registration: NoticeRegistration, person: PersonSummary | undefined): Recipient | null {
    if (!person || person.erased) return null;
    // A name is all a message quotes of what the person typed, reduced to letters.
    const name = safeName(registration.guardianName ?? person.firstName);
    const email = registration.contactEmail ?? (registration.guardianName ? null : person.email);
    if (email) return { channel: 'email', address: email, name };
    const phone = registration.contactPhone ?? (registration.guardianName ? null : person.phone);
    // A landline cannot receive an SMS: without an e-mail, the person gets no message.
    if (phone && isMobilePhone(phone)) return { channel: 'sms', address: phone, name };
    return null;
  }

  /** The signed link to see and cancel a group of registrations, valid until a week after the last session. */
  link(groupId: string, sessions: { endsAt: string }[]): string {
    const last = Math.max(...sessions.map((s) => Date.parse(s.endsAt)), this.ctx.clock.now().getTime());
    const token = signLink(this.ctx.config.secret, REGISTRATION_LINK, groupId, new Date(last + 7 * 86_400_000));
    return `${this.ctx.config.publicUrl}/inscription/${token}`;
  }

  /**
   * Queues one message; answers false when nothing was queued (no contact, or the dedupe key
   * was already used). `db` lets a caller queue inside its transaction.
   */
  async send(
    kind: NoticeKind,
    registration: NoticeRegistration,
    context: NoticeContext,
    dedupeKey: string,
    options: { person?: PersonSummary; db?: Kysely<Database> } = {},
  ): Promise<boolean> {
    const person = options.person ?? (await this.people.getSummary(registration.centerId, registration.personId));
    const to = this.recipient(registration, person);
    if (!to) return false;
    const now = this.ctx.clock.now();
    const params = {
      name: to.name,
      title: context.title,
      when: context.sessions.map((s) => formatSession(s.startsAt, s.endsAt, now)).join(to.channel === 'sms' ? ', ' : '\n'),
      place: context.place,
      centre: context.centreName,
      link: context.link ?? this.link(registration.groupId, context.sessions),
      reason: context.reason ? `\n${translate('fr', 'activities.mail.reason', { reason: context.reason })}\n` : '',
    };
    return this.ctx.outbox.queue(
      {
        centerId: registration.centerId,
        channel: to.channel,
        recipient: to.address,
        subject: to.channel === 'email' ? translate('fr', `activities.mail.${kind}.subject`, params) : undefined,
        body: translate('fr', `activities.${to.channel === 'email' ? 'mail' : 'sms'}.${kind}.body`, params),
        dedupeKey,
        relatedType: 'activity_registration',
        relatedId: registration.id,
        personId: registration.personId,
      },
      options.db,
    );
  }
}
