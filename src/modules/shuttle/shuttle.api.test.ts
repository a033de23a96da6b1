import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';

const HOUR = 3600;
const problem = {
  jobs: [
    { id: 'marie', location: [2.7811, 50.291], service: 2700, time_windows: [[9 * HOUR, 12 * HOUR]], priority: 5 },
    { id: 'andre', location: [2.8502, 50.1021], service: 1800, time_windows: [[8.5 * HOUR, 9 * HOUR]] },
    { id: 'lucie', location: [2.9, 50.25], service: 1800 },
    { id: 'soir', location: [2.9, 50.25], service: 1800, time_windows: [[20 * HOUR, 21 * HOUR]] },
  ],
  vehicle: { start: [2.85, 50.2], end: [2.85, 50.2], time_window: [8.5 * HOUR, 17.5 * HOUR], breaks: [{ id: 'repas', time_windows: [[12 * HOUR, 13.5 * HOUR]], service: HOUR }] },
};

describe('tour planner API', () => {
  let t: TestApp;
  let coordinator: Awaited<ReturnType<typeof apiToken>>;
  let partner: Awaited<ReturnType<typeof apiToken>>;
  beforeAll(async () => {
    t = await createTestApp();
    const centreId = await createCentre(t.app, 'navette', 'Centre social La Navette');
    coordinator = await apiToken(t.app, centreId, 'coordinator');
    partner = await apiToken(t.app, centreId, 'partner');
  });
  afterAll(() => t.close());

  it('proposes the tour: order, times, break, and the visit that cannot fit', async () => {
    const r = await coordinator('POST', '/api/v1/shuttle/plan', problem);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.summary).toMatchObject({ exact: true, unassigned: 1, priority: 5 });
    expect(body.routes[0].steps.map((s: { type: string; id?: string }) => s.id ?? s.type)).toEqual(['start', 'andre', 'lucie', 'marie', 'repas', 'end']);
    expect(body.unassigned).toEqual([{ id: 'soir', reason: 'time_window' }]);
  });

  it('refuses a bad problem with 422 and a French message per field; a partner gets 403 whatever the body', async () => {
    const r = await coordinator('POST', '/api/v1/shuttle/plan', { jobs: [{ id: 1, location: [200, 50], time_windows: [[10, 5]] }, { id: 1 }] });
    expect(r.statusCode).toBe(422);
    const body = r.json();
    expect(body.error).toBe('invalid');
    expect(body.fields['jobs.0.location.0']).toBe('Une position s’écrit [longitude, latitude] en degrés.');
    expect(body.fields['jobs.1.location']).toMatch(/Donnez la position/);
    expect(Object.values(body.fields).join(' ')).not.toMatch(/shuttle\.|Invalid|Expected/);
    expect((await coordinator('POST', '/api/v1/shuttle/plan', [])).statusCode).toBe(422);
    expect((await partner('POST', '/api/v1/shuttle/plan', { jobs: 'rien' })).statusCode).toBe(403);
  });
});

describe('lieudit plan-tour', { timeout: 120_000 }, () => {
  const lieudit = (input: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      const child = execFile(process.execPath, [resolve('bin/lieudit.js'), 'plan-tour'], { env: { ...process.env, LIEUDIT_FROM_SOURCE: '1' }, timeout: 100_000 }, (error, stdout, stderr) =>
        done({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      );
      child.stdin!.end(input);
    });

  it('reads the problem on standard input and writes the tour; refuses bad input in French', async () => {
    const ok = await lieudit(JSON.stringify(problem));
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).routes[0].steps).toHaveLength(6);
    const bad = await lieudit('{"jobs": [{"id": 1}]}');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Erreur : Le problème de tournée contient des erreurs');
    expect(bad.stderr).toContain('jobs.0.location : Donnez la position de la visite');
    const notJson = await lieudit('{');
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^Erreur : Le problème n’est pas du JSON valide/);
    expect(notJson.stdout).toBe('');
  });
});

