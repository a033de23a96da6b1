import type { FastifyInstance, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import { hmac, randomToken, safeEqual } from '../crypto.ts';
import { AppError } from '../errors.ts';
import { cleanTextDeep } from '../text.ts';
import { cachedCentreById, cachedPublicCentre } from '../tenancy.ts';
import type { AppContext } from '../context.ts';
import { isApiRequest } from './request-context.ts';

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
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // HSTS only makes sense behind TLS, i.e. in production.
    hsts: ctx.config.production ? undefined : false,
  });
  await app.register(rateLimit, { global: false });

  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'fr');
  app.decorateRequest('lisible', false);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('centre', null);
  app.decorateRequest('flash', null);

  app.addHook('onRequest', async (request, reply) => {
    // Static files and the health check need no person, centre nor form token.
    if (request.url.startsWith('/static/') || request.url === '/health') return;
    request.locale = request.cookies.lieudit_lang === 'en' ? 'en' : 'fr';
    request.lisible = request.cookies.lieudit_lisible === '1';

    request.actor = await resolveActor(request, ctx);
    request.centre = request.actor
      ? ((await cachedCentreById(ctx.kysely, request.actor.centerId)) ?? null)
      : ((await cachedPublicCentre(ctx.kysely, ctx.config.defaultCentre)) ?? null);

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
  });

  // One normaliser for all text that comes in, before any schema sees it: every route, page or
  // API, gets body, query and path parameters without NUL, bidi or zero-width characters.
  app.addHook('preValidation', async (request) => {
    cleanTextDeep(request.body);
    cleanTextDeep(request.query);
    cleanTextDeep(request.params);
  });

  // Every form post must carry the CSRF token. JSON requests cannot be sent cross-site
  // without a CORS preflight we never grant, and Bearer requests carry no ambient cookie.
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    if (isApiRequest(request) && !isFormPost(request)) return;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (typeof sent !== 'string' || !safeEqual(sent, request.csrfToken)) {
      throw new AppError(403, 'csrf', 'errors.csrf');
    }
  });
}

function isFormPost(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
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
