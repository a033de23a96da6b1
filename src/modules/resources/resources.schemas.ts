/**
 * Zod schemas of the resource space: the JSON API bodies (in the OpenAPI document) and the
 * editor's form (strings and checkbox lists). Error messages are catalogue keys.
 */
import { z } from 'zod';
import { MEDIATION_THEMES } from '../../platform/vocab/mediation.ts';
import { COMPETENCE_CODES, FICHE_LEVELS, FICHE_STATUSES } from './resources.vocab.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'errors.invalidId' });
export const idParams = z.object({ id: uuid });

const title = z.string({ error: 'resources.title.required' }).trim().min(1, { error: 'resources.title.required' }).max(120, { error: 'resources.title.tooLong' });
const summary = z.string({ error: 'resources.summary.required' }).trim().min(1, { error: 'resources.summary.required' }).max(400, { error: 'resources.summary.tooLong' });
const body = z.string({ error: 'resources.body.required' }).trim().min(1, { error: 'resources.body.required' }).max(40_000, { error: 'resources.body.tooLong' });
const level = z.enum(FICHE_LEVELS, { error: 'resources.level.invalid' });
const themes = z.array(z.enum(MEDIATION_THEMES, { error: 'resources.themes.invalid' })).min(1, { error: 'resources.themes.required' }).max(MEDIATION_THEMES.length);
const competences = z.array(z.enum(COMPETENCE_CODES, { error: 'resources.competences.invalid' })).max(COMPETENCE_CODES.length);
const activityIds = z.array(uuid).max(50);

/** What a fiche is made of, as the service takes it. */
export const ficheBody = z.object({
  title,
  summary,
  body,
  level,
  themes,
  competences: competences.default([]),
  activityIds: activityIds.default([]),
  moduleIds: z.array(uuid).max(50).default([]).describe('Modules de parcours avec lesquels donner la fiche'),
});
/** What a fiche is made of; the pathway modules it goes with may be left out (none). */
export type FicheInput = Omit<z.output<typeof ficheBody>, 'moduleIds'> & { moduleIds?: string[] };

export const fichePatch = ficheBody.partial().extend({ status: z.enum(FICHE_STATUSES, { error: 'resources.status.invalid' }).optional() });
export type FichePatch = z.output<typeof fichePatch>;

export const ficheQuery = z.object({
  q: z.string().max(200).optional(),
  theme: z.enum(MEDIATION_THEMES).optional(),
});

/** A checkbox group posts nothing, one string or several: always an array here. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** The editor's form: the same fields, as a browser posts them. */
export const ficheForm = z.object({
  title,
  summary,
  body,
  level,
  themes: list(z.string()).pipe(themes),
  competences: list(z.string()).pipe(competences),
  activityIds: list(z.string()).pipe(z.array(z.string()).max(50)),
  moduleIds: list(z.string()).pipe(z.array(z.string()).max(50)),
});

/** Field order on the editor's page (the error summary follows it). */
export const FICHE_FORM_ORDER = ['title', 'summary', 'body', 'level', 'themes', 'competences', 'activityIds', 'moduleIds'] as const;

/** The fiches given at a navette visit, as the checkbox form posts them. */
export const givenForm = z.object({ ficheIds: list(z.string()).pipe(z.array(z.string()).max(50)) });
