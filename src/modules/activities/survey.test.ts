import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, Client, createCentre, signIn, titleOf, type TestApp, createTestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { sha256 } from '../../platform/crypto.ts';
import { activityInput, createPersons, setupProgramme } from './activities.fixtures.ts';
import { parsePartnerLines, parseSpeakerLines } from './activity.schemas.ts';
import { activityFormValues } from './views/programme.view.tsx';

describe('speakers and partners: lines typed in a form', () => {
  it('parts a name from a role at a spaced dash, keeps hyphenated names whole, finds a web address anywhere', () => {
    expect(parseSpeakerLines('Marie Dupont - conseillère CAF\n\n  Jean-Pierre Lenoir  \nAnne — gendarmerie du Nord')).toEqual([
      { name: 'Marie Dupont', role: 'conseillère CAF' },
      { name: 'Jean-Pierre Lenoir', role: null },
      { name: 'Anne', role: 'gendarmerie du Nord' },
    ]);
    expect(parsePartnerLines('CAF du Nord - https://www.caf.fr\nFrance Services\nhttp://exemple.fr')).toEqual([
      { name: 'CAF du Nord', url: 'https://www.caf.fr' },
      { name: 'France Services', url: null },
      { name: '', url: 'http://exemple.fr' },
    ]);
  });
});

