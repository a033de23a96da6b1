import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, errorSummaryTargets, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import { addDays, mondayOf, parisDate } from '../../platform/time.ts';

interface DayJson {
  date: string;
  stops: { requestId: string; arrival: string; departure: string }[];
}

// Planning the navette's week: which request on which day (API and pages without JavaScript).
describe('navette: planning a week', () => {
  let t: TestApp;
  let centreId: string;
  let coordinator: Awaited<ReturnType<typeof apiToken>>;
  let volunteer: Awaited<ReturnType<typeof apiToken>>;
  let staff: Client;
  let monday: string;
  const ids: Record<string, string> = {};
  const windows: Record<string, { weekday: number; from: string; to: string }[]> = {};

  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'semaine', 'Centre social de la semaine');
    const admin = await apiToken(t.app, centreId, 'admin');
    coordinator = await apiToken(t.app, centreId, 'coordinator');
    volunteer = await apiToken(t.app, centreId, 'volunteer');
    staff = await signIn(t.app, centreId, 'coordinator');
    monday = mondayOf(addDays(parisDate(t.clock.now()), 7));
    const request = async (name: string, overrides: Record<string, unknown>) => {
      const person = (await admin('POST', '/api/v1/persons', { firstName: name, lastName: 'Semaine', phone: '0611223344', commune: '59377', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id as string;
      const body = { personId: person, commune: '59377', problem: `Aide pour ${name}`, theme: 'email', location: [3.18, 50.12], availability: [{ weekday: 4, from: '09:00', to: '16:00' }], ...overrides };
      const r = await coordinator('POST', '/api/v1/shuttle/requests', body);
      expect(r.statusCode, r.body).toBe(201);
      ids[name] = r.json().id;
      windows[name] = body.availability as { weekday: number; from: string; to: string }[];
    };
    await request('Urbain', { urgency: 'urgente', availability: [{ weekday: 1, from: '09:00', to: '12:00' }, { weekday: 4, from: '09:00', to: '12:00' }] });
    await request('Berthe', { location: [3.13, 50.16], availability: [{ weekday: 2, from: '14:00', to: '17:00' }] });
    await request('Colette', { location: [3.25, 50.1] });
    await request('Nulle', { commune: '59350', location: null }); // a commune we have no centre for
    await request('Samedi', { availability: [{ weekday: 6, from: '09:00', to: '12:00' }] }); // at home on Saturdays only
    await request('Matinal', { availability: [{ weekday: 3, from: '07:00', to: '08:40' }], durationMinutes: 30 }); // before the car leaves
  });
  afterAll(() => t.close());

  it('proposes which request on which day, within each one’s hours, and says why the others are not placed', async () => {
    const answer = await coordinator('POST', '/api/v1/shuttle/plan-week', { monday });
    expect(answer.statusCode, answer.body).toBe(200);
    const week = answer.json();
    expect(week.monday).toBe(monday);
    expect(week.days.map((d: DayJson) => d.date)).toEqual([0, 1, 2, 3, 4].map((i) => addDays(monday, i)));
    const dayOf = new Map<string, string>();
    for (const [i, day] of (week.days as DayJson[]).entries()) {
      for (const stop of day.stops) {
        expect(dayOf.has(stop.requestId)).toBe(false);
        dayOf.set(stop.requestId, day.date);
        const name = Object.keys(ids).find((n) => ids[n] === stop.requestId)!;
        // Within the person's hours that weekday (Monday is 1).
        expect(windows[name]!.some((w) => w.weekday === i + 1 && w.from <= stop.arrival && stop.departure <= w.to), `${name} on ${day.date}`).toBe(true);
      }
    }
    expect([addDays(monday, 0), addDays(monday, 3)]).toContain(dayOf.get(ids.Urbain!));
    expect(dayOf.get(ids.Berthe!)).toBe(addDays(monday, 1));
    expect(dayOf.get(ids.Colette!)).toBe(addDays(monday, 3));
    expect(week.unassigned).toEqual(
      expect.arrayContaining([
        { requestId: ids.Nulle, reason: 'no_location' },
        { requestId: ids.Samedi, reason: 'not_home' },
        { requestId: ids.Matinal, reason: 'time_window' },
      ]),
    );
    expect(week.unassigned).toHaveLength(3);
    expect(week.tourIds).toEqual([]);
    // Nothing saved.
    expect((await volunteer('GET', '/api/v1/shuttle/tours')).json().items).toEqual([]);
  });

  it('refuses bad input in French, and planning to a volunteer', async () => {
    const bad = await coordinator('POST', '/api/v1/shuttle/plan-week', { monday, days: [{ date: addDays(monday, 9) }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields['days.0.date']).toBe('Ce jour n’est pas dans la semaine choisie.');
    const twice = await coordinator('POST', '/api/v1/shuttle/plan-week', { monday, days: [{ date: monday }, { date: monday }] });
    expect(twice.json().fields['days.1.date']).toBe('Ce jour est donné deux fois.');
    const shape = await coordinator('POST', '/api/v1/shuttle/plan-week', { monday: 'lundi', days: [] });
    expect(shape.statusCode).toBe(422);
    expect(shape.json().fields).toMatchObject({ monday: 'La date s’écrit AAAA-MM-JJ.', days: 'Cochez au moins un jour.' });
    expect((await volunteer('POST', '/api/v1/shuttle/plan-week', { monday })).statusCode).toBe(403);
  });

  it('works without JavaScript: the form for next week, the proposal, a stale confirmation refused, then the tours confirmed', async () => {
    const empty = await staff.get('/navette/planifier-semaine');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain(`value="${monday}"`);
    expect(empty.body).toContain('Proposer la semaine');
    expect((empty.body.match(/name="on\d" value="1" checked/g) ?? []).length).toBe(5);

    const noDay = await staff.get(`/navette/planifier-semaine?monday=${monday}&lunchMinutes=0`);
    expect(noDay.statusCode).toBe(422);
    expect(titleOf(noDay.body)).toMatch(/^Erreur :/);
    expect(noDay.body).toContain('Cochez au moins un jour.');
    expect(Object.keys(errorSummaryTargets(noDay.body))).toContain('champ-on1');

    const days = [1, 2, 3, 4, 5].map((n) => `on${n}=1&from${n}=08:30&to${n}=17:30`).join('&');
    const query = `monday=${monday}&${days}&lunchFrom=12:00&lunchTo=13:30&lunchMinutes=60`;
    const proposal = await staff.get(`/navette/planifier-semaine?${query}`);
    expect(proposal.statusCode).toBe(200);
    expect(proposal.body).toContain('Urbain Semaine');
    expect(proposal.body).toContain('Pas placées cette semaine');
    expect(proposal.body).toContain('Pas chez elle les jours choisis');
    // No box to force a request into the week: the week's table has no such column.
    expect(proposal.body).not.toContain('Ajouter quand même');
    expect(proposal.body).not.toContain('name="force"');
    expect(proposal.body).toContain('Confirmer les tournées de la semaine');
    const expected = [...proposal.body.matchAll(/name="expected" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(expected).toHaveLength(3);

    // Leaving a visit out of the week: the box in its row, then « Planifier à nouveau » (GET).
    expect(proposal.body).toContain(`form="week-adjust" name="exclude" value="${ids.Urbain}"`);
    const without = await staff.get(`/navette/planifier-semaine?${query}&exclude=${ids.Urbain}`);
    expect(without.statusCode).toBe(200);
    const expectedWithout = [...without.body.matchAll(/name="expected" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(expectedWithout).toHaveLength(2);
    expect(expectedWithout.some((e) => e.endsWith(`|${ids.Urbain}`))).toBe(false);
    // Listed as left out, its box ticked (untick it and plan again to take it back)…
    expect(without.body).toMatch(new RegExp(`<h3>Laissées de côté</h3>.*form="week-adjust" name="exclude" value="${ids.Urbain}" checked`, 's'));
    // …and the confirmation carries it, so that it confirms the proposal shown.
    expect(without.body).toMatch(new RegExp(`<input type="hidden" name="exclude" value="${ids.Urbain}"`));

    const form = Object.fromEntries(new URLSearchParams(query));
    const stale = await staff.post('/navette/planifier-semaine', { ...form, expected: expected.slice(1) });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Les demandes ont changé');
    expect(await t.app.ctx.kysely.selectFrom('shuttleTours').select('id').where('centerId', '=', centreId).execute()).toEqual([]);

    const confirmed = await staff.post('/navette/planifier-semaine', { ...form, expected });
    expect(confirmed.statusCode, confirmed.body).toBe(303);
    expect(confirmed.headers.location).toBe('/navette');
    const tours = (await volunteer('GET', `/api/v1/shuttle/tours?from=${monday}&status=confirmed`)).json().items as { date: string }[];
    expect(tours.length).toBeGreaterThanOrEqual(2);
    expect(new Set(tours.map((x) => x.date)).size).toBe(tours.length);
    const planned = (await volunteer('GET', '/api/v1/shuttle/requests?status=planned')).json().items.map((r: { id: string }) => r.id);
    expect(planned.sort()).toEqual([ids.Urbain, ids.Berthe, ids.Colette].sort());
    const home = await staff.get('/navette');
    expect(home.body).toMatch(/tournées? confirmées?/);

    // Nothing left to plan this week.
    const again = await coordinator('POST', '/api/v1/shuttle/plan-week', { monday, confirm: true });
    expect(again.statusCode).toBe(422);
    expect(again.json().fields.monday).toBe('Aucune visite ne peut se faire cette semaine : rien à confirmer.');
  });
});
