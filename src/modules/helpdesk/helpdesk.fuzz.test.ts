import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { setupDesk } from './helpdesk.fixtures.ts';

// Bad input, generated: every help-desk form and JSON endpoint answers 4xx (never 500) and a
// refused request changes nothing.
describe('help desk: generated bad input', () => {
  let t: TestApp;
  let centreId: string;
  let desk: Awaited<ReturnType<typeof setupDesk>>;
  let api: Awaited<ReturnType<typeof apiToken>>;
  let coordinator: Client;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'hdfuzz', 'Centre social du fuzz');
    desk = await setupDesk(t.app, centreId);
    api = await apiToken(t.app, centreId, 'coordinator');
    coordinator = await signIn(t.app, centreId, 'coordinator');
  });
  afterAll(() => t.close());

  const tables = ['helpdeskMotifs', 'helpdeskOpenings', 'helpdeskAbsences', 'helpdeskAppointments', 'helpdeskAccompaniments', 'persons', 'helpdeskSettings'] as const;
  const snapshot = async () => {
    const out: number[] = [];
    for (const table of tables) out.push(Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
    return out;
  };

  // Values that are wrong in every way a field can be: types, empty, huge, control characters.
  const junk = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constant(''),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.constant('x'.repeat(5000)),
    fc.constant('2026-02-31'),
    fc.constant('25:99'),
    fc.constant('\u0000\u0007'),
  );
  const body = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), junk, { maxKeys: keys.length });

  const endpoints: { method: 'POST' | 'PATCH' | 'PUT'; url: () => string; keys: string[] }[] = [
    { method: 'POST', url: () => '/api/v1/helpdesk/motifs', keys: ['name', 'procedureCategory', 'durationMinutes', 'bookableBy', 'minDelayHours', 'horizonDays', 'whatToBring'] },
    { method: 'PATCH', url: () => `/api/v1/helpdesk/motifs/${desk.ants.id}`, keys: ['name', 'procedureCategory', 'durationMinutes', 'archived'] },
    { method: 'POST', url: () => '/api/v1/helpdesk/openings', keys: ['siteId', 'staffUserId', 'weekday', 'startTime', 'endTime', 'startsOn', 'endsOn', 'everyWeeks', 'motifIds'] },
    { method: 'POST', url: () => '/api/v1/helpdesk/absences', keys: ['siteId', 'staffUserId', 'firstDay', 'lastDay', 'startTime', 'endTime', 'repeatWeeklyUntil', 'reason'] },
    { method: 'POST', url: () => '/api/v1/helpdesk/appointments', keys: ['motifId', 'siteId', 'startAt', 'personId', 'firstName', 'lastName', 'phone', 'email', 'consent', 'reminder', 'note'] },
    { method: 'POST', url: () => '/api/v1/helpdesk/drop-ins', keys: ['siteId', 'motifId', 'personId', 'note'] },
    { method: 'POST', url: () => '/api/v1/accompaniments', keys: ['appointmentId', 'personId', 'durationMinutes', 'placeType', 'equipment', 'themes', 'autonomy', 'redirected', 'redirectStructure', 'details'] },
  ];

  it('JSON endpoints: 4xx with a French message, nothing written', async () => {
    const before = await snapshot();
    for (const endpoint of endpoints) {
      await fc.assert(
        fc.asyncProperty(body(endpoint.keys), async (payload) => {
          const r = await api(endpoint.method, endpoint.url(), payload);
          expect(r.statusCode, `${endpoint.method} ${endpoint.url()} ${JSON.stringify(payload).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          expect(r.statusCode).toBeLessThan(500);
          expect(typeof r.json().message).toBe('string');
        }),
        { numRuns: 40 },
      );
    }
    for (const settings of [{}, { cancelUntilHours: '' }, { cancelUntilHours: -1 }, { cancelUntilHours: 4.5 }, { cancelUntilHours: 4, reminderDayBefore: 'peut-être' }]) {
      expect((await api('PUT', '/api/v1/helpdesk/settings', settings)).statusCode).toBe(422);
      expect((await coordinator.post('/permanences/reglages', Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])))).statusCode).toBe(422);
    }
    const patch = await api('PATCH', `/api/v1/helpdesk/appointments/0190a0a0-0000-7000-8000-000000000000`, { action: 'explode' });
    expect(patch.statusCode).toBeLessThan(500);
    expect(await snapshot()).toEqual(before);
  });

  it('query strings of the slots endpoint: 4xx, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ motif: fc.oneof(fc.constant(desk.ants.id), fc.string()), site: fc.oneof(fc.string(), fc.uuid()), from: junk.map(String), to: junk.map(String) }, { requiredKeys: [] }), async (q) => {
        const r = await t.app.inject({ url: `/api/v1/helpdesk/slots?${new URLSearchParams(q as Record<string, string>).toString()}` });
        expect(r.statusCode).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });

  it('page forms: 4xx or a redirect, never 500; refused posts change nothing', async () => {
    const forms: { url: string; keys: string[] }[] = [
      { url: '/permanences/motifs', keys: ['name', 'procedureCategory', 'durationMinutes', 'bookableBy', 'minDelayHours', 'horizonDays'] },
      { url: '/permanences/horaires', keys: ['siteId', 'staffUserId', 'weekday', 'startTime', 'endTime', 'startsOn', 'endsOn', 'everyWeeks', 'motifIds'] },
      { url: '/permanences/absences', keys: ['siteId', 'firstDay', 'lastDay', 'startTime', 'endTime', 'repeatWeeklyUntil'] },
      { url: '/permanences/passages', keys: ['siteId', 'motifId', 'note'] },
      { url: '/permanences/accompagnements', keys: ['durationMinutes', 'placeType', 'equipment', 'themes', 'autonomy', 'redirected', 'details'] },
      { url: '/permanences/rendez-vous', keys: ['motifId', 'siteId', 'startAt', 'firstName', 'lastName', 'phone', 'consent'] },
    ];
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constant(''), fc.constant('2026-13-01'), fc.constant('mdp: Soleil2024'), fc.constant('x'.repeat(3000)));
    const before = await snapshot();
    for (const form of forms) {
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...form.keys), text, { maxKeys: form.keys.length }), async (values) => {
          const r = await coordinator.post(form.url, values);
          expect(r.statusCode, `${form.url} ${JSON.stringify(values).slice(0, 200)}`).toBeLessThan(500);
          expect([303, 403, 404, 409, 422]).toContain(r.statusCode);
          if (r.statusCode === 303) throw new Error(`accepted: ${form.url} ${JSON.stringify(values)}`);
        }),
        { numRuns: 25 },
      );
    }
    const resident = new Client(t.app);
    await resident.get('/rendez-vous');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('motif', 'lieu', 'creneau', 'firstName', 'lastName', 'phone', 'email', 'reminder', 'consent', 'note'), text), async (values) => {
        for (const url of ['/rendez-vous/coordonnees', '/rendez-vous/confirmer']) {
          const r = await resident.post(url, values);
          expect(r.statusCode).toBeLessThan(500);
          expect(r.statusCode).not.toBe(303);
        }
      }),
      { numRuns: 40 },
    );
    expect(await snapshot()).toEqual(before);
  });
});
