import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { DATE_INVALID, isCalendarDate } from '../dates.ts';
import { AppError, notFound } from '../errors.ts';
import { isUuid } from '../ids.ts';
import type { Locale } from '../i18n/index.ts';
import type { Centre } from '../tenancy.ts';
import type { Kiosk } from './kiosk.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    lisible: boolean;
    csrfToken: string;
    /** The centre a public (anonymous) page belongs to, or the signed-in user's centre. */
    centre: Centre | null;
    flash: string | null;
    /** Set when the browser is a kiosk (a tablet handed over for one task): no actor then. */
    kiosk: Kiosk | null;
  }
}

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Sets a one-time message shown on the next page (survives the POST → redirect → GET). */
export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie('lieudit_flash', message, { path: '/', httpOnly: true, sameSite: 'lax', signed: true, maxAge: 60 });
}

export function redirectSeeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}

/**
 * A calendar date from the query string (`?date=2027-03-15`): undefined when absent or blank,
 * and a 400 with the French message when it is not a real day within range — a page asked for
 * 9999-12-27 says so rather than failing or silently showing another day.
 */
export function queryDate(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && isCalendarDate(value.trim())) return value.trim();
  throw new AppError(400, 'invalid', DATE_INVALID, { [name]: DATE_INVALID });
}

/** The `:id` path parameter; not a uuid → 404 (no query is made for an id that cannot exist). */
export function idOf(request: FastifyRequest, name = 'id'): string {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== 'string' || !isUuid(value)) throw notFound();
  return value;
}

/** A text value of the query string; absent, repeated or over 200 characters → undefined. */
export function queryString(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}

/** The centre a public page belongs to (the default centre, or the signed-in user's); none → 404. */
export function publicCentreId(request: FastifyRequest): string {
  if (!request.centre) throw notFound();
  return request.centre.id;
}
