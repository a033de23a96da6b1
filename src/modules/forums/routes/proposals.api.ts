// API of proposed themes: all of them with forums.read, proposing (residents, or paper entries with forums.enter), moderating with forums.manage, reporting.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { actorOf } from '../../../platform/http/access.ts';
import { rejectInvalidRequest } from '../../../platform/http/errors-handler.ts';
import type { ForumService } from '../forum.service.ts';
import { idParams, moderationInput, programmeInput, proposalInput, proposalOutput } from '../forums.schemas.ts';
import { centreOf, proposalJson, tags } from './api-shared.ts';
import { PUBLIC_POST_RATE } from './public-shared.ts';

export function registerProposalsApi(app: FastifyInstance, forums: ForumService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/forums/consultations/:id/proposals', {
    config: { permission: 'forums.read' },
    schema: { operationId: 'listProposals', tags, summary: 'Toutes les propositions d’une consultation (toutes les étapes de modération)', params: idParams, response: { 200: z.object({ items: z.array(proposalOutput) }) } },
  }, async (request) => ({ items: (await forums.proposals(actorOf(request), request.params.id)).map(proposalJson) }));

  api.post('/api/v1/forums/consultations/:id/proposals', {
    config: { access: 'public', permission: 'forums.enter', rateLimit: PUBLIC_POST_RATE },
    attachValidation: true,
    schema: {
      operationId: 'proposeTheme', tags, summary: 'Proposer un thème',
      description: 'Sans compte (habitant) : pendant la phase des propositions, avec prénom, nom, e-mail et `consent: true` ; ou sans nom avec `anonymous: true`, l’e-mail et `consent: true` (l’adresse reste privée : elle sert seulement à dire à la personne ce que devient sa proposition, et elle est effacée deux mois après la fin des votes). Le nom et l’adresse ne sont jamais publiés ni renvoyés par l’API. Avec un compte de l’équipe : une proposition reçue sur papier (`origin: paper`) ou par téléphone (`phone`), jusqu’à la fin des votes. 409 hors de la phase ; 429 sans compte au-delà de 3 propositions par jour par adresse e-mail ou de 10 par connexion.',
      security: [], params: idParams, body: proposalInput, response: { 201: proposalOutput, ...apiErrors(409, 429) },
    },
  }, async (request, reply) => {
    // The access hook has refused a signed-in caller without forums.enter.
    const actor = request.actor ?? null;
    rejectInvalidRequest(request);
    return reply.code(201).send(proposalJson(await forums.propose(actor, centreOf(request), request.params.id, request.body, actor ? null : request.ip)));
  });

  api.patch('/api/v1/forums/proposals/:id', {
    config: { permission: 'forums.manage' },
    schema: {
      operationId: 'moderateProposal', tags, summary: 'Modérer une proposition : accepter, refuser (motif public), regrouper avec une autre (`mergedIntoId`), ou répondre',
      params: idParams, body: moderationInput, response: { 200: proposalOutput },
    },
  }, async (request) => proposalJson(await forums.moderate(actorOf(request), request.params.id, request.body)));

  api.post('/api/v1/forums/proposals/:id/programme', {
    config: { permission: 'forums.manage' },
    schema: {
      operationId: 'programmeTheme', tags,
      summary: 'Programmer un thème retenu : un temps d’information publié au programme, avec inscription, relié au thème dans les résultats',
      description: '409 si le thème n’est pas retenu, déjà programmé, ou si les votes ne sont pas encore ouverts.',
      params: idParams, body: programmeInput, response: { 201: z.object({ activityId: z.string() }), ...apiErrors(409) },
    },
  }, async (request, reply) => reply.code(201).send(await forums.programme(actorOf(request), request.params.id, request.body)));

  api.post('/api/v1/forums/proposals/:id/reports', {
    config: { access: 'public', rateLimit: PUBLIC_POST_RATE },
    schema: { operationId: 'reportProposal', tags, summary: 'Signaler un thème à l’équipe', security: [], params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await forums.report(centreOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
