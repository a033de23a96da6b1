/**
 * Free slots of the help desk under load. A centre with 5 sites, 10 staff members (two per
 * site, each holding a desk every weekday morning and afternoon), 12 motifs of 30, 45 or 60
 * minutes, and 2,000 appointments already booked over the next 8 weeks. Measured:
 * (a) the pure computation (slots.ts) of 8 weeks of one motif, at one site and at all sites,
 *     data already loaded — time per computation;
 * (b) the service call the API makes (database reads + computation) — time per request;
 * (c) GET /api/v1/helpdesk/slots?motif=&site= (public, 8 weeks by default) under 50
 *     connections with autocannon, in its own process — requests/s and latency;
 * (d) the same without a site (every site at once).
 * SQLite always; PostgreSQL too with BENCH_DATABASE_URL.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { addDays, parisDate } from '../src/platform/time.ts';
import { newId } from '../src/platform/ids.ts';
import * as repo from '../src/modules/helpdesk/helpdesk.repository.ts';
import { computeSlots, deskKeyOf, type AbsenceRule, type OpeningRule } from '../src/modules/helpdesk/slots.ts';
import { PROCEDURE_CATEGORIES } from '../src/modules/helpdesk/helpdesk.vocab.ts';
import { insertSyntheticPersons, seededRandom } from './synthetic.ts';
import { freePort, loadTest, median, postgresDatabase, printTable, sqliteDatabase, type BenchDatabase, type LoadResult, type Row } from './support.ts';

const SITES = 5;
const STAFF = 10;
const MOTIFS = 12;
const APPOINTMENTS = 2_000;
const WEEKS = 8;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const DAY = 86_400_000;

async function listen(app: FastifyInstance): Promise<string> {
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return `http://127.0.0.1:${port}`;
}

function timeIt(times: number, fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

async function timeAsync(times: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Builds the centre; answers what the measurements need. */
export async function seed(app: FastifyInstance) {
  const { centre: centres, helpdesk } = app.services;
  const db = app.ctx.kysely;
  const random = seededRandom(4);
  const centre = await centres.createCentre({ slug: 'bench-helpdesk', name: 'Centre social du banc d’essai', communeInsee: '59122' });
  const actor = systemActor(centre.id);
  const sites = [];
  for (let i = 0; i < SITES; i++) {
    sites.push(await centres.createSite(centre.id, { name: i === 0 ? 'Centre social' : `Salle des fêtes ${i}`, kind: i === 0 ? 'centre' : 'village_hall', communeInsee: '59122' }));
  }
  const motifs = [];
  for (let i = 0; i < MOTIFS; i++) {
    motifs.push(
      await helpdesk.settings.createMotif(actor, {
        name: `Motif ${i + 1}`, description: null, procedureCategory: PROCEDURE_CATEGORIES[i % PROCEDURE_CATEGORIES.length]!,
        durationMinutes: [30, 45, 60][i % 3]!, whatToBring: null, bookableBy: 'public', minDelayHours: 0, horizonDays: WEEKS * 7,
      }),
    );
  }
  const staff = [];
  for (let i = 0; i < STAFF; i++) {
    staff.push(await app.ctx.auth.createUser({ centerId: centre.id, email: `agent${i}@bench.fr`, displayName: `Agent ${i}`, role: 'facilitator' }));
  }
  const startsOn = addDays(parisDate(Date.now()), -7);
  for (const [i, user] of staff.entries()) {
    const site = sites[i % SITES]!;
    // Each serves 8 of the 12 motifs, every weekday, morning and afternoon.
    const served = motifs.filter((_, m) => (m + i) % 3 !== 0).map((m) => m.id);
    for (const weekday of [1, 2, 3, 4, 5]) {
      for (const [startTime, endTime] of [['09:00', '12:00'], ['13:30', '17:00']] as const) {
        await helpdesk.settings.createOpening(actor, { siteId: site.id, staffUserId: user.id, weekday, startTime, endTime, startsOn, everyWeeks: 1, motifIds: served });
      }
    }
  }
  // A few absences: a training day per staff member, a village closed for a week.
  for (const [i, user] of staff.entries()) {
    const day = addDays(parisDate(Date.now()), 7 + i * 3);
    await helpdesk.settings.createAbsence(actor, { staffUserId: user.id, firstDay: day, lastDay: day, reason: 'Formation' } as never);
  }
  await helpdesk.settings.createAbsence(actor, { siteId: sites[2]!.id, firstDay: addDays(parisDate(Date.now()), 20), lastDay: addDays(parisDate(Date.now()), 26), reason: 'Fermeture' } as never);

  // 2,000 appointments on free slots of the next 8 weeks, chosen at random and checked for
  // overlap per desk; written directly (benchmark data, not a user's action).
  await insertSyntheticPersons(db, centre.id, 500);
  const persons = (await db.selectFrom('persons').select('id').where('centerId', '=', centre.id).execute()).map((p) => p.id);
  const openings = await repo.listOpenings(db, centre.id);
  const now = systemClock.nowIso();
  const to = new Date(Date.now() + WEEKS * 7 * DAY).toISOString();
  const taken = new Map<string, [number, number][]>();
  const rows = [];
  let attempts = 0;
  while (rows.length < APPOINTMENTS && attempts < APPOINTMENTS * 20) {
    attempts++;
    const motif = motifs[Math.floor(random() * MOTIFS)]!;
    const candidates = computeSlots({
      motif: { id: motif.id, durationMinutes: motif.durationMinutes, minDelayMinutes: 0, horizonDays: WEEKS * 7 },
      openings: openings as OpeningRule[],
      absences: [],
      booked: [],
      from: now,
      to,
      now,
      siteId: sites[Math.floor(random() * SITES)]!.id,
    });
    if (candidates.length === 0) continue;
    for (let tries = 0; tries < 20; tries++) {
      const slot = candidates[Math.floor(random() * candidates.length)]!;
      const s = Date.parse(slot.startAt);
      const e = Date.parse(slot.endAt);
      const busy = taken.get(slot.deskKey) ?? [];
      if (busy.some(([bs, be]) => bs < e && s < be)) continue;
      busy.push([s, e]);
      taken.set(slot.deskKey, busy);
      rows.push({
        id: newId(), centerId: centre.id, motifId: motif.id, siteId: slot.siteId, openingId: slot.openingId, staffUserId: slot.staffUserId,
        deskKey: slot.deskKey, startAt: slot.startAt, endAt: slot.endAt, kind: 'appointment', channel: 'online', status: 'booked',
        personId: persons[rows.length % persons.length]!, note: null, outcome: null, outcomeAt: null, outcomeBy: null, cancelledAt: null,
        cancelledBy: null, bookedBy: null, reminderDoneAt: null, dayBeforeDoneAt: null, createdAt: now, updatedAt: now,
      });
      break;
    }
  }
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('helpdeskAppointments').values(rows.slice(i, i + 200)).execute();
  return { centre, sites, motifs, openings, appointments: rows.length };
}

