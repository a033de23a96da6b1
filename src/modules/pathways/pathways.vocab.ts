/** The closed lists of the pathways module; labels live in the i18n catalogue (pathways.*). */
export const MODULE_LEVELS = ['decouverte', 'debutant', 'intermediaire', 'avance'] as const;
export type ModuleLevel = (typeof MODULE_LEVELS)[number];

export const AUDIENCES = ['tout_public', 'enfants', 'adolescents', 'adultes', 'seniors', 'familles', 'benevoles', 'equipe'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What a facilitator records for a skill at an evaluation time. */
export const SKILL_STATUSES = ['non_acquis', 'en_cours', 'acquis'] as const;
export type SkillStatus = (typeof SKILL_STATUSES)[number];

/** The autonomy scale recorded with a skill. */
export const AUTONOMY_LEVELS = ['avec_guidage', 'autonome_avec_aide', 'autonome'] as const;
export type Autonomy = (typeof AUTONOMY_LEVELS)[number];

/** The learner's own view: "je sais faire" / "pas encore". */
export const SELF_ASSESSMENTS = ['sait_faire', 'pas_encore'] as const;
export type SelfAssessment = (typeof SELF_ASSESSMENTS)[number];

export const EVALUATION_KINDS = ['positioning_quiz', 'positioning_checklist', 'facilitator', 'self'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];

/** Where an enrolment stands, as its list shows and filters it: completed wins over the stored status. */
export const ENROLMENT_STATES = ['active', 'completed', 'withdrawn'] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

export const ENROLMENT_SOURCES = ['staff', 'registration', 'api'] as const;
export type EnrolmentSource = (typeof ENROLMENT_SOURCES)[number];

/** Pictograms authors may attach to a question (drawn by the app, no upload needed). */
export const PICTURES = ['tablette', 'wifi', 'appareil_photo', 'enveloppe', 'cadenas', 'telephone', 'souris', 'clavier', 'alerte', 'loupe', 'robot', 'visio'] as const;
export type Picture = (typeof PICTURES)[number];
