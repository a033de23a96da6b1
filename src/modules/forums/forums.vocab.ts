/** Codes stored by the forums module; their French labels are in src/platform/i18n/fr/forums.ts. */
export const PROPOSAL_ORIGINS = ['web', 'paper', 'phone'] as const;
export type ProposalOrigin = (typeof PROPOSAL_ORIGINS)[number];

export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'merged', 'rejected'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const PHASES = ['upcoming', 'proposals', 'votes', 'programme'] as const;
export type Phase = (typeof PHASES)[number];

export const MAX_VOTES_PER_PERSON = 20;
export const MAX_TALLY = 10_000;
