import { readFileSync } from 'node:fs';
import { PROGRESS_SCRIPT } from './ui/layout.tsx';
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
import { TwoStepService } from './platform/auth/two-step.service.ts';
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
import { registerMetrics } from './platform/http/metrics.ts';
import { registerModule } from './platform/module.ts';
import { Outbox } from './platform/outbox/outbox.service.ts';
import { smtpSender } from './platform/outbox/smtp.ts';
import { rotateBackups } from './platform/backup/rotation.ts';
import { PersonAccessRegistry } from './platform/person-access.ts';
import { PersonDataRegistry } from './platform/person-data.ts';
import { PersonLinksRegistry } from './platform/person-links.ts';
import { Exports } from './platform/exports/exports.service.ts';
import { PublicForms } from './platform/public-forms/public-forms.ts';
import { RetentionRegistry } from './platform/retention.ts';
import { platformPurgers } from './platform/retention-purgers.ts';
import { postgresJobGuard, Scheduler } from './platform/scheduler.ts';
import { findCentreById, forgetCentres } from './platform/tenancy.ts';
import { TrainingGateRegistry } from './platform/training-gate.ts';
import { DashboardRegistry } from './platform/dashboard.ts';
import { ActivityResourcesRegistry } from './platform/activity-resources.ts';
import { SessionChangesRegistry } from './platform/session-changes.ts';
import { TourChangesRegistry } from './platform/tour-changes.ts';
import { AssignedStaffRegistry } from './platform/assigned-staff.ts';
import { FicheLinksRegistry } from './platform/fiche-links.ts';
import { registerAuthRoutes } from './platform/auth/auth.routes.tsx';
import { registerHomeRoutes } from './modules/home/home.routes.tsx';
import { registerCentreModule } from './modules/centre/centre.routes.tsx';
import { registerPeopleModule } from './modules/people/person.routes.tsx';
import { registerActivitiesModule } from './modules/activities/activities.module.ts';
import { registerHelpdeskModule } from './modules/helpdesk/helpdesk.routes.tsx';
import { registerPathwaysModule } from './modules/pathways/pathways.module.ts';
import { registerReportsModule } from './modules/reports/reports.module.ts';
import { registerEquipmentModule } from './modules/equipment/equipment.module.ts';
import { registerResourcesModule } from './modules/resources/resources.module.ts';
import { registerPrivacyModule } from './modules/privacy/privacy.module.ts';
import { registerShuttleModule } from './modules/shuttle/shuttle.module.ts';
import { registerForumsModule } from './modules/forums/forums.module.ts';
import { registerTeamModule } from './modules/team/team.module.ts';
import { registerTeamBoardModule } from './modules/team/team-board.module.ts';

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
  reports: Awaited<ReturnType<typeof registerReportsModule>>;
  equipment: Awaited<ReturnType<typeof registerEquipmentModule>>;
  resources: Awaited<ReturnType<typeof registerResourcesModule>>;
  privacy: Awaited<ReturnType<typeof registerPrivacyModule>>;
  shuttle: Awaited<ReturnType<typeof registerShuttleModule>>;
  forums: Awaited<ReturnType<typeof registerForumsModule>>;
  team: Awaited<ReturnType<typeof registerTeamModule>>;
  teamBoard: Awaited<ReturnType<typeof registerTeamBoardModule>>;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const db = options.db ?? createDb(config.databaseUrl);
  const clock = options.clock ?? systemClock;
  // An upgrade backs the database up first (only when migrations are pending: README, « Mises à jour »).
  const migrated = options.migrate !== false ? await migrateToLatest(db, { backupDir: upgradeBackupDir(config), clock }) : undefined;

  const app = createFastify(config, options);
  if (migrated?.backup) app.log.info({ file: migrated.backup }, 'backup written before migrating');
  recordRoutes(app);
  declareApiErrors(app);

  const ctx = createContext(app, config, db, clock);
  registerPlatformWork(ctx);
  app.decorate('ctx', ctx);
  await registerHttpPlatform(app, ctx);
  registerMetrics(app, ctx);
  registerErrorHandling(app);
  registerAccessControl(app);
  await registerApiDocs(app, config);
  registerStaticAssets(app);
  registerHealth(app, db);

  await registerModule(app, 'auth', (scope) => registerAuthRoutes(scope, ctx));
  await registerModule(app, 'home', (scope) => registerHomeRoutes(scope, ctx));
  app.decorate('services', await registerModules(app, ctx));

  app.addHook('onClose', async () => {
    ctx.scheduler.stop();
    await ctx.changes.close();
    // A reset e-mail queued after its answer is not lost to a shutdown.
    await ctx.auth.whenIdle();
    if (!options.db) await db.close();
  });
  return app;
}

