import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.ts';
import { createTestDb, testDialect, type TestDb } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';

/**
 * A PostgreSQL restart under load (review, high): the server runs as a real process, a burst
 * of requests is sent, and the database's connections are cut in the middle of it — several
 * times — with pg_terminate_backend. The process must live through it, answer 503 (never 500)
 * while the database is away, and answer normally again once it is back.
 */
describe.runIf(testDialect() === 'postgres')('a PostgreSQL outage under load', () => {
  let db: TestDb;
  let server: ChildProcess;
  let base: string;
  let output = '';
  const databaseName = () => new URL(db.url).pathname.slice(1);

  async function admin<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }
  const terminateBackends = () =>
    admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [databaseName()]);

  /** One request; a refused or reset connection counts as status 0 (the process is gone). */
  async function hit(path: string): Promise<number> {
    try {
      // The API checks a Bearer token against the database on every request.
      const headers: Record<string, string> = path.startsWith('/api/') ? { authorization: 'Bearer jeton-inconnu' } : {};
      const response = await fetch(`${base}${path}`, { headers });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    }
  }
  const paths = ['/health', '/activites', '/api/v1/centre'];
  const burst = (n: number, among = paths) => Promise.all(Array.from({ length: n }, (_, i) => hit(among[i % among.length]!)));
  // A catalogue page asked within the last few seconds is kept and may still answer visitors
  // while the database is away (by design); a filter nobody asked for must read the database.
  const unaskedCatalogue = '/activites?du=2031-01-06';

  beforeAll(async () => {
    db = await createTestDb();
    // A centre, so that the public pages have something to show.
    const at = '2026-01-05T09:00:00.000Z';
    await db.kysely
      .insertInto('centers')
      .values({ id: newId(), slug: 'panne', name: 'Centre de la panne', address: '1 rue de la Gare', postalCode: '59400', communeInsee: '59122', openingHours: 'Mo-Fr 09:00-17:00', email: null, phone: null, createdAt: at, updatedAt: at })
      .execute();
    await db.close(); // the server opens its own pool
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['bin/lieudit.js', 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test', LIEUDIT_SECRET: 'outage-secret-outage-secret-outage', LOG_LEVEL: 'fatal' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Process time: how long to wait for the child server, not a date the app reasons about.
    const deadline = Date.now() + 40_000;
    while (!output.includes('Lieudit est prêt')) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await admin(`ALTER DATABASE ${databaseName()} ALLOW_CONNECTIONS true`).catch(() => {});
    await db?.drop();
  });

  it('survives its connections being terminated during a burst, without a 500', async () => {
    expect(await hit('/health')).toBe(200);
    const requests = burst(400);
    for (let i = 0; i < 6; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      await terminateBackends();
    }
    const statuses = await requests;
    expect(server.exitCode, output).toBeNull();
    expect(statuses.filter((s) => ![200, 401, 503].includes(s)), `unexpected answers: ${statuses.join(',')}`).toEqual([]);
    expect(await hit('/health')).toBe(200);
    expect(await hit('/activites')).toBe(200);
    expect(await hit('/api/v1/centre')).toBe(401);
  }, 60_000);

  it('answers 503 in French while the database refuses connections, then serves again', async () => {
    await admin(`ALTER DATABASE ${databaseName()} ALLOW_CONNECTIONS false`);
    await terminateBackends();

    const page = await fetch(`${base}${unaskedCatalogue}`);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(await page.text()).toContain('Le service est momentanément indisponible');
    const api = await fetch(`${base}/api/v1/centre`, { headers: { authorization: 'Bearer jeton-inconnu' } });
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: 'unavailable', message: 'Le service est momentanément indisponible. Réessayez dans quelques instants.', fields: {} });
    const statuses = await burst(40, ['/health', unaskedCatalogue, '/api/v1/centre']);
    expect(new Set(statuses)).toEqual(new Set([503]));

    await admin(`ALTER DATABASE ${databaseName()} ALLOW_CONNECTIONS true`);
    expect(server.exitCode, output).toBeNull();
    expect(await hit('/activites')).toBe(200);
    expect(await hit('/api/v1/centre')).toBe(401);
  }, 60_000);
});
