/**
 * Activities benchmarks (QUALITY.md):
 * - B1: the public catalogue /activites with 50 upcoming sessions, requests/s compared with a
 *   bare Fastify route answering a static string of the page's size, same process settings
 *   (logs off, no compression asked), autocannon 50 connections × 10 s in its own process; p99.
 * - B2: 1,000 concurrent registrations (JSON API over HTTP, Bearer token, existing persons, sent
 *   at once from another process) for one 20-seat session: confirmed and waitlisted counts (must
 *   be exactly 20 and 980), and registrations per second (wall time of the whole crowd). Beside
 *   it, figures a busy machine distorts less: the server's CPU time and its SQL statements
 *   (begin and commit included) per registration, and the same crowd posted to a bare Fastify
 *   route answering a JSON of the same size (201), in the same process, just before. The crowd
 *   first registers once for another session (warm-up, printed), as B1's load warms up first.
 * - B4: weight on first visit, compressed (HTML + CSS + JS, brotli as a browser asks), of the
 *   catalogue and of an activity's page.
 * SQLite always; PostgreSQL too with BENCH_DATABASE_URL.
 */
import { execFile } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { newId } from '../src/platform/ids.ts';
import { activityInput, createPersons, dayFromNow } from '../src/modules/activities/activities.fixtures.ts';
import { freePort, loadTest, postgresDatabase, printTable, sqliteDatabase, type BenchDatabase, type LoadResult, type Row } from './support.ts';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const REGISTRATIONS = 1000;
const SEATS = 20;

async function listen(app: FastifyInstance): Promise<string> {
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return `http://127.0.0.1:${port}`;
}

async function measure(label: string, url: string): Promise<LoadResult> {
  await loadTest(url, { connections: CONNECTIONS, seconds: 1 });
  const result = await loadTest(url, { connections: CONNECTIONS, seconds: SECONDS });
  if (result.non2xx > 0 || result.errors > 0) console.warn(`  ! ${label} : ${result.non2xx} réponses non 2xx, ${result.errors} erreurs`);
  return result;
}

/** Bytes on the wire of a GET, as a browser asking for brotli/gzip receives them. */
function wireBytes(url: string): Promise<{ bytes: number; encoding: string; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const encoding = String(res.headers['content-encoding'] ?? 'identity');
        const zlib = await import('node:zlib');
        const body = encoding === 'br' ? zlib.brotliDecompressSync(raw) : encoding === 'gzip' ? zlib.gunzipSync(raw) : raw;
        done({ bytes: raw.length, encoding, body: body.toString('utf8') });
      });
    });
    req.on('error', fail);
    req.end();
  });
}

