// Visit requests over HTTP (/api/v1/shuttle/requests): take one, list, read, cancel.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { ShuttleModule } from '../shuttle.module.ts';
import { availabilityWindow, idParams, visitRequestBody, visitRequestQuery } from '../shuttle.schemas.ts';
import { tags } from './shared.ts';

const visitRequestJson = z
  .object({
    id: z.string(),
    personId: z.string(),
    communeInsee: z.string(),
    address: z.string().nullable(),
    location: z.tuple([z.number(), z.number()]).nullable(),
    locationSource: z.enum(['pin', 'geocoder']).nullable().describe('pin : position donnée par l’équipe ; geocoder : trouvée d’après l’adresse (GEOCODER_URL) ; null : centre de la commune'),
    geocodeScore: z.number().nullable().describe('Fiabilité de la position trouvée d’après l’adresse, de 0 à 1'),
    problem: z.string(),
    theme: z.string(),
    urgency: z.string(),
    availability: z.array(availabilityWindow),
    notes: z.string().nullable(),
    durationMinutes: z.number(),
    status: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'VisitRequest', description: 'Une demande de visite à domicile de la navette' });

// A saved request, and how its position was found.
const placedRequestJson = visitRequestJson.extend({
  geocoding: z
    .enum(['pin', 'found', 'not_found', 'unavailable', 'no_address', 'off'])
    .describe('pin : position donnée ; found : adresse trouvée ; not_found : adresse introuvable dans la commune ; unavailable : le service d’adresses n’a pas répondu ; no_address : pas d’adresse à chercher ; off : aucun service configuré. Sans position, la tournée va au centre de la commune.'),
});

/** A request as the API gives it: the person's name and phone stay on the staff's pages. */
function requestOut<T extends { personName: unknown; phone: unknown }>(visit: T): Omit<T, 'personName' | 'phone'> {
  const { personName: _name, phone: _phone, ...out } = visit;
  return out;
}

/** Visit requests: taken, read, corrected and cancelled with `shuttle.requests`. */
export function registerVisitRequestsApi(app: FastifyInstance, s: ShuttleModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/shuttle/requests',
    {
      config: { permission: 'shuttle.requests' },
      schema: {
        operationId: 'createVisitRequest',
        tags,
        summary: 'Enregistrer une demande de visite à domicile (souvent prise au téléphone) ; sans position, l’adresse est cherchée dans la commune quand un service d’adresses est configuré',
        body: visitRequestBody,
        response: { 201: placedRequestJson },
      },
    },
    async (request, reply) => reply.code(201).send(await s.requests.create(actorOf(request), request.body)),
  );

  api.get(
    '/api/v1/shuttle/requests',
    {
      config: { permission: 'shuttle.requests' },
      schema: { operationId: 'listVisitRequests', tags, summary: 'Les demandes de visite du centre, les plus anciennes d’abord (filtre : status)', querystring: visitRequestQuery, response: { 200: z.object({ items: z.array(visitRequestJson) }) } },
    },
    async (request) => ({ items: await s.requests.list(actorOf(request), request.query) }),
  );

  api.get(
    '/api/v1/shuttle/requests/:id',
    { config: { permission: 'shuttle.requests' }, schema: { operationId: 'getVisitRequest', tags, summary: 'Une demande de visite', params: idParams, response: { 200: visitRequestJson } } },
    async (request) => requestOut(await s.requests.get(actorOf(request), request.params.id)),
  );

  api.put(
    '/api/v1/shuttle/requests/:id',
    {
      config: { permission: 'shuttle.requests' },
      schema: {
        operationId: 'updateVisitRequest',
        tags,
        summary: 'Corriger une demande en attente (adresse, position, heures de présence, urgence…) : mêmes champs qu’à la création, la personne ne change pas (409 si la demande est déjà dans une tournée confirmée)',
        params: idParams,
        body: visitRequestBody,
        response: { 200: placedRequestJson },
      },
    },
    async (request) => requestOut(await s.requests.update(actorOf(request), request.params.id, request.body)),
  );

  api.post(
    '/api/v1/shuttle/requests/:id/cancel',
    { config: { permission: 'shuttle.requests' }, schema: { operationId: 'cancelVisitRequest', tags, summary: 'Annuler une demande en attente (409 si elle est déjà dans une tournée)', params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await s.requests.cancel(actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
