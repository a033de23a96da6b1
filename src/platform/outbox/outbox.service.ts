/**
 * The outbox: every e-mail and SMS is first a row, so nothing is lost when a provider is down
 * and tests read what would have been sent. A sender delivers pending rows; with no sender
 * configured (the embedded default) rows are marked "kept" and shown to admins only.
 * A dedupe key makes sending idempotent: a reminder with the same key is never queued twice.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import type { PersonDataContributor } from '../person-data.ts';
import * as repo from './outbox.repository.ts';
import type { Channel, OutboxRow } from './outbox.repository.ts';

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
  ) {}

  useSender(sender: Sender): void {
    this.#senders.set(sender.channel, sender);
  }

  hasSender(channel: Channel): boolean {
    return this.#senders.has(channel);
  }

  /** Queues a message; answers false when its dedupe key was already used. */
  async queue(message: QueuedMessage, db: Kysely<Database> = this.db): Promise<boolean> {
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
    });
  }

  /** Delivers pending messages; each result (sent or the error) is written on its row. */
  async deliverPending(limit = 50): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const message of await repo.listPending(this.db, limit)) {
      const sender = this.#senders.get(message.channel);
      if (!sender) continue;
      try {
        await sender.send(message);
        await repo.markMessage(this.db, message.id, {
          status: 'sent', lastError: null, sentAt: this.clock.nowIso(), attempts: message.attempts + 1,
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

  list(centerId: string, limit: number, offset: number) {
    return repo.listMessages(this.db, centerId, limit, offset);
  }

  count(centerId: string) {
    return repo.countMessages(this.db, centerId);
  }
}
