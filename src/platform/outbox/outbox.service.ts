/**
 * The outbox: every e-mail and SMS is first a row, so nothing is lost when a provider is down
 * and tests read what would have been sent. A sender delivers pending rows; with no sender
 * configured (the embedded default) rows are marked "kept" and shown to admins only.
 * A dedupe key makes sending idempotent: a reminder with the same key is never queued twice.
 *
 * Secrets are for their recipient only. A credential message (a reset or invitation link) is
 * queued with `secret` and the mark SECRET_MARK in its body: the row keeps the body with the
 * mark and the link encrypted apart, the sender alone gets the link in place of the mark, and
 * the link is forgotten once delivered. Staff (the `/messages` page) see "lien personnel
 * masqué", backups never hold it, and an undelivered link is forgotten when it has expired.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { addMinutes, type Clock } from '../clock.ts';
import { decryptSecret, encryptSecret } from '../crypto.ts';
import { newId } from '../ids.ts';
import { isMobilePhone } from '../text.ts';
import type { PersonDataContributor } from '../person-data.ts';
import * as repo from './outbox.repository.ts';
import type { Channel, OutboxEntry, OutboxRow } from './outbox.repository.ts';

/** Where a message's secret goes in its body; what staff read there instead is translated. */
export const SECRET_MARK = '[[lien-personnel]]';
const SECRET_PURPOSE = 'outbox-secret';
// The longest a credential link lives (an invitation): after it, an undelivered link is useless.
const SECRET_KEPT_MINUTES = 7 * 24 * 60;

export interface Sender {
  readonly channel: Channel;
  send(message: OutboxRow): Promise<void>;
}

export interface QueuedMessage {
  centerId: string;
  channel: Channel;
  recipient: string;
  subject?: string;
  body: string;
  /** A credential link, put in place of SECRET_MARK in the body for the recipient only. */
  secret?: string;
  dedupeKey?: string;
  relatedType?: string;
  relatedId?: string;
  /** The person the message goes to: set by every module that messages a person, so that their export and erasure find it. */
  personId?: string | null;
}

export class Outbox {
  readonly #senders = new Map<Channel, Sender>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    /** LIEUDIT_SECRET: the key of the secrets waiting in the outbox is derived from it. */
    private readonly appSecret: string,
  ) {}

  useSender(sender: Sender): void {
    this.#senders.set(sender.channel, sender);
  }

  hasSender(channel: Channel): boolean {
    return this.#senders.has(channel);
  }

  /**
   * Queues a message; answers false when its dedupe key was already used, or when it is an SMS
   * to a number that cannot receive one (a landline): callers choose e-mail or nothing then.
   */
  async queue(message: QueuedMessage, db: Kysely<Database> = this.db): Promise<boolean> {
    if (message.secret !== undefined && !message.body.includes(SECRET_MARK)) {
      throw new Error('A message with a secret must say where it goes (SECRET_MARK).');
    }
    if (message.channel === 'sms' && !isMobilePhone(message.recipient)) return false;
    return repo.insertMessage(db, {
      id: newId(),
      centerId: message.centerId,
      channel: message.channel,
      recipient: message.recipient,
      subject: message.subject ?? null,
      body: message.body,
      status: this.hasSender(message.channel) ? 'pending' : 'kept',
      dedupeKey: message.dedupeKey ?? null,
      relatedType: message.relatedType ?? null,
      relatedId: message.relatedId ?? null,
      personId: message.personId ?? null,
      createdAt: this.clock.nowIso(),
      secret: message.secret === undefined ? null : encryptSecret(this.appSecret, SECRET_PURPOSE, message.secret),
    });
  }

  /** Delivers pending messages; each result (sent or the error) is written on its row. */
  async deliverPending(limit = 50): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const message of await repo.listPending(this.db, limit)) {
      const sender = this.#senders.get(message.channel);
      if (!sender) continue;
      const deliverable = this.forRecipient(message);
      if (!deliverable) {
        // Restored from a backup (which never holds secrets) or LIEUDIT_SECRET changed:
        // sending the mark would be useless; a new link has to be asked for.
        await repo.markMessage(this.db, message.id, {
          status: 'failed', lastError: 'Lien personnel indisponible : demandez un nouveau lien.', sentAt: null,
          attempts: message.attempts, secret: null,
        });
        failed++;
        continue;
      }
      if (!(await repo.claimMessage(this.db, message.id, message.attempts))) continue;
      try {
        await sender.send(deliverable);
        await repo.markMessage(this.db, message.id, {
          status: 'sent', lastError: null, sentAt: this.clock.nowIso(), attempts: message.attempts + 1, secret: null,
        });
        sent++;
      } catch (error) {
        const attempts = message.attempts + 1;
        await repo.markMessage(this.db, message.id, {
          // After 5 attempts the message stays failed for a human to look at.
          status: attempts >= 5 ? 'failed' : 'pending',
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
          sentAt: null,
          attempts,
        });
        failed++;
      }
    }
    return { sent, failed };
  }

  /**
   * The message as its recipient gets it (the secret in place of its mark), or null when the
   * secret is gone. Only senders — and tests standing for the recipient — call this.
   */
  forRecipient<M extends Pick<OutboxRow, 'body' | 'secret'>>(message: M): M | null {
    if (!message.body.includes(SECRET_MARK)) return message;
    const secret = message.secret && decryptSecret(this.appSecret, SECRET_PURPOSE, message.secret);
    if (!secret) return null;
    return { ...message, body: message.body.replaceAll(SECRET_MARK, secret) };
  }

  /** Forgets the secrets of messages never delivered (no sender) once their link has expired. */
  dropExpiredSecrets() {
    return repo.dropSecretsCreatedBefore(this.db, addMinutes(this.clock.nowIso(), -SECRET_KEPT_MINUTES));
  }

  /**
   * For PersonDataRegistry: the messages sent to a person are part of their export, move with
   * a merge and are deleted by their erasure (nothing of the address or the text remains).
   */
  personDataContributor(): PersonDataContributor {
    return {
      name: 'messages',
      export: async (db, centerId, personId) =>
        (await repo.listForPerson(db, centerId, personId)).map((m) => ({
          channel: m.channel, recipient: m.recipient, subject: m.subject, body: m.body, status: m.status, createdAt: m.createdAt, sentAt: m.sentAt,
        })),
      merge: (trx, centerId, keepId, duplicateId) => repo.movePerson(trx, centerId, duplicateId, keepId),
      erase: (trx, centerId, personId) => repo.deleteForPerson(trx, centerId, personId),
    };
  }

  /** Messages as staff may read them: without their secret part. */
  list(centerId: string, limit: number, offset: number): Promise<OutboxEntry[]> {
    return repo.listMessages(this.db, centerId, limit, offset);
  }

  count(centerId: string) {
    return repo.countMessages(this.db, centerId);
  }
}

/** A message's body as staff may read it: the place of a personal link says it is hidden. */
export function maskedBody(body: string, hidden: string): string {
  return body.replaceAll(SECRET_MARK, hidden);
}
