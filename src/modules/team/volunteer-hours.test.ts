import ExcelJS from 'exceljs';
import { xlsxDay } from '../../../tests/support/csv.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createStaff, createTestApp, errorSummaryTargets, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import { activityInput, addSessionToday, setupProgramme } from '../activities/activities.fixtures.ts';
import { addDays, parisDate } from '../../platform/time.ts';

// Volunteer hours as a coordinator records them without JavaScript, through the API, and exports them.
describe('volunteer hours', () => {
  let t: TestApp;
  let centreId: string;
  let coordinator: Client & { userId: string };
  let monique: { id: string; displayName: string };
  let sessionId: string;
  const today = () => parisDate(t.clock.now());

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'benevolat', 'Centre social du bénévolat');
    coordinator = await signIn(t.app, centreId, 'coordinator');
    monique = await t.app.ctx.auth.createUser({ centerId: centreId, email: 'monique@exemple.fr', displayName: 'Monique Carpentier', role: 'volunteer', password: 'un mot de passe de test' });
    const { studioId, actor } = await setupProgramme(t.app, centreId);
    const activity = await t.app.services.activities.programme.create(actor, activityInput(t.clock, studioId, { title: 'Atelier tablette du lundi' }));
    sessionId = await addSessionToday(t.app, centreId, activity.id);
  });
  afterAll(() => t.close());

  it('records hours from the form, refuses bad input with clear messages and changes nothing then', async () => {
    const form = await coordinator.get('/equipe/benevolat/nouveau');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Monique Carpentier');
    expect(form.body).toContain('Atelier tablette du lundi');

    const base = { userId: monique.id, kind: 'atelier', sessionId, workedOn: today(), durationHours: '2', durationMinutes: '30', note: 'Aide aux tablettes' };
    const cases: [Record<string, string>, string, string][] = [
      [{ durationHours: '0', durationMinutes: '0' }, 'champ-durationHours', 'au moins une minute'],
      [{ durationHours: '-2' }, 'champ-durationHours', 'au moins une minute'],
      [{ durationHours: '25' }, 'champ-durationHours', 'dépasser 24 heures'],
      [{ durationMinutes: '75' }, 'champ-durationMinutes', 'entre 0 et 59'],
      [{ workedOn: addDays(today(), 1) }, 'champ-workedOn', 'pas encore passé'],
      [{ userId: coordinator.userId }, 'champ-userId', 'bénévole du centre'],
    ];
    for (const [change, field, message] of cases) {
      const refused = await coordinator.post('/equipe/benevolat/nouveau', { ...base, ...change });
      expect(refused.statusCode, JSON.stringify(change)).toBe(422);
      expect(titleOf(refused.body)).toMatch(/^Erreur :/);
      expect(Object.keys(errorSummaryTargets(refused.body))).toContain(field);
      expect(refused.body).toContain(message);
    }
    expect((await t.app.services.teamBoard.hours.summary({ centerId: centreId, userId: coordinator.userId, role: 'coordinator', label: 'c', partnerCommuneInsee: null, via: 'session' }, { from: addDays(today(), -400), to: today() })).entries).toEqual([]);

    const saved = await coordinator.post('/equipe/benevolat/nouveau', base);
    expect(saved.statusCode).toBe(303);
    const page = await coordinator.get('/equipe/benevolat');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Atelier tablette du lundi');
    expect(page.body).toContain('2 h 30');
    // 2,5 h × 12,02 € (the 2026 SMIC, the default rate) = 30,05 €.
    expect(page.body).toContain('30,05 €');
  });

  it('totals per volunteer and per month, values them at the centre’s rate, and exports the CSV', async () => {
    const api = await apiToken(t.app, centreId, 'coordinator');
    const lastMonth = addDays(`${today().slice(0, 7)}-01`, -1);
    const created = await api('POST', '/api/v1/team/volunteer-hours', { userId: monique.id, kind: 'navette', workedOn: lastMonth, minutes: 90 });
    expect(created.statusCode).toBe(201);
    expect(created.json().volunteerName).toBe('Monique Carpentier');
    for (const [body, status] of [
      [{ userId: monique.id, kind: 'navette', workedOn: lastMonth, minutes: 0 }, 422],
      [{ userId: monique.id, kind: 'navette', workedOn: lastMonth, minutes: 1441 }, 422],
      [{ userId: monique.id, kind: 'navette', workedOn: addDays(today(), 3), minutes: 60 }, 422],
      [{ userId: monique.id, kind: 'jardinage', workedOn: lastMonth, minutes: 60 }, 422],
    ] as const) {
      const response = await api('POST', '/api/v1/team/volunteer-hours', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().message).toBeTruthy();
    }
    const badRate = await coordinator.post('/equipe/benevolat/taux', { rate: 'douze' });
    expect(badRate.statusCode).toBe(422);
    expect(badRate.body).toContain('Indiquez un montant en euros');
    expect((await coordinator.post('/equipe/benevolat/taux', { rate: '20' })).statusCode).toBe(303);

    const from = addDays(lastMonth, -5);
    const summary = (await api('GET', `/api/v1/team/volunteer-hours?from=${from}&to=${today()}`)).json();
    expect(summary.rateCents).toBe(2000);
    expect(summary.total).toEqual({ minutes: 240, valueCents: 8000 });
    expect(summary.byVolunteer).toEqual([{ userId: monique.id, name: 'Monique Carpentier', minutes: 240, valueCents: 8000 }]);
    expect(summary.byMonth.map((m: { month: string; minutes: number }) => [m.month, m.minutes])).toEqual([[lastMonth.slice(0, 7), 90], [today().slice(0, 7), 150]]);

    const csv = await coordinator.get(`/equipe/benevolat/export.csv?du=${from}&au=${today()}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('Date;Bénévole;Type d’aide;Séance;Durée (heures);Valorisation (euros);Remarque');
    expect(csv.body).toContain(`${lastMonth};Monique Carpentier;Navette numérique;;1,50;30,00;`);

    // The same as a workbook, numbers as numbers, with the totals by volunteer and by month.
    const xlsx = await coordinator.get(`/equipe/benevolat/export.xlsx?du=${from}&au=${today()}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="benevolat-${from}-${today()}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Heures', 'Par bénévole', 'Par mois']);
    const navette = workbook.getWorksheet('Heures')!.getSheetValues().find((row) => Array.isArray(row) && row[3] === 'Navette numérique') as unknown[];
    expect(navette.slice(1, 7)).toEqual([xlsxDay(lastMonth), 'Monique Carpentier', 'Navette numérique', '', 1.5, 30]);
    expect((workbook.getWorksheet('Par bénévole')!.getRow(2).values as unknown[]).slice(1)).toEqual(['Monique Carpentier', 4, 80]);

    const badPeriod = await coordinator.get(`/equipe/benevolat?du=${today()}&au=${from}`);
    expect(badPeriod.statusCode).toBe(422);
    expect((await coordinator.get('/equipe/benevolat?du=2026-13-45')).statusCode).toBe(400);
  });

  it('deletes an entry made by mistake, and keeps other centres’ entries out of reach', async () => {
    const api = await apiToken(t.app, centreId, 'coordinator');
    const entry = (await api('POST', '/api/v1/team/volunteer-hours', { userId: monique.id, kind: 'autre', workedOn: today(), minutes: 15 })).json();
    const other = await createCentre(t.app);
    const volunteerThere = await createStaff(t.app, other, 'volunteer');
    const foreign = await apiToken(t.app, other, 'coordinator');
    const theirs = (await foreign('POST', '/api/v1/team/volunteer-hours', { userId: volunteerThere.id, kind: 'autre', workedOn: today(), minutes: 15 })).json();
    expect((await api('POST', '/api/v1/team/volunteer-hours', { userId: volunteerThere.id, kind: 'autre', workedOn: today(), minutes: 15 })).statusCode).toBe(422);
    expect((await coordinator.post(`/equipe/benevolat/${theirs.id}/supprimer`, {})).statusCode).toBe(404);
    expect((await api('DELETE', `/api/v1/team/volunteer-hours/${theirs.id}`)).statusCode).toBe(404);
    expect((await coordinator.post(`/equipe/benevolat/${entry.id}/supprimer`, {})).statusCode).toBe(303);
    expect((await api('DELETE', `/api/v1/team/volunteer-hours/${entry.id}`)).statusCode).toBe(404);
  });
});
