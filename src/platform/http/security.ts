import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import baseHelmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import { tilesOrigin } from '../../config.ts';
import { hmac, randomToken, safeEqual } from '../crypto.ts';
import { AppError } from '../errors.ts';
import { cleanTextDeep } from '../text.ts';
import { cachedCentreById, cachedPublicCentre, keptPublicCentre } from '../tenancy.ts';
import type { AppContext } from '../context.ts';
import { kioskAllows, readKiosk } from './kiosk.ts';
import { isApiRequest } from './request-context.ts';

/** One set of security headers for every page, whether Fastify or our fallbacks send it. */
function helmetOptions(production: boolean, imageHosts: readonly string[]) {
  return {
    contentSecurityPolicy: {
      useDefaults: false as const,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The navette's map tiles come from the one host MAP_TILES_URL names, if any.
        imgSrc: ["'self'", 'data:', ...imageHosts],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // HSTS in production only, and sent only over HTTPS (sendSecurityHeaders).
    hsts: production ? undefined : false,
  };
}

export interface SecurityHeaders {
  /** Sent with every answer. */
  always: Record<string, string>;
  /** Strict-Transport-Security, in production: sent only with the answer to a request made over HTTPS. */
  hsts: string | undefined;
}

/**
 * The headers helmet gives our pages, as plain lists: also for the answers sent before Fastify's
 * hooks run (a bad address, headers too large for Node's parser), which must carry them too.
 */
export function securityHeaders(production: boolean, imageHosts: readonly string[] = []): SecurityHeaders {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader(name: string, value: string) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  baseHelmet(helmetOptions(production, imageHosts))({} as IncomingMessage, collector as unknown as ServerResponse, () => undefined);
  const { 'strict-transport-security': hsts, ...always } = headers;
  return { always, hsts };
}

/**
 * Our security headers on an answer, HSTS only when the request came over HTTPS: over plain HTTP
 * it promises what the server does not do (browsers ignore it there anyway). `request.protocol`
 * is the connection's own scheme, or the X-Forwarded-Proto of a proxy TRUST_PROXY names (the
 * last value: the one the nearest proxy added); a client that is not such a proxy cannot set it.
 */
export function sendSecurityHeaders(request: FastifyRequest, reply: FastifyReply, headers: SecurityHeaders): void {
  reply.headers(headers.always);
  if (headers.hsts !== undefined && request.protocol === 'https') reply.header('strict-transport-security', headers.hsts);
}

/**
 * Our longest legitimate address (a filtered list with every filter set) stays well under 2 KB;
 * 8 KB is what most proxies and browsers accept, so anything longer is refused with a 414 rather
 * than handed to the router.
 */
export const MAX_URL_LENGTH = 8192;

/** An address longer than any of ours: refused before routing, with a French 414. */
function tooLong(url: string): AppError | undefined {
  return url.length > MAX_URL_LENGTH ? new AppError(414, 'uri_too_long', 'errors.uriTooLong') : undefined;
}

export const SESSION_COOKIE = 'lieudit_sid';
const CSRF_COOKIE = 'lieudit_csrf';

/**
 * Cookies, forms, security headers, compression, rate limits, and the per-request context:
 * who is acting (session cookie or Bearer token), which centre, which language, lisible mode,
 * and the CSRF token every state-changing form must send back.
 */
export async function registerHttpPlatform(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(cookie, { secret: ctx.config.secret });
  await app.register(formbody, { bodyLimit: 1_048_576 });
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  // helmet's headers are the same for every answer: computed once here, rather than by
  // @fastify/helmet, which builds helmet's middleware again (parsing the CSP) on each request.
  const headers = securityHeaders(ctx.config.production, ctx.config.mapTiles ? [tilesOrigin(ctx.config.mapTiles.url)] : []);
  await app.register(rateLimit, { global: false, ...(await sharedRateLimitStore(app, ctx)) });

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('lisible', false);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('centre', null);
  app.decorateRequest('flash', null);
  app.decorateRequest('kiosk', null);

  // One hook, in this order, for every request: the security headers (so that any refusal
  // carries them), the address's length (before any lookup), then the request's context.
  // An anonymous visitor whose centre this process keeps is set up without waiting for
  // anything (no promise, no turn of the event loop); a session, a token, a kiosk or a centre
  // to read waits for the database.
  app.addHook('onRequest', (request, reply, done) => {
    sendSecurityHeaders(request, reply, headers);
    const refused = tooLong(request.url);
    if (refused) return done(refused);
    // Static files, the health check and the metrics (their own token) need no person, centre nor form token.
    if (request.url.startsWith('/static/') || request.url === '/health' || request.url === '/metrics') return done();
    let pending: Promise<void> | undefined;
    try {
      pending = setUpRequest(request, reply, ctx);
    } catch (error) {
      return done(error as Error);
    }
    if (pending) pending.then(() => done(), done);
    else done();
  });

  // One normaliser for all text that comes in, before any schema sees it: every route, page or
  // API, gets body, query and path parameters without NUL, bidi or zero-width characters.
  app.addHook('preValidation', (request, _reply, done) => {
    cleanTextDeep(request.body);
    cleanTextDeep(request.query);
    cleanTextDeep(request.params);
    done();
  });

  registerCsrfCheck(app, ctx);
}

/**
 * Every form post must carry the CSRF token. An API write authenticated by the session
 * cookie (which the browser adds on its own) must come from this site: a foreign Origin, or
 * a browser saying the request is cross-site, is refused — a JSON body alone is no defence
 * (text/plain bodies, permissive parsers, future CORS settings). Bearer requests carry no
 * ambient credential and programs send no Origin, so they go through.
 */
function registerCsrfCheck(app: FastifyInstance, ctx: AppContext): void {
  const siteOrigin = new URL(ctx.config.publicUrl).origin;
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') checkCsrf(request, siteOrigin);
    done();
  });
}

