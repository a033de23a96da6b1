import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { createDb, type Db } from './db/kysely.ts';
import { migrateToLatest } from './db/migrate.ts';
import { AuthService } from './platform/auth/auth.service.ts';
import { createChangeBus } from './platform/changes.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { AppContext } from './platform/context.ts';
import { apiDocumentTransform, declareApiErrors } from './platform/http/api-docs.ts';
import { accessOf, page, registerAccessControl, type RouteAccess } from './platform/http/access.ts';
import { registerErrorHandling } from './platform/http/errors-handler.ts';
import { parseQuery } from './platform/http/query.ts';
import { registerHttpPlatform } from './platform/http/security.ts';
import { clientErrorHandler, frameworkErrorHandler } from './platform/http/framework-errors.ts';
import { requestForLog } from './platform/http/logging.ts';
import { registerModule } from './platform/module.ts';
import { Outbox } from './platform/outbox/outbox.service.ts';
import { smtpSender } from './platform/outbox/smtp.ts';
import { rotateBackups } from './platform/backup/rotation.ts';
import { PersonAccessRegistry } from './platform/person-access.ts';
import { PersonDataRegistry } from './platform/person-data.ts';
import { PersonLinksRegistry } from './platform/person-links.ts';
import { PublicForms } from './platform/public-forms/public-forms.ts';
import { postgresJobGuard, Scheduler } from './platform/scheduler.ts';
import { forgetCentres } from './platform/tenancy.ts';
import { TrainingGateRegistry } from './platform/training-gate.ts';
import { registerAuthRoutes } from './platform/auth/auth.routes.tsx';
import { registerHomeRoutes } from './modules/home/home.routes.tsx';
import { registerCentreModule } from './modules/centre/centre.routes.tsx';
import { registerPeopleModule } from './modules/people/person.routes.tsx';
import { registerActivitiesModule } from './modules/activities/activities.module.ts';
import { registerHelpdeskModule } from './modules/helpdesk/helpdesk.routes.tsx';
import { registerPathwaysModule } from './modules/pathways/pathways.module.ts';

z.config(z.locales.fr());

