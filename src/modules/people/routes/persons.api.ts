import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notFound } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/access.ts';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { rejectInvalidRequest, translateFields } from '../../../platform/http/errors-handler.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { duplicateErrorSchema, personIdParams, personListQuery, personListSchema, personSchema } from '../person.schemas.ts';
import { PossibleDuplicateError, type PeopleService } from '../person.service.ts';
import { errors, tags } from './api-shared.ts';

// A 409 is either a possible duplicate (with the look-alikes) or a plain conflict (erased file).
const conflictSchema = duplicateErrorSchema.partial({ duplicates: true, hiddenCount: true });

/** Finding and reading files: search, one file. */
export function registerPersonReadApi(app: FastifyInstance, service: PeopleService): void {
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
      const actor = actorOf(request);
      return service.search(actor, request.query);
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
      const actor = actorOf(request);
      return service.get(actor, request.params.id);
    },
  );
}

/** Registering a person and changing a file. */
export function registerPersonWriteApi(app: FastifyInstance, service: PeopleService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
      const actor = actorOf(request);
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
      const actor = actorOf(request);
      if (request.validationError) {
        // The file must exist and be visible before its fields are discussed.
        if (!(await service.canSee(actor, String((request.params as { id?: unknown }).id ?? '')))) throw notFound();
        rejectInvalidRequest(request);
      }
      return service.update(actor, request.params.id, request.body);
    },
  );
}
