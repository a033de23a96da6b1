import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import { idParams, userCreateBody, userJson, userPatchBody } from '../centre.schemas.ts';
import type { CentreService } from '../centre.service.ts';

const tags = ['Centre'];

/** Staff accounts, with `users.manage`. */
export function registerUsersApi(app: FastifyInstance, service: CentreService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

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
