/**
 * The learner's progress page under load: one enrolment in "Premiers pas sur tablette" with
 * three years of weekly evaluation times (156, plus a monthly self-assessment), opened through
 * its signed link — the page derives every skill's state from the whole history on each
 * request. Compared with the same progress as JSON (API) and with a bare Fastify route
 * answering a string of the page's size. autocannon, 50 connections, 10 s each (BENCH_SECONDS).
 * SQLite always; PostgreSQL too with BENCH_DATABASE_URL.
 */
import Fastify from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { newId } from '../src/platform/ids.ts';
import { seedDemoPathways } from '../src/modules/pathways/demo.ts';
import * as enrolmentRepo from '../src/modules/pathways/enrolment.repository.ts';
import { seededRandom } from '../src/modules/pathways/quiz-engine.ts';
import { freePort, loadTest, postgresDatabase, printTable, sqliteDatabase, type BenchDatabase, type Row } from './support.ts';

const WEEKS = 156;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function benchDialect(target: BenchDatabase): Promise<Row[]> {
  const { db } = target;
  await migrateToLatest(db);
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LIEUDIT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://127.0.0.1' });
  const app = await buildApp(config, { db, migrate: false });
  const centre = await app.services.centre.createCentre({ slug: 'bench', name: 'Centre social du banc d’essai', communeInsee: '59122' });
  const actor = systemActor(centre.id);
  const ids = await seedDemoPathways(app.ctx, app.services, centre.id);
  const person = await app.services.people.create(actor, { firstName: 'Germaine', lastName: 'Banc', consents: { data_processing: true }, confirmNotDuplicate: true });
  const s = app.services.pathways;
  const enrolment = await s.enrolments.enrol(actor, ids.tablette, { personId: person.id, source: 'staff' });
  const pathway = await s.pathways.detail(centre.id, ids.tablette);

  // Three years of weekly evaluation times, written straight through the repository.
  const draw = seededRandom('progression');
  const start = Date.now() - WEEKS * 7 * 86_400_000;
  const statuses = ['non_acquis', 'en_cours', 'acquis'];
  let results = 0;
  for (let week = 0; week < WEEKS; week++) {
    const module = pathway.modules[Math.min(pathway.modules.length - 1, Math.floor((week / WEEKS) * pathway.modules.length))]!;
    const at = new Date(start + week * 7 * 86_400_000).toISOString();
    const rows = module.skills.map((k) => ({ id: newId(), skillId: k.id, status: statuses[Math.min(2, Math.floor(draw() * 3 + week / 40))]!, autonomy: 'autonome_avec_aide' }));
    results += rows.length;
    await enrolmentRepo.insertEvaluation(db.kysely, { id: newId(), centerId: centre.id, enrolmentId: enrolment.id, moduleId: module.id, kind: 'facilitator', recordedAt: at, recordedBy: null, recordedByLabel: 'Animatrice', comment: week % 10 === 0 ? 'Séance en petit groupe' : null }, rows);
    if (week % 4 === 0) {
      await enrolmentRepo.insertEvaluation(db.kysely, { id: newId(), centerId: centre.id, enrolmentId: enrolment.id, moduleId: null, kind: 'self', recordedAt: at, recordedBy: null, recordedByLabel: null, comment: null }, module.skills.map((k) => ({ id: newId(), skillId: k.id, status: draw() < 0.5 ? 'sait_faire' : 'pas_encore', autonomy: null })));
    }
  }
  const link = await s.enrolments.createLink(actor, enrolment.id);
  const { token } = await app.ctx.auth.createToken(centre.id, 'facilitator', 'bench');
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const pageUrl = `${base}${new URL(link.url).pathname}`;
  const apiUrl = `${base}/api/v1/enrolments/${enrolment.id}/progress`;
  const page = await (await fetch(pageUrl)).text();
  const apiHeaders = { authorization: `Bearer ${token}` };
  const api = await (await fetch(apiUrl, { headers: apiHeaders })).text();
  console.log(`  ${target.label} : ${WEEKS} évaluations (${results} résultats) ; page de ${Buffer.byteLength(page)} octets, JSON de ${Buffer.byteLength(api)} octets`);

  const bare = Fastify({ logger: false });
  bare.get('/', async (_r, reply) => reply.type('text/html; charset=utf-8').send(page));
  const barePort = await freePort();
  await bare.listen({ port: barePort, host: '127.0.0.1' });

  const measure = async (url: string, headers: Record<string, string> = {}) => {
    await loadTest(url, { connections: CONNECTIONS, seconds: 1, headers });
    const r = await loadTest(url, { connections: CONNECTIONS, seconds: SECONDS, headers });
    if (r.non2xx > 0 || r.errors > 0) console.warn(`  ! ${url} : ${r.non2xx} non 2xx, ${r.errors} erreurs`);
    return r;
  };
  const pageResult = await measure(pageUrl);
  const apiResult = await measure(apiUrl, apiHeaders);
  const bareResult = await measure(`http://127.0.0.1:${barePort}/`);
  await bare.close();
  await app.close();
  return [
    { base: target.label, mesure: 'page de progression (lien signé)', 'req/s': pageResult.requestsPerSecond, 'p50 ms': pageResult.p50Ms, 'p99 ms': pageResult.p99Ms, 'rapport au nu': pageResult.requestsPerSecond / bareResult.requestsPerSecond },
    { base: target.label, mesure: 'API /enrolments/{id}/progress', 'req/s': apiResult.requestsPerSecond, 'p50 ms': apiResult.p50Ms, 'p99 ms': apiResult.p99Ms, 'rapport au nu': apiResult.requestsPerSecond / bareResult.requestsPerSecond },
    { base: target.label, mesure: 'Fastify nu, même taille', 'req/s': bareResult.requestsPerSecond, 'p50 ms': bareResult.p50Ms, 'p99 ms': bareResult.p99Ms, 'rapport au nu': 1 },
  ];
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const make of [() => Promise.resolve(sqliteDatabase('pathways')), () => postgresDatabase('pathways')]) {
    const target = await make();
    if (!target) continue;
    try {
      rows.push(...(await benchDialect(target)));
    } finally {
      await target.drop();
    }
  }
  printTable(rows);
  return rows;
}
