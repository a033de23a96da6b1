import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { communeLabel } from '../../../platform/communes.ts';
import { actorOf } from '../../../platform/http/access.ts';
import { communeListSchema } from '../person.schemas.ts';
import type { PeopleService } from '../person.service.ts';
import { errors, tags } from './api-shared.ts';

/** Communes by the start of their name, for the registration form. */
export function registerCommunesApi(app: FastifyInstance, service: PeopleService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
      const actor = actorOf(request);
      return service.searchCommunes(actor, request.query.q ?? '').map((c) => ({
        code: c.code,
        name: c.name,
        postalCodes: c.postalCodes,
        label: communeLabel(c),
      }));
    },
  );
}
