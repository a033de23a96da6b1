import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/http/access.ts';
import { rejectInvalidRequest } from '../../platform/http/errors-handler.ts';
import { federationTokenForm } from './federation.schemas.ts';
import type { FederationToken, FederationTokensService } from './federation-tokens.service.ts';

const tags = ['Fédération'];

const AUTH = 'Pour le compte de la fédération connecté (cookie de session), comme la page Fédération › Jetons d’accès à l’API (/federation/jetons). Un jeton de la fédération (`Bearer ldf_…`) ne gère pas les jetons : 403.';

const tokenOutput = z
  .object({
    id: z.string(),
    name: z.string().describe('À quoi sert le jeton'),
    createdAt: z.string().describe('UTC, ISO 8601'),
    lastUsedAt: z.string().nullable().describe('Dernier appel fait avec le jeton (à quelques minutes près) ; null : jamais utilisé'),
    revokedAt: z.string().nullable().describe('null : en service'),
  })
  .describe('Un jeton d’accès de la fédération, sans sa valeur : elle n’est donnée qu’une fois, à sa création');

const createdOutput = tokenOutput.extend({
  token: z.string().describe('La valeur du jeton (préfixe `ldf_`), donnée cette seule fois et jamais conservée en clair : à garder en lieu sûr'),
});

const idParams = z.object({ id: z.string().max(64).describe('Identifiant du jeton') });

const tokenJson = (token: FederationToken): z.infer<typeof tokenOutput> => ({
  id: token.id, name: token.name, createdAt: token.createdAt, lastUsedAt: token.lastUsedAt, revokedAt: token.revokedAt,
});

/** The federation's API tokens in the JSON API: the same service and rules as its pages. */
export function registerFederationTokensApi(app: FastifyInstance, tokens: FederationTokensService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/federation/tokens', {
    config: { permission: 'federation.tokens' },
    schema: {
      operationId: 'listFederationTokens',
      tags,
      summary: 'Les jetons d’accès de la fédération, les plus récents d’abord (en service et révoqués), sans leur valeur',
      description: AUTH,
      response: { 200: z.object({ items: z.array(tokenOutput) }) },
    },
  }, async (request) => ({ items: (await tokens.listAs(actorOf(request))).map(tokenJson) }));

  api.post('/api/v1/federation/tokens', {
    config: { permission: 'federation.tokens' },
    // Who may call it is settled before the body is read: a token gets 403 whatever it sends.
    attachValidation: true,
    schema: {
      operationId: 'createFederationToken',
      tags,
      summary: 'Créer un jeton d’accès pour un logiciel de la fédération : sa valeur est dans la réponse, et nulle part ailleurs',
      description: [
        AUTH,
        '',
        'La réponse (201, `Cache-Control: no-store`) est la seule à contenir la valeur du jeton. Le jeton lit seulement les chiffres de la fédération (GET /api/v1/federation/report). 422 pour un nom vide ou de plus de 80 caractères.',
      ].join('\n'),
      body: federationTokenForm,
      response: { 201: createdOutput },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    rejectInvalidRequest(request);
    const created = await tokens.createAs(actor, request.body);
    return reply.code(201).header('cache-control', 'no-store').send({ ...tokenJson(created), token: created.token });
  });

  api.delete('/api/v1/federation/tokens/:id', {
    config: { permission: 'federation.tokens' },
    schema: {
      operationId: 'revokeFederationToken',
      tags,
      summary: 'Révoquer un jeton de la fédération : le logiciel qui l’utilise ne lit plus rien (401)',
      description: `${AUTH}\n\n404 pour un jeton inconnu, déjà révoqué, ou d’une autre fédération.`,
      params: idParams,
      response: { 204: z.null() },
    },
  }, async (request, reply) => {
    await tokens.revokeAs(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
