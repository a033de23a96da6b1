import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../../db/kysely.ts';
import { AppError, type FieldErrors } from '../errors.ts';
import { translate, type Locale } from '../i18n/index.ts';
import { isApiRequest, redirectSeeOther } from './request-context.ts';
import { renderErrorPage } from '../../ui/error-page.tsx';

/** The JSON error body of the API: `{ error, message, fields }`, message in French. */
export interface ApiErrorBody {
  error: string;
  message: string;
  fields: Record<string, string>;
}

export function translateFields(locale: Locale, fields: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, translate(locale, v)]));
}

function fieldsFromValidation(error: FastifyError, locale: Locale): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.validation ?? []) {
    const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || (error.validationContext ?? 'body');
    fields[path] ??= translate(locale, issue.message ?? 'errors.invalid');
  }
  return Object.keys(fields).length > 0 ? fields : { [error.validationContext ?? 'body']: translate(locale, 'errors.invalid') };
}

/**
 * The API's one answer to a request its schema refuses (body, query string or path): 422
 * `{ error: 'invalid', message, fields }`, each field's message in French — like a service's
 * own field errors (`invalid(…)`). A body that is not JSON at all stays a 400.
 */
function invalidRequest(error: FastifyError, locale: Locale): AppError {
  return new AppError(422, 'invalid', 'errors.invalid', fieldsFromValidation(error, locale));
}

/**
 * For a route that must check access before discussing fields (`attachValidation: true`, so
 * that a partner gets 403 and another centre's file 404 whatever the body): call it after
 * the access checks; it throws the same 422 the error handler gives every other route.
 */
export function rejectInvalidRequest(request: FastifyRequest): void {
  if (request.validationError) throw invalidRequest(request.validationError as FastifyError, request.locale ?? 'fr');
}

/** Maps Fastify's own client errors (bad JSON, wrong content type, too large…) to ours. */
function fromFastifyError(error: FastifyError): AppError | null {
  const status = error.statusCode ?? 500;
  if (status === 415) return new AppError(415, 'unsupported_media_type', 'errors.unsupportedMediaType');
  if (status === 413) return new AppError(413, 'too_large', 'errors.tooLarge');
  if (status === 429) return new AppError(429, 'too_many_requests', 'errors.tooManyRequests');
  if (status === 404) return new AppError(404, 'not_found', 'errors.notFound');
  // Keep the precise status: a client (or a proxy) may shorten the address or drop cookies.
  if (status === 414) return new AppError(414, 'uri_too_long', 'errors.uriTooLong');
  if (status === 431) return new AppError(431, 'headers_too_large', 'errors.headersTooLarge');
  if (status >= 400 && status < 500) return new AppError(400, 'bad_request', 'errors.badRequest');
  return null;
}

export function sendApiError(reply: FastifyReply, locale: Locale, error: AppError): FastifyReply {
  const body: ApiErrorBody = {
    error: error.code,
    message: translate(locale, error.messageKey, error.params),
    fields: translateFields(locale, error.fields),
  };
  return reply.code(error.status).header('content-type', 'application/json; charset=utf-8').send(body);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const locale = request.locale ?? 'fr';
    let appError: AppError | null = null;
    if (error instanceof AppError) appError = error;
    else if (hasZodFastifySchemaValidationErrors(error)) {
      // A request that parses but breaks the schema is refused like any other bad input.
      appError = invalidRequest(error, locale);
    } else if (isDatabaseUnavailable(error)) {
      // The database is restarting or out of reach: say so, and when to come back.
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
      appError = new AppError(503, 'unavailable', 'errors.unavailable');
    } else appError = fromFastifyError(error);

    if (!appError) {
      request.log.error({ err: error }, 'unexpected error');
      appError = new AppError(400, 'internal', 'errors.internal');
      return isApiRequest(request)
        ? reply.code(500).send({ error: 'internal', message: translate(locale, 'errors.internal'), fields: {} })
        : renderErrorPage(request, reply, 500, 'errors.internal');
    }
    if (isApiRequest(request)) return sendApiError(reply, locale, appError);
    if (appError.status === 401) {
      return redirectSeeOther(reply, `/connexion?retour=${encodeURIComponent(request.url)}`);
    }
    return renderErrorPage(request, reply, appError.status, appError.messageKey);
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new AppError(404, 'not_found', 'errors.notFound');
    if (isApiRequest(request)) return sendApiError(reply, request.locale ?? 'fr', error);
    return renderErrorPage(request, reply, 404, 'errors.notFound');
  });
}
