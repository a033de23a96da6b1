import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { communeLabel } from '../../platform/communes.ts';
import { notFound } from '../../platform/errors.ts';
import { apiErrors } from '../../platform/http/api-docs.ts';
import { rejectInvalidRequest, translateFields } from '../../platform/http/errors-handler.ts';
import { requirePermission } from '../../platform/http/request-context.ts';
import { translate } from '../../platform/i18n/index.ts';
import {
  communeListSchema,
  duplicateErrorSchema,
  exportSchema,
  mergeBody,
  personIdParams,
  personListQuery,
  personListSchema,
  personSchema,
} from './person.schemas.ts';
import { PossibleDuplicateError, type PeopleService } from './person.service.ts';

const tags = ['Personnes'];
const errors = apiErrors(400, 401, 403, 404, 422);
// A 409 is either a possible duplicate (with the look-alikes) or a plain conflict (erased file).
const conflictSchema = duplicateErrorSchema.partial({ duplicates: true, hiddenCount: true });

export function registerPeopleApi(app: FastifyInstance, service: PeopleService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/persons',
    {
    config: { permission: 'persons.read' },
      schema: {
        operationId: 'searchPersons',
        tags,
        summary: 'Chercher des personnes',
        description:
          'Recherche sans accents dans le nom, le prénom, le téléphone, l’e-mail et la commune ; chaque mot doit correspondre. Les personnes effacées ou fusionnées n’apparaissent pas. Un compte bénévole ne voit que les personnes qu’il accompagne ou qu’il a inscrites. Ordre alphabétique français (nom puis prénom, sans tenir compte des accents ni de la casse) ; pagination par curseur : passez `next` ou `previous` de la réponse dans `cursor`.',
        querystring: personListQuery,
        response: { 200: personListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'persons.read');
      return service.search(actor, request.query);
    },
  );

  api.post(
    '/api/v1/persons',
    {
    config: { permission: 'persons.write' },
      attachValidation: true,
      schema: {
        operationId: 'createPerson',
        tags,
        summary: 'Inscrire une personne',
        description:
          'Prénom, nom et `consents.data_processing: true` sont obligatoires ; `parental_authorisation` aussi pour une personne de moins de 18 ans. `commune` accepte un nom, « Nom (code postal) » ou un code INSEE. Si la personne ressemble à une personne déjà inscrite, la réponse est 409 `possible_duplicate` avec les fiches semblables : renvoyez la demande avec `confirmNotDuplicate: true` pour l’inscrire quand même.',
        body: service.schemas.create,
        response: { 201: personSchema, 409: conflictSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'persons.write');
      rejectInvalidRequest(request);
      try {
        const file = await service.create(actor, request.body);
        return reply.code(201).send(file);
      } catch (error) {
        if (!(error instanceof PossibleDuplicateError)) throw error;
        return reply.code(409).send({
          error: error.code,
          message: translate(request.locale, error.messageKey),
          fields: translateFields(request.locale, error.fields),
          duplicates: error.duplicates,
          hiddenCount: error.hiddenCount,
        });
      }
    },
  );

  api.get(
    '/api/v1/persons/:id',
    {
    config: { permission: 'persons.read' },
      schema: {
        operationId: 'getPerson',
        tags,
        summary: 'Lire la fiche d’une personne',
        description: 'Chaque lecture est inscrite au journal des accès de la fiche.',
        params: personIdParams,
        response: { 200: personSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'persons.read');
      return service.get(actor, request.params.id);
    },
  );

  api.patch(
    '/api/v1/persons/:id',
    {
    config: { permission: 'persons.write' },
      attachValidation: true,
      schema: {
        operationId: 'updatePerson',
        tags,
        summary: 'Modifier la fiche d’une personne',
        description:
          'Seuls les champs envoyés changent ; `null` vide un champ facultatif. Un accord modifié ajoute une ligne datée. `membership` (objet) enregistre l’adhésion de l’année en cours, `null` la retire.',
        params: personIdParams,
        body: service.schemas.patch,
        response: { 200: personSchema, ...apiErrors(409), ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'persons.write');
      if (request.validationError) {
        // The file must exist and be visible before its fields are discussed.
        if (!(await service.canSee(actor, String((request.params as { id?: unknown }).id ?? '')))) throw notFound();
        rejectInvalidRequest(request);
      }
      return service.update(actor, request.params.id, request.body);
    },
  );

  api.delete(
    '/api/v1/persons/:id',
    {
    config: { permission: 'persons.erase' },
      schema: {
        operationId: 'erasePerson',
        tags,
        summary: 'Effacer une personne (droit à l’effacement)',
        description:
          'Supprime l’identité et les contacts (et ceux des fiches fusionnées avec elle) ; garde la tranche d’âge, la commune, la situation, le genre, les adhésions et les dates des accords pour les statistiques. Définitif.',
        params: personIdParams,
        response: { 204: z.undefined().describe('Fiche effacée'), ...apiErrors(409), ...errors },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'persons.erase');
      await service.erase(actor, request.params.id);
      return reply.code(204).send();
    },
  );

  api.get(
    '/api/v1/persons/:id/export',
    {
    config: { permission: 'persons.export' },
      schema: {
        operationId: 'exportPerson',
        tags,
        summary: 'Exporter les données d’une personne (droit d’accès)',
        description: 'La fiche, ses adhésions et accords, le journal des accès et les données des autres modules (inscriptions, rendez-vous…).',
        params: personIdParams,
        response: { 200: exportSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'persons.export');
      return service.exportData(actor, request.params.id);
    },
  );

  api.post(
    '/api/v1/persons/:id/merge',
    {
    config: { permission: 'persons.merge' },
      attachValidation: true,
      schema: {
        operationId: 'mergePerson',
        tags,
        summary: 'Fusionner une fiche en double dans celle-ci',
        description:
          'La fiche `id` est conservée ; ses champs vides sont complétés par la fiche `duplicateId`, dont les adhésions (années non détenues), les accords et les suivis des autres modules sont déplacés. La fiche en double disparaît des recherches.',
        params: personIdParams,
        body: mergeBody,
        response: { 200: personSchema, ...apiErrors(409), ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'persons.merge');
      rejectInvalidRequest(request);
      return service.merge(actor, request.params.id, request.body.duplicateId);
    },
  );

  api.get(
    '/api/v1/communes',
    {
    config: { permission: 'persons.write' },
      schema: {
        operationId: 'searchCommunes',
        tags,
        summary: 'Chercher une commune par le début de son nom',
        description: 'Pour l’autocomplétion du formulaire d’inscription. Les plus peuplées d’abord, 15 au plus.',
        querystring: z.object({ q: z.string().max(100).optional() }),
        response: { 200: communeListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'persons.write');
      return service.searchCommunes(actor, request.query.q ?? '').map((c) => ({
        code: c.code,
        name: c.name,
        postalCodes: c.postalCodes,
        label: communeLabel(c),
      }));
    },
  );
}
