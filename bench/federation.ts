/**
 * B3 (QUALITY.md): a synthetic federation — 200 centres, 300,000 persons, 5,000,000 attendance
 * and accompaniment records — and its reports: one centre's yearly report (target < 200 ms)
 * and the whole federation's (< 3 s), each the median of 5 runs after one warm-up, through the
 * services the pages and the API call; the federation's several times over (first report with
 * nothing kept, after a restart, as the federation's account meets it once the job has counted
 * ahead and a tenth of the centres changed since, after one centre changed, nothing changed:
 * see benchDialect). SQLite always; PostgreSQL too with BENCH_DATABASE_URL; BENCH_KEEP=1 leaves
 * the databases in place; BENCH_REUSE=1 keeps them under a name of the scale and measures them
 * again on the next run at that scale, without loading.
 *
 * Each centre has 1,500 persons, 12 activities, 1,500 sessions over two years (2025 and 2026)
 * with 15,000 attendance rows (9 in 10 present) and 10,000 help-desk accompaniments (1 in 10
 * without a person file): a year of a busy centre is half of that. BENCH_SCALE=0.1 keeps each
 * centre as it is and makes 20 of them, so the centre's report is measured at full size and
 * the federation's grows with the number of centres.
 *
 * Rows go in directly, centre by centre, one transaction each: multi-row inserts on SQLite
 * (journal off while loading: a benchmark database that a crash may lose), arrays unnested
 * into one INSERT … SELECT per table and batch on PostgreSQL (COPY-like: one statement, a few
 * parameters, thousands of rows), then ANALYZE so the planner sees the tables as a live server's.
 */
import { CompiledQuery, PostgresAdapter, sql, type Kysely } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { ManualClock } from '../src/platform/clock.ts';
import { MEDIATION_THEMES } from '../src/platform/vocab/mediation.ts';
import { PLACE_TYPES, PROCEDURE_CATEGORIES } from '../src/modules/helpdesk/helpdesk.vocab.ts';
import { ACTIVITY_KINDS } from '../src/modules/activities/activity.vocab.ts';
import { median, postgresDatabase, printTable, sqliteDatabase, type BenchDatabase, type Row } from './support.ts';
import { ageBracket } from '../src/modules/people/age-bracket.ts';
import { communesOfEpci } from '../src/platform/communes.ts';
import { CA_CAMBRAI, FIRST_NAMES, LAST_NAMES, seededRandom } from './synthetic.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CENTRES = Math.max(2, Math.round(200 * SCALE));
const PERSONS = 1_500;
const ACTIVITIES = 12;
const SESSIONS = 1_500;
const ATTENDANCE = 15_000;
const ACCOMPANIMENTS = 10_000;
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const RUNS = 5;
/** First federation reports (nothing kept), each on a fresh app: a few, they count every centre. */
const COLD_RUNS = 3;
const COMMUNES = communesOfEpci(CA_CAMBRAI);

type Cell = string | number | boolean | null;
interface Table {
  name: string;
  /** Column name and its PostgreSQL type (for unnest). */
  columns: [string, string][];
}