function createFastify(config: Config, options: BuildOptions): FastifyInstance {
  return Fastify({
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
    // Zod validates and serialises every route: given here rather than set afterwards, so that
    // Fastify does not load and build its default ones (Ajv, fast-json-stringify) at start.
    // (Fastify's types describe only Ajv-shaped builders; a Zod compiler has the same shape.)
    schemaController: { compilersFactory: { buildValidator: (() => validatorCompiler) as never, buildSerializer: (() => serializerCompiler) as never } },
  });
}

/** Every route registered goes into `app.routeList`, with the access it declares. */
function recordRoutes(app: FastifyInstance): void {
  const routeList: RouteInfo[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    const hidden = (route.schema as { hide?: boolean } | undefined)?.hide === true;
    // Read when asked: a plugin's own onRoute hook (the API docs) may still declare it.
    for (const method of [route.method].flat()) {
      routeList.push({ method, url: route.url, hidden, get access() { return accessOf(route.config); } });
    }
  });
}

/** The platform services every module receives. */
function createContext(app: FastifyInstance, config: Config, db: Db, clock: Clock): AppContext {
  const outbox = new Outbox(db.kysely, clock, config.secret);
  if (config.smtpUrl) outbox.useSender(smtpSender(config.smtpUrl, config.mailFrom));
  const twoStep = new TwoStepService(db.kysely, clock, config.secret);
  const changes = createChangeBus(db, (message, error) => app.log.warn({ err: error }, message));
  const auth = new AuthService(db.kysely, outbox, config.publicUrl, clock, config.secret, twoStep, changes, (error) => app.log.error({ err: error }, 'background work failed'));
  return {
    config,
    clock,
    db,
    kysely: db.kysely,
    outbox,
    changes,
    auth,
    twoStep,
    personAccess: new PersonAccessRegistry(),
    personData: new PersonDataRegistry(),
    personLinks: new PersonLinksRegistry(),
    publicForms: new PublicForms(db.kysely, config.secret, clock),
    scheduler: new Scheduler(),
    trainingGate: new TrainingGateRegistry(),
    dashboard: new DashboardRegistry(),
    activityResources: new ActivityResourcesRegistry(),
    sessionChanges: new SessionChangesRegistry(),
    tourChanges: new TourChangesRegistry(),
    assignedStaff: new AssignedStaffRegistry(),
    ficheLinks: new FicheLinksRegistry(),
    retention: new RetentionRegistry(),
    exports: new Exports(db.kysely, clock, async (centerId) => (await findCentreById(db.kysely, centerId))?.name ?? '', (centerId, userId) => auth.actorOfUser(centerId, userId)),
  };
}

/** The platform's own registrations: person data, retention purgers and scheduled jobs. */
function registerPlatformWork(ctx: AppContext): void {
  const { config, db, outbox, clock } = ctx;
  // Platform tables that hold a person's data answer the person's export, merge and erasure.
  if (db.dialect === 'postgres') ctx.scheduler.useGuard(postgresJobGuard(db.kysely));
  // A centre changed in another instance: forget this process's copy of it at once.
  ctx.changes.subscribe('centre', () => forgetCentres(db.kysely));
  ctx.personData.register(outbox.personDataContributor());
  ctx.personData.register(ctx.publicForms.personDataContributor());
  for (const purger of platformPurgers()) ctx.retention.register(purger);
  ctx.scheduler.register({ name: 'outbox-delivery', everyMs: 30_000, run: () => outbox.deliverPending() });
  ctx.scheduler.register({ name: 'session-purge', everyMs: 3_600_000, run: () => ctx.auth.purgeExpiredSessions() });
  ctx.scheduler.register({ name: 'outbox-secret-purge', everyMs: 3_600_000, run: () => outbox.dropExpiredSecrets() });
  // Long exports: the worker takes waiting jobs every 2 s; the files go 24 hours after.
  ctx.personData.register(ctx.exports.personDataContributor());
  ctx.scheduler.register({ name: 'export-jobs', everyMs: 2_000, run: () => ctx.exports.runPending() });
  ctx.scheduler.register({ name: 'export-files-purge', everyMs: 3_600_000, run: () => ctx.exports.purgeExpired() });
  // Hourly check, at most one backup a day (src/platform/backup/rotation.ts).
  if (config.backupDir) {
    const dir = config.backupDir;
    ctx.scheduler.register({ name: 'backup-rotation', everyMs: 3_600_000, run: () => rotateBackups(db, dir, config.backupKeep, clock) });
  }
}