function checkCsrf(request: FastifyRequest, siteOrigin: string): void {
  if (isApiRequest(request) && request.actor?.via === 'session' && !isSameSite(request, siteOrigin)) {
    throw new AppError(403, 'foreign_origin', 'errors.foreignOrigin');
  }
  if (isApiRequest(request) && !isFormPost(request)) return;
  const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof sent !== 'string' || !request.csrfToken || !safeEqual(sent, request.csrfToken)) {
    throw new AppError(403, 'csrf', 'errors.csrf');
  }
}

/**
 * Several instances behind one load balancer must count a client's requests together: with
 * REDIS_URL, the rate limits live in Redis (one connection per instance, closed with the app);
 * without it, in this process's memory, which is right for a single instance. Should Redis be
 * unreachable, requests go through rather than fail (skipOnError): a limit is a brake, not a
 * reason to close the service.
 */
async function sharedRateLimitStore(app: FastifyInstance, ctx: AppContext): Promise<Record<string, unknown>> {
  if (!ctx.config.redisUrl) return {};
  const { Redis } = await import('ioredis');
  const redis = new Redis(ctx.config.redisUrl, { connectTimeout: 2_000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on('error', (error: unknown) => app.log.warn({ err: error }, 'rate-limit store unreachable'));
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  // The first requests should count too: wait briefly for the connection, never for long.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    timer.unref();
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', done);
    redis.once('error', done);
  });
  return { redis, nameSpace: 'lieudit-rl:', skipOnError: true };
}

/**
 * Whether a request comes from this site's own pages: its Origin (sent by browsers on every
 * write) is the public address or the address the request was made to; without Origin, the
 * browser's Sec-Fetch-Site must not say cross-site. No header at all: not a browser.
 */
function isSameSite(request: FastifyRequest, siteOrigin: string): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined) return origin === siteOrigin || origin === `${request.protocol}://${request.host}`;
  const site = request.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

function isFormPost(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

/**
 * Who is acting (session cookie or Bearer token, none for a kiosk), which centre, which
 * language, lisible mode, the flash message and the CSRF token. Answers a promise only when
 * something must be read first; throws (or rejects) a refusal.
 */
function setUpRequest(request: FastifyRequest, reply: FastifyReply, ctx: AppContext): Promise<void> | undefined {
  request.locale = request.cookies.lieudit_lang === 'en' ? 'en' : 'fr';
  request.lisible = request.cookies.lieudit_lisible === '1';
  // A kiosk browser acts as nobody and opens only its own pages, whatever else it sends.
  request.kiosk = readKiosk(request);
  const anonymous = !request.kiosk && !request.headers.authorization?.startsWith('Bearer ') && !request.cookies[SESSION_COOKIE];
  const centre = anonymous ? keptPublicCentre(ctx.kysely, ctx.config.defaultCentre) : undefined;
  if (centre) {
    request.actor = null;
    request.centre = centre;
    finishSetUp(request, reply, ctx);
    return undefined;
  }
  return (async () => {
    request.actor = request.kiosk ? null : await resolveActor(request, ctx);
    request.centre = request.kiosk
      ? ((await cachedCentreById(ctx.kysely, request.kiosk.centerId)) ?? null)
      : request.actor
      ? ((await cachedCentreById(ctx.kysely, request.actor.centerId)) ?? null)
      : ((await cachedPublicCentre(ctx.kysely, ctx.config.defaultCentre)) ?? null);
    finishSetUp(request, reply, ctx);
  })();
}

/** The form token (and its cookie for a new browser), the flash message, the kiosk's fence. */
function finishSetUp(request: FastifyRequest, reply: FastifyReply, ctx: AppContext): void {
  // A program with a token posts no form and keeps no cookie: no form token for it.
  if (request.actor?.via === 'token') return;
  let csrfSeed = request.cookies[CSRF_COOKIE];
  if (!csrfSeed || csrfSeed.length < 20) {
    csrfSeed = randomToken(18);
    reply.setCookie(CSRF_COOKIE, csrfSeed, {
      path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.production,
    });
  }
  request.csrfToken = hmac(ctx.config.secret, `csrf:${csrfSeed}`);

  const flash = request.cookies.lieudit_flash;
  if (flash && request.method === 'GET') {
    const unsigned = request.unsignCookie(flash);
    request.flash = unsigned.valid ? unsigned.value : null;
    reply.clearCookie('lieudit_flash', { path: '/' });
  }
  if (request.kiosk && !kioskAllows(request.kiosk, request.url)) throw new AppError(403, 'kiosk', 'errors.kiosk');
}

async function resolveActor(request: FastifyRequest, ctx: AppContext) {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const actor = await ctx.auth.actorFromToken(header.slice('Bearer '.length).trim());
    if (!actor) throw new AppError(401, 'unauthenticated', 'errors.unauthenticated');
    return actor;
  }
  const sid = request.cookies[SESSION_COOKIE];
  return sid ? ctx.auth.actorFromSession(sid) : null;
}
