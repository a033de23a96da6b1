import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { dayFromNow, setupProgramme } from './activities.fixtures.ts';
import { utcToParis } from './schedule.ts';

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
      capacity: '8', price: '', reducedPrice: '', registrationMode: 'session', scheduleKind: 'rrule', date: '', dates: '', block1Weekday: 'TU', block1Start: '14:00', block1End: '16:00', interval: '1',
      startDate: dayFromNow(t.app.ctx.clock, 1), endDate: '', sessionCount: '6', startTime: '', endTime: '', exceptions: '',
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

describe('create-activity form: one weekly slot at a time', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'creneaux', 'Centre social Les Créneaux');
    ({ studioId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  const weekly = () => ({
    title: 'Tablette et visio', description: 'Deux créneaux', kind: 'atelier', audience: 'seniors', theme: 'email', minAge: '', maxAge: '', level: 'debutant',
    siteId: studioId, capacity: '8', price: '3', reducedPrice: '', registrationMode: 'session', scheduleKind: 'rrule', date: '', dates: '', interval: '1',
    startDate: dayFromNow(t.app.ctx.clock, 1), endDate: '', sessionCount: '', startTime: '', endTime: '', exceptions: '',
    block1Weekday: 'TU', block1Start: '14:00', block1End: '16:00',
  });

  it('shows one slot, adds an empty one with « Ajouter un autre créneau » keeping every typed value, and removes it again', async () => {
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    const page = await coordinator.get('/programme/nouvelle');
    expect(page.body).toContain('<legend>Créneau 1</legend>');
    expect(page.body).not.toContain('Créneau 2');
    expect(page.body).toMatch(/<button[^>]*name="action" value="add-block"[^>]*>Ajouter un autre créneau<\/button>/);
    expect(page.body).not.toContain('Retirer ce créneau');

    const added = await coordinator.post('/programme/nouvelle', { ...weekly(), action: 'add-block' });
    expect(added.statusCode).toBe(200);
    expect(added.body).not.toContain('error-summary');
    expect(added.body).toContain('<legend>Créneau 2</legend>');
    expect(added.body).toContain('value="Tablette et visio"');
    expect(added.body).toMatch(/<option value="TU" selected>Mardi<\/option>/);
    expect(added.body).toMatch(/name="block2Weekday"[^>]*autofocus|autofocus[^>]*name="block2Weekday"/);
    expect(added.body).toContain('value="remove-block-2"');
    expect(await t.app.ctx.kysely.selectFrom('activities').select('id').where('centerId', '=', centerId).execute()).toHaveLength(0);

    const removed = await coordinator.post('/programme/nouvelle', { ...weekly(), block2Weekday: 'TH', block2Start: '10:00', block2End: '', action: 'remove-block-2' });
    expect(removed.statusCode).toBe(200);
    expect(removed.body).not.toContain('Créneau 2');
    expect(removed.body).toContain('value="Tablette et visio"');
  });

  it('creates sessions on two weekdays, each with its own Paris times, and refuses two slots on one weekday', async () => {
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    const bad = await coordinator.post('/programme/nouvelle', { ...weekly(), block2Weekday: 'TU', block2Start: '10:00', block2End: '09:00', sessionCount: '4' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#champ-block2Weekday"');
    expect(bad.body).toContain('href="#champ-block2End"');
    expect(bad.body).toContain('Ce jour a déjà un créneau');

    const created = await coordinator.post('/programme/nouvelle', { ...weekly(), block2Weekday: 'TH', block2Start: '9h30', block2End: '11:00', sessionCount: '10' });
    expect(created.statusCode).toBe(303);
    const id = created.headers.location!.split('/').pop()!;
    const sessions = await t.app.services.activities.programme.sessions(systemActor(centerId), id);
    expect(sessions).toHaveLength(10);
    for (const s of sessions) {
      const local = utcToParis(s.startsAt);
      const tuesday = new Date(`${local.date}T12:00:00Z`).getUTCDay() === 2;
      expect([local.time, utcToParis(s.endsAt).time]).toEqual(tuesday ? ['14:00', '16:00'] : ['09:30', '11:00']);
    }
    const edit = await coordinator.get(`/programme/${id}/modifier`);
    expect(edit.body).toContain('<legend>Créneau 2</legend>');
    expect(edit.body).toMatch(/<option value="TH" selected>Jeudi<\/option>/);
  });
});
