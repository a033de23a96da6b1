/**
 * A federation runs several instances of Lieudit on one PostgreSQL behind a load balancer.
 * Two instances here (two buildApp, each with its own pool and its own listening connection)
 * share one database and prove: scheduled jobs run once between them, capacity stays exact when
 * registrations arrive through both, and a change made on one reaches the other's cache of the
 * public catalogue within a second.
 */
import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createDb, loadPg, type Db } from '../../src/db/kysely.ts';
import { PostgresChangeBus } from '../../src/platform/changes.ts';
import { activityInput, createPersons, dayFromNow, setupProgramme } from '../../src/modules/activities/activities.fixtures.ts';
import { seedDemoPathways } from '../../src/modules/pathways/demo.ts';
import { backgroundCountName } from '../../src/modules/reports/federation.service.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';
import type { ManualClock } from '../../src/platform/clock.ts';
import { createCentre, testClock } from '../support/app.ts';
import { createTestDb, testDialect, type TestDb } from '../support/databases.ts';

const onPostgres = testDialect() === 'postgres';

/** Asks `check` every 20 ms until it holds, for a second at most: whether it came to hold. */
async function withinASecond(check: () => boolean | Promise<boolean>): Promise<boolean> {
  const since = performance.now();
  while (!(await check())) {
    if (performance.now() - since >= 1_000) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe.skipIf(!onPostgres)('two instances on one PostgreSQL (skipped on SQLite: set TEST_DATABASE_URL=postgres://…)', () => {
  let db: TestDb;
  let secondDb: Db;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let centerId: string;
  let actor: Actor;
  let studioId: string;
  const slug = 'federation';

  beforeAll(async () => {
    db = await createTestDb();
    secondDb = createDb(db.url);
    const config = loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test', LIEUDIT_CENTRE: slug });
    a = await buildApp(config, { db, migrate: false, clock: testClock() });
    b = await buildApp(config, { db: secondDb, migrate: false, clock: testClock() });
    centerId = await createCentre(a, slug, 'Centre social de la fédération');
    ({ studioId, actor } = await setupProgramme(a, centerId));
    // Both instances listen before anything is published.
    await Promise.all([a, b].map((app) => (app.ctx.changes as PostgresChangeBus).ready()));
  });
  afterAll(async () => {
    await b?.close();
    await secondDb?.close();
    await a?.close();
    await db?.drop();
  });

  it('sends one reminder per registration when both instances run the reminder job at once', async () => {
    const { programme, registrations } = a.services.activities;
    const activity = await programme.create(actor, activityInput(a.ctx.clock, studioId, {
      capacity: 10,
      schedule: { kind: 'single', dates: [dayFromNow(a.ctx.clock, 5)], rrule: null, startDate: null, endDate: null, startTime: '10:00', endTime: '12:00', exceptions: [] },
    }));
    const [session] = await programme.sessions(actor, activity.id);
    const persons = await createPersons(a, centerId, 6, { reminders: true });
    for (const p of persons) await registrations.register(actor, centerId, session!.id, { personId: p.id }, 'staff');
    // Both clocks two days before the session: the reminders are due.
    const due = new Date(Date.parse(session!.startsAt) - 47 * 3_600_000);
    const started = a.ctx.clock.now();
    for (const app of [a, b]) (app.ctx.clock as ManualClock).set(due);
    const job = (app: FastifyInstance) => app.ctx.scheduler.jobs.find((j) => j.name === 'activity-reminders')!;
    // Through the schedulers (one advisory lock per job), several ticks each, all at once…
    const ran = await Promise.all([a, b, a, b].map((app) => app.ctx.scheduler.runOnce(job(app))));
    expect(ran.some(Boolean)).toBe(true);
    // …and straight, bypassing the lock: the outbox's dedupe key still holds.
    await Promise.all([a, b].map((app) => app.services.activities.reminders.sendDueReminders(due)));
    const reminders = await db.kysely.selectFrom('outbox').select(['recipient', 'dedupeKey']).where('dedupeKey', 'like', 'reminder:%').execute();
    expect(reminders).toHaveLength(persons.length);
    expect(new Set(reminders.map((r) => r.recipient)).size).toBe(persons.length);
    for (const app of [a, b]) (app.ctx.clock as ManualClock).set(started);
  });

  it('confirms exactly 20 of 100 registrations sent through both instances at once', async () => {
    const { programme } = a.services.activities;
    const activity = await programme.create(actor, activityInput(a.ctx.clock, studioId, { title: 'Atelier très demandé', capacity: 20 }));
    const [session] = await programme.sessions(actor, activity.id);
    const crowd = await createPersons(a, centerId, 100);
    const { token } = await a.ctx.auth.createToken(centerId, 'coordinator', 'fédération');
    const statuses = await Promise.all(crowd.map((p, i) => (i % 2 === 0 ? a : b).inject({
      method: 'POST',
      url: `/api/v1/sessions/${session!.id}/registrations`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ personId: p.id }),
    }).then((r) => r.statusCode)));
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const rows = await db.kysely.selectFrom('activityRegistrations').select('status').where('sessionId', '=', session!.id).execute();
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(80);
  });

  it('shows on one instance, within a second, a change made on the other', async () => {
    const { programme } = a.services.activities;
    const activity = await programme.create(actor, activityInput(a.ctx.clock, studioId, { title: 'Club photo' }));
    // The second instance keeps the catalogue it renders…
    const first = await b.inject({ method: 'GET', url: '/activites' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Club photo');
    expect((await b.inject({ method: 'GET', url: '/activites' })).body).toContain('Club photo');
    // …until the first instance renames the activity.
    await programme.update(actor, activity.id, { title: 'Club photo numérique' });
    const seen = await withinASecond(async () => (await b.inject({ method: 'GET', url: '/activites' })).body.includes('Club photo numérique'));
    expect(seen).toBe(true);
  });

  it('refuses at once a revoked token on the instance that revoked it, and within a second on the other', async () => {
    // Process time stands still: the token each instance keeps cannot expire, so only the
    // revocation's notice can make the second instance forget it.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { id, token } = await a.ctx.auth.createToken(centerId, 'coordinator', 'tableau de bord');
      const call = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/api/v1/centre', headers: { authorization: `Bearer ${token}` } }).then((r) => r.statusCode);
      expect(await call(a)).toBe(200);
      expect(await call(b)).toBe(200);
      await a.ctx.auth.revokeToken(centerId, id);
      expect(await call(a)).toBe(401);
      const refused = await withinASecond(async () => (await call(b)) === 401);
      expect(refused).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
  it('sends a burst of changes one statement at a time on the listening connection, and each reaches the other instance', async () => {
    // Counts the statements each pg connection has in flight at once (pg 9 refuses a second one).
    const { Client } = loadPg();
    const query = Client.prototype.query;
    const inFlight = new Map<object, number>();
    let most = 0;
    Client.prototype.query = function (this: object, ...args: unknown[]) {
      const result = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (result instanceof Promise) {
        inFlight.set(this, (inFlight.get(this) ?? 0) + 1);
        most = Math.max(most, inFlight.get(this)!);
        void result.finally(() => inFlight.set(this, inFlight.get(this)! - 1)).catch(() => {});
      }
      return result;
    } as typeof query;
    const seen = new Set<string>();
    const stop = b.ctx.changes.subscribe('training', (centreId) => seen.add(centreId));
    try {
      const centres = Array.from({ length: 10 }, (_, i) => `centre-rafale-${i}`);
      await Promise.all(Array.from({ length: 60 }, (_, i) => a.ctx.changes.publish('training', centres[i % centres.length]!)));
      await withinASecond(() => seen.size === centres.length);
      expect([...seen].sort()).toEqual([...centres].sort());
      expect(most).toBe(1);
    } finally {
      stop();
      Client.prototype.query = query;
    }
  });

  it('counts a federation’s period in one instance at a time, the other telling how far it is', async () => {
    const [fa, fb] = [a.services.reports.federation, b.services.reports.federation];
    const federation = await fa.create({ slug: 'fcs-deux-instances', name: 'Fédération à deux instances' });
    for (const slug of ['deux-nord', 'deux-sud']) await fa.join(federation.id, await createCentre(a, slug, `Centre social ${slug}`));
    const user = await a.ctx.auth.createUser({ centerId, email: 'federation@deux-instances.test', displayName: 'Fédération', role: 'federation_admin', password: 'un mot de passe assez long', federationId: federation.id });
    const account: Actor = { centerId, userId: user.id, role: 'federation_admin', label: 'Fédération', partnerCommuneInsee: null, federationId: federation.id, via: 'session' };
    const period = fb.period({ from: '2026-02-01', to: '2026-05-31' });
    const usual = fb.countWhileWaiting;
    fb.countWhileWaiting = 0;
    try {
      // The first instance is counting this period (held here until released)…
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holding = a.ctx.scheduler.runAlone(backgroundCountName(federation.id, period), () => held);
      // …so the second, asked meanwhile (the page's progress requests), counts nothing itself.
      for (let ask = 0; ask < 2; ask++) {
        expect(await fb.answer(account, period)).toMatchObject({ status: 'counting', centreCount: 2, readyCount: 0 });
        await fb.settled();
      }
      release();
      expect(await holding).toBe(true);
      // Once the other has stopped (here without counting), the next request counts.
      expect(await fb.answer(account, period)).toMatchObject({ status: 'counting', readyCount: 0 });
      await fb.settled();
      expect(await fb.answer(account, period)).toMatchObject({ status: 'ready' });
    } finally {
      fb.countWhileWaiting = usual;
    }
  });

  it('keeps a volunteer out of persons’ files on the other instance, within a second, once a training is required on one', async () => {
    const { accueil } = await seedDemoPathways(a.ctx, a.services, centerId);
    const user = await a.ctx.auth.createUser({ centerId, email: 'benevole@federation.test', displayName: 'Bénévole', role: 'volunteer', password: 'un mot de passe assez long' });
    const volunteer: Actor = { centerId, userId: user.id, role: 'volunteer', label: 'Bénévole', partnerCommuneInsee: null, via: 'session' };
    const allowedOn = async (app: FastifyInstance) => (await app.ctx.trainingGate.check(volunteer)).allowed;
    const within = async (app: FastifyInstance, expected: boolean) => ((await withinASecond(async () => (await allowedOn(app)) === expected)) ? expected : !expected);
    // The second instance keeps that no role of the centre has a training to follow…
    expect(await allowedOn(b)).toBe(true);
    expect(await allowedOn(b)).toBe(true);
    // …until the first requires one for volunteers, and again when it lifts it.
    const requirement = await a.services.pathways.training.require(actor, { role: 'volunteer', pathwayId: accueil });
    expect(await allowedOn(a)).toBe(false);
    expect(await within(b, false)).toBe(false);
    await a.services.pathways.training.unrequire(actor, requirement);
    expect(await allowedOn(a)).toBe(true);
    expect(await within(b, true)).toBe(true);
  });
});

// Rate limits across instances need Redis (REDIS_URL); the test uses the machine's Redis when
// it answers, on either database.
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const redisAnswers = await new Promise<boolean>((resolve) => {
  const url = new URL(redisUrl);
  const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
  socket.setTimeout(500);
  socket.once('connect', () => { socket.destroy(); resolve(true); });
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => { socket.destroy(); resolve(false); });
});

describe.skipIf(!redisAnswers)('two instances sharing rate limits through Redis (skipped when no Redis answers)', () => {
  let db: TestDb;
  let a: FastifyInstance;
  let b: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDb();
    const config = loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test', REDIS_URL: redisUrl });
    a = await buildApp(config, { db, migrate: false, clock: testClock() });
    b = await buildApp(config, { db, migrate: false, clock: testClock() });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await db?.drop();
  });

  it('counts one client’s posts on both instances together (30 a minute)', async () => {
    // A client address of its own, so that another run within the minute counts apart.
    const address = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const post = (app: FastifyInstance) => app.inject({ method: 'POST', url: `/activites/${crypto.randomUUID()}/inscription`, remoteAddress: address, payload: {} });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await post(a)).statusCode, (await post(b)).statusCode);
    // Each instance saw 20: only a shared count reaches the limit.
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });
});
