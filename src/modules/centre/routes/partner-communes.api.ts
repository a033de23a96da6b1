import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import { idParams, partnerCommuneCreateBody, partnerCommuneJson, partnerCommunePatchBody } from '../centre.schemas.ts';
import type { CentreService } from '../centre.service.ts';

const tags = ['Centre'];

/** Partner communes: read with `centre.read`, add, change and remove with `centre.manage`. */
export function registerPartnerCommunesApi(app: FastifyInstance, service: CentreService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/partner-communes', {
    config: { permission: 'centre.read' },
    schema: { operationId: 'listPartnerCommunes', tags, summary: 'Les communes partenaires du centre', response: { 200: z.object({ items: z.array(partnerCommuneJson) }) } },
  }, async (request) => ({ items: await service.sites.listPartnerCommunesAs(actorOf(request)) }));

  api.post('/api/v1/partner-communes', {
    config: { permission: 'centre.manage' },
    schema: {
      operationId: 'addPartnerCommune',
      tags,
      summary: 'Ajouter une commune partenaire (par son code INSEE)',
      body: partnerCommuneCreateBody,
      response: { 201: partnerCommuneJson },
    },
  }, async (request, reply) => {
    const commune = await service.sites.addPartnerCommuneAs(actorOf(request), request.body);
    return reply.code(201).send(commune);
  });

  api.patch('/api/v1/partner-communes/:id', {
    config: { permission: 'centre.manage' },
    schema: {
      operationId: 'updatePartnerCommune',
      tags,
      summary: 'Modifier le contact d’une commune partenaire',
      params: idParams,
      body: partnerCommunePatchBody,
      response: { 200: partnerCommuneJson },
    },
  }, async (request) => service.sites.updatePartnerCommuneAs(actorOf(request), request.params.id, request.body));

  api.delete('/api/v1/partner-communes/:id', {
    config: { permission: 'centre.manage' },
    schema: {
      operationId: 'removePartnerCommune',
      tags,
      summary: 'Retirer une commune partenaire (refusé tant que des comptes partenaires actifs y sont rattachés)',
      params: idParams,
      response: { 204: z.null().describe('Commune retirée') },
    },
  }, async (request, reply) => {
    await service.sites.removePartnerCommuneAs(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
