import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import { idParams, siteCreateBody, siteJson, sitePatchBody, sitesQuery } from '../centre.schemas.ts';
import type { CentreService } from '../centre.service.ts';

const tags = ['Centre'];

/** Sites: read with `centre.read`, add and change with `centre.manage`. */
export function registerSitesApi(app: FastifyInstance, service: CentreService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/sites', {
    config: { permission: 'centre.read' },
    schema: {
      operationId: 'listSites',
      tags,
      summary: 'Les lieux du centre (sans les lieux archivés, sauf avec archives=true)',
      querystring: sitesQuery,
      response: { 200: z.object({ items: z.array(siteJson) }) },
    },
  }, async (request) => ({
    items: await service.sites.listSitesAs(actorOf(request), { includeArchived: request.query.archives === 'true' }),
  }));

  api.post('/api/v1/sites', {
    config: { permission: 'centre.manage' },
    schema: { operationId: 'createSite', tags, summary: 'Ajouter un lieu', body: siteCreateBody, response: { 201: siteJson } },
  }, async (request, reply) => {
    const site = await service.sites.createSiteAs(actorOf(request), request.body);
    return reply.code(201).send(site);
  });

  api.get('/api/v1/sites/:id', {
    config: { permission: 'centre.read' },
    schema: { operationId: 'getSite', tags, summary: 'Un lieu', params: idParams, response: { 200: siteJson } },
  }, async (request) => service.sites.getSiteAs(actorOf(request), request.params.id));

  api.patch('/api/v1/sites/:id', {
    config: { permission: 'centre.manage' },
    schema: {
      operationId: 'updateSite',
      tags,
      summary: 'Modifier un lieu ; archived: true l’archive, false le remet en service',
      params: idParams,
      body: sitePatchBody,
      response: { 200: siteJson },
    },
  }, async (request) => service.sites.updateSiteAs(actorOf(request), request.params.id, request.body));
}
