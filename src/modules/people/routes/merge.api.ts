import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../../platform/http/access.ts';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { rejectInvalidRequest } from '../../../platform/http/errors-handler.ts';
import { mergeBody, personIdParams, personSchema } from '../person.schemas.ts';
import type { PeopleService } from '../person.service.ts';
import { errors, tags } from './api-shared.ts';

/** Merging a duplicate file into the one kept. */
export function registerMergeApi(app: FastifyInstance, service: PeopleService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return service.merge(actor, request.params.id, request.body.duplicateId);
    },
  );
}