describe('visit requests API', () => {
  let t: TestApp;
  let centreId: string;
  let personId: string;
  let otherPersonId: string;
  let facilitator: Awaited<ReturnType<typeof apiToken>>;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'navdem', 'Centre social Les Tilleuls');
    const otherCentre = await createCentre(t.app, 'navautre', 'Centre social Ailleurs');
    const admin = await apiToken(t.app, centreId, 'admin');
    const otherAdmin = await apiToken(t.app, otherCentre, 'admin');
    personId = (await admin('POST', '/api/v1/persons', { firstName: 'Odette', lastName: 'Leclercq', phone: '0611223344', commune: '59122', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id;
    otherPersonId = (await otherAdmin('POST', '/api/v1/persons', { firstName: 'Marcel', lastName: 'Ailleurs', commune: '59122', consents: { data_processing: true }, confirmNotDuplicate: true })).json().id;
    facilitator = await apiToken(t.app, centreId, 'facilitator');
  });
  afterAll(() => t.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    personId, commune: 'Cambrai', address: '3 rue des Tilleuls', location: [3.2351, 50.1763], problem: 'Ne reçoit plus ses courriels depuis le changement de box',
    theme: 'email', urgency: 'urgente', availability: [{ weekday: 4, from: '09:00', to: '12:00' }, { weekday: 5, from: '14:00', to: '17:00' }], notes: 'Entend mal : parler fort', ...overrides,
  });

  it('takes a request by phone and lists the pending ones, oldest first', async () => {
    const created = await facilitator('POST', '/api/v1/shuttle/requests', body());
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ personId, communeInsee: '59122', status: 'pending', urgency: 'urgente', durationMinutes: 45, location: [3.2351, 50.1763] });
    t.clock.advance(60_000);
    await facilitator('POST', '/api/v1/shuttle/requests', body({ urgency: undefined, location: null, problem: 'Veut apprendre la tablette' }));
    const list = await facilitator('GET', '/api/v1/shuttle/requests?status=pending');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((r: { problem: string; urgency: string }) => [r.problem, r.urgency])).toEqual([
      ['Ne reçoit plus ses courriels depuis le changement de box', 'urgente'],
      ['Veut apprendre la tablette', 'normale'],
    ]);
  });

  it('corrects a waiting request with PUT: the whole request again, the person fixed', async () => {
    const created = (await facilitator('POST', '/api/v1/shuttle/requests', body({ problem: 'Scanner à corriger' }))).json();
    const wrong = await facilitator('PUT', `/api/v1/shuttle/requests/${created.id}`, body({ location: [3.3, 50.2], durationMinutes: 'long' }));
    expect(wrong.statusCode).toBe(422);
    expect((await facilitator('GET', `/api/v1/shuttle/requests/${created.id}`)).json().location).toEqual([3.2351, 50.1763]);
    const fixed = await facilitator('PUT', `/api/v1/shuttle/requests/${created.id}`, body({ problem: 'Scanner à corriger', location: [3.3, 50.2], urgency: 'normale' }));
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ id: created.id, personId, location: [3.3, 50.2], urgency: 'normale', status: 'pending', geocoding: 'pin' });
    expect(fixed.json()).not.toHaveProperty('phone');
    await facilitator('POST', `/api/v1/shuttle/requests/${created.id}/cancel`);
    expect((await facilitator('PUT', `/api/v1/shuttle/requests/${created.id}`, body())).statusCode).toBe(409);
  });

  it('proposes Thursday’s tour from the pending requests, saying which cannot be placed', async () => {
    const coordinator = await apiToken(t.app, centreId, 'coordinator');
    // The clock of the tests is fixed: plan the Thursday of the week after.
    const today = t.clock.nowIso().slice(0, 10);
    const thursday = [...Array(14).keys()].map((d) => new Date(Date.parse(`${today}T12:00:00Z`) + (d + 1) * 86_400_000).toISOString().slice(0, 10)).find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 4)!;
    // A third request, in a commune whose centre the module does not know, and without a pin.
    await facilitator('POST', '/api/v1/shuttle/requests', body({ commune: '59350', location: null, problem: 'Imprimante hors ligne' }));
    const r = await coordinator('POST', '/api/v1/shuttle/day-plan', { date: thursday, start: [3.2, 50.2] });
    expect(r.statusCode, r.body).toBe(200);
    const { solution, skipped } = r.json();
    const requests = (await coordinator('GET', '/api/v1/shuttle/requests')).json().items as { id: string; problem: string }[];
    const urgent = requests.find((x) => x.problem.startsWith('Ne reçoit plus'))!;
    const tablet = requests.find((x) => x.problem.startsWith('Veut apprendre'))!;
    const lille = requests.find((x) => x.problem.startsWith('Imprimante'))!;
    const jobs = solution.routes[0].steps.filter((s: { type: string }) => s.type === 'job') as { id: string; location: number[]; arrival: number; waiting: number }[];
    // Both fit the morning; the request without a pin goes to the centre of Cambrai, as on the planning page.
    expect(jobs.map((s) => s.id).sort()).toEqual([urgent.id, tablet.id].sort());
    for (const job of jobs) expect(job.arrival + job.waiting).toBeGreaterThanOrEqual(9 * 3600);
    expect(jobs.find((s) => s.id === tablet.id)!.location).toEqual([3.2351, 50.1758]);
    expect(skipped).toEqual([{ id: lille.id, reason: 'no_location' }]);
    const bad = await coordinator('POST', '/api/v1/shuttle/day-plan', { date: 'jeudi', start: [3.2, 50.2] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields.date).toBe('La date s’écrit AAAA-MM-JJ.');
    // A date of the right shape that is no day of the calendar.
    const february = await coordinator('POST', '/api/v1/shuttle/day-plan', { date: '2027-02-30', start: [3.2, 50.2] });
    expect(february.statusCode).toBe(422);
    expect(february.json().fields.date).toBe('La date s’écrit AAAA-MM-JJ.');
    expect((await facilitator('POST', '/api/v1/shuttle/day-plan', { date: thursday, start: [3.2, 50.2] })).statusCode).toBe(200);
  });

  it('refuses a bad request field by field in French, and another centre’s person', async () => {
    const bad = await facilitator('POST', '/api/v1/shuttle/requests', body({ theme: 'cuisine', availability: [{ weekday: 8, from: '14:00', to: '09:00' }], problem: '' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fields).toMatchObject({
      theme: 'Choisissez une thématique de médiation.',
      problem: 'Décrivez le problème avec les mots de la personne.',
      'availability.0.weekday': 'Le jour est un nombre de 1 (lundi) à 7 (dimanche).',
    });
    const elsewhere = await facilitator('POST', '/api/v1/shuttle/requests', body({ personId: otherPersonId }));
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().fields.personId).toBe('Choisissez une personne du centre.');
    const commune = await facilitator('POST', '/api/v1/shuttle/requests', body({ commune: 'Nullepart-sur-Rien' }));
    expect(commune.statusCode).toBe(422);
    expect(commune.json().fields.commune).toMatch(/commune est inconnue/);
  });
});
