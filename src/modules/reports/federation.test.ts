import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { Client, createCentre, createTestApp, signIn, TEST_PASSWORD, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { communeByCode } from '../../platform/communes.ts';
import { parisDate } from '../../platform/time.ts';
import { activityInput, createPersons, setupProgramme } from '../activities/activities.fixtures.ts';
import { countsFor, DISCLOSURE_THRESHOLD, OTHER_ROWS } from './figures.ts';
import { countContacts } from './reports.repository.ts';
import { FROM_CENTRES, type FederationRow } from './federation.ts';

/**
 * A federation's figures: two centres in it, one in another federation, one in none. The
 * federation's numbers are checked against a recount of each centre's raw rows made here
 * (plain loops, not the reports' code), added up by hand; small cells are gathered; and the
 * federation's account opens no centre's page and no person.
 */
const YEAR = { from: '2025-12-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' };

interface Recount {
  persons: Set<string>;
  byMonth: Map<string, Set<string>>;
  byAge: Map<string, Set<string>>;
  accompaniments: number;
  sessions: Map<string, number>;
}

describe('a federation’s anonymous figures', () => {
  let t: TestApp;
  let a: string;
  let b: string;
  let c: string;
  let federationId: string;
  let federationAdmin: Client;
  let actor: Actor;
  const names: string[] = [];

  async function populate(centerId: string, groups: { n: number; birthYear: number; gender: string; commune: string | null }[], accompaniments: number) {
    t.clock.set('2026-03-02T08:00:00Z');
    const { studioId } = await setupProgramme(t.app, centerId);
    const system = systemActor(centerId);
    const m = t.app.services.activities;
    const activity = await m.programme.create(system, activityInput(t.clock, studioId, {
      title: `Atelier ${centerId.slice(-4)}`, capacity: 40,
      schedule: { kind: 'dates', dates: ['2026-03-10', '2026-04-14'], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    }));
    const [march, april] = await m.programme.sessions(system, activity.id);
    const everyone = [];
    for (const g of groups) {
      const persons = await createPersons(t.app, centerId, g.n, { birthYear: g.birthYear });
      for (const p of persons) {
        names.push(p.lastName ?? '');
        await t.db.kysely.updateTable('persons').set({ gender: g.gender, communeInsee: g.commune }).where('id', '=', p.id).execute();
      }
      everyone.push(...persons);
    }
    t.clock.set('2026-03-10T15:00:00Z');
    await m.attendance.record(system, march!.id, everyone.map((p) => ({ personId: p.id, status: 'present' as const })));
    // April: every other person, the rest absent.
    t.clock.set('2026-04-14T15:00:00Z');
    await m.attendance.record(system, april!.id, everyone.map((p, i) => ({ personId: p.id, status: i % 2 === 0 ? 'present' as const : 'absent' as const })));
    t.clock.set('2026-05-20T12:00:00Z');
    for (let i = 0; i < accompaniments; i++) {
      await t.app.services.helpdesk.accompaniments.recordAccompaniment(system, {
        personId: i === 0 ? undefined : everyone[i]!.id, siteId: studioId, occurredAt: `2026-05-0${(i % 8) + 1}T08:00:00Z`, durationMinutes: 30,
        placeType: 'lieu_activite', equipment: ['ordinateur'], themes: ['email'], autonomy: 'autonome', redirected: false, followUp: false,
      } as never);
    }
  }

  /** Each centre's year, counted from its rows with plain loops. */
  async function recount(centerId: string): Promise<Recount> {
    const k = t.db.kysely;
    const attended = (await k.selectFrom('activityAttendance').select(['personId', 'sessionId', 'durationMinutes', 'sessionStartsAt', 'status']).where('centerId', '=', centerId).execute())
      .filter((r) => r.status === 'present' && r.sessionStartsAt >= YEAR.from && r.sessionStartsAt < YEAR.to);
    const visits = (await k.selectFrom('helpdeskAccompaniments').select(['personId', 'occurredAt']).where('centerId', '=', centerId).execute())
      .filter((v) => v.occurredAt >= YEAR.from && v.occurredAt < YEAR.to);
    const files = new Map((await k.selectFrom('persons').select(['id', 'ageBracket']).where('centerId', '=', centerId).execute()).map((p) => [p.id, p.ageBracket]));
    const out: Recount = { persons: new Set(), byMonth: new Map(), byAge: new Map(), accompaniments: visits.length, sessions: new Map() };
    const add = (map: Map<string, Set<string>>, key: string, id: string) => map.set(key, (map.get(key) ?? new Set()).add(id));
    for (const [id, at] of [...attended.map((r) => [r.personId, r.sessionStartsAt] as const), ...visits.map((v) => [v.personId, v.occurredAt] as const)]) {
      if (!id) continue;
      out.persons.add(id);
      add(out.byMonth, parisDate(at).slice(0, 7), id);
      add(out.byAge, files.get(id)!, id);
    }
    for (const r of attended) out.sessions.set(r.sessionId, r.durationMinutes);
    return out;
  }

  /** Shown rows are the sum of the centres' recounts; gathered rows are the rest, and nothing shown is under 5. */
  function expectGathered(rows: FederationRow[], expected: Map<string, number>) {
    const shown = rows.filter((r) => r.key !== OTHER_ROWS && r.persons !== 0);
    for (const row of shown) {
      expect(row.persons, row.key).toBe(expected.get(row.key));
      expect(row.persons!, row.key).toBeGreaterThanOrEqual(DISCLOSURE_THRESHOLD);
    }
    const gathered = [...expected].filter(([key, n]) => n > 0 && !shown.some((r) => r.key === key));
    const other = rows.find((r) => r.key === OTHER_ROWS);
    if (gathered.length === 0) expect(other).toBeUndefined();
    else {
      const sum = gathered.reduce((s, [, n]) => s + n, 0);
      expect(other?.persons).toBe(sum >= DISCLOSURE_THRESHOLD ? sum : null);
    }
  }

  const sumOf = (maps: Map<string, Set<string>>[]) => {
    const out = new Map<string, number>();
    for (const map of maps) for (const [key, set] of map) out.set(key, (out.get(key) ?? 0) + set.size);
    return out;
  };

  beforeAll(async () => {
    t = await createTestApp({}, { now: '2026-03-02T08:00:00Z' });
    a = await createCentre(t.app, 'fed-a', 'Centre social Alpha');
    b = await createCentre(t.app, 'fed-b', 'Centre social Bêta');
    c = await createCentre(t.app, 'fed-c', 'Centre social Gamma');
    const federations = t.app.services.reports.federation;
    const federation = await federations.create({ slug: 'fcs-cambresis', name: 'Fédération du Cambrésis' });
    const other = await federations.create({ slug: 'fcs-ailleurs', name: 'Fédération d’ailleurs' });
    federationId = federation.id;
    await federations.join(federation.id, a);
    await federations.join(federation.id, b);
    await federations.join(other.id, c);
    // A: 8 women over 70 of Marcoing, 3 men of 36 without a commune, 2 children. B: 6 over 60 of Cambrai, 4 of 26.
    await populate(a, [
      { n: 8, birthYear: 1950, gender: 'feminin', commune: '59377' },
      { n: 3, birthYear: 1990, gender: 'masculin', commune: null },
      { n: 2, birthYear: 2016, gender: 'masculin', commune: '59377' },
    ], 4);
    await populate(b, [
      { n: 6, birthYear: 1962, gender: 'feminin', commune: '59122' },
      { n: 4, birthYear: 2000, gender: 'non_communique', commune: '59122' },
    ], 3);
    await populate(c, [{ n: 9, birthYear: 1980, gender: 'masculin', commune: '59122' }], 2);
    const user = await t.app.ctx.auth.createUser({ centerId: a, email: 'federation@cambresis.fr', displayName: 'Fédération Cambrésis', role: 'federation_admin', password: TEST_PASSWORD, federationId });
    actor = { centerId: a, userId: user.id, role: 'federation_admin', label: user.displayName, partnerCommuneInsee: null, federationId, via: 'session' };
    federationAdmin = new Client(t.app);
    await federationAdmin.get('/connexion');
    expect((await federationAdmin.post('/connexion', { email: 'federation@cambresis.fr', password: TEST_PASSWORD })).statusCode).toBe(303);
  }, 120_000);
  afterAll(() => t.close());

  it('adds up each centre’s figures, recounted here from their rows, and nothing of another federation', async () => {
    const [ra, rb] = [await recount(a), await recount(b)];
    const report = await t.app.services.reports.federation.report(actor, { from: '2026-01-01', to: '2026-12-31' });
    const f = report.figures;
    const hours = (r: Recount) => [...r.sessions.values()].reduce((s, m) => s + m, 0) / 60;
    expect(ra.persons.size).toBe(13);
    expect(rb.persons.size).toBe(10);
    expect(f.totals.persons).toBe(ra.persons.size + rb.persons.size);
    expect(f.totals.accompaniments).toBe(ra.accompaniments + rb.accompaniments);
    expect(f.totals.sessions).toBe(ra.sessions.size + rb.sessions.size);
    expect(f.totals.workshopHours).toBe(hours(ra) + hours(rb));
    expect(report.centreCount).toBe(2);
    expect(Object.keys(report.centreNames).sort()).toEqual([a, b].sort());
    // By centre: each centre's own recount; Gamma (another federation) nowhere.
    expect(f.by.centre.map((r) => [r.key, r.persons, r.accompaniments])).toEqual([[a, 13, 4], [b, 10, 3]]);
    expect(JSON.stringify(report)).not.toContain(c);
    expect(JSON.stringify(report)).not.toContain('Gamma');
    expectGathered(f.by.month, sumOf([ra.byMonth, rb.byMonth]));
    expectGathered(f.by.ageBracket, sumOf([ra.byAge, rb.byAge]));
    // By EPCI: Marcoing and Cambrai are both in the CA de Cambrai (10 of A, 10 of B) and A's 3 men have no commune:
    // shown beside the total, the CA's 20 would give the 3 away by subtraction, so both are gathered.
    expect(communeByCode('59377')!.epciCode).toBe(communeByCode('59122')!.epciCode);
    expect(f.by.epci.map((r) => [r.key, r.persons])).toEqual([[OTHER_ROWS, 23]]);
  });

  it('counts without households what it counts with them, households aside (the federation\'s count reads the files once per person)', async () => {
    const range = t.app.services.reports.reports.range({ from: '2026-01-01', to: '2026-12-31' });
    const q = { centerIds: [a, b, c], ...range, dimensions: countsFor(FROM_CENTRES) };
    const order = (rows: Awaited<ReturnType<typeof countContacts>>) => rows.map((r) => ({ ...r, households: 0, householdsInWorkshops: 0 }))
      .sort((x, y) => `${x.centerId}${x.dimension}${x.key}`.localeCompare(`${y.centerId}${y.dimension}${y.key}`));
    const withHouseholds = await countContacts(t.db.kysely, q);
    expect(withHouseholds.length).toBeGreaterThan(10);
    expect(order(await countContacts(t.db.kysely, { ...q, households: false }))).toEqual(order(withHouseholds));
  });

  it('counts each person once in the year and once a month, in workshops and accompanied, however many months they came', async () => {
    const k = t.db.kysely;
    const range = t.app.services.reports.reports.range({ from: '2026-01-01', to: '2026-12-31' });
    for (const centerId of [a, b, c]) {
      // The recount: plain loops over the centre's rows, by year ('') and by Paris month.
      const attended = (await k.selectFrom('activityAttendance').select(['personId', 'sessionId', 'durationMinutes', 'sessionStartsAt', 'status']).where('centerId', '=', centerId).execute())
        .filter((r) => r.status === 'present' && r.sessionStartsAt >= range.from && r.sessionStartsAt < range.to);
      const visits = (await k.selectFrom('helpdeskAccompaniments').select(['personId', 'occurredAt', 'durationMinutes']).where('centerId', '=', centerId).execute())
        .filter((v) => v.occurredAt >= range.from && v.occurredAt < range.to);
      const expected = new Map<string, { persons: Set<string>; inWorkshops: Set<string>; accompanied: Set<string>; participations: number; accompaniments: number; presenceMinutes: number; accompanimentMinutes: number; sessions: Map<string, number> }>();
      const at = (key: string) => expected.get(key) ?? expected.set(key, { persons: new Set(), inWorkshops: new Set(), accompanied: new Set(), participations: 0, accompaniments: 0, presenceMinutes: 0, accompanimentMinutes: 0, sessions: new Map() }).get(key)!;
      for (const r of attended) {
        for (const e of [at(`all:`), at(`month:${parisDate(r.sessionStartsAt).slice(0, 7)}`)]) {
          if (r.personId) {
            e.persons.add(r.personId);
            e.inWorkshops.add(r.personId);
          }
          e.participations += 1;
          e.presenceMinutes += r.durationMinutes;
          e.sessions.set(r.sessionId, r.durationMinutes);
        }
      }
      for (const v of visits) {
        for (const e of [at(`all:`), at(`month:${parisDate(v.occurredAt).slice(0, 7)}`)]) {
          if (v.personId) {
            e.persons.add(v.personId);
            e.accompanied.add(v.personId);
          }
          e.accompaniments += 1;
          e.accompanimentMinutes += v.durationMinutes;
        }
      }
      // Some persons came in three months (March and April's workshops, May's accompaniments).
      expect(expected.size).toBe(4);
      for (const households of [true, false]) {
        const counted = await countContacts(k, { centerIds: [centerId], ...range, dimensions: ['all', 'month', 'ageBracket'], households });
        const got = counted.filter((r) => r.dimension !== 'ageBracket').map((r) => [`${r.dimension}:${r.key}`, {
          persons: r.persons, inWorkshops: r.personsInWorkshops, accompanied: r.personsAccompanied, participations: r.participations, accompaniments: r.accompaniments,
          presenceMinutes: r.presenceMinutes, accompanimentMinutes: r.accompanimentMinutes, sessions: r.sessions, sessionMinutes: r.sessionMinutes,
        }] as const);
        expect(new Map(got)).toEqual(new Map([...expected].map(([key, e]) => [key, {
          persons: e.persons.size, inWorkshops: e.inWorkshops.size, accompanied: e.accompanied.size, participations: e.participations, accompaniments: e.accompaniments,
          presenceMinutes: e.presenceMinutes, accompanimentMinutes: e.accompanimentMinutes, sessions: e.sessions.size, sessionMinutes: [...e.sessions.values()].reduce((s, m) => s + m, 0),
        }])));
      }
    }
  });

  it('gathers the cells under 5, with their accompaniments and hours, so that none can be read or worked out', async () => {
    const f = (await t.app.services.reports.federation.report(actor, { from: '2026-01-01', to: '2026-12-31' })).figures;
    // Ages: 8 + 6 over 60 (two brackets of 8 and 6), 3 + 4 of 25–39 (7), 2 children: gathered with the next smallest.
    const ages = Object.fromEntries(f.by.ageBracket.map((r) => [r.key, r.persons]));
    expect(ages.moins_de_douze).toBeUndefined();
    expect(ages[OTHER_ROWS]).toBeGreaterThanOrEqual(DISCLOSURE_THRESHOLD);
    for (const dimension of ['month', 'centre', 'ageBracket', 'gender', 'epci'] as const) {
      for (const row of f.by[dimension]) if (row.persons !== null && row.persons > 0) expect(row.persons, `${dimension} ${row.key}`).toBeGreaterThanOrEqual(DISCLOSURE_THRESHOLD);
    }
    // A period with 4 persons in all (B's April, every other of 10 … minus): the total itself is masked.
    const small = await t.app.services.reports.federation.report(actor, { from: '2026-05-02', to: '2026-05-03' });
    expect(small.figures.totals.persons).toBeNull();
    expect(small.figures.by.centre.every((r) => r.key === OTHER_ROWS && r.persons === null)).toBe(true);
  });

  it('shows the page with a chart and a table for each breakdown, and no name of a person', async () => {
    const page = await federationAdmin.get('/federation?du=2026-01-01&au=2026-12-31');
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toContain('Fédération du Cambrésis : les chiffres des centres');
    expect(page.body).toMatch(/<span class="figure">23<\/span> personnes touchées/);
    expect((page.body.match(/<svg [^>]*class="chart" role="img"/g) ?? []).length).toBe(5);
    expect(page.body).toContain('<th scope="row">Centre social Alpha</th><td>13</td><td>4</td>');
    expect(page.body).not.toContain('Gamma');
    expect(page.body).not.toContain('<script');
    for (const name of names) expect(page.body).not.toContain(name);
    expect(page.body).toContain('href="/federation"');
    const bad = await federationAdmin.get('/federation?du=2026-13-01');
    expect(bad.statusCode).toBe(422);
    expect(titleOf(bad.body)).toMatch(/^Erreur/);
  });

  it('serves the same figures in the API, a PDF and a workbook', async () => {
    const api = await federationAdmin.api('GET', '/api/v1/federation/report?from=2026-01-01&to=2026-12-31');
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(body.totals.persons).toBe(23);
    expect(body.by.centre).toEqual((await t.app.services.reports.federation.report(actor, { from: '2026-01-01', to: '2026-12-31' })).figures.by.centre);
    expect((await federationAdmin.api('GET', '/api/v1/federation/report?from=hier')).statusCode).toBe(422);
    const pdf = await federationAdmin.get('/federation/rapport.pdf?du=2026-01-01&au=2026-12-31');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await federationAdmin.get('/federation/rapport.xlsx?du=2026-01-01&au=2026-12-31');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const centres = book.worksheets.find((s) => s.name === 'Par centre')!;
    const rows = centres.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual([a, 'Centre social Alpha', 13, 4, 4]);
  });

  it('counts a period with more centres than a wait allows in the background: the page and the API say how far, then show the figures', async () => {
    const federations = t.app.services.reports.federation;
    const usual = federations.countWhileWaiting;
    federations.countWhileWaiting = 0;
    try {
      // A period nobody asked yet: none of its centres' figures is kept.
      const page = await federationAdmin.get('/federation?du=2026-03-01&au=2026-09-30');
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain('http-equiv="refresh"');
      expect(page.body).toContain('<script src="/static/avancement.js" defer></script>');
      expect(page.body).toMatch(/<p role="status">Centres déjà comptés : 0 sur 2\.<\/p>/);
      expect(page.body).toContain('href="/federation?du=2026-03-01&amp;au=2026-09-30"');
      expect(page.body).not.toContain('rapport.pdf');
      // Another such period through the API.
      const api = await federationAdmin.api('GET', '/api/v1/federation/report?from=2026-04-01&to=2026-10-31');
      expect(api.statusCode).toBe(202);
      expect(api.headers['retry-after']).toBe('3');
      expect(api.json()).toEqual({ status: 'counting', federation: { name: 'Fédération du Cambrésis' }, centreCount: 2, readyCount: 0, period: { from: '2026-04-01', to: '2026-10-31' } });
      await federations.settled();
      expect((await federationAdmin.api('GET', '/api/v1/federation/report?from=2026-04-01&to=2026-10-31')).statusCode).toBe(200);
      const ready = await federationAdmin.get('/federation?du=2026-03-01&au=2026-09-30');
      expect(ready.body).not.toContain('data-progress');
      expect(ready.body).toContain('rapport.pdf?du=2026-03-01&amp;au=2026-09-30');
      const figures = await federationAdmin.api('GET', '/api/v1/federation/report?from=2026-03-01&to=2026-09-30');
      expect(figures.statusCode).toBe(200);
      expect(figures.json().by).toEqual((await federations.report(actor, { from: '2026-03-01', to: '2026-09-30' })).figures.by);
    } finally {
      federations.countWhileWaiting = usual;
    }
  });

  it('refuses the federation’s account every page of a centre and every person, and hides it from the centre’s team', async () => {
    const person = (await t.db.kysely.selectFrom('persons').select('id').where('centerId', '=', a).executeTakeFirstOrThrow()).id;
    for (const url of ['/personnes', `/personnes/${person}`, '/rapports', '/rapports/financeurs', '/centre', '/centre/equipe', '/programme', '/permanences', '/equipe']) {
      expect((await federationAdmin.get(url)).statusCode, url).toBe(403);
    }
    for (const url of ['/api/v1/persons', `/api/v1/persons/${person}`, '/api/v1/reports/figures', '/api/v1/centre']) {
      expect((await federationAdmin.api('GET', url)).statusCode, url).toBe(403);
    }
    // Its own account and its home page open.
    expect((await federationAdmin.get('/compte')).statusCode).toBe(200);
    const home = await federationAdmin.get('/tableau-de-bord');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('href="/federation"');
    // The hosting centre's admin does not see it in the team, cannot open it, nor make one.
    const admin = await signIn(t.app, a, 'admin');
    const team = await admin.get('/centre/equipe');
    expect(team.body).not.toContain('federation@cambresis.fr');
    expect((await admin.get(`/centre/equipe/${actor.userId}`)).statusCode).toBe(404);
    const made = await admin.post('/centre/equipe/nouveau', { displayName: 'Intrus', email: 'intrus@exemple.fr', role: 'federation_admin' });
    expect(made.statusCode).toBe(422);
    expect(await t.db.kysely.selectFrom('users').select('id').where('email', '=', 'intrus@exemple.fr').executeTakeFirst()).toBeUndefined();
    await expect(t.app.ctx.auth.createToken(a, 'federation_admin', 'jeton')).rejects.toMatchObject({ status: 422 });
    await expect(t.app.ctx.auth.createUser({ centerId: a, email: 'sans@exemple.fr', displayName: 'Sans', role: 'federation_admin' })).rejects.toMatchObject({ status: 422 });
    // And a centre's staff may not read the federation's figures.
    const coordinator = await signIn(t.app, a, 'coordinator');
    expect((await coordinator.get('/federation')).statusCode).toBe(403);
  });

  it('keeps each centre’s figures until one of its records changes, by whatever path, then counts that centre again', async () => {
    const year = { from: '2026-01-01', to: '2026-12-31' };
    const federations = t.app.services.reports.federation;
    const k = t.db.kysely;
    const version = async (id: string) => Number((await k.selectFrom('reportVersions').select('version').where('centerId', '=', id).executeTakeFirst())?.version ?? 0);
    /** The report as the centres' rows are now, recounted here. */
    const expectRecounted = async () => {
      const [ra, rb] = [await recount(a), await recount(b)];
      const f = (await federations.report(actor, year)).figures;
      const byCentre = new Map(f.by.centre.map((r) => [r.key, [r.persons, r.accompaniments]]));
      expect(byCentre).toEqual(new Map([[a, [ra.persons.size, ra.accompaniments]], [b, [rb.persons.size, rb.accompaniments]]]));
      expect(f.totals.sessions).toBe(ra.sessions.size + rb.sessions.size);
      expectGathered(f.by.month, sumOf([ra.byMonth, rb.byMonth]));
      expectGathered(f.by.ageBracket, sumOf([ra.byAge, rb.byAge]));
      return f;
    };
    const before = await expectRecounted();
    const [va, vb] = [await version(a), await version(b)];
    // Nothing written: the same figures, the versions as they were.
    expect(await federations.report(actor, year)).toMatchObject({ figures: before });
    expect([await version(a), await version(b)]).toEqual([va, vb]);

    // An accompaniment recorded through the help desk: B's version changes, A's does not.
    t.clock.set('2026-06-02T10:00:00Z');
    await t.app.services.helpdesk.accompaniments.recordAccompaniment(systemActor(b), {
      siteId: (await k.selectFrom('sites').select('id').where('centerId', '=', b).executeTakeFirstOrThrow()).id, occurredAt: '2026-06-01T08:00:00Z', durationMinutes: 15,
      placeType: 'lieu_activite', equipment: ['ordinateur'], themes: ['email'], autonomy: 'autonome', redirected: false, followUp: false,
    } as never);
    expect(await version(b)).not.toBe(vb);
    expect(await version(a)).toBe(va);
    expect((await expectRecounted()).totals.accompaniments).toBe(before.totals.accompaniments + 1);

    // Rows changed by hand in the database (no service told): a person file, a session's attendance deleted.
    const someone = await k.selectFrom('persons').select('id').where('centerId', '=', a).where('ageBracket', 'is not', null).executeTakeFirstOrThrow();
    await k.updateTable('persons').set({ ageBracket: 'soixante_dix_plus', gender: 'masculin' }).where('id', '=', someone.id).execute();
    await expectRecounted();
    const present = await k.selectFrom('activityAttendance').select('sessionId').where('centerId', '=', a).where('status', '=', 'present').executeTakeFirstOrThrow();
    await k.deleteFrom('activityAttendance').where('sessionId', '=', present.sessionId).execute();
    expect(await version(a)).not.toBe(va);
    expect((await expectRecounted()).totals.sessions).toBe(before.totals.sessions - 1);
  });
  it('keeps the figures in the database: another instance or a restart reads them, never once the centre changed, and the job counts ahead', async () => {
    const year = { from: '2026-01-01', to: '2026-12-31' };
    const k = t.db.kysely;
    // The year's rows (the tests before kept other periods too).
    const kept = () => k.selectFrom('reportFigures').select(['centerId', 'periodFrom', 'periodTo', 'version', 'figures'])
      .where('periodFrom', '=', year.from).where('periodTo', '=', year.to).orderBy('centerId').execute();
    const version = async (id: string) => Number((await k.selectFrom('reportVersions').select('version').where('centerId', '=', id).executeTakeFirst())?.version ?? 0);
    // Another instance on the same database, as after a restart: nothing in its memory.
    const config = loadConfig({ NODE_ENV: 'test', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'http://lieudit.test' });
    const other = await buildApp(config, { db: t.db, migrate: false, clock: t.clock });
    try {
      /** The report with nothing kept: every centre counted now. */
      const cold = async () => {
        await k.deleteFrom('reportFigures').execute();
        return (await other.services.reports.federation.report(actor, year)).figures;
      };
      const first = await t.app.services.reports.federation.report(actor, year);
      // One row per centre of the federation (C is in another), at the version read before counting.
      expect((await kept()).map((r) => [r.centerId, r.periodFrom, r.periodTo, Number(r.version)]))
        .toEqual([[a, ...Object.values(year), await version(a)], [b, ...Object.values(year), await version(b)]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))));
      expect(first.figures).toEqual(await cold());

      // The other instance serves what is kept while the versions stand: a kept row altered by
      // hand shows in its report (it reads the row, it does not count)…
      const row = (await kept()).find((r) => r.centerId === a)!;
      const altered = JSON.parse(row.figures) as { figures: { totals: { accompaniments: number } } };
      altered.figures.totals.accompaniments += 1000;
      await k.updateTable('reportFigures').set({ figures: JSON.stringify(altered) }).where('centerId', '=', a).where('periodFrom', '=', year.from).execute();
      expect((await other.services.reports.federation.report(actor, year)).figures.totals.accompaniments).toBe(first.figures.totals.accompaniments + 1000);
      // …and never once the centre's version moved: a person file changed by hand, A counted again.
      const someone = await k.selectFrom('persons').select('id').where('centerId', '=', a).executeTakeFirstOrThrow();
      await k.updateTable('persons').set({ gender: 'feminin' }).where('id', '=', someone.id).execute();
      const afterMove = (await other.services.reports.federation.report(actor, year)).figures;
      expect(afterMove.totals.accompaniments).toBe(first.figures.totals.accompaniments);
      expect(afterMove).toEqual(await cold());

      // Figures kept in another shape (an older version of the code) are counted again.
      await t.app.services.reports.federation.report(actor, year);
      await k.updateTable('reportFigures').set({ figures: JSON.stringify({ figures: altered.figures }) }).execute();
      expect((await other.services.reports.federation.report(actor, year)).figures).toEqual(afterMove);

      // The job: the current year on the clock, only the centres that moved since, for every federation.
      t.clock.set('2026-06-03T10:00:00Z');
      const job = t.app.ctx.scheduler.jobs.find((j) => j.name === 'federation-figures')!;
      expect(await t.app.ctx.scheduler.runOnce(job)).toBe(true);
      expect(await t.app.services.reports.federation.countAhead()).toBe(0);
      await t.app.services.helpdesk.accompaniments.recordAccompaniment(systemActor(b), {
        siteId: (await k.selectFrom('sites').select('id').where('centerId', '=', b).executeTakeFirstOrThrow()).id, occurredAt: '2026-06-02T08:00:00Z', durationMinutes: 15,
        placeType: 'lieu_activite', equipment: ['ordinateur'], themes: ['email'], autonomy: 'autonome', redirected: false, followUp: false,
      } as never);
      expect(await t.app.services.reports.federation.countAhead()).toBe(1);
      expect(Number((await kept()).find((r) => r.centerId === b)!.version)).toBe(await version(b));
      // C's federation was counted ahead too.
      expect((await k.selectFrom('reportFigures').select('centerId').where('centerId', '=', c).where('periodFrom', '=', year.from).execute()).length).toBe(1);
      const served = (await other.services.reports.federation.report(actor, year)).figures;
      expect(served.totals.accompaniments).toBe(afterMove.totals.accompaniments + 1);
      expect(served).toEqual(await cold());

      // A month later, the job forgets the figures of other periods, never the current year's.
      await other.services.reports.federation.report(actor, { from: '2026-05-01', to: '2026-05-31' });
      t.clock.set('2026-07-04T10:00:00Z');
      await t.app.services.reports.federation.countAhead();
      const periods = await k.selectFrom('reportFigures').select(['periodFrom', 'periodTo']).distinct().execute();
      expect(periods).toEqual([{ periodFrom: year.from, periodTo: year.to }]);
    } finally {
      await other.close();
    }
  });
});
