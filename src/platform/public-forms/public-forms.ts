/**
 * What protects the forms anyone may send without an account (help-desk booking, activity
 * registration) from a script, and the residents from messages that carry someone else's text:
 * - daily limits per contact (e-mail or phone) and per connection address, counted in the
 *   database so that they hold across server instances; contacts and addresses are stored
 *   only as keyed hashes and purged after the window;
 * - no web address in a name (a name is quoted back in the messages the centre sends);
 * - the name a message quotes is reduced to letters and the few signs names use.
 */
import type { Kysely } from 'kysely';
import type { LinkifyIt } from 'linkify-it';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { hmac } from '../crypto.ts';
import { AppError, type FieldErrors } from '../errors.ts';
import { lazyPackage } from '../lazy-package.ts';
import { newId } from '../ids.ts';
import type { PersonDataContributor } from '../person-data.ts';
import * as repo from './public-forms.repository.ts';

/** The limits of the public forms; a resident with more to book calls the centre. */
export const PUBLIC_LIMITS = {
  /** Bookings (or registrations) per e-mail address or phone number in the window. */
  perContact: 3,
  /** Bookings (or registrations) per connection address in the window (a family, a library). */
  perAddress: 10,
  windowHours: 24,
} as const;

export type SubmissionKind = 'appointment' | 'registration' | 'proposal' | 'vote';

/**
 * Per kind: the limits, and which kinds count together. Bookings and registrations share one
 * count (the same resident, the same day); a forum's proposals and votes are counted apart.
 * A person voting again is no harm (the database counts one vote per person and theme), so
 * votes have no limit per contact; what a script would do is vote under invented addresses,
 * hence a limit per connection — higher than for bookings, so that a village hall's shared
 * tablet can serve a queue of residents.
 */
const LIMITS: Record<SubmissionKind, { perContact: number; perAddress: number; countedWith: SubmissionKind[] }> = {
  appointment: { ...PUBLIC_LIMITS, countedWith: ['appointment', 'registration'] },
  registration: { ...PUBLIC_LIMITS, countedWith: ['appointment', 'registration'] },
  proposal: { perContact: 3, perAddress: 10, countedWith: ['proposal'] },
  vote: { perContact: Number.POSITIVE_INFINITY, perAddress: 30, countedWith: ['vote'] },
};

export function limitsOf(kind: SubmissionKind): { perContact: number; perAddress: number } {
  return LIMITS[kind];
}

const HOUR = 3_600_000;
// Fuzzy links: "exemple.fr" and "bit.ly/x" count, not only "https://…"; e-mails too.
// Made on the first text checked, not at start (QUALITY.md B6).
const linkifyPackage = lazyPackage<typeof import('linkify-it')>('linkify-it');
let linkifier: LinkifyIt | undefined;
function linkify(): LinkifyIt {
  return (linkifier ??= new (linkifyPackage().LinkifyIt)({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true }));
}

/** True when a text holds a web address, an e-mail address or an IP address. */
export function hasLink(value: string | null | undefined): boolean {
  return Boolean(value) && linkify().test(value!);
}

/** Field errors (catalogue keys) for name fields that hold a web address. */
export function nameLinkErrors(fields: Record<string, string | null | undefined>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, value] of Object.entries(fields)) if (hasLink(value)) errors[field] = 'public.name.noLink';
  return errors;
}

/**
 * A name as a message may quote it: letters (any script), spaces, apostrophes, hyphens and
 * dots only, at most 40 characters. Anything else a form let through is dropped.
 */
export function safeName(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{M} '’.-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 40)
    .trim();
}

export interface SubmissionOrigin {
  centerId: string;
  kind: SubmissionKind;
  email: string | null | undefined;
  phone: string | null | undefined;
  /** The connection address (request.ip); null when unknown (then only contacts count). */
  ip: string | null | undefined;
}

export class PublicForms {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secret: string,
    private readonly clock: Clock,
  ) {}

  /**
   * Counts this submission, or refuses it (429, in French, pointing to the phone) when its
   * contact or its address already reached the day's limit. The row is written first and
   * counted with the others, so that concurrent submissions cannot all slip under the limit.
   * Answers the row id: `attach` it to the person once created, or `release` it on failure.
   */
  async reserve(origin: SubmissionOrigin): Promise<string> {
    const now = this.clock.nowIso();
    const keys = {
      emailHash: origin.email ? this.key('email', origin.email.trim().toLowerCase()) : null,
      phoneHash: origin.phone ? this.key('phone', origin.phone.replace(/\D/g, '')) : null,
      ipHash: origin.ip ? this.key('ip', origin.ip) : null,
    };
    const id = newId();
    await repo.purgeBefore(this.db, new Date(Date.parse(now) - 2 * PUBLIC_LIMITS.windowHours * HOUR).toISOString());
    await repo.insertSubmission(this.db, { id, centerId: origin.centerId, kind: origin.kind, personId: null, ...keys, createdAt: now });
    const since = new Date(Date.parse(now) - PUBLIC_LIMITS.windowHours * HOUR).toISOString();
    const limits = LIMITS[origin.kind];
    const counts = await repo.countSince(this.db, origin.centerId, since, keys, limits.countedWith);
    const tooMany = counts.contact > limits.perContact ? 'contact' : counts.ip > limits.perAddress ? 'address' : null;
    if (tooMany) {
      await this.release(id);
      throw new AppError(429, 'too_many_submissions', `public.limit.${origin.kind}.${tooMany}`, {}, { count: limits.perContact });
    }
    return id;
  }

  /** The submission failed (slot taken, bad input): it does not count. */
  async release(id: string): Promise<void> {
    await repo.deleteSubmission(this.db, id);
  }

  /** Links the counted submission to the person, so that their erasure removes it. */
  async attach(id: string, personId: string): Promise<void> {
    await repo.attachPerson(this.db, id, personId);
  }

  personDataContributor(): PersonDataContributor {
    return {
      name: 'publicSubmissions',
      // Only keyed hashes, which say nothing to the person: the export lists when they submitted.
      export: (db, centerId, personId) => repo.listForPerson(db, centerId, personId),
      merge: (trx, centerId, keepId, duplicateId) => repo.movePerson(trx, centerId, duplicateId, keepId),
      erase: (trx, centerId, personId) => repo.deleteForPerson(trx, centerId, personId),
    };
  }

  private key(kind: string, value: string): string {
    return hmac(this.secret, `public-forms:${kind}:${value}`);
  }
}