/** POSTs one registration per person id, all concurrently, from a child process; answers the wall time. */
async function crowdPost(url: string, token: string, personIds: string[]): Promise<{ seconds: number; statuses: number[] }> {
  const script = `
    const { url, token, ids } = JSON.parse(process.env.CROWD);
    const started = performance.now();
    Promise.all(ids.map((personId) => fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' },
      body: JSON.stringify({ personId }),
    }).then(async (r) => { await r.arrayBuffer(); return r.status; }, () => 0)))
      .then((statuses) => console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, statuses })));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    env: { ...process.env, CROWD: JSON.stringify({ url, token, ids: personIds }) },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as { seconds: number; statuses: number[] };
}

/** Statements run while counting (B2): every query the database is sent, begin and commit included. */
const statements = { counting: false, count: 0 };
const countStatement = () => {
  if (statements.counting) statements.count++;
};

/** The server's CPU time (this process: user + system) and the statements run by `work`. */
async function cpuAndStatements<T>(work: () => Promise<T>): Promise<{ result: T; cpuMs: number; statements: number }> {
  statements.count = 0;
  statements.counting = true;
  const before = process.cpuUsage();
  try {
    const result = await work();
    const used = process.cpuUsage(before);
    return { result, cpuMs: (used.user + used.system) / 1000, statements: statements.count };
  } finally {
    statements.counting = false;
  }
}

async function benchDialect(target: BenchDatabase): Promise<{ b1: Row[]; b2: Row[]; b4: Row[] }> {
  const { db } = target;
  await migrateToLatest(db);
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LIEUDIT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1' });
  const app = await buildApp(config, { db, migrate: false });
  const centre = await app.services.centre.createCentre({ slug: 'bench', name: 'Centre social du banc d’essai', communeInsee: '59122' });
  const actor = systemActor(centre.id);
  const sites = [];
  for (const [name, insee] of [['Le studio', '59122'], ['Salle des fêtes d’Iwuy', '59322'], ['Salle polyvalente de Cagnoncles', '59121']] as const) {
    sites.push(await app.services.centre.createSite(centre.id, { name, kind: name.startsWith('Le') ? 'studio' : 'village_hall', communeInsee: insee, address: '1 place de la Mairie', accessibility: 'Plain-pied.' }));
  }
  // B1's programme: ten weekly activities of five sessions each = 50 upcoming sessions.
  const { programme, registrations } = app.services.activities;
  const titles = ['Atelier tablette', 'Club code', 'Premiers pas : l’ordinateur', 'Créer son adresse e-mail', 'Robotique', 'Photos sur le téléphone', 'Démarches en ligne', 'Sécurité numérique', 'Imprimante 3D', 'Réseaux sociaux'];
  const persons = await createPersons(app, centre.id, 30);
  let firstActivity = '';
  for (const [i, title] of titles.entries()) {
    const weekday = ['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]!;
    const activity = await programme.create(actor, activityInput(app.ctx.clock, sites[i % 3]!.id, {
      title, capacity: 8 + (i % 5),
      schedule: { kind: 'rrule', dates: [], rrule: `FREQ=WEEKLY;COUNT=5;BYDAY=${weekday}`, startDate: dayFromNow(app.ctx.clock, 1), endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    }));
    firstActivity ||= activity.id;
    const [first] = await programme.sessions(actor, activity.id);
    for (const p of persons.slice(0, i * 3)) await registrations.register(actor, centre.id, first!.id, { personId: p.id }, 'staff');
  }
  const base = await listen(app);

  // — B1 —
  const catalogueUrl = `${base}/activites`;
  const first = await fetch(catalogueUrl);
  const page = await first.text();
  const sessionsShown = (await app.services.activities.catalogue.catalogue(centre.id)).reduce((n, e) => n + e.sessions.length, 0);
  console.log(`  ${target.label} : /activites → ${first.status}, ${Buffer.byteLength(page)} octets, ${sessionsShown} séances à venir`);
  const bare = Fastify({ logger: false });
  const staticBody = 'x'.repeat(Buffer.byteLength(page));
  bare.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(staticBody));
  const bareUrl = await listen(bare);
  const catalogue = await measure('catalogue', catalogueUrl);
  // A control: a page with no data of its own, through the same platform (hooks, headers),
  // separates what the catalogue costs from what every page costs.
  const control = await measure('contact', `${base}/contact`);
  const ceiling = await measure('bare', `${bareUrl}/`);
  await bare.close();
  const b1: Row[] = [
    { base: target.label, cible: '/activites (50 séances)', 'req/s': catalogue.requestsPerSecond, 'p50 ms': catalogue.p50Ms, 'p99 ms': catalogue.p99Ms, 'ratio / nu': Number((catalogue.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2)) },
    { base: target.label, cible: '/contact (témoin, même plateforme)', 'req/s': control.requestsPerSecond, 'p50 ms': control.p50Ms, 'p99 ms': control.p99Ms, 'ratio / nu': Number((control.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2)) },
    { base: target.label, cible: 'Fastify nu, même taille', 'req/s': ceiling.requestsPerSecond, 'p50 ms': ceiling.p50Ms, 'p99 ms': ceiling.p99Ms, 'ratio / nu': 1 },
  ];

  // — B4 — (first visit: HTML + the stylesheet + any script the page loads)
  const b4: Row[] = [];
  for (const [label, path] of [['/activites', '/activites'], ['page d’une activité', `/activites/${firstActivity}`]] as const) {
    const html = await wireBytes(`${base}${path}`);
    const assets = [...html.body.matchAll(/<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"/g)].map((m) => m[1]!);
    let css = 0;
    let js = 0;
    for (const asset of assets) {
      const got = await wireBytes(`${base}${asset}`);
      if (asset.endsWith('.js')) js += got.bytes;
      else css += got.bytes;
    }
    b4.push({ base: target.label, page: label, 'HTML ko': html.bytes / 1024, 'CSS ko': css / 1024, 'JS ko': js / 1024, 'total ko': (html.bytes + css + js) / 1024, compression: html.encoding });
  }

  // — B2 —
  const session = await programme.create(actor, activityInput(app.ctx.clock, sites[0]!.id, { title: 'Atelier très demandé', capacity: SEATS }));
  const [target20] = await programme.sessions(actor, session.id);
  const crowd = await createPersons(app, centre.id, REGISTRATIONS);
  const { token } = await app.ctx.auth.createToken(centre.id, 'coordinator', 'bench');
  // A warm-up, as B1 and the persons' bench warm their route up before measuring: the same
  // crowd once, for another session of the same size, so that the registration's code is
  // compiled by the JIT (B1 and B4 never ran it). Its figure is printed too: a server just started.
  const warmUpSession = await programme.create(actor, activityInput(app.ctx.clock, sites[0]!.id, { title: 'Atelier d’échauffement', capacity: SEATS }));
  const [warmUpTarget] = await programme.sessions(actor, warmUpSession.id);
  const warmUp = await crowdPost(`${base}/api/v1/sessions/${warmUpTarget!.id}/registrations`, token, crowd.map((p) => p.id));
  console.log(`  ${target.label} : échauffement, la même foule pour une autre séance : ${Math.round(REGISTRATIONS / warmUp.seconds)} inscriptions/s, ${warmUp.statuses.filter((status) => status !== 201).length} échecs`);
  // The control: the same crowd, the same client, answered by a bare Fastify route with a JSON
  // body of the registration's size — what HTTP alone costs on this machine right now.
  const bareApi = Fastify({ logger: false });
  const answer = { id: newId(), groupId: newId(), sessionId: newId(), activityId: newId(), personId: newId(), status: 'confirmed', waitlistPosition: null, matchStatus: 'none', createdAt: new Date().toISOString(), duplicate: false };
  bareApi.post('/', async (_request, reply) => reply.code(201).send({ ...answer, registrations: [answer] }));
  const bareApiUrl = await listen(bareApi);
  const control2 = await cpuAndStatements(() => crowdPost(`${bareApiUrl}/`, token, crowd.map((p) => p.id)));
  await bareApi.close();
  // The 1,000 requests leave from another process all at once (as the B1 load does), so that
  // the client's own work is not counted against the server.
  const measured = await cpuAndStatements(() => crowdPost(`${base}/api/v1/sessions/${target20!.id}/registrations`, token, crowd.map((p) => p.id)));
  const { seconds, statuses } = measured.result;
  const failed = statuses.filter((status) => status !== 201).length;
  const rows = await db.kysely.selectFrom('activityRegistrations').select('status').where('sessionId', '=', target20!.id).execute();
  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  const waitlisted = rows.filter((r) => r.status === 'waitlisted').length;
  const b2: Row[] = [{
    base: target.label, demandes: REGISTRATIONS, places: SEATS, confirmées: confirmed, 'en attente': waitlisted, échecs: failed,
    'inscriptions/s': Math.round(REGISTRATIONS / seconds), 'durée s': Number(seconds.toFixed(2)),
    'ms CPU/inscr.': Number((measured.cpuMs / REGISTRATIONS).toFixed(2)), 'requêtes SQL/inscr.': Number((measured.statements / REGISTRATIONS).toFixed(1)),
    'ratio / nu': Number((control2.result.seconds / seconds).toFixed(2)),
    verdict: confirmed === SEATS && waitlisted === REGISTRATIONS - SEATS && failed === 0 ? 'exact' : 'FAUX',
  }, {
    base: target.label, demandes: REGISTRATIONS, 'inscriptions/s': Math.round(REGISTRATIONS / control2.result.seconds), 'durée s': Number(control2.result.seconds.toFixed(2)),
    'ms CPU/inscr.': Number((control2.cpuMs / REGISTRATIONS).toFixed(2)), 'ratio / nu': 1, verdict: 'témoin : Fastify nu, même JSON',
  }];

  await app.close();
  return { b1, b2, b4 };
}

export async function run(): Promise<Row[]> {
  const b1: Row[] = [];
  const b2: Row[] = [];
  const b4: Row[] = [];
  for (const open of [() => sqliteDatabase('activities', countStatement), () => postgresDatabase('activities', countStatement)]) {
    const target = await open();
    if (!target) {
      console.log('  PostgreSQL : non mesuré (définissez BENCH_DATABASE_URL=postgres://… pour l’inclure)');
      continue;
    }
    try {
      const r = await benchDialect(target);
      b1.push(...r.b1);
      b2.push(...r.b2);
      b4.push(...r.b4);
    } finally {
      await target.drop();
    }
  }
  console.log('\n  B1 — catalogue public, autocannon 50 connexions (cible : ≥ 0,40 du nu, p99 < 50 ms)');
  printTable(b1);
  console.log('\n  B2 — 1 000 inscriptions simultanées, 20 places (cible : exactement 20, ≥ 500/s sur SQLite)');
  printTable(b2);
  console.log('\n  B4 — poids à la première visite, compressé (cible : ≤ 60 ko, dont JS ≤ 15 ko)');
  printTable(b4);
  return [...b1.map((r) => ({ mesure: 'B1', ...r })), ...b2.map((r) => ({ mesure: 'B2', ...r })), ...b4.map((r) => ({ mesure: 'B4', ...r }))];
}
