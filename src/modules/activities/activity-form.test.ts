import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { dayFromNow, setupProgramme } from './activities.fixtures.ts';

/** The create-activity form: nothing risky chosen for the coordinator. */
describe('create-activity form', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'nouvelle', 'Centre social La Nouvelle');
    ({ studioId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  const form = () => ({
    title: 'Découvrir la visio', description: '', kind: 'atelier', minAge: '', maxAge: '', level: 'debutant', siteId: studioId, capacity: '8', price: '',
    reducedPrice: '', registrationMode: 'session', scheduleKind: 'single', date: dayFromNow(t.app.ctx.clock, 20), dates: '', interval: '1', startDate: '', endDate: '',
    startTime: '14:00', endTime: '16:00', exceptions: '',
  });

  it('makes the coordinator choose the audience and the theme: nothing is chosen beforehand', async () => {
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    const page = await coordinator.get('/programme/nouvelle');
    for (const [name, placeholder] of [['audience', 'Choisissez le public'], ['theme', 'Choisissez un thème']]) {
      const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(page.body)![1]!;
      expect(select).toMatch(new RegExp(`^<option value(="")?>${placeholder}</option>`));
      expect(select).not.toContain('selected');
    }
    expect(page.body).not.toContain('name="published"');

    const missing = await coordinator.post('/programme/nouvelle', { ...form(), audience: '', theme: '' });
    expect(missing.statusCode).toBe(422);
    expect(titleOf(missing.body)).toMatch(/^Erreur : /);
    expect(missing.body).toContain('href="#champ-audience"');
    expect(missing.body).toContain('href="#champ-theme"');
  });

  it('creates the activity unpublished, and publishes it with the "Publier" button of its page', async () => {
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    const created = await coordinator.post('/programme/nouvelle', { ...form(), audience: 'seniors', theme: 'email', published: 'oui' });
    expect(created.statusCode).toBe(303);
    const resident = new Client(t.app);
    expect((await resident.get('/activites')).body).not.toContain('Découvrir la visio');

    const page = await coordinator.get(created.headers.location!);
    expect(page.body).toContain('Pas encore dans le programme public');
    const id = created.headers.location!.split('/').pop()!;
    expect(page.body).toContain(`action="/programme/${id}/publier"`);
    const published = await coordinator.post(`/programme/${id}/publier`, {});
    expect(published.statusCode).toBe(303);
    const after = await coordinator.get(published.headers.location!);
    expect(after.body).toContain('L’activité est publiée');
    expect(after.body).not.toContain('Pas encore dans le programme public');
    expect((await resident.get('/activites')).body).toContain('Découvrir la visio');

    const facilitator = await signIn(t.app, centerId, 'facilitator');
    expect((await facilitator.post(`/programme/${id}/publier`, {})).statusCode).toBe(403);
  });
});

describe('create-activity form: a weekly block ends on a date or after a number of sessions', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'seances', 'Centre social Les Séances');
    ({ studioId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  it('creates six Tuesday sessions from "6 séances", and refuses an end date and a number together', async () => {
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    const form = {
      title: 'Six mardis', description: '', kind: 'atelier', audience: 'adultes', theme: 'email', minAge: '', maxAge: '', level: 'debutant', siteId: studioId,
      capacity: '8', price: '', reducedPrice: '', registrationMode: 'session', scheduleKind: 'rrule', date: '', dates: '', weekdays: 'TU', interval: '1',
      startDate: dayFromNow(t.app.ctx.clock, 1), endDate: '', sessionCount: '6', startTime: '14:00', endTime: '16:00', exceptions: '',
    };
    const both = await coordinator.post('/programme/nouvelle', { ...form, endDate: dayFromNow(t.app.ctx.clock, 90) });
    expect(both.statusCode).toBe(422);
    expect(both.body).toContain('Indiquez soit une date de fin, soit un nombre de séances, pas les deux');

    const created = await coordinator.post('/programme/nouvelle', form);
    expect(created.statusCode).toBe(303);
    const id = created.headers.location!.split('/').pop()!;
    const sessions = await t.app.services.activities.programme.sessions(systemActor(centerId), id);
    expect(sessions).toHaveLength(6);
    const edit = await coordinator.get(`/programme/${id}/modifier`);
    expect(edit.body).toMatch(/name="sessionCount"[^>]*value="6"|value="6"[^>]*name="sessionCount"/);
  });
});
