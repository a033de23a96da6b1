import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { exportSchema, personIdParams } from '../person.schemas.ts';
import type { PeopleService } from '../person.service.ts';
import { errors, tags } from './api-shared.ts';

/** A person’s rights: erasure and access (the export of their data). */
export function registerPersonRightsApi(app: FastifyInstance, service: PeopleService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
      const actor = actorOf(request);
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
      const actor = actorOf(request);
      return service.exportData(actor, request.params.id);
    },
  );
}
