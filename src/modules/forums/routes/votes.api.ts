// API of votes and their count: residents' online votes, the team's paper tallies (forums.read, forums.enter), the public results.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { actorOf } from '../../../platform/http/access.ts';
import type { ForumService } from '../forum.service.ts';
import { idParams, resultsOutput, tallyInput, tallyOutput, voteInput, voteOutput } from '../forums.schemas.ts';
import { centreOf, consultationJson, tags, tallyJson } from './api-shared.ts';

export function registerVotesApi(app: FastifyInstance, forums: ForumService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/v1/forums/consultations/:id/votes', {
    config: { access: 'public' },
    schema: {
      operationId: 'vote', tags, summary: 'Soutenir des thèmes',
      description: 'Sans compte, pendant la phase des votes. Une personne (une adresse e-mail) soutient au plus le nombre de thèmes de la consultation ; un thème déjà soutenu n’est compté qu’une fois. 422 au-delà de la limite, rien n’est enregistré ; 409 hors de la phase ; 429 au-delà de 30 votes par jour depuis une même connexion.',
      security: [], params: idParams, body: voteInput, response: { 200: voteOutput, ...apiErrors(409, 429) },
    },
  }, async (request) => forums.vote(centreOf(request), request.params.id, request.body, request.ip));

  api.get('/api/v1/forums/consultations/:id/tallies', {
    config: { permission: 'forums.read' },
    schema: { operationId: 'listTallies', tags, summary: 'Les décomptes des votes papier', params: idParams, response: { 200: z.object({ items: z.array(tallyOutput) }) } },
  }, async (request) => ({ items: (await forums.tallies(actorOf(request), request.params.id)).map(tallyJson) }));

  api.post('/api/v1/forums/consultations/:id/tallies', {
    config: { permission: 'forums.enter' },
    schema: {
      operationId: 'addTally', tags, summary: 'Saisir un décompte de votes papier pour un thème (nombre, où et quand ils ont été recueillis)',
      params: idParams, body: tallyInput, response: { 201: tallyOutput, ...apiErrors(409) },
    },
  }, async (request, reply) => reply.code(201).send(tallyJson(await forums.addTally(actorOf(request), request.params.id, request.body))));

  api.get('/api/v1/forums/consultations/:id/results', {
    config: { access: 'public' },
    schema: {
      operationId: 'getResults', tags, summary: 'Résultats : thèmes classés, votes en ligne, votes papier et total, réponse du centre',
      description: 'Ouverts à tous dès l’ouverture des votes (404 avant) ; provisoires jusqu’à leur clôture.',
      security: [], params: idParams, response: { 200: resultsOutput, ...apiErrors(404) },
    },
  }, async (request) => {
    const r = await forums.results(centreOf(request), request.params.id);
    const { eligibleCommunes: _e, ...consultation } = consultationJson(r.consultation);
    return { consultation, provisional: r.provisional, voters: r.voters, items: r.items, notRetained: r.notRetained.map((n) => ({ ...n, status: n.status as 'rejected' | 'merged' })) };
  });
}
