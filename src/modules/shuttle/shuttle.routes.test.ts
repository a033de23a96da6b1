import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/auth/actor.ts';
import { parisDate } from '../../platform/time.ts';
import { createCentre, createTestApp, errorSummaryTargets, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import { nextThursday } from './shuttle.fixtures.ts';

// The navette's staff pages, as a browser without JavaScript uses them.
describe('navette pages', () => {
  let t: TestApp;
  let centreId: string;
  let staff: Client;
  let volunteer: Client;
  let odette: string;

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'navette-pages', 'Centre social des pages');
    const person = await t.app.services.people.create(systemActor(centreId), {
      firstName: 'Odette', lastName: 'Leclercq', phone: '06 11 22 33 44', commune: '59377', consents: { data_processing: true }, confirmNotDuplicate: true,
    } as Parameters<typeof t.app.services.people.create>[1]);
    odette = person.id;
    staff = await signIn(t.app, centreId, 'coordinator');
    volunteer = await signIn(t.app, centreId, 'volunteer');
  });
  afterAll(() => t.close());

  const thursdayForm = () => ({
    personId: odette, commune: 'Marcoing', address: '4 rue du Calvaire', latitude: '50,1231', longitude: '3,1801', problem: 'Ne reçoit plus ses mails', theme: 'email',
    urgency: 'urgente', weekday1: '4', from1: '09:00', to1: '12:00', weekday2: '', from2: '', to2: '', notes: 'Sonner fort', durationMinutes: '45',
  });

  it('takes a request found by name, refusing a half-typed one field by field in French', async () => {
    const search = await staff.get('/navette/demandes/nouvelle?q=Odette');
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Odette Leclercq');
    const bad = await staff.post('/navette/demandes/nouvelle?q=Odette', { ...thursdayForm(), latitude: '50,1', longitude: '', problem: '', weekday1: '', from1: '', to1: '', weekday2: '2', from2: '15:00', to2: '10:00' });
    expect(bad.statusCode).toBe(422);
    expect(titleOf(bad.body)).toMatch(/^Erreur :/);
    expect(bad.body).toContain('Donnez la latitude et la longitude, ou aucune des deux.');
    expect(bad.body).toContain('L’heure de fin doit être après l’heure de début.');
    expect(bad.body).toContain('Décrivez le problème');
    expect(Object.values(errorSummaryTargets(bad.body))).not.toContain(null);
    expect(await t.app.services.shuttle.requests.list(systemActor(centreId))).toHaveLength(0);

    const saved = await staff.post('/navette/demandes/nouvelle?q=Odette', thursdayForm());
    expect(saved.statusCode, saved.body).toBe(303);
    const detail = await staff.get(String(saved.headers.location));
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Ne reçoit plus ses mails');
    expect(detail.body).toContain('Jeudi de 9 h à 12 h');
    const list = await volunteer.get('/navette');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Odette Leclercq');
    expect(list.body).not.toContain('Planifier une journée');
  });

  it('corrects a waiting request: the form comes back filled, a bad field changes nothing, a new pin and hours are kept', async () => {
    const [request] = await t.app.services.shuttle.requests.list(systemActor(centreId));
    const form = await volunteer.get(`/navette/demandes/${request!.id}/modifier`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Corriger la demande : Odette Leclercq');
    expect(form.body).toContain('value="50.1231"');
    expect(form.body).toContain('4 rue du Calvaire');
    const corrected = { ...thursdayForm(), commune: '59377', latitude: '50,1302', longitude: '3,1755', to1: '13:00' };
    const bad = await volunteer.post(`/navette/demandes/${request!.id}/modifier`, { ...corrected, problem: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Décrivez le problème');
    expect(bad.body).toContain('value="50,1302"');
    expect((await t.app.services.shuttle.requests.get(systemActor(centreId), request!.id)).location).toEqual([3.1801, 50.1231]);
    // Another person: refused, the request is the person's own.
    const other = await volunteer.post(`/navette/demandes/${request!.id}/modifier`, { ...corrected, personId: centreId });
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('La personne d’une demande ne change pas');

    const saved = await volunteer.post(`/navette/demandes/${request!.id}/modifier`, corrected);
    expect(saved.statusCode, saved.body).toBe(303);
    const detail = await volunteer.get(String(saved.headers.location));
    expect(detail.body).toContain('Demande corrigée.');
    expect(detail.body).toContain('Jeudi de 9 h à 13 h');
    const after = await t.app.services.shuttle.requests.get(systemActor(centreId), request!.id);
    expect(after).toMatchObject({ location: [3.1755, 50.1302], locationSource: 'pin', status: 'pending', personId: odette });
  });

  it('plans Thursday, leaves the visit out and back in, confirms, and opens the road sheet, its PDF and the call list', async () => {
    const thursday = nextThursday(parisDate(t.clock.now()));
    const day = `date=${thursday}&from=08:30&to=17:30&lunchFrom=12:00&lunchTo=13:30&lunchMinutes=60`;
    const first = await staff.get('/navette/planifier');
    expect(first.statusCode).toBe(200);
    const proposal = await staff.get(`/navette/planifier?${day}`);
    expect(proposal.statusCode).toBe(200);
    expect(proposal.body).toContain('1 visite');
    expect(proposal.body).toContain('<svg');
    const [request] = await t.app.services.shuttle.requests.list(systemActor(centreId));
    const without = await staff.get(`/navette/planifier?${day}&exclude=${request!.id}`);
    expect(without.body).toContain('Aucune visite ne peut se faire');
    expect(without.body).toContain('Laissées de côté');
    const badDay = await staff.get('/navette/planifier?date=jeudi&from=08:30&to=07:00');
    expect(badDay.statusCode).toBe(422);
    expect(badDay.body).toContain('La date s’écrit AAAA-MM-JJ.');

    // The coordinator saw no visit, but one is there now: refused, shown again.
    const stale = await staff.post('/navette/planifier', { date: thursday, from: '08:30', to: '17:30', lunchFrom: '12:00', lunchTo: '13:30', lunchMinutes: '60' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Les demandes ont changé');
    const confirmed = await staff.post('/navette/planifier', { date: thursday, from: '08:30', to: '17:30', lunchFrom: '12:00', lunchTo: '13:30', lunchMinutes: '60', expected: request!.id });
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    const sheetUrl = String(confirmed.headers.location);
    const sheet = await volunteer.get(sheetUrl);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('Odette Leclercq');
    expect(sheet.body).toContain('tel:0611223344');
    expect(sheet.body).toContain(`/navette/demandes/${request!.id}/visite`);
    expect(sheet.body).toContain('Sonner fort');
    const pdf = await volunteer.get(`${sheetUrl}/feuille-de-route.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const calls = await volunteer.get(`${sheetUrl}/appels`);
    expect(calls.body).toContain('tel:0611223344');
    expect((await volunteer.post(`${sheetUrl}/annuler`, {})).statusCode).toBe(403);
    // In a confirmed tour, the request is not corrected: the tour's times depend on it.
    const inTour = await staff.post(`/navette/demandes/${request!.id}/modifier`, { ...thursdayForm(), commune: '59377' });
    expect(inTour.statusCode).toBe(409);
    expect(inTour.body).toContain('retirez-la d’abord de la tournée');

    const cancelled = await staff.post(`${sheetUrl}/annuler`, {});
    expect(cancelled.statusCode).toBe(303);
    const back = await staff.get(`/navette/demandes/${request!.id}`);
    expect(back.body).toContain('En attente');
    const cancelRequest = await staff.post(`/navette/demandes/${request!.id}/annuler`, {});
    expect(cancelRequest.statusCode).toBe(303);
    expect((await t.app.services.shuttle.requests.list(systemActor(centreId), { status: 'cancelled' })).map((r) => r.id)).toEqual([request!.id]);
  });
});
