import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { parseIcs } from '../../../tests/support/ical.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { activityInput, dayFromNow, setupProgramme } from './activities.fixtures.ts';

/** The public programme feed as a subscribed phone calendar reads it. */
describe('programme iCalendar feed', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'http://lieudit.test:8080' });
    centerId = await createCentre(t.app, 'agenda', 'Centre social Les Tilleuls');
    ({ studioId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  const feed = async () => {
    const response = await t.app.inject({ url: '/agenda.ics' });
    expect(response.statusCode).toBe(200);
    return { text: response.body, events: parseIcs(response.body) };
  };

  it('bumps SEQUENCE when a session moves and when it is cancelled, with host-free UIDs, no empty DESCRIPTION and a final CRLF', async () => {
    const actor = systemActor(centerId);
    const programme = t.app.services.activities.programme;
    const activity = await programme.create(actor, activityInput(t.clock, studioId, { title: 'Atelier agenda – les rendez-vous de la médiathèque et de la mairie sur votre téléphone' }));
    const [session] = await programme.sessions(actor, activity.id);

    const before = await feed();
    const first = before.events.find((e) => e.summary.startsWith('Atelier agenda'))!;
    expect(first.uid).toBe(`session-${session!.id}@lieudit`);
    expect(first.uid).not.toMatch(/lieudit\.test|8080/);
    expect(first.sequence).toBe(0);
    expect(first.description).toBeNull();
    expect(before.text).not.toMatch(/^DESCRIPTION:\r?$/m);

    await programme.moveSession(actor, session!.id, { date: dayFromNow(t.clock, 12), startTime: '15:00', endTime: '17:00' });
    const moved = (await feed()).events.find((e) => e.uid === first.uid)!;
    expect(moved.sequence).toBe(1);
    expect(moved.start).toMatch(/T15:00:00$/);
    expect(moved.startZone).toBe('Europe/Paris');

    await programme.cancelSession(actor, session!.id, 'Salle indisponible');
    const cancelled = (await feed()).events.find((e) => e.uid === first.uid)!;
    expect(cancelled.sequence).toBe(2);
    expect(cancelled.status).toBe('CANCELLED');
  });

  it('lets a resident add their registration to their calendar from the confirmation page, without an account', async () => {
    const actor = systemActor(centerId);
    const programme = t.app.services.activities.programme;
    const activity = await programme.create(actor, activityInput(t.clock, studioId, { title: 'Café numérique', description: '' }));
    const resident = new Client(t.app);
    await resident.get(`/activites/${activity.id}/inscription`);
    for (const [path, form] of [
      ['participant', { firstName: 'Łucja Thị', lastName: 'Şahin-Nguyễn', birthYear: '1950' }],
      ['contact', { phone: '0612345678', email: '', commune: '59122', dataProcessing: 'oui' }],
      ['verifier', {}],
    ] as const) {
      const answer = await resident.post(`/activites/${activity.id}/inscription/${path}`, form);
      expect(answer.statusCode, path).toBe(303);
      if (path === 'verifier') {
        const confirmation = await resident.get(answer.headers.location!);
        const href = /href="(\/inscription\/[\w.-]+\/agenda\.ics)"/.exec(confirmation.body)?.[1];
        expect(href).toBeDefined();
        const ics = await new Client(t.app).get(href!);
        expect(ics.statusCode).toBe(200);
        expect(ics.headers['content-type']).toContain('text/calendar');
        const [event] = parseIcs(ics.body);
        const [session] = await programme.sessions(actor, activity.id);
        expect(event!.summary).toBe('Café numérique');
        expect(event!.uid).toMatch(/^registration-[\w-]+@lieudit$/);
        expect(event!.start).toBe(`${session!.localDate}T14:00:00`);
        expect(event!.startZone).toBe('Europe/Paris');
        expect(event!.description).toBeNull();
        expect(event!.location).toContain('Le studio');
        expect(event!.sequence).toBe(0);

        // Cancelled by the same link: the file now tells the calendar to remove it.
        const token = href!.split('/')[2]!;
        await resident.get(`/inscription/${token}/annuler`);
        expect((await resident.post(`/inscription/${token}/annuler`, {})).statusCode).toBe(303);
        const [withdrawn] = parseIcs((await new Client(t.app).get(href!)).body);
        expect(withdrawn!.status).toBe('CANCELLED');
        expect(withdrawn!.sequence).toBe(1);
      }
    }
    expect((await new Client(t.app).get('/inscription/faux.lien.ici/agenda.ics')).statusCode).toBe(404);
  });
});
