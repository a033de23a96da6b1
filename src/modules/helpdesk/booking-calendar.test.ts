import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { parseIcs } from '../../../tests/support/ical.ts';
import { firstSlot, setupDesk } from './helpdesk.fixtures.ts';

/** "Add to my calendar" for a help desk appointment, without an account, by the signed link. */
describe('help desk appointment .ics', () => {
  let t: TestApp;
  let centreId: string;
  let desk: Awaited<ReturnType<typeof setupDesk>>;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'hdics', 'Centre social Les Tilleuls');
    desk = await setupDesk(t.app, centreId);
  });
  afterAll(() => t.close());

  it('links the .ics from the confirmation page and the message, and a move bumps its SEQUENCE', async () => {
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 50);
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/helpdesk/appointments',
      payload: { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Łucja', lastName: 'Şahin-Nguyễn', email: 'lucja@exemple.fr', consent: true },
    });
    expect(booked.statusCode).toBe(201);
    const { manageToken, appointment } = booked.json();
    const c = new Client(t.app);

    const page = await c.get(`/rendez-vous/confirmation/${manageToken}`);
    const href = `/rendez-vous/gerer/${manageToken}/agenda.ics`;
    expect(page.body).toContain(`href="${href}"`);
    const mail = await t.db.kysely.selectFrom('outbox').select('body').where('recipient', '=', 'lucja@exemple.fr').executeTakeFirstOrThrow();
    expect(mail.body).toContain(`${t.app.ctx.config.publicUrl}${href}`);

    const ics = await c.get(href);
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const [event] = parseIcs(ics.body);
    expect(event!.uid).toBe(`booking-${appointment.id}@lieudit`);
    expect(event!.summary).toContain('Carte d’identité');
    expect(event!.sequence).toBe(0);
    expect(event!.startZone).toBe('Europe/Paris');
    expect(new Date(`${event!.start}`).getTime()).toBeGreaterThan(0);
    expect(event!.url).toBe(`${t.app.ctx.config.publicUrl}/rendez-vous/gerer/${manageToken}`);

    const choose = await c.get(`/rendez-vous/gerer/${manageToken}/changer`);
    const target = /name="creneau" value="([^"]+)"/.exec(choose.body)![1]!;
    expect((await c.post(`/rendez-vous/gerer/${manageToken}/changer`, { creneau: target })).statusCode).toBe(303);
    const [moved] = parseIcs((await c.get(href)).body);
    expect(moved!.uid).toBe(event!.uid);
    expect(moved!.sequence).toBe(1);

    expect((await c.get(`/rendez-vous/gerer/${manageToken.replace(/.$/, (ch: string) => (ch === 'A' ? 'B' : 'A'))}/agenda.ics`)).statusCode).toBe(404);
  });
});
