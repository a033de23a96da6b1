import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

import {
  centreJson,
  centrePatchBody,
  idParams,
  partnerCommuneCreateBody,
  partnerCommuneJson,
  partnerCommunePatchBody,
  siteCreateBody,
  siteJson,
  sitePatchBody,
  sitesQuery,
  userCreateBody,
  userJson,
  userPatchBody,
} from './centre.schemas.ts';
import type { CentreService } from './centre.service.ts';
import { actorOf } from '../../platform/http/access.ts';

const tags = ['Centre'];

/**
 * The JSON API of the centre module, over the same service as the pages. Reading the centre,
 * its sites and partner communes needs `centre.read` (every staff role); changes need
 * `centre.manage`, and accounts `users.manage`. Another centre's ids answer 404.
 */
export function registerCentreApi(app: FastifyInstance, service: CentreService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // — The centre —

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

  // — Sites —

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

  // — Partner communes —

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

  // — Staff accounts —

  api.get('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: { operationId: 'listUsers', tags, summary: 'Les comptes de l’équipe', response: { 200: z.object({ items: z.array(userJson) }) } },
  }, async (request) => ({ items: await service.staff.listStaffAs(actorOf(request)) }));

  api.post('/api/v1/users', {
    config: { permission: 'users.manage' },
    schema: {
      operationId: 'createUser',
      tags,
      summary: 'Créer un compte : la personne reçoit par e-mail un lien pour choisir son mot de passe (valable 7 jours)',
      body: userCreateBody,
      response: { 201: userJson },
    },
  }, async (request, reply) => {
    const user = await service.staff.inviteStaffAs(actorOf(request), request.body, request.locale);
    return reply.code(201).send(user);
  });

  api.get('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: { operationId: 'getUser', tags, summary: 'Un compte de l’équipe', params: idParams, response: { 200: userJson } },
  }, async (request) => service.staff.getStaffAs(actorOf(request), request.params.id));

  api.patch('/api/v1/users/:id', {
    config: { permission: 'users.manage' },
    schema: {
      operationId: 'updateUser',
      tags,
      summary: 'Modifier un compte : nom, rôle, commune partenaire, actif (active: false le désactive)',
      params: idParams,
      body: userPatchBody,
      response: { 200: userJson },
    },
  }, async (request) => service.staff.updateStaffAs(actorOf(request), request.params.id, request.body));
}
