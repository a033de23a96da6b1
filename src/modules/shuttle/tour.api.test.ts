import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { addDays, parisDate } from '../../platform/time.ts';
import { nextThursday } from './shuttle.fixtures.ts';

describe('navette tours API', () => {
  let t: TestApp;
  let centreId: string;
  let coordinator: Awaited<ReturnType<typeof apiToken>>;
  let volunteer: Awaited<ReturnType<typeof apiToken>>;
  let thursday: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'tournees', 'Centre social des tournées');
    const admin = await apiToken(t.app, centreId, 'admin');
    coordinator = await apiToken(t.app, centreId, 'coordinator');
    volunteer = await apiToken(t.app, centreId, 'volunteer');
    thursday = nextThursday(parisDate(t.clock.now()));
    const person = async (firstName: string) =>
      (await admin('POST', '/api/v1/persons', { firstName, lastName: 'Test', phone: '0611223344', commune: '59377', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id as string;
    const request = async (name: string, overrides: Record<string, unknown>) => {
      const r = await coordinator('POST', '/api/v1/shuttle/requests', {
        personId: await person(name), commune: '59377', problem: `Aide pour ${name}`, theme: 'email', availability: [{ weekday: 4, from: '09:00', to: '16:00' }], ...overrides,
      });
      expect(r.statusCode, r.body).toBe(201);
      ids[name] = r.json().id;
    };
    await request('Odette', { location: [3.18, 50.12], urgency: 'urgente' });
    await request('Marcel', { commune: '59389' }); // no pin: placed at Masnières' centre
    await request('Lucie', { location: [3.13, 50.06], availability: [{ weekday: 1, from: '09:00', to: '12:00' }] }); // not home on Thursdays
    await request('Nulle', { commune: '59350', location: null }); // a commune we have no centre for
  });
  afterAll(() => t.close());

  it('saves a draft, confirms it (requests planned), refuses the same request in a second tour, cancels it (back to pending)', async () => {
    const created = await coordinator('POST', '/api/v1/shuttle/tours', { date: thursday, shift: { from: '08:30', to: '17:30' } });
    expect(created.statusCode, created.body).toBe(201);
    const tour = created.json();
    expect(tour.status).toBe('draft');
    expect(tour.start).toEqual([3.2351, 50.1758]);
    expect(tour.stops.map((s: { requestId: string }) => s.requestId).sort()).toEqual([ids.Odette, ids.Marcel].sort());
    expect(tour.stops.find((s: { requestId: string }) => s.requestId === ids.Marcel)).toMatchObject({ approximate: true, location: [3.2083, 50.1147] });
    for (const s of tour.stops) expect(s.arrival >= '09:00' && s.departure <= '16:00').toBe(true);

    const second = (await coordinator('POST', '/api/v1/shuttle/tours', { date: thursday })).json();
    const confirmed = await coordinator('POST', `/api/v1/shuttle/tours/${tour.id}/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().status).toBe('confirmed');
    const planned = (await volunteer('GET', '/api/v1/shuttle/requests?status=planned')).json().items.map((r: { id: string }) => r.id);
    expect(planned.sort()).toEqual([ids.Odette, ids.Marcel].sort());
    // The other draft holds the same requests: it cannot be confirmed any more.
    const taken = await coordinator('POST', `/api/v1/shuttle/tours/${second.id}/confirm`, {});
    expect(taken.statusCode).toBe(409);
    expect(taken.json().message).toMatch(/déjà dans une autre tournée/);
    expect((await coordinator('GET', `/api/v1/shuttle/tours/${second.id}`)).json().status).toBe('draft');
    // A planned request cannot be cancelled on its own.
    expect((await volunteer('POST', `/api/v1/shuttle/requests/${ids.Odette}/cancel`, {})).statusCode).toBe(409);

    const list = await volunteer('GET', `/api/v1/shuttle/tours?from=${thursday}&status=confirmed`);
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([tour.id]);
    const cancelled = await coordinator('POST', `/api/v1/shuttle/tours/${tour.id}/cancel`, {});
    expect(cancelled.json().status).toBe('cancelled');
    expect((await volunteer('GET', `/api/v1/shuttle/requests/${ids.Odette}`)).json().status).toBe('pending');
    expect((await coordinator('POST', `/api/v1/shuttle/tours/${tour.id}/cancel`, {})).statusCode).toBe(409);
  });

  it('leaves a request out, forces one in outside its hours, and says why the others are not placed', async () => {
    const proposal = await t.app.services.shuttle.tours.propose(
      { centerId: centreId, userId: null, role: 'coordinator', label: 'test', partnerCommuneInsee: null, via: 'session' },
      { date: thursday, shift: { from: '08:30', to: '17:30' }, lunch: { from: '12:00', to: '13:30', minutes: 60 }, exclude: [ids.Marcel!], force: [ids.Lucie!] },
    );
    expect(proposal.stops.map((s) => s.request.id).sort()).toEqual([ids.Odette, ids.Lucie].sort());
    expect(proposal.excluded.map((r) => r.id)).toEqual([ids.Marcel]);
    expect(proposal.left).toEqual([expect.objectContaining({ reason: 'no_location', request: expect.objectContaining({ id: ids.Nulle }) })]);
    expect(proposal.lunch).not.toBeNull();
  });

  it('the day\'s page lists the requests not placed, each with a box to force it in, except the one without a position', async () => {
    const staff = await signIn(t.app, centreId, 'coordinator');
    const page = await staff.get(`/navette/planifier?date=${thursday}&from=08:30&to=17:30&lunchMinutes=0`);
    expect(page.statusCode, page.body).toBe(200);
    const left = /<h3>Pas dans cette tournée<\/h3><table>(.*?)<\/table>/s.exec(page.body)?.[1] ?? '';
    expect(left).toContain('<th scope="col">Ajouter quand même</th>');
    const rows = [...left.matchAll(/<tr><td><a href="\/navette\/demandes\/([^"]+)">.*?<\/tr>/gs)].map((m) => ({ id: m[1], row: m[0] }));
    expect(rows.map((r) => r.id).sort()).toEqual([ids.Nulle, ids.Lucie].sort());
    const nulle = rows.find((r) => r.id === ids.Nulle)!.row;
    expect(nulle).toContain('Position inconnue');
    expect(nulle).not.toContain('name="force"');
    // Lucie, not at home on Thursdays, may be forced in: her box, not ticked.
    expect(rows.find((r) => r.id === ids.Lucie)!.row).toContain(`<td>Pas chez elle ce jour-là</td><td><input class="plan-choice" type="checkbox" form="plan-adjust" name="force" value="${ids.Lucie!}" aria-label="Ajouter quand même la visite chez Lucie Test"/></td>`);
  });

  it('refuses bad input in French, an unknown tour with 404, and planning to a volunteer', async () => {
    const bad = await coordinator('POST', '/api/v1/shuttle/tours', { date: 'jeudi', shift: { from: '18:00', to: '08:00' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields.date).toBe('La date s’écrit AAAA-MM-JJ.');
    expect((await coordinator('GET', '/api/v1/shuttle/tours/00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await coordinator('GET', '/api/v1/shuttle/tours/pas-un-id')).statusCode).toBe(422);
    expect((await volunteer('POST', '/api/v1/shuttle/tours', { date: thursday })).statusCode).toBe(403);
    const sunday = addDays(thursday, 3);
    const empty = await coordinator('POST', '/api/v1/shuttle/tours', { date: sunday, shift: { from: '08:30', to: '09:00' } });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().fields.date).toMatch(/Aucune visite/);
  });
});
