/**
 * Zod schemas of the forums module: the JSON API (which makes the OpenAPI document) and the
 * service's inputs. Error messages are catalogue keys, translated at render time.
 */
import { z } from 'zod';
import { calendarDate } from '../../platform/dates.ts';
import { MEDIATION_THEMES } from '../../platform/vocab/mediation.ts';
import { MAX_TALLY, MAX_VOTES_PER_PERSON, PHASES, PROPOSAL_ORIGINS, PROPOSAL_STATUSES } from './forums.vocab.ts';
import { withLetter } from '../../platform/person-name.ts';

const text = (max: number, required: string | null) => {
  const base = z.string({ error: required ?? 'forums.text.tooLong' }).trim().max(max, { error: 'forums.text.tooLong' });
  return required ? base.min(1, { error: required }) : base;
};
const optionalText = (max: number) => text(max, null).nullish().transform((v) => (v ? v : null));
const insee = z.string({ error: 'forums.commune.invalid' }).trim().regex(/^\d[0-9AB]\d{3}$/, { error: 'forums.commune.invalid' });

export const emailField = z
  .string({ error: 'forums.email.invalid' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'forums.email.invalid' })
  .refine((v) => z.regexes.email.test(v), { error: 'forums.email.invalid' });

export const idParams = z.object({ id: z.uuid({ error: 'errors.invalidId' }) });

// — consultations —

export const consultationInput = z.object({
  title: text(200, 'forums.consultation.titleRequired'),
  description: optionalText(4000),
  proposalsOpenOn: calendarDate().describe('Premier jour des propositions (AAAA-MM-JJ, heure de Paris)'),
  votesOpenOn: calendarDate().describe('Premier jour des votes'),
  votesCloseOn: calendarDate().describe('Dernier jour des votes, inclus'),
  votesPerPerson: z.number({ error: 'forums.consultation.votesInvalid' }).int({ error: 'forums.consultation.votesInvalid' }).min(1, { error: 'forums.consultation.votesInvalid' }).max(MAX_VOTES_PER_PERSON, { error: 'forums.consultation.votesInvalid' }),
  moderation: z.boolean({ error: 'forums.consultation.moderationInvalid' }).describe('Les propositions en ligne attendent la validation de l’équipe'),
  eligibleCommunes: z.array(insee).max(200).default([]).describe('Codes INSEE des communes dont les habitants peuvent participer ; vide : tout le monde'),
});
export type ConsultationInput = z.output<typeof consultationInput>;
export const consultationPatch = consultationInput.partial();

