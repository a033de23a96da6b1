import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/kysely.ts';
import { createCentre, createTestApp, type TestApp } from '../support/app.ts';
import { testDialect } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';

/**
 * Crash safety (QUALITY.md, issue 10): the real server runs as a child process on a SQLite file
 * (WAL, synchronous=NORMAL — src/db/kysely.ts says why), takes a stream of person creations
 * through the API, and is killed with SIGKILL in the middle of it — no chance to flush or close
 * anything. Restarted on the same file, it must hold every person whose creation was answered
 * 201, and the file must pass `PRAGMA integrity_check`.
 */
describe.runIf(testDialect() === 'sqlite')('a server killed with SIGKILL under a write load', () => {
  let t: TestApp;
  let token: string;
  let centreId: string;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'durable', 'Centre durable');
    ({ token } = await t.app.ctx.auth.createToken(centreId, 'coordinator', 'charge d’écriture'));
    await t.app.close(); // the child process is the only writer from now on
  });

  afterAll(async () => {
    if (server && server.exitCode === null) server.kill('SIGKILL');
    await t.db.drop();
  });

  async function start(): Promise<{ process: ChildProcess; base: string }> {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/lieudit.js', 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      // The built bundle (dist/), as `npm start` runs it in production — not the TypeScript
      // sources the rest of the suite exercises: a bundle that breaks would show here.
      env: { ...process.env, LIEUDIT_FROM_SOURCE: '0', DATABASE_URL: t.db.url, NODE_ENV: 'test', LIEUDIT_SECRET: 'kill-secret-kill-secret-kill-secret', LOG_LEVEL: 'fatal' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Process time: how long to wait for the child server, not a date the app reasons about.
    const deadline = Date.now() + 40_000;
    while (!output.includes('Lieudit est prêt')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Started from the bundle, not from the sources it falls back to when the build fails.
    expect(output).not.toContain('depuis les sources TypeScript');
    return { process: child, base: `http://127.0.0.1:${port}` };
  }

  /** Creates persons one after another on each of `lanes` connections until the server dies; answers the acknowledged names. */
  async function writeUntilDead(base: string, lanes: number): Promise<string[]> {
    const acknowledged: string[] = [];
    let sent = 0;
    const lane = async (n: number) => {
      for (;;) {
        const lastName = `Durable${n}x${sent++}`;
        try {
          const response = await fetch(`${base}/api/v1/persons`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ firstName: 'Camille', lastName, consents: { data_processing: true }, confirmNotDuplicate: true }),
          });
          await response.arrayBuffer();
          if (response.status === 201) acknowledged.push(lastName);
          else throw new Error(`unexpected status ${response.status}`);
        } catch (error) {
          if (error instanceof Error && error.message.startsWith('unexpected')) throw error;
          return; // connection refused or reset: the server is gone
        }
      }
    };
    await Promise.all(Array.from({ length: lanes }, (_, n) => lane(n)));
    return acknowledged;
  }

  it('keeps every acknowledged write and an intact file', async () => {
    const first = await start();
    server = first.process;
    const load = writeUntilDead(first.base, 8);
    // Kill once a good number of writes went through, in the middle of the stream.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    first.process.kill('SIGKILL');
    await once(first.process, 'exit');
    const acknowledged = await load;
    expect(acknowledged.length).toBeGreaterThan(10);

    // The file as the killed process left it (WAL included), read by a fresh connection.
    const after = createDb(t.db.url);
    try {
      const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(after.kysely);
      expect(integrity.rows.map((r) => Object.values(r)[0])).toEqual(['ok']);
      const stored = await after.kysely.selectFrom('persons').select('lastName').where('centerId', '=', centreId).execute();
      const names = new Set(stored.map((p) => p.lastName));
      expect(acknowledged.filter((name) => !names.has(name))).toEqual([]);
    } finally {
      await after.close();
    }

    // And the server starts again on the same file and serves what was written.
    const second = await start();
    server = second.process;
    const response = await fetch(`${second.base}/api/v1/persons?q=${acknowledged[0]}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain(acknowledged[0]);
    second.process.kill('SIGTERM');
    await once(second.process, 'exit');
  }, 60_000);
});
