import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import { newId } from '../../platform/ids.ts';
import { apiToken, createCentre, createStaff, createTestApp, errorSummaryTargets, signIn, type TestApp } from '../../../tests/support/app.ts';
import { firstSlot, setupDesk } from '../helpdesk/helpdesk.fixtures.ts';
import { followUpPort, helpdeskPort } from './visit-report.ports.ts';
import { VisitReportService } from './visit-report.service.ts';

const report = (requestId: string, extra: Record<string, unknown> = {}): Record<string, unknown> & { clientId: string } => ({
  clientId: newId(), requestId, summary: 'Messagerie rouverte, mot de passe changé avec elle', themes: ['email', 'securite_numerique'],
  equipment: ['telephone'], autonomy: 'partiellement_autonome', durationMinutes: 50, outcome: 'follow_up', ...extra,
});

describe('visit reports of the navette', () => {
  let t: TestApp;
  let centerId: string;
  let actor: Actor;
  let desk: Awaited<ReturnType<typeof setupDesk>>;
  let personId: string;

  const newRequest = async () =>
    (await t.app.services.shuttle.requests.create(actor, {
      personId, commune: '59122', address: '3 rue des Tilleuls', problem: 'Ne sait plus ouvrir ses courriels', theme: 'email', urgency: 'normale',
      availability: [{ weekday: 4, from: '09:00', to: '12:00' }], notes: 'Sonner fort', durationMinutes: 45,
    })).id;
  const count = async (table: 'shuttleVisitReports' | 'helpdeskAccompaniments' | 'helpdeskAppointments', column: 'requestId' | 'personId', value: string) =>
    Number((await t.app.ctx.kysely.selectFrom(table).select((e) => e.fn.countAll().as('n')).where('centerId', '=', centerId).where(column, '=', value).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'visites', 'Centre social des Visites');
    const user = await createStaff(t.app, centerId, 'facilitator');
    actor = { centerId, userId: user.id, role: 'facilitator', label: 'Animatrice', partnerCommuneInsee: null, via: 'session' };
    desk = await setupDesk(t.app, centerId);
    const person = await t.app.services.people.create(systemActor(centerId), { firstName: 'Odette', lastName: 'Lemaire', phone: '0612345678', consents: { data_processing: true }, confirmNotDuplicate: true });
    personId = person.id;
  });
  afterAll(() => t.close());

  it('stores a report once, records a home accompaniment in the same go and marks the request done', async () => {
    const requestId = await newRequest();
    const input = report(requestId);
    const first = await t.app.services.shuttle.reports.record(actor, { ...input, followUps: ['pathway'] } as never);
    expect(first.created).toBe(true);
    expect(first.report).toMatchObject({ requestId, personId, outcome: 'follow_up', followUps: ['pathway'], appointment: { status: 'none', id: null } });
    const again = await t.app.services.shuttle.reports.record(actor, { ...input, summary: 'Autre texte', followUps: [] } as never);
    expect(again).toEqual({ created: false, report: first.report });
    expect(await count('shuttleVisitReports', 'requestId', requestId)).toBe(1);

    const accompaniment = await t.app.services.helpdesk.accompaniments.getAccompaniment(actor, first.report.accompanimentId);
    expect(accompaniment).toMatchObject({ personId, placeType: 'domicile', durationMinutes: 50, themes: ['email', 'securite_numerique'], equipment: ['telephone'], autonomy: 'partiellement_autonome', followUp: true, details: input.summary });
    const [request] = (await t.app.services.shuttle.requests.list(actor)).filter((r) => r.id === requestId);
    expect(request!.status).toBe('done');
  });

  it('stores one row for twenty copies of the same report sent at once', async () => {
    const requestId = await newRequest();
    const api = await apiToken(t.app, centerId, 'facilitator');
    const body = report(requestId);
    const answers = await Promise.all(Array.from({ length: 20 }, () => api('POST', '/api/v1/shuttle/reports', body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await count('shuttleVisitReports', 'requestId', requestId)).toBe(1);
    const accompaniments = await t.app.ctx.kysely.selectFrom('helpdeskAccompaniments').select('id').where('centerId', '=', centerId).where('id', '=', answers[0]!.json().accompanimentId).execute();
    expect(accompaniments).toHaveLength(1);
  });

  it('books the appointment chosen in the report for the person, once', async () => {
    const requestId = await newRequest();
    const slot = await firstSlot(t.app, centerId, desk.internal.id, desk.village.id, 24);
    const before = await count('helpdeskAppointments', 'personId', personId);
    const input = report(requestId, { appointment: { motifId: desk.internal.id, siteId: desk.village.id, startAt: slot.startAt } });
    const { report: stored } = await t.app.services.shuttle.reports.record(actor, input as never);
    expect(stored.appointment).toMatchObject({ status: 'booked', wanted: { startAt: slot.startAt } });
    const booked = await t.app.services.helpdesk.desk.getAppointment(actor, stored.appointment.id!);
    expect(booked).toMatchObject({ personId, startAt: slot.startAt, status: 'booked' });
    await t.app.services.shuttle.reports.record(actor, input as never);
    expect(await count('helpdeskAppointments', 'personId', personId)).toBe(before + 1);

    // The same slot again, from another report: taken meanwhile, the report is kept and says so.
    const other = await t.app.services.shuttle.reports.record(actor, report(await newRequest(), { appointment: input.appointment }) as never);
    expect(other.created).toBe(true);
    expect(other.report.appointment).toMatchObject({ status: 'failed', id: null });
  });

  it('a booking that fails (slot taken) keeps the report and the appointment to do, on the home page, until it is booked from the visit page', async () => {
    const requestId = await newRequest();
    const client = await signIn(t.app, centerId, 'facilitator');
    const url = `/navette/demandes/${requestId}/visite`;
    const page = await client.get(url);
    const clientId = /name="clientId" value="([^"]+)"/.exec(page.body)![1]!;
    // The slot offered on the page is taken by someone else before the report is sent.
    const slot = await firstSlot(t.app, centerId, desk.internal.id, desk.village.id, 72);
    const other = await t.app.services.people.create(systemActor(centerId), { firstName: 'Gaston', lastName: 'Autre', consents: { data_processing: true }, confirmNotDuplicate: true });
    await t.app.services.helpdesk.booking.book(actor, centerId, { motifId: desk.internal.id, siteId: desk.village.id, startAt: slot.startAt, personId: other.id, note: null });
    const sent = await client.post(url, {
      clientId, summary: 'Démarches en ligne commencées', outcome: 'follow_up', durationMinutes: '30', equipment: ['ordinateur'], autonomy: 'entierement_accompagne',
      themes: ['aide_aux_demarches_administratives'], appointment: `${desk.internal.id}|${desk.village.id}|${slot.startAt}`,
    });
    expect(sent.statusCode).toBe(303);
    expect(await count('shuttleVisitReports', 'requestId', requestId)).toBe(1);
    const [stored] = await t.app.ctx.kysely.selectFrom('shuttleVisitReports').selectAll().where('centerId', '=', centerId).where('requestId', '=', requestId).execute();
    expect(stored).toMatchObject({ appointmentStatus: 'failed', appointmentId: null });
    const after = await client.get(url);
    expect(after.body).toContain('Compte rendu enregistré. Le rendez-vous à la permanence n’a pas pu être pris : il reste à prendre.');
    expect(after.body).toContain('il reste à prendre');
    expect(after.body).toContain('Prendre ce rendez-vous');

    // On the staff's home page until it is done.
    const home = await client.get('/tableau-de-bord');
    expect(home.body).toContain('Rendez-vous à prendre pour Odette Lemaire après la visite de la navette');
    expect(home.body).toContain(`href="${url}"`);

    const noSlot = await client.post(`${url}/rendez-vous`, { reportId: stored!.id, appointment: '' });
    expect(noSlot.statusCode).toBe(422);
    expect(noSlot.body).toContain('Choisissez un créneau.');
    const free = await firstSlot(t.app, centerId, desk.internal.id, desk.village.id, 96);
    const retried = await client.post(`${url}/rendez-vous`, { reportId: stored!.id, appointment: `${desk.internal.id}|${desk.village.id}|${free.startAt}` });
    expect(retried.statusCode).toBe(303);
    expect((await client.get(url)).body).toContain('Rendez-vous pris.');
    const [booked] = await t.app.ctx.kysely.selectFrom('shuttleVisitReports').selectAll().where('id', '=', stored!.id).execute();
    expect(booked!.appointmentStatus).toBe('booked');
    expect(await t.app.services.helpdesk.desk.getAppointment(actor, booked!.appointmentId!)).toMatchObject({ personId, startAt: free.startAt });
    expect((await client.get('/tableau-de-bord')).body).not.toContain(`href="${url}"`);
    // Done once: a second try is refused, nothing booked twice.
    const twice = await client.post(`${url}/rendez-vous`, { reportId: stored!.id, appointment: `${desk.internal.id}|${desk.village.id}|${free.startAt}` });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Ce rendez-vous est déjà pris');
  });

  it('a help desk that fails outright (not a refusal) still stores the report and keeps the appointment to do: no 500', async () => {
    const { helpdesk, centre, pathways, equipment, people } = t.app.services;
    const real = helpdeskPort(helpdesk, centre);
    const failing = new VisitReportService(t.app.ctx, people, { ...real, book: () => Promise.reject(new Error('connexion perdue')) }, followUpPort(pathways, equipment));
    const requestId = await newRequest();
    const slot = await firstSlot(t.app, centerId, desk.internal.id, desk.village.id, 120);
    const { report: stored, created } = await failing.record(actor, report(requestId, { appointment: { motifId: desk.internal.id, siteId: desk.village.id, startAt: slot.startAt } }) as never);
    expect(created).toBe(true);
    expect(stored.appointment).toMatchObject({ status: 'failed', id: null });
    expect(await count('shuttleVisitReports', 'requestId', requestId)).toBe(1);
    expect(await count('helpdeskAccompaniments', 'personId', personId)).toBeGreaterThan(0);
    expect((await t.app.services.shuttle.reports.appointmentsToDo(actor)).map((a) => a.reportId)).toContain(stored.id);
  });

  it('refuses bad input in French (422), another centre’s request, and partners', async () => {
    const api = await apiToken(t.app, centerId, 'facilitator');
    const bad = await api('POST', '/api/v1/shuttle/reports', { clientId: 'pas-un-uuid', requestId: await newRequest(), summary: ' ', themes: [], equipment: ['tablette'], durationMinutes: 0 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields).toMatchObject({
      clientId: 'Ce compte rendu n’a pas d’identifiant valable : rechargez la page et recommencez.',
      summary: 'Dites ce qui a été fait.',
      themes: 'Cochez au moins une thématique.',
      durationMinutes: 'Le temps passé est un nombre de minutes, de 1 à 600.',
      outcome: 'Dites si le problème est réglé.',
      autonomy: 'Choisissez l’autonomie de la personne.',
    });
    const elsewhere = await createCentre(t.app, 'ailleurs', 'Centre d’ailleurs');
    const stranger = await apiToken(t.app, elsewhere, 'coordinator');
    const foreign = await stranger('POST', '/api/v1/shuttle/reports', report(await newRequest()));
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().fields.requestId).toBe('Cette demande de visite est introuvable.');
    const partner = await apiToken(t.app, centerId, 'partner');
    expect((await partner('POST', '/api/v1/shuttle/reports', report(await newRequest()))).statusCode).toBe(403);
  });

  it('works without JavaScript: the page, its errors, a double submit stored once', async () => {
    const requestId = await newRequest();
    const client = await signIn(t.app, centerId, 'facilitator');
    const url = `/navette/demandes/${requestId}/visite`;
    const page = await client.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Visite chez Odette Lemaire');
    expect(page.body).toContain('href="tel:0612345678"');
    expect(page.body).toContain('Sonner fort');
    expect(page.body).toContain('<script src="/navette/visite.js" defer>');
    const clientId = /name="clientId" value="([^"]+)"/.exec(page.body)?.[1];
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);

    const refused = await client.post(url, { clientId: clientId!, summary: '', durationMinutes: 'beaucoup' });
    expect(refused.statusCode).toBe(422);
    expect(Object.keys(errorSummaryTargets(refused.body)).slice(0, 3)).toEqual(['champ-summary', 'champ-outcome', 'champ-durationMinutes']);
    expect(refused.body).toContain('Dites ce qui a été fait.');
    expect(refused.body).toContain('Le temps passé est un nombre de minutes, de 1 à 600.');

    const slot = await firstSlot(t.app, centerId, desk.internal.id, desk.village.id, 48);
    const form = {
      clientId: clientId!, summary: 'Courriels rouverts', outcome: 'solved', durationMinutes: '40', equipment: ['tablette'], autonomy: 'autonome',
      themes: ['email'], followUps: ['tablet'], appointment: `${desk.internal.id}|${desk.village.id}|${slot.startAt}`,
    };
    const saved = await client.post(url, form);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(url);
    expect((await client.post(url, form)).statusCode).toBe(303);
    expect(await count('shuttleVisitReports', 'requestId', requestId)).toBe(1);

    const after = await client.get(url);
    expect(after.body).toContain('Compte rendu enregistré');
    expect(after.body).toContain('Courriels rouverts');
    expect(after.body).toMatch(/Rendez-vous pris : /);
    expect(after.body).toContain('À faire : lui prêter une tablette.');
    expect(after.body).not.toContain('name="clientId"');
  });

  it('serves the page script and the service worker, scoped to /navette/', async () => {
    const client = await signIn(t.app, centerId, 'volunteer');
    const sw = await client.get('/navette/sw.js');
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    expect(sw.headers['service-worker-allowed']).toBe('/navette/');
    expect(sw.body).toContain('Pas de réseau');
    expect(sw.body).not.toContain('__OFFLINE_');
    const script = await client.get('/navette/visite.js');
    expect(script.body).toContain('/api/v1/shuttle/reports');
    expect((await client.get(`/navette/demandes/${newId()}/visite`)).statusCode).toBe(404);
  });
});