const TABLES = {
  persons: { name: 'persons', columns: [['id', 'text'], ['center_id', 'text'], ['first_name', 'text'], ['last_name', 'text'], ['search_text', 'text'], ['sort_name', 'text'], ['phone', 'text'], ['email', 'text'], ['birth_year', 'integer'], ['age_bracket', 'text'], ['commune_insee', 'text'], ['household_id', 'text'], ['social_status', 'text'], ['gender', 'text'], ['accessibility_needs', 'text'], ['merged_into_id', 'text'], ['erased_at', 'timestamptz'], ['created_by', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']] },
  activities: { name: 'activities', columns: [['id', 'text'], ['center_id', 'text'], ['title', 'text'], ['description', 'text'], ['kind', 'text'], ['audience', 'text'], ['theme', 'text'], ['level', 'text'], ['site_id', 'text'], ['capacity', 'integer'], ['price_cents', 'integer'], ['equipment', 'text'], ['registration_mode', 'text'], ['schedule_kind', 'text'], ['start_time', 'text'], ['end_time', 'text'], ['published', 'boolean'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']] },
  sessions: { name: 'activity_sessions', columns: [['id', 'text'], ['center_id', 'text'], ['activity_id', 'text'], ['local_date', 'date'], ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'], ['site_id', 'text'], ['status', 'text'], ['is_exception', 'boolean'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']] },
  attendance: { name: 'activity_attendance', columns: [['id', 'text'], ['center_id', 'text'], ['session_id', 'text'], ['activity_id', 'text'], ['person_id', 'text'], ['status', 'text'], ['walk_in', 'boolean'], ['mediation_type', 'text'], ['theme', 'text'], ['level', 'text'], ['equipment', 'text'], ['duration_minutes', 'integer'], ['session_starts_at', 'timestamptz'], ['site_id', 'text'], ['recorded_at', 'timestamptz']] },
  accompaniments: { name: 'helpdesk_accompaniments', columns: [['id', 'text'], ['center_id', 'text'], ['person_id', 'text'], ['site_id', 'text'], ['occurred_at', 'timestamptz'], ['duration_minutes', 'integer'], ['place_type', 'text'], ['equipment', 'text'], ['themes', 'text'], ['procedure_category', 'text'], ['autonomy', 'text'], ['redirected', 'boolean'], ['follow_up', 'boolean'], ['origin', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']] },
} satisfies Record<string, { name: string; columns: [string, string][] }>;

async function insertRows(db: Kysely<Database>, postgres: boolean, table: Table, rows: Cell[][]): Promise<void> {
  const names = table.columns.map(([n]) => `"${n}"`).join(', ');
  if (postgres) {
    // One statement per 20,000 rows: each column travels as one array parameter.
    const unnest = table.columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(', ');
    for (let i = 0; i < rows.length; i += 20_000) {
      const slice = rows.slice(i, i + 20_000);
      await db.executeQuery(CompiledQuery.raw(`insert into ${table.name} (${names}) select * from unnest(${unnest})`, table.columns.map((_, c) => slice.map((r) => r[c]))));
    }
    return;
  }
  // SQLite binds at most 32,766 parameters a statement; the text is written once per size,
  // not compiled by Kysely (thousands of fragments a statement would cost more than the insert).
  const per = Math.floor(30_000 / table.columns.length);
  const one = `(${table.columns.map(() => '?').join(', ')})`;
  const texts = new Map<number, string>();
  for (let i = 0; i < rows.length; i += per) {
    const slice = rows.slice(i, i + per);
    let text = texts.get(slice.length);
    if (!text) texts.set(slice.length, (text = `insert into ${table.name} (${names}) values ${Array(slice.length).fill(one).join(', ')}`));
    await db.executeQuery(CompiledQuery.raw(text, slice.flatMap((r) => r.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)))));
  }
}

/** Ids for synthetic rows: unique, sortable, cheap (the app's random UUIDv7 costs more than the insert here). */
let lastId = 0;
const nextId = () => `01900000-0000-7000-8000-${(++lastId).toString(16).padStart(12, '0')}`;

const DAY = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00Z');
const DAYS = 730;

/** One centre's persons, programme, attendance and accompaniments. */
function centreRows(centerId: string, siteIds: string[], seed: number): Record<keyof typeof TABLES, Cell[][]> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const now = new Date().toISOString();
  // The persons' traits the reports count; names without search words (nothing searches them here).
  const persons = Array.from({ length: PERSONS }, () => {
    const birthYear = random() < 0.9 ? 1930 + Math.floor(random() * 90) : null;
    return { id: nextId(), birthYear, ageBracket: ageBracket(birthYear, 2026), commune: random() < 0.95 ? pick(COMMUNES).code : null };
  });
  const personRows: Cell[][] = persons.map((p) => {
    const [first, last] = [pick(FIRST_NAMES), pick(LAST_NAMES)];
    return [p.id, centerId, first, last, '', `${last} ${first}`.toLowerCase(), null, null, p.birthYear, p.ageBracket, p.commune, null,
    pick(['scolarise', 'sans_emploi', 'en_emploi', 'retraite', 'non_communique']), pick(['masculin', 'feminin', 'non_communique']), null, null, null, null, now, now];
  });
  const activities = Array.from({ length: ACTIVITIES }, (_, i) => ({ id: nextId(), siteId: siteIds[i % siteIds.length]!, kind: pick(ACTIVITY_KINDS), theme: pick(MEDIATION_THEMES) }));
  const activityRows = activities.map((a, i) => [a.id, centerId, `Atelier ${i + 1}`, 'Atelier du banc d’essai.', a.kind, 'tous', a.theme, 'debutant', a.siteId, 12, 0, 'tablette', 'session', 'dates', '14:00', '16:00', true, now, now]);
  const sessions = Array.from({ length: SESSIONS }, () => {
    const activity = pick(activities);
    const startsAt = START + Math.floor(random() * DAYS) * DAY + 13 * 3_600_000;
    const minutes = pick([60, 90, 120, 180]);
    return { id: nextId(), activity, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(startsAt + minutes * 60_000).toISOString(), minutes };
  });
  const sessionRows = sessions.map((s) => [s.id, centerId, s.activity.id, s.startsAt.slice(0, 10), s.startsAt, s.endsAt, s.activity.siteId, 'scheduled', false, now, now]);
  const attendanceRows: Cell[][] = [];
  const perSession = ATTENDANCE / SESSIONS;
  for (const s of sessions) {
    // Distinct persons in a session (one row per person and session).
    const seen = new Set<number>();
    while (seen.size < perSession) seen.add(Math.floor(random() * PERSONS));
    for (const index of seen) {
      attendanceRows.push([nextId(), centerId, s.id, s.activity.id, persons[index]!.id, random() < 0.9 ? 'present' : 'absent', random() < 0.1, 'collectif', s.activity.theme, 'debutant', 'tablette', s.minutes, s.startsAt, s.activity.siteId, s.startsAt]);
    }
  }
  const accompanimentRows = Array.from({ length: ACCOMPANIMENTS }, () => {
    const at = new Date(START + Math.floor(random() * DAYS * 24 * 4) * 900_000).toISOString();
    const themes = random() < 0.3 ? `${pick(MEDIATION_THEMES)}|${pick(MEDIATION_THEMES)}` : pick(MEDIATION_THEMES);
    return [nextId(), centerId, random() < 0.9 ? pick(persons).id : null, pick(siteIds), at, pick([15, 30, 45, 60]), pick(PLACE_TYPES), 'ordinateur', themes, random() < 0.5 ? pick(PROCEDURE_CATEGORIES) : null, 'partiellement_autonome', random() < 0.2, random() < 0.3, 'drop_in', at, at];
  });
  return { persons: personRows, activities: activityRows, sessions: sessionRows, attendance: attendanceRows, accompaniments: accompanimentRows };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Median of RUNS after one warm-up, in ms. */
async function measure(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timed(fn));
  return median(runs);
}

async function benchDialect(target: BenchDatabase): Promise<Row[]> {
  const { db } = target;
  const k = db.kysely;
  const postgres = k.getExecutor().adapter instanceof PostgresAdapter;
  await migrateToLatest(db);
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LIEUDIT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent' });
  // The synthetic years are 2025 and 2026: the job counts ahead the clock's current year.
  const clock = new ManualClock(`${YEAR.from.slice(0, 4)}-12-07T10:00:00Z`);
  const app = await buildApp(config, { db, migrate: false, clock });
  try {
    const federations = app.services.reports.federation;
    // BENCH_REUSE: a database loaded by a previous run at this scale is measured again as it is.
    const loaded = await federations.findBySlug('banc');
    const federation = loaded ?? await federations.create({ slug: 'banc', name: 'Fédération du banc d’essai' });
    if (!postgres && !loaded) {
      // A benchmark database: nothing to keep if the machine stops while loading.
      await sql`pragma journal_mode = off`.execute(k);
      await sql`pragma synchronous = off`.execute(k);
    }
    const started = performance.now();
    let records = 0;
    const centres: string[] = [];
    if (loaded) {
      // Centres in the order they were loaded (banc-1, banc-2…).
      const rows = await k.selectFrom('centers').select(['id', 'slug']).where('federationId', '=', loaded.id).execute();
      centres.push(...rows.sort((a, b) => Number(a.slug.slice(5)) - Number(b.slug.slice(5))).map((r) => r.id));
      records = CENTRES * (ATTENDANCE + ACCOMPANIMENTS);
    }
    for (let i = 0; i < (loaded ? 0 : CENTRES); i++) {
      const centre = await app.services.centre.createCentre({ slug: `banc-${i + 1}`, name: `Centre social n° ${i + 1}`, communeInsee: '59122', twoStepRoles: [] });
      await federations.join(federation.id, centre.id);
      const sites = [];
      for (const [name, kind] of [['Le centre', 'centre'], ['Le studio', 'studio'], ['La navette', 'mobile']] as const) {
        sites.push((await app.services.centre.createSite(centre.id, { name, kind, communeInsee: '59122', address: null, accessibility: null })).id);
      }
      const rows = centreRows(centre.id, sites, 20261207 + i);
      await k.transaction().execute(async (trx) => {
        for (const key of ['persons', 'activities', 'sessions', 'attendance', 'accompaniments'] as const) await insertRows(trx, postgres, TABLES[key], rows[key]);
      });
      records += rows.attendance.length + rows.accompaniments.length;
      centres.push(centre.id);
      if ((i + 1) % Math.max(1, Math.round(CENTRES / 10)) === 0) console.log(`  ${target.label} : ${i + 1}/${CENTRES} centres, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    if (loaded) console.log(`  ${target.label} : base reprise (${target.where})`);
    else if (postgres) await sql`vacuum analyze`.execute(k);
    else {
      await sql`pragma journal_mode = wal`.execute(k);
      await sql`pragma synchronous = full`.execute(k);
      await sql`analyze`.execute(k);
    }
    const loadSeconds = (performance.now() - started) / 1000;
    if (!loaded) console.log(`  ${target.label} : ${CENTRES} centres, ${CENTRES * PERSONS} personnes, ${records} présences et accompagnements chargés en ${loadSeconds.toFixed(1)} s`);

    const centreId = centres[0]!;
    const user = (loaded && await k.selectFrom('users').select('id').where('email', '=', 'federation@banc.fr').executeTakeFirst())
      || await app.ctx.auth.createUser({ centerId: centreId, email: 'federation@banc.fr', displayName: 'Fédération', role: 'federation_admin', federationId: federation.id });
    const coordinator: Actor = { centerId: centreId, userId: null, role: 'coordinator', label: 'banc', partnerCommuneInsee: null, via: 'system' };
    const federationAdmin: Actor = { centerId: centreId, userId: user.id, role: 'federation_admin', label: 'banc', partnerCommuneInsee: null, federationId: federation.id, via: 'session' };
    const centreReport = await measure(() => app.services.reports.reports.centreReport(coordinator, YEAR));
    const fundersReport = await measure(() => app.services.reports.funders.report(coordinator, 'caf', YEAR));
    // The federation's report keeps each centre's figures (report_figures) until one of the
    // centre's records changes, and a job counts the current year ahead (countAhead). The figures,
    // each through the service the page calls:
    // - first report: nothing kept (the table emptied), every centre counted, on a fresh app;
    // - after a restart: everything kept in the table, read by a fresh app;
    // - as the federation's account meets it: the job has run, then a tenth of the centres
    //   changed (one attendance row written each: the triggers move their versions), so those
    //   centres are counted again by the report;
    // - one centre changed since the previous report; nothing changed.
    const touch = (centerId: string) => sql`update activity_attendance set duration_minutes = duration_minutes where id = (select min(id) from activity_attendance where center_id = ${centerId})`.execute(k);
    // What the page and the API call: the report, or how far its count has gone (the page then
    // reloads itself) when more centres are to be counted than a wait allows.
    const opened = async (service: typeof federations) => {
      const answer = await service.answer(federationAdmin, YEAR);
      if (answer.status !== 'ready') throw new Error('la fédération attendait des chiffres déjà gardés');
      return answer.report;
    };
    const coldAnswer: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      await k.deleteFrom('reportFigures').execute();
      const fresh = await buildApp(config, { db, migrate: false, clock });
      try {
        const started = performance.now();
        const first = await fresh.services.reports.federation.answer(federationAdmin, YEAR);
        coldAnswer.push(performance.now() - started);
        // A small federation is counted while the page waits; a large one in the background.
        if (first.status === 'counting') await fresh.services.reports.federation.settled();
        cold.push(performance.now() - started);
        await opened(fresh.services.reports.federation);
      } finally {
        await fresh.close();
      }
    }
    const restarted: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const fresh = await buildApp(config, { db, migrate: false, clock });
      try {
        restarted.push(await timed(() => opened(fresh.services.reports.federation)));
      } finally {
        await fresh.close();
      }
    }
    const changed = Math.max(1, Math.round(CENTRES / 10));
    const ahead: number[] = [];
    const met: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (let j = 0; j < changed; j++) await touch(centres[(i * changed + j) % centres.length]!);
      ahead.push(await timed(() => federations.countAhead()));
      for (let j = 0; j < changed; j++) await touch(centres[((i + 1) * changed + j) % centres.length]!);
      met.push(await timed(() => opened(federations)));
    }
    await federations.report(federationAdmin, YEAR);
    const oneChanged: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await touch(centres[i % centres.length]!);
      oneChanged.push(await timed(() => opened(federations)));
    }
    const federationReport = await measure(() => opened(federations));
    const report = await federations.report(federationAdmin, YEAR);
    console.log(`  ${target.label} : rapport de la fédération ${YEAR.from.slice(0, 4)} : ${report.figures.totals.persons} personnes, ${report.figures.totals.accompaniments} accompagnements, ${report.figures.totals.sessions} séances`);
    const row = (what: string, ms: number, limit: number): Row => ({ base: target.label, mesure: what, 'médiane ms': Math.round(ms), cible: `< ${limit} ms`, tenu: ms < limit ? 'oui' : 'NON' });
    return [
      { base: target.label, mesure: `chargement (${CENTRES} centres, ${records} enregistrements)${loaded ? ' : base reprise' : ''}`, 'médiane ms': loaded ? '—' : Math.round(loadSeconds * 1000), cible: '—', tenu: '—' },
      row('rapport annuel d’un centre (/rapports)', centreReport, 200),
      row('rapport CAF annuel d’un centre', fundersReport, 200),
      row(`rapport annuel de la fédération (${CENTRES} centres), premier : rien de gardé, réponse de la page (« calcul en cours », médiane de ${COLD_RUNS})`, median(coldAnswer), 3000),
      { base: target.label, mesure: `… puis tous les centres comptés en arrière-plan, la page suivant l’avancement (médiane de ${COLD_RUNS})`, 'médiane ms': Math.round(median(cold)), cible: '—', tenu: '—' },
      row(`rapport annuel de la fédération (${CENTRES} centres), après un redémarrage : tout gardé en base`, median(restarted), 3000),
      row(`comptage d’avance (tâche de fond) de ${changed} centres changés`, median(ahead), 60_000),
      row(`rapport annuel de la fédération (${CENTRES} centres), comme l’ouvre la fédération : ${changed} centres changés depuis le comptage d’avance`, median(met), 3000),
      row(`rapport annuel de la fédération (${CENTRES} centres), un centre changé depuis le précédent`, median(oneChanged), 3000),
      row(`rapport annuel de la fédération (${CENTRES} centres), rien de changé`, federationReport, 3000),
    ];
  } finally {
    await app.close();
  }
}

export async function run(): Promise<Row[]> {
  console.log(`  échelle ${SCALE} : ${CENTRES} centres × ${PERSONS} personnes, ${ATTENDANCE + ACCOMPANIMENTS} présences et accompagnements chacun`);
  const rows: Row[] = [];
  // BENCH_REUSE=1: the databases are named by the scale and kept, and the next run at that scale
  // measures them again without loading (minutes at full scale).
  const reuse = Boolean(process.env.BENCH_REUSE);
  const name = reuse ? `federation_${String(SCALE).replace('.', '_')}` : 'federation';
  const targets: BenchDatabase[] = [sqliteDatabase(name, undefined, { reuse })];
  const pg = await postgresDatabase(name, undefined, { reuse });
  if (pg) targets.push(pg);
  for (const target of targets) {
    try {
      rows.push(...(await benchDialect(target)));
    } finally {
      // BENCH_KEEP=1 leaves the loaded database in place (to read its plans afterwards).
      if (process.env.BENCH_KEEP || reuse) console.log(`  ${target.label} : base gardée (${target.where})`);
      else await target.drop();
    }
  }
  printTable(rows);
  return rows;
}
