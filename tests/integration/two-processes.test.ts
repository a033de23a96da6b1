/**
 * A federation runs `lieudit serve` several times on one PostgreSQL behind a load balancer.
 * Here two real server processes, started from the built bundle as `npm start` starts it, share
 * one database, each with its own scheduler, pool, catalogue cache and LISTEN connection. They
 * prove what `two-instances.test.ts` proves in one process, with nothing shared but the
 * database: both run the reminder job as they start and each registration gets one reminder;
 * 100 registrations sent to both give exactly 20 seats; a change made through one is served by
 * the other within a second.
 *
 * The servers run on the real clock (a child process has no test clock), so the data is laid
 * out from the real time; nothing here depends on which day that is.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityInput, createPersons, dayFromNow, setupProgramme } from '../../src/modules/activities/activities.fixtures.ts';
import { createCentre, createTestApp, testClock, type TestApp } from '../support/app.ts';
import { testDialect } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';

const onPostgres = testDialect() === 'postgres';
// The reverse proxy of compose.yaml, from Debian's package (`.ci/run` installs it).
const caddyInstalled = spawnSync('caddy', ['version']).status === 0;

interface Server {
  process: ChildProcess;
  base: string;
  output: () => string;
}

describe.skipIf(!onPostgres)('two `lieudit serve` processes on one PostgreSQL (skipped on SQLite)', () => {
  let t: TestApp;
  let token: string;
  let activityId: string;
  let sessionId: string;
  let registered: number;
  const servers: Server[] = [];
  const slug = 'deux-serveurs';

  beforeAll(async () => {
    // The data is laid out from the real time, the time the servers reason with; the
    // registrations are made three days earlier, before the reminders' 48-hour window opened
    // (a registration made inside it gets no reminder: its confirmation is recent enough).
    t = await createTestApp({}, { now: new Date(Date.now() - 3 * 86_400_000) });
    const tomorrow = dayFromNow(testClock(new Date()), 1);
    const centerId = await createCentre(t.app, slug, 'Centre social à deux serveurs');
    const { studioId, actor } = await setupProgramme(t.app, centerId);
    ({ token } = await t.app.ctx.auth.createToken(centerId, 'coordinator', 'deux serveurs'));
    const { programme, registrations } = t.app.services.activities;
    // Tomorrow at 10:00 Paris time: within the 48 hours of the reminders whatever the hour now.
    const soon = await programme.create(actor, activityInput(t.clock, studioId, {
      title: 'Atelier de demain',
      capacity: 10,
      schedule: { kind: 'single', dates: [tomorrow], rrule: null, startDate: null, endDate: null, startTime: '10:00', endTime: '12:00', exceptions: [] },
    }));
    const [soonSession] = await programme.sessions(actor, soon.id);
    const persons = await createPersons(t.app, centerId, 6, { reminders: true });
    for (const p of persons) await registrations.register(actor, centerId, soonSession!.id, { personId: p.id }, 'staff');
    registered = persons.length;
    const popular = await programme.create(actor, activityInput(t.clock, studioId, { title: 'Club photo', capacity: 20 }));
    activityId = popular.id;
    sessionId = (await programme.sessions(actor, popular.id))[0]!.id;
    await t.app.close(); // only the two servers use the database from now on
    // Both at once: each runs every scheduled job as it starts.
    servers.push(...(await Promise.all([start(t.db.url), start(t.db.url)])));
  }, 90_000);

  afterAll(async () => {
    for (const server of servers) {
      if (server.process.exitCode === null) {
        server.process.kill('SIGTERM');
        await once(server.process, 'exit');
      }
    }
    await t?.db.drop();
  });

  async function start(databaseUrl: string): Promise<Server> {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/lieudit.js', 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      env: {
        ...process.env,
        LIEUDIT_FROM_SOURCE: '0',
        DATABASE_URL: databaseUrl,
        NODE_ENV: 'test',
        LIEUDIT_SECRET: 'two-servers-secret-two-servers-secret',
        LIEUDIT_CENTRE: slug,
        PUBLIC_URL: 'http://lieudit.test',
        LOG_LEVEL: 'fatal',
        // No shared rate-limit store: 100 registrations from one address must not be limited here.
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Process time: how long to wait for a child server, not a date the app reasons about.
    const deadline = Date.now() + 60_000;
    while (!output.includes('Lieudit est prêt')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(output).not.toContain('depuis les sources TypeScript');
    return { process: child, base: `http://127.0.0.1:${port}`, output: () => output };
  }

  const api = (server: Server, method: string, path: string, body?: unknown) =>
    fetch(`${server.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('sends one reminder per registration although both servers ran the reminder job', async () => {
    const count = async () =>
      (await t.db.kysely.selectFrom('outbox').select(['recipient']).where('dedupeKey', 'like', 'reminder:%').execute()).length;
    const deadline = Date.now() + 10_000;
    while ((await count()) < registered && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // Both have ticked by now; give a late second run the time to add a copy, if it could.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const reminders = await t.db.kysely.selectFrom('outbox').select(['recipient']).where('dedupeKey', 'like', 'reminder:%').execute();
    expect(reminders).toHaveLength(registered);
    expect(new Set(reminders.map((r) => r.recipient)).size).toBe(registered);
  }, 20_000);

  it('confirms exactly 20 of 100 registrations sent to both servers at once', async () => {
    const persons = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const response = await api(servers[i % 2]!, 'POST', '/api/v1/persons', {
          firstName: 'Alix',
          lastName: `Deuxserveurs${i}`,
          consents: { data_processing: true },
          confirmNotDuplicate: true,
        });
        expect(response.status).toBe(201);
        return ((await response.json()) as { id: string }).id;
      }),
    );
    const statuses = await Promise.all(
      persons.map(async (personId, i) => (await api(servers[(i + 1) % 2]!, 'POST', `/api/v1/sessions/${sessionId}/registrations`, { personId })).status),
    );
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const rows = await t.db.kysely.selectFrom('activityRegistrations').select('status').where('sessionId', '=', sessionId).execute();
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(80);
  }, 60_000);

  it('serves on one server, within a second, a change made through the other', async () => {
    const [a, b] = servers as [Server, Server];
    // The second server renders the catalogue and keeps it…
    for (let i = 0; i < 2; i++) {
      const page = await fetch(`${b.base}/activites`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Club photo');
    }
    // …until the activity is renamed through the first.
    const renamed = await api(a, 'PATCH', `/api/v1/activities/${activityId}`, { title: 'Club photo numérique' });
    expect(renamed.status).toBe(200);
    const changedAt = performance.now();
    let seen = false;
    while (!seen && performance.now() - changedAt < 1_000) {
      seen = (await (await fetch(`${b.base}/activites`)).text()).includes('Club photo numérique');
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen).toBe(true);
    for (const server of servers) expect(server.output()).not.toMatch(/\b(Error|erreur interne)\b/);
  }, 20_000);
  // compose.yaml cannot run without a Docker engine; its proxy can. The very file it mounts,
  // deploy/Caddyfile, is run here in front of the two servers (only its addresses are set), and
  // each server's own request counter shows that both answered visitors who came through it.
  it.skipIf(!caddyInstalled)('serves visitors from both servers through the Caddyfile of compose.yaml', async () => {
    const port = await freePort();
    const home = mkdtempSync(join(tmpdir(), 'lieudit-caddy-'));
    const caddy = spawn('caddy', ['run', '--config', 'deploy/Caddyfile', '--adapter', 'caddyfile'], {
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: home,
        XDG_CONFIG_HOME: home,
        LIEUDIT_PROXY_ADMIN: 'off',
        LIEUDIT_PROXY_ADDRESS: `:${port}`,
        LIEUDIT_UPSTREAMS: servers.map((s) => s.base.replace('http://', '')).join(' '),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    caddy.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      const proxied = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 15_000;
      while (!(await fetch(`${proxied}/contact`).then((r) => r.ok, () => false))) {
        if (caddy.exitCode !== null || Date.now() > deadline) throw new Error(`Caddy did not start:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const before = await Promise.all(servers.map(contactPagesServed));
      for (let i = 0; i < 10; i++) {
        const page = await fetch(`${proxied}/contact`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('Centre social à deux serveurs');
      }
      const after = await Promise.all(servers.map(contactPagesServed));
      const served = after.map((n, i) => n - before[i]!);
      expect(served[0]! + served[1]!).toBe(10);
      expect(served[0]).toBeGreaterThan(0);
      expect(served[1]).toBeGreaterThan(0);
    } finally {
      caddy.kill('SIGTERM');
      if (caddy.exitCode === null) await once(caddy, 'exit');
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);

  /** How many times this server answered /contact, from its own Prometheus counter (read from loopback). */
  async function contactPagesServed(server: Server): Promise<number> {
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('lieudit_http_requests_total{') && l.includes('route="/contact"') && l.includes('status_code="200"'));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }
});