async function benchDialect(target: BenchDatabase): Promise<Row[]> {
  const { db } = target;
  await migrateToLatest(db);
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LIEUDIT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent' });
  const app = await buildApp(config, { db, migrate: false });
  const started = Date.now();
  const { centre, sites, motifs, openings, appointments } = await seed(app);
  console.log(`  ${target.label} : ${SITES} lieux, ${STAFF} agents, ${openings.length} plages, ${MOTIFS} motifs, ${appointments} rendez-vous (préparation ${Date.now() - started} ms)`);

  // The motif with the most openings, at its busiest site.
  const motif = motifs[1]!;
  const site = sites[0]!;
  const helpdesk = app.services.helpdesk;
  const first = await helpdesk.availability.slots(centre.id, { motifId: motif.id, siteId: site.id });
  const all = await helpdesk.availability.slots(centre.id, { motifId: motif.id });
  console.log(`  8 semaines du « ${motif.name} » (${motif.durationMinutes} min) : ${first.slots.length} créneaux libres à un lieu, ${all.slots.length} sur les ${SITES} lieux`);

  // (a) the pure computation, rows already in memory.
  const absences = (await repo.listAbsences(db.kysely, centre.id)) as AbsenceRule[];
  const now = systemClock.nowIso();
  const to = new Date(Date.now() + WEEKS * 7 * DAY).toISOString();
  const motifOpenings = openings.filter((o) => o.motifIds.includes(motif.id));
  const booked = await repo.listBookedRanges(db.kysely, centre.id, now, to, [...new Set(motifOpenings.map(deskKeyOf))]);
  const input = {
    motif: { id: motif.id, durationMinutes: motif.durationMinutes, minDelayMinutes: 0, horizonDays: WEEKS * 7 },
    openings: motifOpenings as OpeningRule[],
    absences,
    booked,
    from: now,
    to,
    now,
  };
  const pureSite = timeIt(300, () => computeSlots({ ...input, siteId: site.id }));
  const pureAll = timeIt(300, () => computeSlots(input));
  // (b) the service call behind the API: reads + computation.
  const serviceSite = await timeAsync(100, () => helpdesk.availability.slots(centre.id, { motifId: motif.id, siteId: site.id }));
  const serviceAll = await timeAsync(100, () => helpdesk.availability.slots(centre.id, { motifId: motif.id }));

  // (c, d) HTTP under load.
  const base = await listen(app);
  const urlSite = `${base}/api/v1/helpdesk/slots?motif=${motif.id}&site=${site.id}`;
  const urlAll = `${base}/api/v1/helpdesk/slots?motif=${motif.id}`;
  const check = await fetch(urlSite);
  if (check.status !== 200) throw new Error(`GET slots → ${check.status}`);
  const measure = async (url: string): Promise<LoadResult> => {
    await loadTest(url, { connections: CONNECTIONS, seconds: 1 });
    const r = await loadTest(url, { connections: CONNECTIONS, seconds: SECONDS });
    if (r.non2xx > 0 || r.errors > 0) console.warn(`  ! ${r.non2xx} réponses non 2xx, ${r.errors} erreurs`);
    return r;
  };
  const loadSite = await measure(urlSite);
  const loadAll = await measure(urlAll);
  await app.close();

  const ms = (v: number) => Number(v.toFixed(2));
  return [
    { base: target.label, mesure: '(a) calcul seul, 8 semaines, 1 lieu', 'ms/calcul': ms(pureSite), créneaux: first.slots.length },
    { base: target.label, mesure: '(a) calcul seul, 8 semaines, 5 lieux', 'ms/calcul': ms(pureAll), créneaux: all.slots.length },
    { base: target.label, mesure: '(b) service (lectures + calcul), 1 lieu', 'ms/calcul': ms(serviceSite) },
    { base: target.label, mesure: '(b) service (lectures + calcul), 5 lieux', 'ms/calcul': ms(serviceAll) },
    { base: target.label, mesure: `(c) GET /api/v1/helpdesk/slots, 1 lieu, ${CONNECTIONS} conn.`, 'req/s': Math.round(loadSite.requestsPerSecond), 'p50 ms': loadSite.p50Ms, 'p99 ms': loadSite.p99Ms, 'octets/rép.': loadSite.bytesPerResponse },
    { base: target.label, mesure: `(d) GET /api/v1/helpdesk/slots, 5 lieux, ${CONNECTIONS} conn.`, 'req/s': Math.round(loadAll.requestsPerSecond), 'p50 ms': loadAll.p50Ms, 'p99 ms': loadAll.p99Ms, 'octets/rép.': loadAll.bytesPerResponse },
  ];
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const open of [() => sqliteDatabase('helpdesk'), () => postgresDatabase('helpdesk')]) {
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