declare module 'fastify' {
  interface FastifyInstance {
    /** The platform services; tests and the CLI reach them here, modules get them as a parameter. */
    ctx: AppContext;
    services: Services;
    /** Every route registered, in order: the role matrix and tenancy tests walk it. */
    routeList: RouteInfo[];
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  /** Page routes hide themselves from the OpenAPI document. */
  hidden: boolean;
  /** Who may use it, as the route declares in its config (null: undeclared, refused). */
  access: RouteAccess | null;
}

export interface BuildOptions {
  /** Reuse an open database (tests); otherwise one is opened from config.databaseUrl. */
  db?: Db;
  /** Run migrations at start (default true). */
  migrate?: boolean;
  /** Where "now" comes from (default: the system's time); tests pass a clock set to a chosen instant. */
  clock?: Clock;
  /** Where the log goes instead of stdout (tests read it). */
  logStream?: { write(line: string): void };
}

/** Each module's service, for the CLI (demo, imports) and tests; modules get theirs as parameters. */
export interface Services {
  centre: Awaited<ReturnType<typeof registerCentreModule>>;
  people: Awaited<ReturnType<typeof registerPeopleModule>>;
  activities: Awaited<ReturnType<typeof registerActivitiesModule>>;
  helpdesk: Awaited<ReturnType<typeof registerHelpdeskModule>>;
  pathways: Awaited<ReturnType<typeof registerPathwaysModule>>;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const db = options.db ?? createDb(config.databaseUrl);
  if (options.migrate !== false) await migrateToLatest(db);

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Never log personal data: request bodies and cookies stay out of the logs.
      redact: ['req.headers.cookie', 'req.headers.authorization'],
      // Nor secrets: reset links and signed links in URLs are masked.
      serializers: { req: requestForLog },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    // A hop count trusts that many proxies in front (what Fastify does with a number, which
    // its types do not declare).
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    // A process prefix and a counter: unique enough to follow one request in the logs, and free.
    genReqId: requestIds(),
    // An empty query value means "not given" (GET filter forms send every field).
    routerOptions: { querystringParser: parseQuery },
    // Errors raised before any hook (bad address, over-long segment, headers Node refuses) are
    // answered in French like every other error.
    frameworkErrors: frameworkErrorHandler(config.production),
    clientErrorHandler: clientErrorHandler(config.production),
  });
  const routeList: RouteInfo[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    // Read when asked: a plugin's own onRoute hook (the API docs) may still declare it.
    for (const method of [route.method].flat()) {
      routeList.push({ method, url: route.url, hidden, get access() { return accessOf(route.config); } });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  declareApiErrors(app);

  const clock = options.clock ?? systemClock;
  const outbox = new Outbox(db.kysely, clock, config.secret);
  if (config.smtpUrl) outbox.useSender(smtpSender(config.smtpUrl, config.mailFrom));
  const ctx: AppContext = {
    config,
    clock,
    db,
    kysely: db.kysely,
    outbox,
    changes: createChangeBus(db, (message, error) => app.log.warn({ err: error }, message)),
    auth: new AuthService(db.kysely, outbox, config.publicUrl, clock, config.secret, (error) => app.log.error({ err: error }, 'background work failed')),
    personAccess: new PersonAccessRegistry(),
    personData: new PersonDataRegistry(),
    personLinks: new PersonLinksRegistry(),
    publicForms: new PublicForms(db.kysely, config.secret, clock),
    scheduler: new Scheduler(),
    trainingGate: new TrainingGateRegistry(),
  };
  // Platform tables that hold a person's data answer the person's export, merge and erasure.
  if (db.dialect === 'postgres') ctx.scheduler.useGuard(postgresJobGuard(db.kysely));
  // A centre changed in another instance: forget this process's copy of it at once.
  ctx.changes.subscribe('centre', () => forgetCentres(db.kysely));
  ctx.personData.register(outbox.personDataContributor());
  ctx.personData.register(ctx.publicForms.personDataContributor());
  ctx.scheduler.register({ name: 'outbox-delivery', everyMs: 30_000, run: () => outbox.deliverPending() });
  ctx.scheduler.register({ name: 'session-purge', everyMs: 3_600_000, run: () => ctx.auth.purgeExpiredSessions() });
  ctx.scheduler.register({ name: 'outbox-secret-purge', everyMs: 3_600_000, run: () => outbox.dropExpiredSecrets() });
  // Hourly check, at most one backup a day (src/platform/backup/rotation.ts).
  if (config.backupDir) {
    const dir = config.backupDir;
    ctx.scheduler.register({ name: 'backup-rotation', everyMs: 3_600_000, run: () => rotateBackups(db, dir, config.backupKeep, clock) });
  }

  app.decorate('ctx', ctx);
  await registerHttpPlatform(app, ctx);
  registerErrorHandling(app);
  registerAccessControl(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lieudit API',
        description: 'API JSON de Lieudit. Authentification : cookie de session ou en-tête `Authorization: Bearer <jeton>`.',
        version: '1.0.0',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: config.publicUrl, description: 'Cette instance de Lieudit' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: apiDocumentTransform,
  });
  // The documentation's own routes are public; the plugin that registers them cannot say so.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });
  app.get('/api/openapi.json', page('public'), async () => app.swagger());

  registerStaticAssets(app);
  app.get('/health', page('public'), async (_request, reply) => {
    try {
      await db.kysely.selectFrom('centers').select('id').limit(1).execute();
      return { status: 'ok', database: db.dialect };
    } catch {
      return reply.code(503).send({ status: 'error', database: db.dialect });
    }
  });

  await registerModule(app, 'auth', (scope) => registerAuthRoutes(scope, ctx));
  await registerModule(app, 'home', (scope) => registerHomeRoutes(scope, ctx));
  // Modules in their dependency order (ARCHITECTURE.md): each is a plugin of its own and
  // receives the services of the ones before it, never after. A new module adds one line here.
  const centre = await registerModule(app, 'centre', (scope) => registerCentreModule(scope, ctx));
  const people = await registerModule(app, 'people', (scope) => registerPeopleModule(scope, ctx, { centre }));
  const activities = await registerModule(app, 'activities', (scope) => registerActivitiesModule(scope, ctx, { centre, people }));
  const helpdesk = await registerModule(app, 'helpdesk', (scope) => registerHelpdeskModule(scope, ctx, { centre, people }));
  const pathways = await registerModule(app, 'pathways', (scope) => registerPathwaysModule(scope, ctx, { centre, people, activities }));
  app.decorate('services', { centre, people, activities, helpdesk, pathways } satisfies Services);

  app.addHook('onClose', async () => {
    ctx.scheduler.stop();
    await ctx.changes.close();
    // A reset e-mail queued after its answer is not lost to a shutdown.
    await ctx.auth.whenIdle();
    if (!options.db) await db.close();
  });
  return app;
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

function requestIds(): () => string {
  const prefix = Math.random().toString(36).slice(2, 8);
  let next = 0;
  return () => `${prefix}-${(next++).toString(36)}`;
}

/** One stylesheet (Pico classless + our layer), served from memory with a long cache. */
function registerStaticAssets(app: FastifyInstance): void {
  const pico = readFileSync(new URL('../node_modules/@picocss/pico/css/pico.classless.min.css', import.meta.url), 'utf8');
  const ours = readFileSync(new URL('./ui/styles/app.css', import.meta.url), 'utf8');
  const css = `${pico}\n${ours}`;
  const favicon = readFileSync(new URL('./ui/styles/favicon.svg', import.meta.url), 'utf8');
  const etag = `"${createHash('sha1').update(css).digest('hex').slice(0, 16)}"`;
  app.get('/static/app.css', page('public'), async (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', etag).type('text/css; charset=utf-8');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return css;
  });
  app.get('/static/favicon.svg', page('public'), async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(favicon),
  );
}
