/**
 * The persons list under load: one centre with 100,000 synthetic persons (BENCH_PERSONS to
 * change it), searched for a common last name (one file in six) (a) through the staff page
 * signed in as a coordinator, (b) through the JSON API with a Bearer token, first page and
 * (b2) the page its `next` cursor leads to, and (c) a bare Fastify route (no plugins) answering a static string of
 * the page's size — the ceiling the page is compared with. autocannon in its own process,
 * 10 s each, at 1, 10 and 50 connections (BENCH_CONNECTIONS=1,10,50), the bare route measured
 * at each level in the same run: with N clients that each wait for their answer, the mean
 * latency is N / throughput (Little's law), so 50 connections measure the queue of one busy
 * process as much as a request, and 1 connection the time of a request alone. Both servers
 * live in this process with the same settings (logs off, no compression asked by the client). SQLite always; PostgreSQL too with
 * BENCH_DATABASE_URL (a server where the benchmark may create and drop a database).
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { SESSION_COOKIE } from '../src/platform/http/security.ts';
import { COMMON_LAST_NAME, insertSyntheticPersons } from './synthetic.ts';
import { freePort, loadTest, postgresDatabase, printTable, sqliteDatabase, type BenchDatabase, type LoadResult, type Row } from './support.ts';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,10,50').split(',').map(Number).filter((n) => n > 0);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function listen(app: FastifyInstance): Promise<string> {
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return `http://127.0.0.1:${port}`;
}

/** The cookies a signed-in browser sends after its first page (session, CSRF seed). */
function cookieHeader(setCookie: string[], session: string): string {
  const jar = new Map<string, string>([[SESSION_COOKIE, session]]);
  for (const c of setCookie) {
    const [pair] = c.split(';');
    const [name, value] = pair!.split('=');
    if (name && value !== undefined && name !== SESSION_COOKIE) jar.set(name.trim(), value);
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function measure(label: string, url: string, headers: Record<string, string>, connections: number): Promise<LoadResult> {
  // A second of warm-up: JIT, statement caches, connection pool.
  await loadTest(url, { connections, seconds: 1, headers });
  const result = await loadTest(url, { connections, seconds: SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) console.warn(`  ! ${label} (${connections}) : ${result.non2xx} réponses non 2xx, ${result.errors} erreurs`);
  return result;
}

async function benchDialect(target: BenchDatabase): Promise<Row[]> {
  const { db } = target;
  await migrateToLatest(db);
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LIEUDIT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { db, migrate: false });
  const centre = await app.services.centre.createCentre({ slug: 'bench', name: 'Centre social du banc d’essai', communeInsee: '59122' });
  const started = Date.now();
  await insertSyntheticPersons(db.kysely, centre.id, PERSONS);
  console.log(`  ${target.label} : ${PERSONS} personnes insérées en ${Date.now() - started} ms`);

  const coordinator = await app.ctx.auth.createUser({ centerId: centre.id, email: 'coordination@bench.fr', displayName: 'Coordination', role: 'coordinator', password: 'mot de passe du banc' });
  const session = await app.ctx.auth.openSession(coordinator);
  const { token } = await app.ctx.auth.createToken(centre.id, 'coordinator', 'bench');
  const base = await listen(app);

  const q = encodeURIComponent(COMMON_LAST_NAME);
  const pageUrl = `${base}/personnes?q=${q}`;
  const apiUrl = `${base}/api/v1/persons?q=${q}`;
  const first = await fetch(pageUrl, { headers: { cookie: `${SESSION_COOKIE}=${session}` }, redirect: 'manual' });
  const page = await first.text();
  const apiFirst = await fetch(apiUrl, { headers: { authorization: `Bearer ${token}` } });
  const apiBody = await apiFirst.text();
  if (first.status !== 200 || apiFirst.status !== 200) {
    console.warn(`  ! ${target.label} : /personnes → ${first.status}, /api/v1/persons → ${apiFirst.status} ; mesure impossible.`);
    await app.close();
    return [];
  }
  const { total, next } = JSON.parse(apiBody) as { total?: number; next?: string | null };
  const nextUrl = `${apiUrl}&cursor=${next ?? ''}`;
  console.log(`  « ${COMMON_LAST_NAME} » : ${total ?? '?'} personnes trouvées ; page de ${Buffer.byteLength(page)} octets, JSON de ${Buffer.byteLength(apiBody)} octets`);
  const pageHeaders = { cookie: cookieHeader(first.headers.getSetCookie(), session) };

  // (c) The ceiling: a Fastify with nothing registered, answering a string of the page's size.
  const bare = Fastify({ logger: false });
  const staticBody = 'x'.repeat(Buffer.byteLength(page));
  bare.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(staticBody));
  const bareUrl = await listen(bare);

  const results: { what: string; connections: number; result: LoadResult; bare: LoadResult }[] = [];
  try {
    for (const connections of CONNECTIONS) {
      const bearer = { authorization: `Bearer ${token}` };
      const level = [
        [`(a) page /personnes?q=${COMMON_LAST_NAME}`, await measure('page', pageUrl, pageHeaders, connections)],
        [`(b) GET /api/v1/persons?q=${COMMON_LAST_NAME}`, await measure('api', apiUrl, bearer, connections)],
        ['(b2) la même, page suivante (cursor)', await measure('api-next', nextUrl, bearer, connections)],
      ] as const;
      const bareResult = await measure('bare', `${bareUrl}/`, {}, connections);
      for (const [what, result] of level) results.push({ what, connections, result, bare: bareResult });
      results.push({ what: '(c) Fastify nu, même taille', connections, result: bareResult, bare: bareResult });
    }
  } finally {
    await bare.close();
    await app.close();
  }
  return results.map(({ what, connections, result: r, bare: b }) => ({
    base: target.label,
    cible: what,
    connexions: connections,
    'req/s': r.requestsPerSecond,
    'p50 ms': r.p50Ms,
    'p99 ms': r.p99Ms,
    'octets/rép.': r.bytesPerResponse,
    'ratio / nu': Number((r.requestsPerSecond / b.requestsPerSecond).toPrecision(2)),
    'non-2xx': r.non2xx + r.errors,
  }));
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const open of [() => sqliteDatabase('persons'), () => postgresDatabase('persons')]) {
    const target = await open();
    if (!target) {
      console.log('  PostgreSQL : non mesuré (définissez BENCH_DATABASE_URL=postgres://… pour l’inclure)');
      continue;
    }
    try {
      rows.push(...(await benchDialect(target)));
    } finally {
      await target.drop();
    }
  }
  printTable(rows);
  return rows;
}
