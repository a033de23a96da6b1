import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import ExcelJS from 'exceljs';
import { readPdf } from '../../../tests/support/pdf.ts';
import { ensureDemo } from '../../cli/demo.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { findCentreBySlug } from '../../platform/tenancy.ts';
import { parisDate } from '../../platform/time.ts';
import { activityInput, createPersons, setupProgramme } from '../activities/activities.fixtures.ts';
import { communeByCode } from '../../platform/communes.ts';
import { recountCarsat } from './reports.fixtures.ts';

/**
 * The centre's report page, its CSV exports and its API. The figures are checked against
 * counts made by hand on a small fixture, and against an independent recount of the demo
 * centre's raw rows.
 */
describe('the centre’s figures', () => {
  let t: TestApp;
  let centerId: string;
  let coordinator: Client;
  let studioId: string;
  let villageId: string;

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 Paris.
    t = await createTestApp({}, { now: '2026-03-02T08:00:00Z' });
    centerId = await createCentre(t.app, 'rapports', 'Centre social des Rapports');
    ({ studioId, villageId } = await setupProgramme(t.app, centerId));
    const system = systemActor(centerId);
    const m = t.app.services.activities;
    const h = t.app.services.helpdesk;

    // Two workshops: the village one (2 h) on 10 and 17 March, the studio one (1 h 30) on 7 April.
    const village = await m.programme.create(system, activityInput(t.clock, villageId, {
      title: 'Tablette', theme: 'prendre_en_main_du_materiel',
      schedule: { kind: 'dates', dates: ['2026-03-10', '2026-03-17'], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    }));
    const studio = await m.programme.create(system, activityInput(t.clock, studioId, {
      title: 'Code', kind: 'atelier', theme: 'creer_avec_le_numerique', audience: 'adultes', minAge: null, maxAge: null,
      schedule: { kind: 'single', dates: ['2026-04-07'], rrule: null, startDate: null, endDate: null, startTime: '10:00', endTime: '11:30', exceptions: [] },
    }));
    const [march10, march17] = await m.programme.sessions(system, village.id);
    const [april7] = await m.programme.sessions(system, studio.id);

    // Three seniors (born 1950) of Marcoing (59377), two adults (1990) without a commune.
    const seniors = await createPersons(t.app, centerId, 3, { birthYear: 1950 });
    const adults = await createPersons(t.app, centerId, 2, { birthYear: 1990 });
    for (const p of seniors) await t.db.kysely.updateTable('persons').set({ communeInsee: '59377', gender: 'feminin', socialStatus: 'retraite' }).where('id', '=', p.id).execute();

    // 10 March: the 3 seniors present. 17 March: 2 seniors present, 1 absent, an adult walks in.
    t.clock.set('2026-03-10T15:00:00Z');
    await m.attendance.record(system, march10!.id, seniors.map((p) => ({ personId: p.id, status: 'present' as const })));
    t.clock.set('2026-03-17T15:00:00Z');
    await m.attendance.record(system, march17!.id, [
      { personId: seniors[0]!.id, status: 'present' }, { personId: seniors[1]!.id, status: 'present' },
      { personId: seniors[2]!.id, status: 'absent' }, { personId: adults[0]!.id, status: 'present' },
    ]);
    // 7 April: one adult present.
    t.clock.set('2026-04-07T09:00:00Z');
    await m.attendance.record(system, april7!.id, [{ personId: adults[1]!.id, status: 'present' }]);

    // Help desk: a senior twice in April (email, then health), an anonymous visit in May.
    const record = (personId: string | undefined, occurredAt: string, themes: string[]) =>
      h.accompaniments.recordAccompaniment(system, {
        personId, siteId: studioId, occurredAt, durationMinutes: 30, placeType: 'lieu_activite', equipment: ['ordinateur'],
        themes, autonomy: 'partiellement_autonome', redirected: false, followUp: false,
      } as never);
    t.clock.set('2026-05-20T12:00:00Z');
    await record(seniors[0]!.id, '2026-04-14T08:00:00Z', ['email']);
    await record(seniors[0]!.id, '2026-04-21T08:00:00Z', ['sante', 'email']);
    await record(undefined, '2026-05-05T08:00:00Z', ['aide_aux_demarches_administratives']);
    // A visit on 31 December 2025 at 23:30 Paris (22:30 UTC) belongs to 2025, not 2026.
    await record(adults[0]!.id, '2025-12-31T22:30:00Z', ['email']);
    // A visit on 1 January 2026 at 00:30 Paris (31 December 23:30 UTC) belongs to 2026.
    await record(adults[0]!.id, '2025-12-31T23:30:00Z', ['email']);
    coordinator = await signIn(t.app, centerId, 'coordinator');
  });
  afterAll(() => t.close());

  it('counts persons once for the year, by month, trait, theme and site, as counted by hand', async () => {
    const report = await t.app.services.reports.reports.centreReport(systemActor(centerId), { from: '2026-01-01', to: '2026-12-31' });
    const f = report.figures;
    // Persons: 3 seniors + 2 adults = 5 (the anonymous visit counts as an accompaniment only).
    expect(f.totals).toEqual({ persons: 5, accompaniments: 4, sessions: 3, participations: 7, workshopHours: 5.5 });
    expect(f.by.month).toEqual([
      { key: '2026-01', persons: 1, accompaniments: 1, workshopHours: 0 },
      { key: '2026-03', persons: 4, accompaniments: 0, workshopHours: 4 },
      { key: '2026-04', persons: 2, accompaniments: 2, workshopHours: 1.5 },
      { key: '2026-05', persons: 0, accompaniments: 1, workshopHours: 0 },
    ]);
    const byKey = (rows: { key: string }[]) => Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey(f.by.ageBracket).soixante_dix_plus).toMatchObject({ persons: 3, accompaniments: 2, workshopHours: null });
    expect(byKey(f.by.ageBracket).vingt_cinq_trente_neuf).toMatchObject({ persons: 2, accompaniments: 1 });
    expect(byKey(f.by.ageBracket).non_communique).toMatchObject({ persons: 0, accompaniments: 1 });
    expect(byKey(f.by.gender).feminin).toMatchObject({ persons: 3 });
    expect(byKey(f.by.commune)['59377']).toMatchObject({ persons: 3 });
    // The 3 seniors and the adult who walked in on 17 March.
    expect(byKey(f.by.theme).prendre_en_main_du_materiel).toMatchObject({ persons: 4, accompaniments: 0, workshopHours: 4 });
    expect(byKey(f.by.theme).email).toMatchObject({ persons: 2, accompaniments: 3 });
    expect(byKey(f.by.theme).sante).toMatchObject({ persons: 1, accompaniments: 1 });
    expect(byKey(f.by.site)[villageId]).toMatchObject({ persons: 4, workshopHours: 4 });
    expect(byKey(f.by.site)[studioId]).toMatchObject({ persons: 3, accompaniments: 4, workshopHours: 1.5 });
    // By kind of activity: the village's tablet workshop, the studio's workshop, the help desk's accompaniments.
    expect(byKey(f.by.activityKind).atelier_tablette).toEqual({ key: 'atelier_tablette', persons: 4, accompaniments: 0, workshopHours: 4 });
    expect(byKey(f.by.activityKind).atelier).toMatchObject({ accompaniments: 0, workshopHours: 1.5 });
    expect(byKey(f.by.activityKind).permanence).toMatchObject({ accompaniments: 4, workshopHours: 0 });
    // By community of communes: Marcoing's three seniors in the CA de Cambrai; the adults have no commune.
    const cambrai = communeByCode('59377')!.epciCode!;
    expect(byKey(f.by.epci)[cambrai]).toMatchObject({ persons: 3, workshopHours: null });
    expect(byKey(f.by.epci).non_communique).toMatchObject({ persons: 2 });
  });

  it('shows the year by default, with an SVG chart and a table for each breakdown, and accepts a period', async () => {
    const page = await coordinator.get('/rapports');
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toContain('Les chiffres du centre');
    expect(page.body).toContain('value="2026-01-01"');
    expect(page.body).toContain('value="2026-12-31"');
    expect(page.body).toMatch(/<span class="figure">5<\/span> personnes touchées/);
    expect((page.body.match(/<svg [^>]*class="chart" role="img"/g) ?? []).length).toBe(9);
    expect((page.body.match(/<table>/g) ?? []).length).toBe(9);
    expect(page.body).toContain('<th scope="row">Permanences</th><td>');
    expect(page.body).toContain('<th scope="row">CA de Cambrai</th><td>3</td>');
    expect(page.body).toContain('<th scope="row">mars 2026</th><td>4</td><td>0</td><td>4</td>');
    expect(page.body).toContain('<th scope="row">Salle des fêtes</th>');
    expect(page.body).not.toContain('<script');

    const march = await coordinator.get('/rapports?du=2026-03-01&au=2026-03-31');
    expect(march.body).toMatch(/<span class="figure">4<\/span> personnes touchées/);
    expect(march.body).toContain('/rapports/mois.csv?du=2026-03-01&amp;au=2026-03-31');
  });

  it('answers a period that is not one with the fields to fix, 422', async () => {
    const page = await coordinator.get('/rapports?du=2026-13-01&au=2026-01-01');
    expect(page.statusCode).toBe(422);
    expect(titleOf(page.body)).toMatch(/^Erreur/);
    expect(page.body).toContain('href="#champ-du"');
    const reversed = await coordinator.get('/rapports?du=2026-05-01&au=2026-01-01');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.body).toContain('La date de fin doit être après la date de début');
    expect((await coordinator.get('/rapports/inconnu.csv')).statusCode).toBe(404);
    expect((await coordinator.get('/rapports/constructor')).statusCode).toBe(404);
  });

  it('exports each table as CSV for a French spreadsheet', async () => {
    const csv = await coordinator.get('/rapports/themes.csv?du=2026-01-01&au=2026-12-31');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="themes-2026-01-01-2026-12-31.csv"');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Code;Libellé;Personnes;Accompagnements;Heures d’atelier');
    expect(lines).toContain('prendre_en_main_du_materiel;Prendre en main du matériel;4;0;4');
    const ages = await coordinator.get('/rapports/tranches-age.csv');
    expect(ages.body.split('\r\n')[0]).toBe('\uFEFFCode;Libellé;Personnes;Accompagnements');
  });

  it('serves the same figures in the JSON API, and 422 for a bad period', async () => {
    const api = await apiToken(t.app, centerId, 'coordinator');
    const response = await api('GET', '/api/v1/reports/figures?from=2026-03-01&to=2026-03-31');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.totals).toEqual({ persons: 4, accompaniments: 0, sessions: 2, participations: 6, workshopHours: 4 });
    expect(body.by.month).toEqual([{ key: '2026-03', persons: 4, accompaniments: 0, workshopHours: 4 }]);
    const bad = await api('GET', '/api/v1/reports/figures?from=hier');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: 'invalid', fields: { from: expect.any(String) } });
  });
});

