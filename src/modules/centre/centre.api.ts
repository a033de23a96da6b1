import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../platform/http/access.ts';
import { centreJson, centrePatchBody } from './centre.schemas.ts';
import type { CentreService } from './centre.service.ts';
import { registerPartnerCommunesApi } from './routes/partner-communes.api.ts';
import { registerSitesApi } from './routes/sites.api.ts';
import { registerUsersApi } from './routes/users.api.ts';

const tags = ['Centre'];

/**
 * The JSON API of the centre module, over the same service as the pages, one file per
 * resource under routes/. Reading the centre, its sites and partner communes needs
 * `centre.read` (every staff role); changes need `centre.manage`, and accounts `users.manage`.
 * Another centre's ids answer 404.
 */
export function registerCentreApi(app: FastifyInstance, service: CentreService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/centre', {
    config: { permission: 'centre.read' },
    schema: { operationId: 'getCentre', tags, summary: 'Le centre de la personne connectée', response: { 200: centreJson } },
  }, async (request) => service.getCentreAs(actorOf(request)));

  api.patch('/api/v1/centre', {
    config: { permission: 'centre.manage' },
    schema: {
      operationId: 'updateCentre',
      tags,
      summary: 'Modifier les informations du centre (nom, adresse, commune, contact, horaires)',
      body: centrePatchBody,
      response: { 200: centreJson },
    },
  }, async (request) => service.updateCentre(actorOf(request), request.body));

  registerSitesApi(app, service);
  registerPartnerCommunesApi(app, service);
  registerUsersApi(app, service);
}
