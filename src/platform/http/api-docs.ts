/**
 * What the OpenAPI document says about errors, in one place. Every JSON error of the API has
 * the same body (`ApiError`: `{ error, message, fields }`, see errors-handler.ts); each
 * operation declares the 4xx answers it can give, so a client generated from the document
 * knows them. Operations may declare their own (a 409 with more detail); the rest are filled
 * in here from what the route takes: a session or token (401/403), a path id (404), input to
 * validate (422), a JSON body that may not parse (400).
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const apiErrorSchema = z
  .object({
    error: z.string().describe('Code de l’erreur, stable, pour les programmes (par exemple invalid, not_found, conflict)'),
    message: z.string().describe('Message en français, à montrer tel quel'),
    fields: z.record(z.string(), z.string()).describe('Pour chaque champ refusé (chemin pointé, par exemple schedule.startTime), ce qu’il faut corriger'),
  })
  .meta({ id: 'ApiError', description: 'Corps de toutes les réponses d’erreur de l’API' });

const DESCRIPTIONS = {
  400: 'Requête illisible (JSON mal formé, type de contenu non accepté)',
  401: 'Non authentifié : cookie de session ou jeton manquant, expiré ou révoqué',
  403: 'Le rôle du compte ne permet pas cette opération',
  404: 'Introuvable (ou appartient à un autre centre)',
  409: 'Conflit avec l’état actuel (doublon, place prise, modification concurrente)',
  422: 'Données refusées : `fields` dit, champ par champ, ce qu’il faut corriger',
  429: 'Trop de demandes : réessayez plus tard ou appelez le centre',
  503: 'Service momentanément indisponible (base de données injoignable) : réessayez dans quelques instants',
} as const;
export type ApiErrorStatus = keyof typeof DESCRIPTIONS;

/** Response declarations of the given error statuses, all with the shared `ApiError` body. */
export function apiErrors<S extends ApiErrorStatus>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: DESCRIPTIONS[status] as string, content: { 'application/json': { schema: apiErrorSchema } } }]),
  ) as Record<S, { description: string; content: { 'application/json': { schema: typeof apiErrorSchema } } }>;
}

interface RouteSchema {
  hide?: boolean;
  security?: unknown[];
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
  response?: Record<string | number, unknown>;
}

/** The 4xx answers an API route can give, from what it takes. */
export function errorStatusesOf(url: string, schema: RouteSchema): ApiErrorStatus[] {
  const statuses: ApiErrorStatus[] = [];
  const isPublic = Array.isArray(schema.security) && schema.security.length === 0;
  if (schema.body) statuses.push(400);
  if (!isPublic) statuses.push(401, 403);
  if (url.includes(':')) statuses.push(404);
  if (schema.body || schema.querystring || schema.params) statuses.push(422);
  return statuses;
}

/** Fills in the missing 4xx responses of every API route (registered before the routes). */
export function declareApiErrors(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as RouteSchema | undefined;
    if (!schema || schema.hide || !route.url.startsWith('/api/v1/')) return;
    const declared = { ...(schema.response ?? {}) };
    for (const [status, response] of Object.entries(apiErrors(...errorStatusesOf(route.url, schema)))) declared[status] ??= response;
    schema.response = declared;
  });
}

type TransformObject = typeof jsonSchemaTransformObject;

/**
 * Schemas with an id (ApiError, OpenBadgeCredential) become components referenced by $ref.
 * The Zod provider writes an input and an output version of each; only the ones some
 * operation references are kept, so the document has no unused components.
 */
export const apiDocumentTransform: TransformObject = (document) => {
  const openapi = jsonSchemaTransformObject(document) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = openapi.components?.schemas;
  if (schemas) {
    const referenced = (name: string) => JSON.stringify({ ...openapi, components: { ...openapi.components, schemas: {} } }).includes(`"#/components/schemas/${name}"`);
    for (const name of Object.keys(schemas)) if (!referenced(name)) delete schemas[name];
  }
  return openapi as ReturnType<TransformObject>;
};