/** The OpenAPI document (/api/openapi.json) and its reader (/api/docs). */
async function registerApiDocs(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lieudit API',
        description: [
          'API JSON de Lieudit. Authentification : en-tête `Authorization: Bearer <jeton>`, ou cookie de session.',
          '',
          'Un jeton est créé par un administrateur (Centre › Jetons d’accès à l’API) pour un programme : il porte un rôle, pas une personne, et ne demande pas de code.',
          '',
          'Le compte d’une fédération crée les jetons de la fédération (Fédération › Jetons d’accès à l’API) : ils ne lisent que ses chiffres anonymes, GET /api/v1/federation/report.',
          '',
          'Le cookie de session `lieudit_sid` ne s’obtient que par la page de connexion (`POST /connexion`, formulaire) : mot de passe, puis, pour un compte dont la validation en deux étapes est activée ou exigée par le centre, le code à 6 chiffres de l’application (`POST /connexion/code`) ou un code de secours. Tant que le code n’est pas accepté, aucune session n’existe et l’API répond 401.',
        ].join('\n'),
        version: '1.0.0',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: config.publicUrl, description: 'Cette instance de Lieudit' }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'Jeton d’API créé par l’administrateur d’un centre (préfixe `ldt_`), ou par le compte d’une fédération (préfixe `ldf_`, qui ne lit que GET /api/v1/federation/report).' },
          session: {
            type: 'apiKey', in: 'cookie', name: 'lieudit_sid',
            description: 'Session ouverte par la page de connexion, après le mot de passe et, si la validation en deux étapes s’applique au compte, après le code à 6 chiffres. Les écritures doivent venir du site lui-même (en-tête Origin).',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
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
}

function registerHealth(app: FastifyInstance, db: Db): void {
  app.get('/health', page('public'), async (_request, reply) => {
    try {
      await db.kysely.selectFrom('centers').select('id').limit(1).execute();
      return { status: 'ok', database: db.dialect };
    } catch {
      return reply.code(503).send({ status: 'error', database: db.dialect });
    }
  });
}

/** The feature modules, each a plugin of its own; their services for the CLI and tests. */
async function registerModules(app: FastifyInstance, ctx: AppContext): Promise<Services> {
  // Modules in their dependency order (ARCHITECTURE.md): each is a plugin of its own and
  // receives the services of the ones before it, never after. A new module adds one line here.
  const centre = await registerModule(app, 'centre', (scope) => registerCentreModule(scope, ctx));
  const people = await registerModule(app, 'people', (scope) => registerPeopleModule(scope, ctx, { centre }));
  const activities = await registerModule(app, 'activities', (scope) => registerActivitiesModule(scope, ctx, { centre, people }));
  const helpdesk = await registerModule(app, 'helpdesk', (scope) => registerHelpdeskModule(scope, ctx, { centre, people }));
  const pathways = await registerModule(app, 'pathways', (scope) => registerPathwaysModule(scope, ctx, { centre, people, activities }));
  const equipment = await registerModule(app, 'equipment', (scope) => registerEquipmentModule(scope, ctx, { centre, people, pathways }));
  const privacy = await registerModule(app, 'privacy', (scope) => registerPrivacyModule(scope, ctx, { centre }));
  const shuttle = await registerModule(app, 'shuttle', (scope) => registerShuttleModule(scope, ctx, { people, centre, helpdesk, pathways, equipment }));
  const forums = await registerModule(app, 'forums', (scope) => registerForumsModule(scope, ctx, { people, centre, activities }));
  const team = await registerModule(app, 'team', (scope) => registerTeamModule(scope, ctx, { activities, helpdesk, pathways, shuttle }));
  const teamBoard = await registerModule(app, 'team-board', (scope) => registerTeamBoardModule(scope, ctx, { activities }));
  // The resource space after the navette: fiches are given at its visits (and with pathway modules).
  const resources = await registerModule(app, 'resources', (scope) => registerResourcesModule(scope, ctx, { activities, pathways, shuttle }));
  // Reports last: they read every module before them (funders' reports, the home page's sections).
  const reports = await registerModule(app, 'reports', (scope) => registerReportsModule(scope, ctx, { centre, activities, helpdesk, equipment, forums, volunteering: { hoursBetween: (...a) => teamBoard.hours.hoursBetween(...a), rateCents: (centerId) => teamBoard.hours.rate(centerId) } }));
  return { centre, people, activities, helpdesk, pathways, reports, equipment, resources, privacy, shuttle, forums, team, teamBoard } satisfies Services;
}

/** Where the backup taken before an upgrade goes: LIEUDIT_BACKUP_DIR, else data/sauvegardes. */
function upgradeBackupDir(config: Config): string {
  return config.backupDir ?? 'data/sauvegardes';
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
  const progress = readFileSync(new URL('./ui/client/progress.js', import.meta.url), 'utf8');
  const etag = `"${createHash('sha1').update(css).digest('hex').slice(0, 16)}"`;
  app.get('/static/app.css', page('public'), async (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', etag).type('text/css; charset=utf-8');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return css;
  });
  app.get(PROGRESS_SCRIPT, page('public'), async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(progress),
  );
  app.get('/static/favicon.svg', page('public'), async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(favicon),
  );
}
