import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createStaff, createTestApp, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import { readPdf } from '../../../tests/support/pdf.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/ids.ts';
import { activityInput, createPersons, setupProgramme } from '../activities/activities.fixtures.ts';
import { tabletBody } from '../equipment/equipment.fixtures.ts';
import { recountCarsat } from './reports.fixtures.ts';

/**
 * The funders' reports over 2026, on a small centre built like the demo: seniors of two
 * communities of communes, a family, tablet workshops and help-desk visits, tablets lent. The
 * Carsat figures are recounted from the raw rows with plain loops (not through the report code);
 * the XLSX is opened with exceljs and the PDF read back as a PDF reader does.
 */
describe('the funders’ reports', () => {
  let t: TestApp;
  let centerId: string;
  let coordinator: Client;

  beforeAll(async () => {
    // Monday 2 March 2026, 09:00 Paris.
    t = await createTestApp({}, { now: '2026-03-02T08:00:00Z' });
    centerId = await createCentre(t.app, 'financeurs', 'Centre social des Financeurs');
    const { studioId, villageId } = await setupProgramme(t.app, centerId);
    const system = systemActor(centerId);
    const m = t.app.services.activities;
    const k = t.db.kysely;

    // Seniors: three of 70 and over (two in Cambrai's agglomeration, one in Caudry's), two of 60 – 69.
    const old = await createPersons(t.app, centerId, 3, { birthYear: 1950 });
    const young = await createPersons(t.app, centerId, 2, { birthYear: 1962 });
    const adults = await createPersons(t.app, centerId, 2, { birthYear: 1990 });
    const children = await createPersons(t.app, centerId, 2, { birthYear: 2016 });
    const household = newId();
    await k.insertInto('households').values({ id: household, centerId, name: 'Foyer Essai', createdAt: t.clock.nowIso() }).execute();
    const commune = (p: { id: string }, insee: string | null, householdId: string | null = null) =>
      k.updateTable('persons').set({ communeInsee: insee, householdId }).where('id', '=', p.id).execute();
    await commune(old[0]!, '59219');
    await commune(old[1]!, '59122');
    await commune(old[2]!, '59139');
    await commune(young[0]!, '59219');
    await commune(adults[0]!, '59219', household);
    await commune(children[0]!, '59219', household);
    await commune(children[1]!, '59219', household);

    // A tablet workshop in the village (2 h) on 10 and 17 March, a family workshop at the studio (1 h 30) on 7 April.
    const tablets = await m.programme.create(system, activityInput(t.clock, villageId, {
      title: 'Tablette', kind: 'atelier_tablette',
      schedule: { kind: 'dates', dates: ['2026-03-10', '2026-03-17'], rrule: null, startDate: null, endDate: null, startTime: '14:00', endTime: '16:00', exceptions: [] },
    }));
    const family = await m.programme.create(system, activityInput(t.clock, studioId, {
      title: 'Robots en famille', kind: 'atelier', theme: 'creer_avec_le_numerique', audience: 'familles', minAge: null, maxAge: null,
      schedule: { kind: 'single', dates: ['2026-04-07'], rrule: null, startDate: null, endDate: null, startTime: '10:00', endTime: '11:30', exceptions: [] },
    }));
    const [march10, march17] = await m.programme.sessions(system, tablets.id);
    const [april7] = await m.programme.sessions(system, family.id);
    t.clock.set('2026-03-10T15:00:00Z');
    await m.attendance.record(system, march10!.id, [...old, young[0]!].map((p) => ({ personId: p.id, status: 'present' as const })));
    t.clock.set('2026-03-17T15:00:00Z');
    await m.attendance.record(system, march17!.id, [
      { personId: old[0]!.id, status: 'present' }, { personId: old[1]!.id, status: 'absent' }, { personId: young[1]!.id, status: 'present' },
    ]);
    t.clock.set('2026-04-07T09:00:00Z');
    await m.attendance.record(system, april7!.id, [adults[0]!, ...children].map((p) => ({ personId: p.id, status: 'present' as const })));

    // Help desk: a senior twice (April, at the centre then at home), an adult once, an anonymous visit.
    const record = (personId: string | undefined, occurredAt: string, placeType: string, themes: string[]) =>
      t.app.services.helpdesk.accompaniments.recordAccompaniment(system, {
        personId, siteId: studioId, occurredAt, durationMinutes: 45, placeType, equipment: ['tablette'], procedureCategory: 'argent_impots',
        themes, autonomy: 'partiellement_autonome', redirected: false, followUp: false,
      } as never);
    t.clock.set('2026-05-20T12:00:00Z');
    await record(old[2]!.id, '2026-04-14T08:00:00Z', 'lieu_activite', ['email']);
    await record(old[2]!.id, '2026-04-21T08:00:00Z', 'domicile', ['sante', 'email']);
    await record(adults[1]!.id, '2026-05-05T08:00:00Z', 'lieu_activite', ['aide_aux_demarches_administratives']);
    await record(undefined, '2026-05-06T08:00:00Z', 'a_distance', ['email']);
    // Outside 2026: 31 December 2025 at 23:30 Paris.
    await record(young[1]!.id, '2025-12-31T22:30:00Z', 'lieu_activite', ['email']);

    // Loans: a tablet to a senior in March (back in April) and again in May, another tablet to
    // another senior in June, a laptop to an adult, and a tablet in January 2027 (outside 2026).
    const inv = t.app.services.equipment;
    const item = async (tag: string, extra: Record<string, unknown> = {}) =>
      (await inv.inventory.create(system, { ...tabletBody(tag), serialNumber: null, siteId: studioId, lendable: true, depositCents: null, requiredModuleId: null, ...extra } as never)).id;
    const tabletA = await item('TAB-A');
    const tabletB = await item('TAB-B');
    const laptop = await item('PC-1', { name: 'Portable', category: 'ordinateur', funder: null, fundingProgramme: null });
    const lend = async (at: string, itemId: string, personId: string) => {
      t.clock.set(at);
      return inv.loans.lend(system, { itemId, personId, reminders: false });
    };
    const first = await lend('2026-03-12T09:00:00Z', tabletA, old[0]!.id);
    t.clock.set('2026-04-02T09:00:00Z');
    await inv.loans.checkIn(system, first.id, { condition: null, missingComponents: [], toRepair: false });
    await lend('2026-05-04T09:00:00Z', tabletA, old[0]!.id);
    await lend('2026-06-09T09:00:00Z', tabletB, young[0]!.id);
    await lend('2026-06-10T09:00:00Z', laptop, adults[0]!.id);
    t.clock.set('2026-12-01T09:00:00Z');
    await inv.loans.checkIn(system, (await inv.loans.list(system, { itemId: tabletB, active: true }))[0]!.id, { condition: null, missingComponents: [], toRepair: false });
    await lend('2027-01-04T09:00:00Z', tabletB, old[1]!.id);

    // Volunteers' hours: two volunteers in 2026 (3 h + 1 h 30 at the help desk, 2 h on a workshop), one entry in 2027.
    t.clock.set('2027-01-15T09:00:00Z');
    const hours = t.app.services.teamBoard.hours;
    const [alice, bruno] = [await createStaff(t.app, centerId, 'volunteer'), await createStaff(t.app, centerId, 'volunteer')];
    await hours.record(system, { userId: alice.id, kind: 'permanence', sessionId: null, workedOn: '2026-03-03', minutes: 180, note: null });
    await hours.record(system, { userId: bruno.id, kind: 'permanence', sessionId: null, workedOn: '2026-09-15', minutes: 90, note: null });
    await hours.record(system, { userId: alice.id, kind: 'atelier', sessionId: march10!.id, workedOn: '2026-03-10', minutes: 120, note: null });
    await hours.record(system, { userId: bruno.id, kind: 'atelier', sessionId: null, workedOn: '2027-01-05', minutes: 60, note: null });

    // Now: 15 January 2027; the default period is 2026.
    coordinator = await signIn(t.app, centerId, 'coordinator');
  }, 60_000);
  afterAll(() => t.close());

  const summaryOf = async (funder: 'carsat' | 'caf' | 'epci' | 'etat', period = { from: '2026-01-01', to: '2026-12-31' }) => {
    const report = await t.app.services.reports.funders.report(systemActor(centerId), funder, period);
    return { report, summary: Object.fromEntries(report.tables[0]!.rows.map((r) => [r.code, r.values[0]])) };
  };

  it('matches a recount of the raw rows for the Carsat report', async () => {
    const recount = await recountCarsat(t.db.kysely, centerId, { from: '2025-12-31T23:00:00.000Z', to: '2026-12-31T23:00:00.000Z' }, t.clock.nowIso());
    const { report, summary } = await summaryOf('carsat');
    expect(summary).toEqual(recount.summary);
    // And by hand: 5 seniors reached (4 in March, 1 more on 17 March; the one helped twice is one of them).
    expect(summary).toMatchObject({ seniorsReached: 5, seniorAccompaniments: 2, seniorSessions: 2, seniorSessionHours: 4, seniorLoans: 3, seniorTabletLoans: 3, seniorBorrowers: 2 });
    // 12 March → 2 April (21 days), 4 May → still out on 15 January (256), 9 June → 1 December (175).
    expect(summary.seniorDaysLent).toBe(21 + 256 + 175);
    // Loans month by month, all twelve months listed.
    const byMonth = report.tables.find((x) => x.key === 'loansByMonth')!;
    expect(byMonth.rows).toHaveLength(12);
    for (const row of byMonth.rows) expect(row.values, row.code).toEqual(recount.loansInMonth(row.code));
    // And by the commune where each borrower lives, every senior loan in exactly one row.
    const byCommune = report.tables.find((x) => x.key === 'loansByCommune')!;
    expect(byCommune.rows.map((r) => r.code).sort()).toEqual(recount.communesOfLoans);
    for (const row of byCommune.rows) expect(row.values, row.label).toEqual(recount.loansInCommune(row.code));
  });

  it('counts families, children and the activity kinds for the CAF, each person once', async () => {
    const { report, summary } = await summaryOf('caf');
    // 5 seniors + the family's 3 + the adult helped once; the anonymous visit is no person.
    expect(summary).toMatchObject({ personsReached: 9, householdsReached: 1, personsInWorkshops: 8, childrenInWorkshops: 2, familiesInWorkshops: 1, sessions: 3, workshopHours: 5.5, participations: 9, accompaniments: 4, personsAccompanied: 2 });
    const kinds = Object.fromEntries(report.tables.find((x) => x.key === 'activityKind')!.rows.map((r) => [r.code, r.values]));
    expect(kinds).toEqual({ atelier_tablette: [2, 4, 6, 5], atelier: [1, 1.5, 3, 3], permanence: [4, 3, 4, 2] });
    // Volunteering in 2026 only, at the default rate of 12,02 € an hour: 4 h 30 and 2 h.
    const volunteering = report.tables.find((x) => x.key === 'volunteering')!;
    expect(volunteering.columns.map((c) => c.label)).toEqual(['Bénévoles', 'Heures', 'Valorisation (€)']);
    expect(Object.fromEntries(volunteering.rows.map((r) => [r.label, r.values]))).toEqual({
      Atelier: [1, 2, 24.04], 'Permanence d’aide': [2, 4.5, 54.09], Total: [2, 6.5, 78.13],
    });
    // The other funders' reports say nothing of it.
    expect((await summaryOf('carsat')).report.tables.some((x) => x.key === 'volunteering')).toBe(false);
  });

  it('lists the residents of each community of communes, commune by commune', async () => {
    const { report } = await summaryOf('epci');
    const overview = Object.fromEntries(report.tables[0]!.rows.map((r) => [r.label, r.values]));
    expect(overview).toEqual({ 'CA de Cambrai': [6, 6, 0], 'CA du Caudrésis et du Catésis': [1, 1, 1], 'Commune inconnue ou non renseignée': [2, 1, 1] });
    const cambrai = report.tables.find((x) => x.title === 'CA de Cambrai')!;
    expect(cambrai.rows.find((r) => r.code === '59219')!.values).toEqual([5, 5, 0]);
    expect(cambrai.rows.find((r) => r.code === '59122')!.values).toEqual([1, 1, 0]);
    // Every member commune is listed, those without residents reached with zeros.
    expect(cambrai.rows.length).toBe(55);
  });

  it('speaks the national vocabulary for the State', async () => {
    const { report, summary } = await summaryOf('etat');
    expect(summary).toMatchObject({ accompaniments: 4, personsAccompanied: 2, accompanimentHours: 3, sessions: 3, participations: 9 });
    const themes = Object.fromEntries(report.tables.find((x) => x.key === 'theme')!.rows.map((r) => [r.code, r.values]));
    expect(themes.email).toEqual([3, 0, 1]);
    expect(themes.prendre_en_main_du_materiel).toEqual([0, 6, 5]);
    const places = Object.fromEntries(report.tables.find((x) => x.key === 'placeType')!.rows.map((r) => [r.code, r.values]));
    expect(places).toEqual({ lieu_activite: [2, 2], domicile: [1, 1], a_distance: [1, 0] });
  });

  it('offers last year by default, the four reports as page, PDF and XLSX, and refuses a wrong date with the fields to fix', async () => {
    const index = await coordinator.get('/rapports/financeurs');
    expect(index.statusCode).toBe(200);
    expect(titleOf(index.body)).toContain('Rapports pour les financeurs');
    expect(index.body).toContain('Les rapports, du 1er janvier au 31 décembre 2026');
    expect(index.body).toContain('name="du-annee"');
    expect(index.body).toContain('href="/rapports/financeurs/carsat.pdf?du=2026-01-01&amp;au=2026-12-31"');
    for (const f of ['caf', 'epci', 'etat']) expect(index.body).toContain(`href="/rapports/financeurs/${f}?du=2026-01-01&amp;au=2026-12-31"`);
    expect(index.body).not.toContain('<script');

    const march = await coordinator.get('/rapports/financeurs?du-jour=1&du-mois=3&du-annee=2026&au-jour=31&au-mois=3&au-annee=2026');
    expect(march.statusCode).toBe(200);
    expect(march.body).toContain('du 1er au 31 mars 2026');

    const wrong = await coordinator.get('/rapports/financeurs?du-jour=31&du-mois=2&du-annee=2026&au-jour=1&au-mois=1&au-annee=2026');
    expect(wrong.statusCode).toBe(422);
    expect(titleOf(wrong.body)).toMatch(/^Erreur/);
    expect(wrong.body).toContain('href="#champ-du"');
    expect(wrong.body).toContain('value="31"');
    const reversed = await coordinator.get('/rapports/financeurs/carsat.pdf?du=2026-05-01&au=2026-01-01');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.body).toContain('La date de fin doit être après la date de début');

    const page = await coordinator.get('/rapports/financeurs/carsat?du=2026-01-01&au=2026-12-31');
    expect(page.statusCode).toBe(200);
    expect(titleOf(page.body)).toContain('Rapport Carsat : les seniors');
    expect(page.body).toContain('<th scope="row">Seniors touchés (60 ans et plus)</th><td>5</td>');
    expect((await coordinator.get('/rapports/financeurs/federation')).statusCode).toBe(404);
    expect((await coordinator.get('/rapports/financeurs/carsat.csv')).statusCode).toBe(404);
    expect((await coordinator.get('/rapports/financeurs/constructor.pdf')).statusCode).toBe(404);
  });

  it('writes the Carsat report as an XLSX workbook: a sheet per table, numbers as numbers', async () => {
    const response = await coordinator.get('/rapports/financeurs/carsat.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="rapport-carsat-2026-01-01-2026-12-31.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['En résumé', 'Les seniors par tranche d’âge', 'Prêts de matériel aux seniors', 'Prêts aux seniors par commune', 'Matériel prêté aux seniors, par']);
    const summary = workbook.worksheets[0]!;
    expect(summary.getRow(1).values).toEqual([undefined, 'Code', 'Indicateur', 'Nombre']);
    expect(summary.getRow(1).font?.bold).toBe(true);
    expect(summary.getCell('A2').value).toBe('seniorsReached');
    expect(summary.getCell('B2').value).toBe('Seniors touchés (60 ans et plus)');
    expect(summary.getCell('C2').value).toBe(5);
    expect(summary.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(summary.getColumn(2).width).toBeGreaterThan(30);
    const months = workbook.worksheets[2]!;
    expect(months.getCell('B4').value).toBe('mars 2026');
    expect(months.getCell('C4').value).toBe(1);
    expect(months.getCell('B7').value).toBe('juin 2026');
    expect(months.rowCount).toBe(13);
  });

  it('prints the Carsat report as a tagged PDF with its font embedded', async () => {
    const response = await coordinator.get('/rapports/financeurs/carsat.pdf?du=2026-01-01&au=2026-12-31');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = await readPdf(response.rawPayload);
    const text = pdf.text.join('\n');
    expect(pdf.title).toBe('Rapport Carsat : les seniors — du 1er janvier au 31 décembre 2026');
    expect(text).toContain('Centre social des Financeurs');
    expect(text).toContain('Seniors touchés (60 ans et plus)');
    expect(text).toContain('Prêts de tablettes à des seniors');
    expect(text).toContain('70 ans et plus');
    expect(text).toContain('juin 2026');
    expect(pdf.fonts.length).toBeGreaterThan(0);
    expect(pdf.fonts.every((f) => f.embedded)).toBe(true);
    expect(pdf.lang).toBe('fr-FR');
    expect(pdf.roles).toEqual(expect.arrayContaining(['H1', 'H2', 'Table', 'TR', 'TH', 'TD']));
  });

  it('serves the same tables in the JSON API, last year by default, 422 for a bad period', async () => {
    const api = await apiToken(t.app, centerId, 'coordinator');
    const response = await api('GET', '/api/v1/reports/funders/carsat');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.period).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(body.tables[0].rows[0]).toEqual({ code: 'seniorsReached', label: 'Seniors touchés (60 ans et plus)', values: [5] });
    const bad = await api('GET', '/api/v1/reports/funders/etat?from=2026-02-30');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: 'invalid', fields: { from: expect.any(String) } });
    expect((await api('GET', '/api/v1/reports/funders/federation')).statusCode).toBeGreaterThanOrEqual(400);
    const volunteer = await apiToken(t.app, centerId, 'volunteer');
    expect((await volunteer('GET', '/api/v1/reports/funders/carsat')).statusCode).toBe(403);
  });

  it('exports every table of the centre’s report as XLSX beside its CSV', async () => {
    const page = await coordinator.get('/rapports?du=2026-01-01&au=2026-12-31');
    expect(page.body).toContain('/rapports/themes.xlsx?du=2026-01-01&amp;au=2026-12-31');
    expect(page.body).toContain('href="/rapports/financeurs"');
    const response = await coordinator.get('/rapports/themes.xlsx?du=2026-01-01&au=2026-12-31');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="themes-2026-01-01-2026-12-31.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Par thème');
    expect(sheet.getRow(1).values).toEqual([undefined, 'Code', 'Libellé', 'Personnes', 'Accompagnements', 'Heures d’atelier']);
    const csv = (await coordinator.get('/rapports/themes.csv?du=2026-01-01&au=2026-12-31')).body.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1);
    expect(sheet.rowCount - 1).toBe(csv.length);
    const email = csv.find((l) => l.startsWith('email;'))!.split(';');
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'email')!;
    expect([row.getCell(3).value, row.getCell(4).value]).toEqual([Number(email[2]), Number(email[3])]);
    expect((await coordinator.get('/rapports/themes.ods')).statusCode).toBe(404);
  });
});
