import type { Kysely } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { Database } from '../../db/schema.ts';

export type Channel = 'email' | 'sms';
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'kept';

export interface OutboxRow {
  id: string;
  centerId: string;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  dedupeKey: string | null;
  relatedType: string | null;
  relatedId: string | null;
  personId: string | null;
  createdAt: string;
  sentAt: string | null;
  /** The encrypted credential link of the message, until it is delivered (see Outbox). */
  secret: string | null;
}

/** A message as staff may read it: never its secret part. */
export type OutboxEntry = Omit<OutboxRow, 'secret'>;

const readableColumns = [
  'id', 'centerId', 'channel', 'recipient', 'subject', 'body', 'status', 'attempts', 'lastError', 'dedupeKey',
  'relatedType', 'relatedId', 'createdAt', 'sentAt',
] as const;

type Q = Kysely<Database>;

/** Inserts a message; with a dedupe key already used, inserts nothing and answers false. */
// Every registration, reminder and notice queues one: compiled once.
const insertOne = prepared('insertMessage', (db, row: Omit<OutboxRow, 'attempts' | 'lastError' | 'sentAt'>) =>
  db
    .insertInto('outbox')
    .values({
      id: row.id, centerId: row.centerId, channel: row.channel, recipient: row.recipient, subject: row.subject, body: row.body, status: row.status,
      attempts: 0, lastError: null, dedupeKey: row.dedupeKey, relatedType: row.relatedType, relatedId: row.relatedId, personId: row.personId,
      createdAt: row.createdAt, sentAt: null, secret: row.secret,
    })
    .onConflict((oc) => oc.column('dedupeKey').doNothing()));

export async function insertMessage(db: Q, row: Omit<OutboxRow, 'attempts' | 'lastError' | 'sentAt'>): Promise<boolean> {
  return (await insertOne.affected(db, row)) > 0;
}

export async function listMessages(db: Q, centerId: string, limit: number, offset: number): Promise<OutboxEntry[]> {
  return (await db
    .selectFrom('outbox')
    .select(readableColumns)
    .where('centerId', '=', centerId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()) as OutboxRow[];
}

export async function countMessages(db: Q, centerId: string): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('centerId', '=', centerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listPending(db: Q, limit: number): Promise<OutboxRow[]> {
  return (await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('createdAt')
    .limit(limit)
    .execute()) as OutboxRow[];
}

/**
 * Takes a pending message for sending: counts the attempt only if nobody did since we read it
 * (same status, same count). Answers false when another instance took it first, so that two
 * instances never send the same message; a process that dies after taking it leaves it pending
 * with one attempt more, and the next run sends it.
 */
export async function claimMessage(db: Q, id: string, attempts: number): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ attempts: attempts + 1 })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markMessage(
  db: Q,
  id: string,
  patch: { status: OutboxStatus; lastError: string | null; sentAt: string | null; attempts: number; secret?: null },
): Promise<void> {
  await db.updateTable('outbox').set(patch).where('id', '=', id).execute();
}

/** Forgets the secret part of messages that were never delivered and whose link has expired anyway. */
export async function dropSecretsCreatedBefore(db: Q, before: string): Promise<void> {
  await db.updateTable('outbox').set({ secret: null }).where('secret', 'is not', null).where('createdAt', '<', before).execute();
}

/** The messages sent to a person (their export). */
export async function listForPerson(db: Q, centerId: string, personId: string): Promise<OutboxRow[]> {
  return (await db
    .selectFrom('outbox')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('personId', '=', personId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute()) as OutboxRow[];
}

/** Removes the messages sent to a person (their erasure): address, names and links go with them. */
export async function deleteForPerson(db: Q, centerId: string, personId: string): Promise<void> {
  await db.deleteFrom('outbox').where('centerId', '=', centerId).where('personId', '=', personId).execute();
}

/** Re-points a duplicate's messages to the kept person (a merge). */
export async function movePerson(db: Q, centerId: string, fromId: string, toId: string): Promise<void> {
  await db.updateTable('outbox').set({ personId: toId }).where('centerId', '=', centerId).where('personId', '=', fromId).execute();
}

/** Messages waiting to be sent, every centre together (the /metrics queue length). */
export async function countPendingAll(db: Q): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<string | number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}
