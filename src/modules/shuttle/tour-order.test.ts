import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, signIn, type Client, type TestApp } from '../../../tests/support/app.ts';
import { parisDate, parisToUtc } from '../../platform/time.ts';
import { nextThursday } from './shuttle.fixtures.ts';

// Visits moved by hand: on a proposal (nothing saved) and on a tour not started yet.
describe('navette: the order of the visits chosen by hand', () => {
  let t: TestApp;
  let centreId: string;
  let coordinator: Awaited<ReturnType<typeof apiToken>>;
  let volunteer: Awaited<ReturnType<typeof apiToken>>;
  let staff: Client;
  let thursday: string;
  const ids: Record<string, string> = {};
  const day = () => `date=${thursday}&from=08:30&to=17:30&lunchFrom=12:00&lunchTo=13:30&lunchMinutes=60`;
  const dayForm = () => ({ date: thursday, from: '08:30', to: '17:30', lunchFrom: '12:00', lunchTo: '13:30', lunchMinutes: '60' });

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'ordre', 'Centre social de l’ordre');
    const admin = await apiToken(t.app, centreId, 'admin');
    coordinator = await apiToken(t.app, centreId, 'coordinator');
    volunteer = await apiToken(t.app, centreId, 'volunteer');
    staff = await signIn(t.app, centreId, 'coordinator');
    thursday = nextThursday(parisDate(t.clock.now()));
    const request = async (name: string, location: [number, number], availability: { weekday: number; from: string; to: string }[]) => {
      const person = (await admin('POST', '/api/v1/persons', { firstName: name, lastName: 'Ordre', phone: '0611223344', commune: '59377', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id as string;
      const r = await coordinator('POST', '/api/v1/shuttle/requests', { personId: person, commune: '59377', location, problem: `Aide pour ${name}`, theme: 'email', availability, durationMinutes: 45 });
      expect(r.statusCode, r.body).toBe(201);
      ids[name] = r.json().id;
    };
    // Albert only in the morning; Berthe and Colette all day.
    await request('Albert', [3.18, 50.12], [{ weekday: 4, from: '08:30', to: '10:30' }]);
    await request('Berthe', [3.13, 50.16], [{ weekday: 4, from: '08:30', to: '17:00' }]);
    await request('Colette', [3.25, 50.1], [{ weekday: 4, from: '08:30', to: '17:00' }]);
  });
  afterAll(() => t.close());

  it('moves a visit on a proposal (a POST each), recomputes the times, warns of a visit out of its hours, and confirms that order', async () => {
    const first = await staff.get(`/navette/planifier?${day()}`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('>Monter</button>');
    expect(first.body).toContain('>Descendre</button>');
    expect(first.body).toContain('>Retirer</button>');
    const order = [...first.body.matchAll(/name="order" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(order).toHaveLength(3);
    expect(order.indexOf(ids.Albert!)).toBeLessThan(2); // the morning visit is not last

    // Albert last: his visit would end after 10:30.
    let current = order;
    while (current.at(-1) !== ids.Albert) {
      const moved = await staff.post('/navette/planifier/ordre', { ...dayForm(), order: current, move: `down:${ids.Albert}` });
      expect(moved.statusCode).toBe(303);
      const location = String(moved.headers.location);
      expect(location.startsWith('/navette/planifier?')).toBe(true);
      current = new URLSearchParams(location.split('?')[1]).getAll('order');
    }
    expect(current.at(-1)).toBe(ids.Albert);
    const page = await staff.get(`/navette/planifier?${day()}&${current.map((id) => `order=${id}`).join('&')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ordre choisi à la main');
    expect(page.body).toContain('À vérifier avant de partir');
    expect(page.body).toMatch(/La visite chez Albert Ordre \(\d+ h( \d+)? – \d+ h( \d+)?\) sort de ses heures de présence/);
    const shown = [...page.body.matchAll(/name="expected" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(shown).toEqual(current);

    // "Retirer" leaves the visit aside: it is among those left out.
    const removed = await staff.post('/navette/planifier/ordre', { ...dayForm(), order: current, move: `remove:${ids.Berthe}` });
    const query = new URLSearchParams(String(removed.headers.location).split('?')[1]);
    expect(query.getAll('exclude')).toEqual([ids.Berthe]);
    expect(query.getAll('order')).toEqual(current.filter((id) => id !== ids.Berthe));
    const bad = await staff.post('/navette/planifier/ordre', { ...dayForm(), order: current, move: 'sideways:1' });
    expect(bad.statusCode).toBe(422);

    const confirmed = await staff.post('/navette/planifier', { ...dayForm(), expected: current, order: current });
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    const tour = (await coordinator('GET', `/api/v1/shuttle/tours/${String(confirmed.headers.location).split('/').pop()}`)).json();
    expect(tour.stops.map((s: { requestId: string }) => s.requestId)).toEqual(current);
    expect(tour.warnings).toEqual([{ type: 'late', requestId: ids.Albert }]);
    expect(tour.editable).toBe(true);
    const sheet = await staff.get(`/navette/tournees/${tour.id}`);
    expect(sheet.body).toContain('sort de ses heures de présence');

    // On the road sheet: Albert up twice, times recomputed, no warning left.
    for (let i = 0; i < 2; i++) {
      const up = await staff.post(`/navette/tournees/${tour.id}/ordre`, { move: `up:${ids.Albert}` });
      expect(up.statusCode).toBe(303);
    }
    const after = (await coordinator('GET', `/api/v1/shuttle/tours/${tour.id}`)).json();
    expect(after.stops[0]).toMatchObject({ requestId: ids.Albert, position: 1 });
    expect(after.stops[0].departure <= '10:30').toBe(true);
    expect(after.warnings).toEqual([]);
    const flashed = await staff.get(`/navette/tournees/${tour.id}`);
    expect(flashed.body).toContain('Ordre des visites changé, heures recalculées.');

    // Removing a visit from the confirmed tour: it waits again.
    const out = await staff.post(`/navette/tournees/${tour.id}/ordre`, { move: `remove:${ids.Colette}` });
    expect(out.statusCode).toBe(303);
    expect((await volunteer('GET', `/api/v1/shuttle/requests/${ids.Colette}`)).json().status).toBe('pending');
    expect((await coordinator('GET', `/api/v1/shuttle/tours/${tour.id}`)).json().stops).toHaveLength(2);
    await coordinator('POST', `/api/v1/shuttle/tours/${tour.id}/cancel`, {});
  });

  it('reorders a tour through the API, refuses a wrong order, the last visit, a volunteer, and a tour already started', async () => {
    const created = await coordinator('POST', '/api/v1/shuttle/tours', { date: thursday, confirm: true });
    expect(created.statusCode, created.body).toBe(201);
    const tour = created.json();
    const order: string[] = tour.stops.map((s: { requestId: string }) => s.requestId);
    expect(order.length).toBeGreaterThanOrEqual(2);
    const reversed = [...order].reverse();
    const answer = await coordinator('POST', `/api/v1/shuttle/tours/${tour.id}/order`, { order: reversed });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().stops.map((s: { requestId: string }) => s.requestId)).toEqual(reversed);
    expect(answer.json().stops.map((s: { position: number }) => s.position)).toEqual(reversed.map((_, i) => i + 1));
    for (const w of answer.json().warnings) expect(['late', 'break_late', 'shift_end']).toContain(w.type);

    const wrong = await coordinator('POST', `/api/v1/shuttle/tours/${tour.id}/order`, { order: [...reversed, '00000000-0000-7000-8000-000000000000'] });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().fields.order).toMatch(/ne correspond pas/);
    const none = await coordinator('POST', `/api/v1/shuttle/tours/${tour.id}/order`, { order: [] });
    expect(none.statusCode).toBe(422);
    expect(none.json().fields.order).toMatch(/au moins une visite/);
    expect((await volunteer('POST', `/api/v1/shuttle/tours/${tour.id}/order`, { order: reversed })).statusCode).toBe(403);
    // Nothing changed by the refusals.
    expect((await coordinator('GET', `/api/v1/shuttle/tours/${tour.id}`)).json().stops.map((s: { requestId: string }) => s.requestId)).toEqual(reversed);

    // Thursday, after the car left: the order no longer changes.
    const now = t.clock.now();
    t.clock.set(parisToUtc(thursday, '09:00'));
    try {
      const started = await coordinator('POST', `/api/v1/shuttle/tours/${tour.id}/order`, { order });
      expect(started.statusCode).toBe(409);
      expect(started.json().message).toMatch(/a commencé/);
      expect((await coordinator('GET', `/api/v1/shuttle/tours/${tour.id}`)).json().editable).toBe(false);
      const page = await staff.get(`/navette/tournees/${tour.id}`);
      expect(page.body).not.toContain('>Monter</button>');
    } finally {
      t.clock.set(now);
    }
  });
});
