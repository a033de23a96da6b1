/**
 * Zod schemas of the pathways module: the JSON API bodies (strict types, in the OpenAPI
 * document) and the HTML forms (strings and checkbox lists). Error messages are catalogue keys.
 */
import { z } from 'zod';
import { CENTRE_ROLES } from '../../platform/auth/roles.ts';
import { frameworkDocumentSchema } from './framework.ts';
import { AUDIENCES, AUTONOMY_LEVELS, ENROLMENT_STATES, MODULE_LEVELS, PICTURES, SKILL_STATUSES } from './pathways.vocab.ts';

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'errors.invalidId' });
export const idParams = z.object({ id: uuid });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'pathways.text.tooLong' })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

/** A checkbox group posts nothing, one string or several: always an array here. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

// ---------------------------------------------------------------- framework

export const frameworkImportBody = frameworkDocumentSchema;

export const skillForm = z.object({
  statement: z.string().trim().min(1, { error: 'pathways.skill.statementRequired' }).max(300, { error: 'pathways.text.tooLong' }),
  difficulty: z.coerce.number({ error: 'pathways.skill.difficultyInvalid' }).int({ error: 'pathways.skill.difficultyInvalid' }).min(1, { error: 'pathways.skill.difficultyInvalid' }).max(8, { error: 'pathways.skill.difficultyInvalid' }),
});
export const newSkillForm = skillForm.extend({ subjectId: z.string({ error: 'pathways.skill.subjectUnknown' }).min(1, { error: 'pathways.skill.subjectUnknown' }) });

// ---------------------------------------------------------------- pathways and modules

const moduleFields = {
  title: z.string().trim().min(1, { error: 'pathways.module.titleRequired' }).max(200, { error: 'pathways.text.tooLong' }),
  level: z.enum(MODULE_LEVELS, { error: 'pathways.module.levelRequired' }),
  description: optionalText(2000),
};

export const moduleBody = z.object({
  ...moduleFields,
  suggestedSessions: z.int({ error: 'pathways.module.sessionsInvalid' }).min(1, { error: 'pathways.module.sessionsInvalid' }).max(100, { error: 'pathways.module.sessionsInvalid' }),
  skillIds: z.array(uuid).min(1, { error: 'pathways.module.skillsRequired' }).max(200),
  activityIds: z.array(uuid).max(50).default([]),
});
export type ModuleInput = z.output<typeof moduleBody>;

export const moduleForm = z.object({
  ...moduleFields,
  suggestedSessions: z.coerce.number({ error: 'pathways.module.sessionsInvalid' }).int({ error: 'pathways.module.sessionsInvalid' }).min(1, { error: 'pathways.module.sessionsInvalid' }).max(100, { error: 'pathways.module.sessionsInvalid' }),
  skillIds: list(z.string()).pipe(z.array(z.string()).min(1, { error: 'pathways.module.skillsRequired' }).max(200)),
  activityIds: list(z.string()).pipe(z.array(z.string()).max(50)),
});

const pathwayFields = {
  title: z.string().trim().min(1, { error: 'pathways.pathway.titleRequired' }).max(200, { error: 'pathways.text.tooLong' }),
  audience: z.enum(AUDIENCES, { error: 'pathways.pathway.audienceRequired' }),
  description: optionalText(4000),
};

export const pathwayBody = z.object({
  ...pathwayFields,
  modules: z.array(moduleBody).min(1, { error: 'pathways.pathway.modulesRequired' }).max(50),
});
export type PathwayInput = z.output<typeof pathwayBody>;

export const pathwayForm = z.object(pathwayFields);

/** The creation page asks for the pathway and its first module together (no empty pathway). */
export const newPathwayForm = z.object({
  ...pathwayFields,
  moduleTitle: moduleFields.title,
  moduleLevel: moduleFields.level,
  moduleSessions: moduleForm.shape.suggestedSessions,
  skillIds: moduleForm.shape.skillIds,
});