/** Speakers and partner organisations of an activity: the form, the API, the public page and feed. */
describe('activities: speakers and partners', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'intervenants', 'Centre social Les Tilleuls');
    ({ studioId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  it('takes them through the API, validates them in French and shows them on the public page and in the feed', async () => {
    const api = await apiToken(t.app, centerId, 'coordinator');
    const base = {
      title: 'Forum : les arnaques en ligne', kind: 'temps_info', audience: 'adultes', theme: 'securite_numerique', level: 'debutant', siteId: studioId, capacity: 40,
      schedule: { kind: 'single', date: activityInput(t.clock, studioId).schedule.dates[0], startTime: '18:00', endTime: '19:30' },
    };
    const created = await api('POST', '/api/v1/activities', {
      ...base,
      speakers: [{ name: 'Claire Lefebvre', role: 'gendarmerie du Nord' }, { name: 'Paul Martin' }],
      partners: [{ name: 'Gendarmerie nationale', url: 'https://www.gendarmerie.interieur.gouv.fr' }],
    });
    expect(created.statusCode).toBe(201);
    const activity = created.json();
    expect(activity.speakers).toEqual([{ name: 'Claire Lefebvre', role: 'gendarmerie du Nord' }, { name: 'Paul Martin', role: null }]);
    expect(activity.surveyEnabled).toBe(true);

    // Only https addresses; nothing changes when refused.
    const refused = await api('PATCH', `/api/v1/activities/${activity.id}`, { partners: [{ name: 'Site', url: 'http://exemple.fr' }] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBeTruthy();
    expect(JSON.stringify(refused.json().fields)).toContain('https://');
    const tooLong = await api('PATCH', `/api/v1/activities/${activity.id}`, { speakers: [{ name: 'x'.repeat(121) }] });
    expect(tooLong.statusCode).toBe(422);
    expect((await api('GET', `/api/v1/activities/${activity.id}`)).json().partners).toEqual([{ name: 'Gendarmerie nationale', url: 'https://www.gendarmerie.interieur.gouv.fr' }]);

    const resident = new Client(t.app);
    const page = await resident.get(`/activites/${activity.id}`);
    expect(page.body).toContain('<h2 id="intervenants">Intervenants</h2>');
    expect(page.body).toContain('Claire Lefebvre, gendarmerie du Nord');
    expect(page.body).toContain('href="https://www.gendarmerie.interieur.gouv.fr"');
    const feed = await resident.get('/agenda.ics');
    expect(feed.body.replace(/\r\n /g, '')).toContain('Intervenants : Claire Lefebvre (gendarmerie du Nord)');
    const publicApi = await resident.api('GET', '/api/v1/public/activities');
    expect(publicApi.json().items[0].speakers).toHaveLength(2);
  });

  it('takes them from the activity form, one per line, and refuses a bad line without saving anything', async () => {
    const actor = systemActor(centerId);
    const activity = await t.app.services.activities.programme.create(actor, activityInput(t.clock, studioId, { title: 'Atelier tablette' }));
    expect(activity.surveyEnabled).toBe(false);
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    const values = activityFormValues(activity) as Record<string, string | string[]>;
    const form = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>;

    const bad = await coordinator.post(`/programme/${activity.id}/modifier`, { ...form, speakers: 'Marie Dupont - CAF', partners: 'CAF - http://www.caf.fr' });
    expect(bad.statusCode).toBe(422);
    expect(titleOf(bad.body)).toMatch(/^Erreur : /);
    expect(bad.body).toContain('href="#champ-partners"');
    expect(bad.body).toContain('commence par https://');
    expect((await t.app.services.activities.programme.get(actor, activity.id)).speakers).toEqual([]);

    const saved = await coordinator.post(`/programme/${activity.id}/modifier`, {
      ...form, speakers: 'Marie Dupont - conseillère à la CAF\nJean-Pierre Lenoir', partners: 'CAF du Nord - https://www.caf.fr', surveyEnabled: 'oui',
    });
    expect(saved.statusCode).toBe(303);
    const after = await t.app.services.activities.programme.get(actor, activity.id);
    expect(after.speakers).toEqual([{ name: 'Marie Dupont', role: 'conseillère à la CAF' }, { name: 'Jean-Pierre Lenoir', role: null }]);
    expect(after.partners).toEqual([{ name: 'CAF du Nord', url: 'https://www.caf.fr' }]);
    expect(after.surveyEnabled).toBe(true);
    const staffPage = await coordinator.get(`/programme/${activity.id}`);
    expect(staffPage.body).toContain('Marie Dupont, conseillère à la CAF');
    expect(staffPage.body).toContain('Demandé après chaque séance');
    // The edit form shows the lines again.
    expect((await coordinator.get(`/programme/${activity.id}/modifier`)).body).toContain('Marie Dupont - conseillère à la CAF');
  });
});

/** "Votre avis": invitations after the session, one answer per registration, paper entry, aggregates only. */
describe('activities: the satisfaction survey', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'avis', 'Centre social Les Tilleuls');
    ({ studioId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  const m = () => t.app.services.activities;
  const actor = () => systemActor(centerId);
  const answers = () => t.db.kysely.selectFrom('activitySurveyAnswers').selectAll().execute();

  /** An information time with four registered persons who accept e-mails: three present, one absent. */
  async function attendedSession(title: string) {
    const activity = await m().programme.create(actor(), activityInput(t.clock, studioId, { title, kind: 'temps_info', audience: 'adultes' }));
    const [session] = await m().programme.sessions(actor(), activity.id);
    const persons = await createPersons(t.app, centerId, 4, { reminders: true });
    for (const p of persons) await m().registrations.register(actor(), centerId, session!.id, { personId: p.id }, 'staff');
    await m().attendance.record(actor(), session!.id, persons.map((p, i) => ({ personId: p.id, status: i < 3 ? 'present' : 'absent' })), new Date(session!.startsAt));
    return { activity, session: session!, persons, ended: new Date(Date.parse(session!.endsAt) + 60_000) };
  }

  /** The survey links of the outbox, as each recipient reads them. */
  async function links(sessionPersons: { id: string }[]) {
    const rows = await t.db.kysely.selectFrom('outbox').selectAll().where('dedupeKey', 'like', 'survey:%').where('personId', 'in', sessionPersons.map((p) => p.id)).execute();
    return rows.map((row) => {
      expect(row.body).not.toContain('/avis/');
      return /http:\/\/lieudit\.test(\/avis\/[\w-]+)/.exec(t.app.ctx.outbox.forRecipient(row)!.body)![1]!;
    });
  }

  it('invites each person present once, after the session has ended, on a channel they agreed to', async () => {
    const { session, persons, ended } = await attendedSession('Forum : la CAF en ligne');
    expect((await m().surveys.sendDueInvitations(new Date(Date.parse(session.endsAt) - 60_000))).queued).toBe(0);
    expect((await m().surveys.sendDueInvitations(ended)).queued).toBe(3);
    expect((await m().surveys.sendDueInvitations(new Date(ended.getTime() + 3_600_000))).queued).toBe(0);
    const sent = await links(persons);
    expect(sent).toHaveLength(3);
    const mail = await t.db.kysely.selectFrom('outbox').selectAll().where('dedupeKey', '=', `survey:registration:${(await t.db.kysely.selectFrom('activityRegistrations').select('id').where('personId', '=', persons[0]!.id).executeTakeFirstOrThrow()).id}`).executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Votre avis sur « Forum : la CAF en ligne »');
    expect(mail.body).toContain('anonymes');
    // Only the hash of a link is kept.
    const stored = new Set((await t.db.kysely.selectFrom('activitySurveyInvitations').select('tokenHash').execute()).map((i) => i.tokenHash));
    expect(sent.every((link) => stored.has(sha256(link.split('/').pop()!)) && !stored.has(link.split('/').pop()!))).toBe(true);
  });

  it('takes one answer per link, refuses a bad face without writing, and answers 404 to an unknown link', async () => {
    const { session, persons, ended } = await attendedSession('Forum : les impôts en ligne');
    await m().surveys.sendDueInvitations(ended);
    const [first, second, third] = await links(persons);
    const resident = new Client(t.app);

    const question = await resident.get(first!);
    expect(question.statusCode).toBe(200);
    expect(question.body).toContain('Êtes-vous content de ce moment ?');
    expect(question.body).toContain('Très mécontent');
    expect(question.body).toContain('aria-hidden="true">😀</span>');

    const before = (await answers()).length;
    const bad = await resident.post(first!, { rating: '9', comment: 'Bien' });
    expect(bad.statusCode).toBe(422);
    expect(titleOf(bad.body)).toMatch(/^Erreur : /);
    expect(bad.body).toContain('href="#champ-rating"');
    expect(bad.body).toContain('Bien');
    expect((await answers()).length).toBe(before);

    const done = await resident.post(first!, { rating: '4', comment: '  Très utile, merci.  ' });
    expect(done.statusCode).toBe(303);
    expect((await resident.get(done.headers.location!)).body).toContain('Votre avis est bien enregistré');
    const again = await resident.post(first!, { rating: '1', comment: 'Changé d’avis' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Vous avez déjà donné votre avis');
    const mine = (await answers()).filter((a) => a.sessionId === session.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ rating: 4, comment: 'Très utile, merci.', source: 'link' });

    // Two answers at once by one link: the unique index keeps one.
    const results = await Promise.all([m().surveys.answer(second!.split('/').pop()!, { rating: 5, comment: null }), m().surveys.answer(second!.split('/').pop()!, { rating: 2, comment: null })]);
    expect(results.sort()).toEqual(['already', 'recorded']);
    expect((await answers()).filter((a) => a.sessionId === session.id)).toHaveLength(2);

    expect((await resident.get('/avis/inconnu')).statusCode).toBe(404);
    expect((await resident.post('/avis/inconnu', { rating: '3' })).statusCode).toBe(404);
    // Expired: thirty days after the session.
    const start = t.clock.now();
    t.clock.set(new Date(Date.parse(session.endsAt) + 31 * 86_400_000));
    try {
      expect((await resident.get(third!)).statusCode).toBe(404);
    } finally {
      t.clock.set(start);
    }
  });

  it('shows staff aggregates only — from three answers on — with paper answers added, and the API the same', async () => {
    const { session, activity, persons, ended } = await attendedSession('Forum : la santé en ligne');
    await m().surveys.sendDueInvitations(ended);
    const [first, second] = await links(persons);
    const resident = new Client(t.app);
    await resident.post(first!, { rating: '5', comment: 'Zut, trop court' });
    const api = await apiToken(t.app, centerId, 'facilitator');
    const one = (await api('GET', `/api/v1/sessions/${session.id}/survey`)).json();
    expect(one).toMatchObject({ answers: 1, present: 3, shown: false, average: null, comments: [] });

    await resident.post(second!, { rating: '3', comment: 'Accueil chaleureux' });
    const start = t.clock.now();
    t.clock.set(ended);
    try {
      // Signed in once the clock has moved on: a session does not outlive ten idle days.
      const coordinator = await signIn(t.app, centerId, 'coordinator');
      const badPaper = await coordinator.post(`/seances/${session.id}/avis-papier`, { face5: 'beaucoup', face4: '1', comments: '' });
      expect(badPaper.statusCode).toBe(422);
      expect(badPaper.body).toContain('href="#champ-face5"');
      expect((await answers()).filter((a) => a.source === 'paper')).toHaveLength(0);
      const paper = await coordinator.post(`/seances/${session.id}/avis-papier`, { face5: '2', face4: '1', face1: '', comments: 'Bravo aux intervenants\n\nMieux expliquer les mots de passe' });
      expect(paper.statusCode).toBe(303);
      // Entering it again replaces the paper answers.
      await coordinator.post(`/seances/${session.id}/avis-papier`, { face5: '1', face4: '1', comments: 'Bravo aux intervenants' });
      const results = (await api('GET', `/api/v1/sessions/${session.id}/survey`)).json();
      expect(results).toMatchObject({
        enabled: true, answers: 4, paper: 2, present: 3, shown: true, average: 4.3, counts: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 2 },
        comments: ['Accueil chaleureux', 'Bravo aux intervenants', 'Zut, trop court'],
      });

      const sessionPage = await coordinator.get(`/seances/${session.id}`);
      expect(sessionPage.body).toContain('Votre avis : résultats');
      expect(sessionPage.body).toContain('Moyenne : 4,3 sur 5');
      expect(sessionPage.body).toContain('Accueil chaleureux');
      const activityPage = await coordinator.get(`/programme/${activity.id}`);
      expect(activityPage.body).toContain('Moyenne : 4,3 sur 5');
      // Never who answered what: no name near the results.
      const section = sessionPage.body.slice(sessionPage.body.indexOf('id="votre-avis"'), sessionPage.body.indexOf('</section>', sessionPage.body.indexOf('id="votre-avis"')));
      for (const p of persons) expect(section).not.toContain(p.lastName!);

      // A volunteer who does not run the activity enters nothing.
      const volunteer = await signIn(t.app, centerId, 'volunteer');
      expect((await volunteer.get(`/seances/${session.id}/avis-papier`)).statusCode).toBe(403);
    } finally {
      t.clock.set(start);
    }
  });

  it('erases the link between a person and their answer, and their words, keeping the face as a statistic', async () => {
    const { session, persons, ended } = await attendedSession('Forum : les démarches retraite');
    await m().surveys.sendDueInvitations(ended);
    const [first] = await links([persons[0]!]);
    await new Client(t.app).post(first!, { rating: '2', comment: 'Je m’appelle Odette et la salle était froide' });
    const exported = await t.app.services.people.exportData(actor(), persons[0]!.id);
    const surveys = (exported.modules.activities as { surveys: Record<string, unknown>[] }).surveys;
    expect(surveys).toEqual([expect.objectContaining({ activity: 'Forum : les démarches retraite', answered: true })]);
    expect(JSON.stringify(surveys)).not.toContain('froide');

    await t.app.services.people.erase(actor(), persons[0]!.id);
    const kept = (await answers()).filter((a) => a.sessionId === session.id);
    expect(kept).toEqual([expect.objectContaining({ rating: 2, comment: null, invitationId: null })]);
    expect(await t.db.kysely.selectFrom('activitySurveyInvitations').selectAll().where('sessionId', '=', session.id).execute()).toHaveLength(2);
  });
});

describe('activities demo: the information time', () => {
  let t: TestApp;
  let centerId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'demoavis', 'Centre de démonstration');
    await createPersons(t.app, centerId, 10, { birthYear: 1950 });
  });
  afterAll(() => t.close());

  it('names a speaker and a partner, and shows the answers of a past edition', async () => {
    const { seedDemoActivities } = await import('./demo.ts');
    await seedDemoActivities(t.app.ctx, t.app.services, centerId);
    const actor = systemActor(centerId);
    const info = (await t.app.services.activities.programme.list(actor)).find((a) => a.kind === 'temps_info')!;
    expect(info.speakers[0]?.name).toBeTruthy();
    expect(info.partners[0]?.url).toMatch(/^https:\/\//);
    const results = await t.app.services.activities.surveys.activityResults(actor, info.id);
    expect(results).toMatchObject({ answers: 10, paper: 6, shown: true });
    expect(results.comments.length).toBeGreaterThanOrEqual(3);
  });
});
