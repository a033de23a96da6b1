/** The forums module's SQL: every query is scoped by the centre. */
import type { Kysely, Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type { Database, ForumConsultationsTable, ForumPaperTalliesTable, ForumProposalsTable, ForumVotersTable } from '../../db/schema.ts';

type Q = Kysely<Database>;

export type ConsultationRow = Omit<Selectable<ForumConsultationsTable>, 'moderation'> & { moderation: boolean };
export type ProposalRow = Selectable<ForumProposalsTable>;
export type VoterRow = Omit<Selectable<ForumVotersTable>, 'voteSeq'>;
export type TallyRow = Selectable<ForumPaperTalliesTable>;

const consultationColumns = [
  'id', 'centerId', 'title', 'description', 'proposalsOpenOn', 'votesOpenOn', 'votesCloseOn', 'votesPerPerson', 'moderation', 'eligibleCommunes',
  'createdBy', 'createdAt', 'updatedAt',
] as const;

function consultation(row: Selectable<ForumConsultationsTable>): ConsultationRow {
  return { ...row, moderation: asBool(row.moderation) };
}

// — consultations —

export async function insertConsultation(db: Q, row: ConsultationRow): Promise<void> {
  await db.insertInto('forumConsultations').values(row).execute();
}

export async function updateConsultation(db: Q, centerId: string, id: string, patch: Partial<ConsultationRow>): Promise<void> {
  await db.updateTable('forumConsultations').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function findConsultation(db: Q, centerId: string, id: string): Promise<ConsultationRow | undefined> {
  const row = await db.selectFrom('forumConsultations').select(consultationColumns).where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row ? consultation(row) : undefined;
}

/** Newest first (by the day the votes open). */
export async function listConsultations(db: Q, centerId: string): Promise<ConsultationRow[]> {
  const rows = await db.selectFrom('forumConsultations').select(consultationColumns).where('centerId', '=', centerId).orderBy('votesOpenOn', 'desc').orderBy('id', 'desc').execute();
  return rows.map(consultation);
}

// — proposals —

export async function insertProposal(db: Q, row: Omit<ProposalRow, 'reportsCount'>): Promise<void> {
  await db.insertInto('forumProposals').values(row).execute();
}

export async function findProposal(db: Q, centerId: string, id: string): Promise<ProposalRow | undefined> {
  return db.selectFrom('forumProposals').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function listProposals(db: Q, centerId: string, consultationId: string): Promise<ProposalRow[]> {
  return db.selectFrom('forumProposals').selectAll().where('centerId', '=', centerId).where('consultationId', '=', consultationId).orderBy('createdAt').orderBy('id').execute();
}

export async function updateProposal(db: Q, centerId: string, id: string, patch: Partial<ProposalRow>): Promise<void> {
  await db.updateTable('forumProposals').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function addReport(db: Q, centerId: string, id: string): Promise<void> {
  await db.updateTable('forumProposals').set((eb) => ({ reportsCount: eb('reportsCount', '+', 1) })).where('centerId', '=', centerId).where('id', '=', id).execute();
}

/**
 * A merged theme's support goes to the theme it joins: its votes move unless the voter already
 * supports the target (one vote per voter and theme), its paper tallies move with it.
 */
export async function moveSupport(db: Q, centerId: string, fromId: string, toId: string): Promise<void> {
  const already = db.selectFrom('forumVotes').select('voterId').where('centerId', '=', centerId).where('proposalId', '=', toId);
  await db.deleteFrom('forumVotes').where('centerId', '=', centerId).where('proposalId', '=', fromId).where('voterId', 'in', already).execute();
  await db.updateTable('forumVotes').set({ proposalId: toId }).where('centerId', '=', centerId).where('proposalId', '=', fromId).execute();
  await db.updateTable('forumPaperTallies').set({ proposalId: toId }).where('centerId', '=', centerId).where('proposalId', '=', fromId).execute();
}

// — voters and votes —

/** Adds the voter unless one with this contact exists for the consultation; answers the row. */
export async function ensureVoter(db: Q, row: VoterRow): Promise<{ voter: VoterRow; created: boolean }> {
  const inserted = await db
    .insertInto('forumVoters')
    .values(row)
    .onConflict((oc) => oc.columns(['consultationId', 'contactKey']).doNothing())
    .executeTakeFirst();
  const created = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  const voter = await db
    .selectFrom('forumVoters')
    .select(['id', 'centerId', 'consultationId', 'personId', 'firstName', 'lastName', 'email', 'contactKey', 'communeInsee', 'consentAt', 'createdAt'])
    .where('consultationId', '=', row.consultationId)
    .where('contactKey', '=', row.contactKey)
    .executeTakeFirstOrThrow();
  return { voter, created };
}

/**
 * Serialises one voter's votes: the UPDATE takes the voter's row lock on PostgreSQL (SQLite
 * writes one transaction at a time), so the count read next is the one the insert relies on.
 */
export async function lockVoter(db: Q, centerId: string, voterId: string): Promise<void> {
  await db.updateTable('forumVoters').set((eb) => ({ voteSeq: eb('voteSeq', '+', 1) })).where('centerId', '=', centerId).where('id', '=', voterId).execute();
}

export async function votedProposalIds(db: Q, centerId: string, voterId: string): Promise<string[]> {
  const rows = await db.selectFrom('forumVotes').select('proposalId').where('centerId', '=', centerId).where('voterId', '=', voterId).execute();
  return rows.map((r) => r.proposalId);
}

export async function insertVotes(db: Q, rows: { id: string; centerId: string; consultationId: string; voterId: string; proposalId: string; createdAt: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('forumVotes').values(rows).onConflict((oc) => oc.columns(['voterId', 'proposalId']).doNothing()).execute();
}

export async function setVoterPerson(db: Q, centerId: string, voterId: string, personId: string): Promise<void> {
  await db.updateTable('forumVoters').set({ personId }).where('centerId', '=', centerId).where('id', '=', voterId).execute();
}

// — paper tallies —

export async function insertTally(db: Q, row: TallyRow): Promise<void> {
  await db.insertInto('forumPaperTallies').values(row).execute();
}

/** A paper tally with the name of the staff member who entered it (null once their account is gone). */
export type EnteredTally = TallyRow & { enteredByName: string | null };

export async function listTallies(db: Q, centerId: string, consultationId: string): Promise<EnteredTally[]> {
  return db
    .selectFrom('forumPaperTallies as t')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 't.enteredBy').on('u.centerId', '=', centerId))
    .selectAll('t')
    .select('u.displayName as enteredByName')
    .where('t.centerId', '=', centerId)
    .where('t.consultationId', '=', consultationId)
    .orderBy('t.enteredAt')
    .orderBy('t.id')
    .execute();
}

// — counts —

export async function onlineCounts(db: Q, centerId: string, consultationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('forumVotes')
    .select((eb) => ['proposalId', eb.fn.countAll<number>().as('n')])
    .where('centerId', '=', centerId)
    .where('consultationId', '=', consultationId)
    .groupBy('proposalId')
    .execute();
  return new Map(rows.map((r) => [r.proposalId, Number(r.n)]));
}

export async function paperCounts(db: Q, centerId: string, consultationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('forumPaperTallies')
    .select((eb) => ['proposalId', eb.fn.sum<number>('count').as('n')])
    .where('centerId', '=', centerId)
    .where('consultationId', '=', consultationId)
    .groupBy('proposalId')
    .execute();
  return new Map(rows.map((r) => [r.proposalId, Number(r.n)]));
}

export async function voterCount(db: Q, centerId: string, consultationId: string): Promise<number> {
  const row = await db.selectFrom('forumVoters').select((eb) => eb.fn.countAll<number>().as('n')).where('centerId', '=', centerId).where('consultationId', '=', consultationId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Clears the authors' contact (e-mail) of the proposals of every consultation whose votes closed before `day`; answers the rows cleared. */
export async function clearContactsOfConsultationsClosedBefore(db: Q, day: string): Promise<number> {
  const closed = await db.selectFrom('forumConsultations').select(['id', 'centerId']).where('votesCloseOn', '<', day).execute();
  let cleared = 0;
  for (const c of closed) {
    const result = await db
      .updateTable('forumProposals')
      .set({ authorEmail: null })
      .where('centerId', '=', c.centerId)
      .where('consultationId', '=', c.id)
      .where('authorEmail', 'is not', null)
      .executeTakeFirst();
    cleared += Number(result.numUpdatedRows);
  }
  return cleared;
}

// — a person's data (export, merge, erasure) —

export async function votersOfPerson(db: Q, centerId: string, personId: string) {
  return db
    .selectFrom('forumVoters')
    .innerJoin('forumConsultations', 'forumConsultations.id', 'forumVoters.consultationId')
    .select(['forumVoters.id', 'forumConsultations.title as consultation', 'forumVoters.firstName', 'forumVoters.lastName', 'forumVoters.email', 'forumVoters.communeInsee', 'forumVoters.consentAt'])
    .where('forumVoters.centerId', '=', centerId)
    .where('forumVoters.personId', '=', personId)
    .execute();
}

export async function votesOfVoters(db: Q, centerId: string, voterIds: string[]) {
  if (voterIds.length === 0) return [];
  return db
    .selectFrom('forumVotes')
    .innerJoin('forumProposals', 'forumProposals.id', 'forumVotes.proposalId')
    .select(['forumVotes.voterId', 'forumProposals.title', 'forumVotes.createdAt'])
    .where('forumVotes.centerId', '=', centerId)
    .where('forumVotes.voterId', 'in', voterIds)
    .execute();
}

export async function proposalsOfPerson(db: Q, centerId: string, personId: string) {
  return db
    .selectFrom('forumProposals')
    .select(['title', 'body', 'origin', 'status', 'authorName', 'authorEmail', 'createdAt'])
    .where('centerId', '=', centerId)
    .where('authorPersonId', '=', personId)
    .execute();
}

export async function mergePerson(db: Q, centerId: string, keepId: string, duplicateId: string): Promise<void> {
  await db.updateTable('forumVoters').set({ personId: keepId }).where('centerId', '=', centerId).where('personId', '=', duplicateId).execute();
  await db.updateTable('forumProposals').set({ authorPersonId: keepId }).where('centerId', '=', centerId).where('authorPersonId', '=', duplicateId).execute();
}

/** Erasure keeps the votes (counted, anonymous) and the themes, and forgets who gave them. */
export async function erasePerson(db: Q, centerId: string, personId: string): Promise<void> {
  const voters = await db.selectFrom('forumVoters').select('id').where('centerId', '=', centerId).where('personId', '=', personId).execute();
  for (const v of voters) {
    await db.updateTable('forumVoters').set({ firstName: null, lastName: null, email: null, contactKey: `erased:${v.id}` }).where('id', '=', v.id).execute();
  }
  await db.updateTable('forumProposals').set({ authorName: null, authorEmail: null }).where('centerId', '=', centerId).where('authorPersonId', '=', personId).execute();
}