// ---------------------------------------------------------------- enrolments and evaluations

/** The centre's enrolments (GET /api/v1/pathways/enrolments): the filters of the page /parcours/inscriptions, and a page. */
export const enrolmentsQuery = z.object({
  pathwayId: uuid.optional().describe('Seulement les inscriptions à ce parcours (un parcours d’un autre centre : 422)'),
  state: z.enum(ENROLMENT_STATES, { error: 'pathways.enrolmentList.stateUnknown' }).optional().describe('Seulement les inscriptions dans cet état : active (en cours), completed (terminée, même arrêtée ensuite), withdrawn (arrêtée)'),
  q: z.string().max(100, { error: 'pathways.text.tooLong' }).optional().describe('Début du prénom ou du nom de la personne inscrite (pour une personne accompagnée, aussi son téléphone, son e-mail ou sa commune)'),
  limit: z.coerce.number({ error: 'pathways.enrolmentList.limitInvalid' }).int({ error: 'pathways.enrolmentList.limitInvalid' }).min(1, { error: 'pathways.enrolmentList.limitInvalid' }).max(200, { error: 'pathways.enrolmentList.limitInvalid' }).default(50).describe('Nombre d’inscriptions par page (1 à 200, 50 par défaut)'),
  offset: z.coerce.number({ error: 'pathways.enrolmentList.offsetInvalid' }).int({ error: 'pathways.enrolmentList.offsetInvalid' }).min(0, { error: 'pathways.enrolmentList.offsetInvalid' }).max(10_000_000, { error: 'pathways.enrolmentList.offsetInvalid' }).default(0).describe('Nombre d’inscriptions à sauter (0 par défaut)'),
});

export const enrolmentBody = z
  .object({
    personId: uuid.optional(),
    userId: uuid.optional(),
    source: z.enum(['staff', 'registration', 'api']).default('api'),
  })
  .refine((v) => (v.personId === undefined) !== (v.userId === undefined), { error: 'pathways.enrolment.learnerRequired', path: ['personId'] });

export const evaluationBody = z.object({
  moduleId: uuid.nullable().optional(),
  kind: z.enum(['facilitator', 'positioning_checklist']).default('facilitator'),
  comment: optionalText(2000),
  results: z
    .array(z.object({ skillId: uuid, status: z.enum(SKILL_STATUSES), autonomy: z.enum(AUTONOMY_LEVELS).nullable().optional() }))
    .min(1, { error: 'pathways.evaluation.resultsRequired' })
    .max(300),
});
export type EvaluationInput = z.output<typeof evaluationBody>;

// ---------------------------------------------------------------- quiz

export const questionBody = z.object({
  skillId: uuid,
  prompt: z.string().trim().min(1, { error: 'pathways.question.promptRequired' }).max(500, { error: 'pathways.text.tooLong' }),
  picture: z.enum(PICTURES).nullable().optional(),
  pictureAlt: optionalText(200),
  choices: z
    .array(z.object({ label: z.string().trim().min(1, { error: 'pathways.question.choiceRequired' }).max(200), correct: z.boolean() }))
    .min(2, { error: 'pathways.question.twoChoices' })
    .max(6, { error: 'pathways.question.tooManyChoices' }),
});
export type QuestionInput = z.output<typeof questionBody>;

export const quizStartBody = z.object({ enrolmentId: uuid, maxLength: z.int().min(1).max(60).optional(), seed: z.string().max(100).optional() });
/** choiceId null is "je ne sais pas". */
export const quizAnswerBody = z.object({ questionId: uuid, choiceId: z.string().max(100).nullable() });

// ---------------------------------------------------------------- training and badges

export const trainingRequirementForm = z.object({
  role: z.enum(CENTRE_ROLES, { error: 'pathways.training.roleRequired' }),
  pathwayId: z.string({ error: 'pathways.training.pathwayRequired' }).min(1, { error: 'pathways.training.pathwayRequired' }),
});
