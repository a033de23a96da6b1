import type { FastifyRequest } from 'fastify';

/** A text of the query string, cut at `max` characters; absent or repeated → ''. */
export function queryText(request: FastifyRequest, name: string, max = 200): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** The `:id` path parameter as given (the service answers 404 for a file it cannot find). */
export function idParam(request: FastifyRequest): string {
  return String((request.params as { id?: unknown }).id ?? '');
}
