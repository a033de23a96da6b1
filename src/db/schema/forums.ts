// Forums: consultations, proposals, voters, votes, paper tallies (src/modules/forums).
import type { Generated } from 'kysely';
import type { Bool } from './bool.ts';

export interface ForumConsultationsTable {
  id: string;
  centerId: string;
  title: string;
  description: string | null;
  proposalsOpenOn: string;
  votesOpenOn: string;
  votesCloseOn: string;
  votesPerPerson: number;
  moderation: Bool;
  eligibleCommunes: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ForumProposalsTable {
  id: string;
  centerId: string;
  consultationId: string;
  title: string;
  body: string;
  communeInsee: string | null;
  origin: string;
  status: string;
  publicAnswer: string | null;
  mergedIntoId: string | null;
  reportsCount: Generated<number>;
  activityId: string | null;
  authorPersonId: string | null;
  authorName: string | null;
  authorEmail: string | null;
  enteredBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ForumVotersTable {
  id: string;
  centerId: string;
  consultationId: string;
  personId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  contactKey: string;
  communeInsee: string | null;
  consentAt: string;
  voteSeq: Generated<number>;
  createdAt: string;
}

export interface ForumVotesTable {
  id: string;
  centerId: string;
  consultationId: string;
  voterId: string;
  proposalId: string;
  createdAt: string;
}

export interface ForumPaperTalliesTable {
  id: string;
  centerId: string;
  consultationId: string;
  proposalId: string;
  count: number;
  collectedWhere: string;
  collectedOn: string;
  enteredBy: string | null;
  enteredAt: string;
}

export interface ForumsTables {
  forumConsultations: ForumConsultationsTable;
  forumProposals: ForumProposalsTable;
  forumVoters: ForumVotersTable;
  forumVotes: ForumVotesTable;
  forumPaperTallies: ForumPaperTalliesTable;
}
