import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database>;

export interface SubmissionRow {
  id: string;
  centerId: string;
  kind: string;
  personId: string | null;
  emailHash: string | null;
  phoneHash: string | null;
  ipHash: string | null;
  createdAt: string;
}

/** How many submissions since `since` came from any of these contacts, and from this address. */
export async function countSince(
  db: Q,
  centerId: string,
  since: string,
  keys: { emailHash: string | null; phoneHash: string | null; ipHash: string | null },
  kinds: readonly string[],
): Promise<{ contact: number; ip: number }> {
  const contact =
    keys.emailHash || keys.phoneHash
      ? await db
          .selectFrom('publicSubmissions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('centerId', '=', centerId)
          .where('createdAt', '>', since)
          .where('kind', 'in', kinds)
          .where((eb) =>
            eb.or([
              ...(keys.emailHash ? [eb('emailHash', '=', keys.emailHash)] : []),
              ...(keys.phoneHash ? [eb('phoneHash', '=', keys.phoneHash)] : []),
            ]),
          )
          .executeTakeFirstOrThrow()
      : { n: 0 };
  const ip = keys.ipHash
    ? await db
        .selectFrom('publicSubmissions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('centerId', '=', centerId)
        .where('createdAt', '>', since)
        .where('kind', 'in', kinds)
        .where('ipHash', '=', keys.ipHash)
        .executeTakeFirstOrThrow()
    : { n: 0 };
  return { contact: Number(contact.n), ip: Number(ip.n) };
}

export async function insertSubmission(db: Q, row: SubmissionRow): Promise<void> {
  await db.insertInto('publicSubmissions').values(row).execute();
}

/** Submissions older than the counting window serve no purpose: they go. */
export async function purgeBefore(db: Q, before: string): Promise<void> {
  await db.deleteFrom('publicSubmissions').where('createdAt', '<', before).execute();
}

export async function deleteForPerson(db: Q, centerId: string, personId: string): Promise<void> {
  await db.deleteFrom('publicSubmissions').where('centerId', '=', centerId).where('personId', '=', personId).execute();
}

export async function movePerson(db: Q, centerId: string, fromId: string, toId: string): Promise<void> {
  await db.updateTable('publicSubmissions').set({ personId: toId }).where('centerId', '=', centerId).where('personId', '=', fromId).execute();
}

export async function deleteSubmission(db: Q, id: string): Promise<void> {
  await db.deleteFrom('publicSubmissions').where('id', '=', id).execute();
}

export async function attachPerson(db: Q, id: string, personId: string): Promise<void> {
  await db.updateTable('publicSubmissions').set({ personId }).where('id', '=', id).execute();
}

/** What a person's export shows: when they used a public form (the hashes say nothing to them). */
export async function listForPerson(db: Q, centerId: string, personId: string): Promise<{ kind: string; createdAt: string }[]> {
  return db.selectFrom('publicSubmissions').select(['kind', 'createdAt']).where('centerId', '=', centerId).where('personId', '=', personId).orderBy('createdAt').execute();
}
