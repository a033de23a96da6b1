import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalid } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/access.ts';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { rejectInvalidRequest } from '../../../platform/http/errors-handler.ts';
import { accompanimentInput, isCalendarDate } from '../helpdesk.schemas.ts';
import type { HelpdeskModule } from '../helpdesk.routes.tsx';
import { parisToUtcMs } from '../../../platform/time.ts';
import { accompanimentSchema, errors, listQuery } from './schemas.ts';

/** Accompaniment records (national vocabulary): list and record. */
export function registerAccompanimentsApi(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/accompaniments',
    {
    config: { permission: 'helpdesk.desk' },
      schema: {
        operationId: 'listAccompaniments',
        tags: ['Accompagnements'],
        summary: 'Lister les accompagnements',
        description: 'Du plus récent au plus ancien. Un compte bénévole ne voit que ceux qu’il a notés.',
        querystring: listQuery,
        response: { 200: z.array(accompanimentSchema), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { from, to, person, limit, offset } = request.query;
      if (from && !isCalendarDate(from)) throw invalid({ from: 'helpdesk.slots.from.invalid' });
      if (to && !isCalendarDate(to)) throw invalid({ to: 'helpdesk.slots.to.invalid' });
      return helpdesk.accompaniments.listAccompaniments(actor, {
        from: from ? new Date(parisToUtcMs(from, 0)).toISOString() : undefined,
        to: to ? new Date(parisToUtcMs(to, 1440)).toISOString() : undefined,
        personId: person,
        limit,
        offset,
      });
    },
  );
  api.post(
    '/api/v1/accompaniments',
    {
    config: { permission: 'helpdesk.desk' },
      attachValidation: true,
      schema: {
        operationId: 'recordAccompaniment',
        tags: ['Accompagnements'],
        summary: 'Noter un accompagnement',
        description:
          'Vocabulaire national (La Coop de la médiation numérique) : lieu, matériel, thèmes, démarche, autonomie, orientation. Avec `appointmentId`, clôt le rendez-vous avec la présence de la personne (`outcome: seen`). Un compte rendu qui ressemble à un mot de passe ou à des identifiants est refusé (422) : le centre ne les garde jamais.',
        body: accompanimentInput,
        response: { 201: accompanimentSchema, ...apiErrors(409), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      rejectInvalidRequest(request);
      return reply.code(201).send(await helpdesk.accompaniments.recordAccompaniment(actor, request.body));
    },
  );
}