describe('the demo centre’s figures, recounted from its raw rows', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { now: '2026-06-16T08:00:00Z' });
    await ensureDemo(t.app, { printLogins: false });
  }, 120_000);
  afterAll(() => t.close());

  it('matches a recount of attendance and accompaniment rows', async () => {
    const centre = (await findCentreBySlug(t.db.kysely, 'demo'))!;
    const from = '2025-12-31T23:00:00.000Z';
    const to = '2026-12-31T23:00:00.000Z';
    const k = t.db.kysely;
    const attended = await k.selectFrom('activityAttendance').select(['personId', 'sessionId', 'durationMinutes', 'sessionStartsAt', 'status'])
      .where('centerId', '=', centre.id).execute();
    const visits = await k.selectFrom('helpdeskAccompaniments').select(['personId', 'occurredAt']).where('centerId', '=', centre.id).execute();
    // The recount: plain loops over every row, filtering by hand.
    const present = attended.filter((a) => a.status === 'present' && a.sessionStartsAt >= from && a.sessionStartsAt < to);
    const visitsInYear = visits.filter((v) => v.occurredAt >= from && v.occurredAt < to);
    const persons = new Set<string>();
    for (const a of present) persons.add(a.personId);
    for (const v of visitsInYear) if (v.personId) persons.add(v.personId);
    const minutes = new Map<string, number>();
    for (const a of present) minutes.set(a.sessionId, a.durationMinutes);
    const hours = Math.round(([...minutes.values()].reduce((s, m) => s + m, 0) / 60) * 10) / 10;

    const report = await t.app.services.reports.reports.centreReport(systemActor(centre.id), { from: '2026-01-01', to: '2026-12-31' });
    expect(present.length).toBeGreaterThan(0);
    expect(visitsInYear.length).toBeGreaterThan(0);
    expect(report.figures.totals).toEqual({ persons: persons.size, accompaniments: visitsInYear.length, sessions: minutes.size, participations: present.length, workshopHours: hours });
    // Each month's unique persons, recounted the same way.
    for (const row of report.figures.by.month) {
      const inMonth = new Set<string>();
      for (const a of present) if (parisDate(a.sessionStartsAt).startsWith(row.key)) inMonth.add(a.personId);
      for (const v of visitsInYear) if (v.personId && parisDate(v.occurredAt).startsWith(row.key)) inMonth.add(v.personId);
      expect(row.persons, row.key).toBe(inMonth.size);
    }
  });

  it('gives the director the Carsat report for 2026 as XLSX and PDF, its figures those of a recount of the raw rows', async () => {
    const centre = (await findCentreBySlug(t.db.kysely, 'demo'))!;
    const recount = await recountCarsat(t.db.kysely, centre.id, { from: '2025-12-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' }, t.clock.nowIso());
    // The demo has seniors in workshops, at the help desk and borrowing tablets: nothing here is zero by chance.
    for (const figure of ['seniorsReached', 'seniorsInWorkshops', 'seniorAccompaniments', 'seniorTabletLoans'] as const) expect(recount.summary[figure], figure).toBeGreaterThan(0);

    const director = await signIn(t.app, centre.id, 'coordinator');
    const xlsx = await director.get('/rapports/financeurs/carsat.xlsx?du=2026-01-01&au=2026-12-31');
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    const summary = workbook.worksheets[0]!;
    const figures: Record<string, unknown> = {};
    summary.eachRow((row, n) => {
      if (n > 1) figures[String(row.getCell(1).value)] = row.getCell(3).value;
    });
    expect(figures).toEqual(recount.summary);

    const pdf = await director.get('/rapports/financeurs/carsat.pdf?du=2026-01-01&au=2026-12-31');
    expect(pdf.statusCode).toBe(200);
    const text = (await readPdf(pdf.rawPayload)).text.join(' ').replace(/\s+/g, ' ');
    expect(text).toContain(`Seniors touchés (60 ans et plus) ${recount.summary.seniorsReached}`);
  });
});