export const consultationOutput = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  proposalsOpenOn: z.string(),
  votesOpenOn: z.string(),
  votesCloseOn: z.string(),
  votesPerPerson: z.number(),
  moderation: z.boolean(),
  eligibleCommunes: z.array(z.string()),
  phase: z.enum(PHASES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

// — proposals —

export const proposalInput = z.object({
  title: text(120, 'forums.proposal.titleRequired'),
  body: text(2000, null).default(''),
  communeInsee: insee.nullish().transform((v) => v ?? null),
  origin: z.enum(PROPOSAL_ORIGINS, { error: 'forums.proposal.originInvalid' }).default('web').describe('web pour un habitant ; paper ou phone pour une saisie par l’équipe'),
  anonymous: z
    .boolean({ error: 'forums.anonymous.invalid' })
    .default(false)
    .describe('true : la personne ne donne pas son nom (prénom et nom sont alors ignorés) ; seule son adresse e-mail est gardée, jamais publiée, pour lui dire ce que devient sa proposition'),
  firstName: withLetter(optionalText(100)),
  lastName: withLetter(optionalText(100)),
  email: emailField.nullish().transform((v) => v ?? null).describe('Jamais publiée ni renvoyée par l’API'),
  consent: z.boolean({ error: 'forums.consent.required' }).default(false).describe('Accord pour que le centre garde ces coordonnées le temps de la consultation'),
});
/** What the service takes: `anonymous` may be left out (a named or a staff-entered proposal). */
export type ProposalInput = Omit<z.output<typeof proposalInput>, 'anonymous'> & { anonymous?: boolean };

export const moderationInput = z.object({
  action: z.enum(['accept', 'reject', 'merge', 'answer'], { error: 'forums.moderation.actionInvalid' }),
  publicAnswer: optionalText(2000).describe('Motif public (refus, regroupement) ou réponse du centre'),
  mergedIntoId: z.uuid({ error: 'forums.moderation.mergeTargetRequired' }).nullish().transform((v) => v ?? null),
});
export type ModerationInput = z.output<typeof moderationInput>;

export const proposalOutput = z.object({
  id: z.string(),
  consultationId: z.string(),
  title: z.string(),
  body: z.string(),
  communeInsee: z.string().nullable(),
  origin: z.enum(PROPOSAL_ORIGINS),
  status: z.enum(PROPOSAL_STATUSES),
  publicAnswer: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  reportsCount: z.number(),
  anonymous: z.boolean().describe('Proposée sans nom (en ligne, ou saisie par l’équipe sans auteur)'),
  activityId: z.string().nullable(),
  createdAt: z.string(),
});

// — votes —

export const voteInput = z.object({
  proposalIds: z.array(z.uuid({ error: 'forums.vote.themesRequired' }), { error: 'forums.vote.themesRequired' }).min(1, { error: 'forums.vote.themesRequired' }).max(MAX_VOTES_PER_PERSON, { error: 'forums.vote.tooManyField' }),
  firstName: withLetter(text(100, 'forums.firstName.required')),
  lastName: withLetter(text(100, 'forums.lastName.required')),
  email: emailField,
  communeInsee: insee.nullish().transform((v) => v ?? null),
  consent: z.literal(true, { error: 'forums.consent.required' }),
});
export type VoteInput = z.output<typeof voteInput>;

export const voteOutput = z.object({
  voterId: z.string(),
  proposalIds: z.array(z.string()).describe('Tous les thèmes que cette personne soutient, y compris avant cette demande'),
  added: z.number().describe('Votes ajoutés par cette demande (0 si tout était déjà compté)'),
  remaining: z.number(),
});

// — paper tallies —

export const tallyInput = z.object({
  proposalId: z.uuid({ error: 'forums.tally.themeRequired' }),
  count: z.number({ error: 'forums.tally.countInvalid' }).int({ error: 'forums.tally.countInvalid' }).min(1, { error: 'forums.tally.countInvalid' }).max(MAX_TALLY, { error: 'forums.tally.countInvalid' }),
  collectedWhere: text(200, 'forums.tally.whereRequired'),
  collectedOn: calendarDate(),
});
export type TallyInput = z.output<typeof tallyInput>;

export const tallyOutput = z.object({
  id: z.string(),
  proposalId: z.string(),
  count: z.number(),
  collectedWhere: z.string(),
  collectedOn: z.string(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string(),
});

export const resultsOutput = z.object({
  consultation: consultationOutput.omit({ eligibleCommunes: true }),
  provisional: z.boolean(),
  voters: z.number(),
  items: z.array(
    z.object({
      rank: z.number(),
      proposalId: z.string(),
      title: z.string(),
      online: z.number(),
      paper: z.number(),
      total: z.number(),
      publicAnswer: z.string().nullable(),
      activityId: z.string().nullable().describe('Le forum programmé sur ce thème (GET /api/v1/public/activities/{id}), ou null'),
    }),
  ),
  notRetained: z
    .array(
      z.object({
        title: z.string(),
        status: z.enum(['rejected', 'merged']),
        publicAnswer: z.string().nullable().describe('La raison donnée par le centre'),
        mergedIntoTitle: z.string().nullable().describe('Le thème qui le regroupe, s’il a été fusionné'),
      }),
    )
    .describe('Les thèmes non retenus : refusés ou regroupés avec un autre, et pourquoi'),
});

// — programming a theme —

export const programmeInput = z.object({
  siteId: z.uuid({ error: 'forums.programme.siteRequired' }),
  date: calendarDate(),
  startTime: z.string({ error: 'forums.programme.timeInvalid' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'forums.programme.timeInvalid' }),
  endTime: z.string({ error: 'forums.programme.timeInvalid' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'forums.programme.timeInvalid' }),
  capacity: z.number({ error: 'forums.programme.capacityInvalid' }).int({ error: 'forums.programme.capacityInvalid' }).min(1, { error: 'forums.programme.capacityInvalid' }).max(500, { error: 'forums.programme.capacityInvalid' }),
  theme: z.enum(MEDIATION_THEMES, { error: 'forums.programme.themeRequired' }),
});
export type ProgrammeInput = z.output<typeof programmeInput>;
