import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { firstSlot, setupDesk } from './helpdesk.fixtures.ts';

type Setup = Awaited<ReturnType<typeof setupDesk>>;

describe('help desk API', () => {
  let t: TestApp;
  let centreId: string;
  let desk: Setup;
  let coordinator: Awaited<ReturnType<typeof apiToken>>;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'hdapi', 'Centre social Les Tilleuls');
    desk = await setupDesk(t.app, centreId);
    coordinator = await apiToken(t.app, centreId, 'coordinator');
  });
  afterAll(() => t.close());

  const count = async (table: 'helpdeskAppointments' | 'persons' | 'outbox' | 'helpdeskAccompaniments' | 'helpdeskMotifs' | 'helpdeskOpenings' | 'helpdeskAbsences') =>
    Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('gives public slots without personal data, only for public motifs', async () => {
    const r = await t.app.inject({ url: `/api/v1/helpdesk/slots?motif=${desk.ants.id}&site=${desk.village.id}` });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.slots.length).toBeGreaterThan(10);
    expect(Object.keys(body.slots[0]).sort()).toEqual(['endAt', 'siteId', 'startAt']);
    const staffOnly = await t.app.inject({ url: `/api/v1/helpdesk/slots?motif=${desk.internal.id}` });
    expect(staffOnly.statusCode).toBe(404);
    expect(staffOnly.json().message).toMatch(/motif/);
    const asStaff = await coordinator('GET', `/api/v1/helpdesk/slots?motif=${desk.internal.id}`);
    expect(asStaff.statusCode).toBe(200);
  });

  it('books a slot without an account, creates the person and queues the confirmation', async () => {
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 2);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/helpdesk/appointments',
      payload: { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Jeanne', lastName: 'Martin', email: 'jeanne@exemple.fr', reminder: 'email', consent: true },
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.appointment).toMatchObject({ status: 'booked', startAt: slot.startAt, channel: 'online' });
    expect(body.manageUrl).toMatch(/^http:\/\/lieudit\.test\/rendez-vous\/gerer\//);
    const mail = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'jeanne@exemple.fr').executeTakeFirstOrThrow();
    expect(mail.body).toContain('Carte d’identité / passeport (ANTS)');
    expect(mail.body).toContain('Une photo d’identité récente');
    expect(mail.body).toContain(body.manageUrl);
    const again = await t.app.inject({ url: `/api/v1/helpdesk/slots?motif=${desk.ants.id}&site=${desk.village.id}` });
    expect(again.json().slots.map((s: { startAt: string }) => s.startAt)).not.toContain(slot.startAt);
  });

  it('refuses a slot outside the openings, a past slot, an unknown motif and a missing contact, changing nothing', async () => {
    const before = [await count('helpdeskAppointments'), await count('persons'), await count('outbox')];
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 2);
    const base = { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Paul', lastName: 'Durand', phone: '0612345678', consent: true };
    const outside = new Date(Date.parse(slot.startAt) + 7 * 60_000).toISOString();
    const cases = [
      { ...base, startAt: outside },
      { ...base, startAt: '2020-01-07T08:00:00.000Z' },
      { ...base, motifId: '0190a0a0-0000-7000-8000-000000000000' },
      { ...base, phone: undefined },
      { ...base, consent: false },
      { ...base, siteId: desk.mainSite.id },
    ];
    for (const payload of cases) {
      const r = await t.app.inject({ method: 'POST', url: '/api/v1/helpdesk/appointments', payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(422);
      expect(r.json().message.length).toBeGreaterThan(5);
    }
    expect([await count('helpdeskAppointments'), await count('persons'), await count('outbox')]).toEqual(before);
  });

  it('never answers 500 to generated bad bookings, and changes nothing', async () => {
    const before = [await count('helpdeskAppointments'), await count('persons')];
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            motifId: fc.oneof(fc.constant(desk.ants.id), fc.string(), fc.integer()),
            siteId: fc.oneof(fc.constant(desk.village.id), fc.uuid(), fc.constant(null)),
            startAt: fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constant('2026-13-45T99:00')),
            firstName: fc.oneof(fc.string(), fc.constant('')),
            lastName: fc.string(),
            phone: fc.oneof(fc.string(), fc.constant('06 12')),
            email: fc.oneof(fc.string(), fc.emailAddress()),
            consent: fc.oneof(fc.boolean(), fc.string()),
            reminder: fc.oneof(fc.constantFrom('sms', 'email', 'none'), fc.string()),
          },
          { requiredKeys: [] },
        ),
        async (payload) => {
          const r = await t.app.inject({ method: 'POST', url: '/api/v1/helpdesk/appointments', payload });
          expect(r.statusCode).toBeGreaterThanOrEqual(400);
          expect(r.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect([await count('helpdeskAppointments'), await count('persons')]).toEqual(before);
  });

  it('lists motifs and openings in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/helpdesk/motifs', '/api/v1/helpdesk/openings', '/api/v1/helpdesk/absences', '/api/v1/helpdesk/slots', '/api/v1/helpdesk/appointments', '/api/v1/helpdesk/appointments/{id}', '/api/v1/accompaniments']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
