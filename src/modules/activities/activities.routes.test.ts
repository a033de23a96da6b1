import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apiToken, Client, createCentre, createStaff, createTestApp, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { currentYear } from '../../platform/clock.ts';
import { redactUrl } from '../../platform/http/logging.ts';
import { activityInput, addSessionToday, createPersons, dayFromNow, insertConfirmed, setupProgramme } from './activities.fixtures.ts';

/** What residents and staff do through the pages and the API, JavaScript off. */
describe('activities pages and API', () => {
  let t: TestApp;
  let centerId: string;
  let studioId: string;
  let villageId: string;

  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app, 'activites', 'Centre social Les Tilleuls');
    ({ studioId, villageId } = await setupProgramme(t.app, centerId));
  });
  afterAll(() => t.close());

  const m = () => t.app.services.activities;
  const actor = () => systemActor(centerId);
  const outbox = () => t.db.kysely.selectFrom('outbox').selectAll().orderBy('createdAt').execute();
  const count = async (table: 'activities' | 'activityRegistrations' | 'persons' | 'activitySessions') =>
    (await t.db.kysely.selectFrom(table).select('id').execute()).length;

  it('lets a resident find a tablet workshop in their village, register without an account and cancel by the signed link', async () => {
    const activity = await m().programme.create(actor(), activityInput(t.clock, villageId, { title: 'Atelier tablette au village', capacity: 1 }));
    const [session] = await m().programme.sessions(actor(), activity.id);
    const resident = new Client(t.app);

    const list = await resident.get('/activites?lieu=59219');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Atelier tablette au village');
    expect(list.body).toContain('Dernière place');
    const elsewhere = await resident.get('/activites?lieu=59122');
    expect(elsewhere.body).not.toContain('Atelier tablette au village');

    const page = await resident.get(`/activites/${activity.id}`);
    expect(page.body).toContain('Salle des fêtes');
    expect(page.body).toContain(`/activites/${activity.id}/inscription`);

    // One session: straight to the questions.
    const start = await resident.get(`/activites/${activity.id}/inscription`);
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe(`/activites/${activity.id}/inscription/participant`);
    await resident.get(start.headers.location!);
    const empty = await resident.post(`/activites/${activity.id}/inscription/participant`, { firstName: '', lastName: '', birthYear: 'mille' });
    expect(empty.statusCode).toBe(422);
    expect(titleOf(empty.body)).toMatch(/^Erreur : /);
    expect(empty.body).toContain('href="#champ-firstName"');
    expect(empty.body).toContain('value="mille"');
    const who = await resident.post(`/activites/${activity.id}/inscription/participant`, { firstName: 'Jeanne', lastName: 'Wattiez', birthYear: '1948' });
    expect(who.headers.location).toBe(`/activites/${activity.id}/inscription/contact`);
    const badCommune = await resident.post(`/activites/${activity.id}/inscription/contact`, { phone: '06 12 34 56 78', email: '', commune: 'Zzzyxville', reminders: 'oui', dataProcessing: 'oui' });
    expect(badCommune.statusCode).toBe(422);
    expect(badCommune.body).toContain('Nous ne trouvons pas cette commune');
    const contact = await resident.post(`/activites/${activity.id}/inscription/contact`, { phone: '06 12 34 56 78', email: '', commune: 'Cambrai', reminders: 'oui', dataProcessing: 'oui' });
    expect(contact.headers.location).toBe(`/activites/${activity.id}/inscription/verifier`);
    const check = await resident.get(contact.headers.location!);
    expect(check.body).toContain('Vérifiez votre inscription');
    expect(check.body).toContain('06 12 34 56 78');
    expect(check.body).toContain('Cambrai (59400)');

    const done = await resident.post(`/activites/${activity.id}/inscription/verifier`, {});
    expect(done.statusCode).toBe(303);
    const confirmation = await resident.get(done.headers.location!);
    expect(confirmation.body).toContain('Inscription confirmée');
    expect(resident.cookies.has('lieudit_inscription')).toBe(false);
    const sms = (await outbox()).find((msg) => msg.recipient === '0612345678');
    expect(sms?.channel).toBe('sms');
    const link = /http:\/\/lieudit\.test(\/inscription\/[\w.-]+)/.exec(sms!.body)![1]!;

    // Re-sending the same answers does not make a second registration.
    const again = new Client(t.app);
    for (const [path, form] of [
      ['participant', { firstName: 'jeanne', lastName: 'WATTIEZ', birthYear: '1948' }],
      ['contact', { phone: '0612345678', email: '', commune: '59122', dataProcessing: 'oui' }],
      ['verifier', {}],
    ] as const) {
      await again.get(`/activites/${activity.id}/inscription`);
      await again.post(`/activites/${activity.id}/inscription/${path}`, form);
    }
    const rows = await t.db.kysely.selectFrom('activityRegistrations').selectAll().where('sessionId', '=', session!.id).execute();
    expect(rows).toHaveLength(1);

    // Someone else joins the waiting list; the first resident cancels; the second is promoted.
    const [waiting] = await createPersons(t.app, centerId, 1);
    const waited = await m().registrations.register(actor(), centerId, session!.id, { personId: waiting!.id }, 'staff');
    expect(waited.status).toBe('waitlisted');
    const question = await resident.get(`${link}/annuler`);
    expect(question.body).toContain('Voulez-vous annuler votre inscription');
    const cancelled = await resident.post(`${link}/annuler`, {});
    expect(cancelled.statusCode).toBe(303);
    expect((await resident.get(cancelled.headers.location!)).body).toContain('Inscription annulée');
    const after = await t.db.kysely.selectFrom('activityRegistrations').selectAll().where('sessionId', '=', session!.id).execute();
    expect(after.find((r) => r.personId === waiting!.id)!.status).toBe('confirmed');
    expect((await outbox()).some((msg) => msg.recipient === waiting!.email && msg.subject?.includes('Une place'))).toBe(true);
    // A forged or altered link opens nothing.
    expect((await resident.get(`${link}x`)).statusCode).toBe(404);
  });

  it('asks for a guardian and the parental authorisation when the participant is a minor', async () => {
    const activity = await m().programme.create(actor(), activityInput(t.clock, studioId, { title: 'Club code', kind: 'atelier', audience: 'ados_12_17' }));
    const parent = new Client(t.app);
    await parent.get(`/activites/${activity.id}/inscription`);
    const tooYoung = await parent.post(`/activites/${activity.id}/inscription/participant`, { firstName: 'Tom', lastName: 'Caron', birthYear: String(currentYear(t.clock.now()) - 8) });
    expect(tooYoung.statusCode).toBe(422);
    expect(tooYoung.body).toContain('réservée à un autre âge');
    const teen = await parent.post(`/activites/${activity.id}/inscription/participant`, { firstName: 'Tom', lastName: 'Caron', birthYear: String(currentYear(t.clock.now()) - 14) });
    expect(teen.headers.location).toBe(`/activites/${activity.id}/inscription/responsable`);
    const missing = await parent.post(`/activites/${activity.id}/inscription/responsable`, { guardianName: '' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#champ-guardianName"');
    expect(missing.body).toContain('href="#champ-parentalAuthorisation"');
    const ok = await parent.post(`/activites/${activity.id}/inscription/responsable`, { guardianName: 'Anne Caron', parentalAuthorisation: 'oui' });
    expect(ok.headers.location).toBe(`/activites/${activity.id}/inscription/contact`);
    await parent.post(`/activites/${activity.id}/inscription/contact`, { phone: '', email: 'anne.caron@exemple.fr', commune: 'Cambrai', dataProcessing: 'oui' });
    const done = await parent.post(`/activites/${activity.id}/inscription/verifier`, {});
    expect(done.statusCode).toBe(303);
    const mail = (await outbox()).find((msg) => msg.recipient === 'anne.caron@exemple.fr');
    expect(mail?.subject).toBe('Inscription confirmée : Club code');
  });

  it('lets a coordinator create an activity from the form, and refuses bad input with the GOV.UK pattern, creating nothing', async () => {
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    const form = {
      title: 'Premiers pas sur ordinateur', description: '', kind: 'atelier', audience: 'adultes', minAge: '', maxAge: '', theme: 'prendre_en_main_du_materiel',
      level: 'debutant', siteId: studioId, capacity: '8', price: '2,50', reducedPrice: '', equipment: ['ordinateur'], registrationMode: 'session', published: 'oui',
      scheduleKind: 'rrule', date: '', dates: '', block1Weekday: 'TU', block1Start: '14:00', block1End: '16:00', interval: '1', startDate: dayFromNow(t.clock, 1), endDate: dayFromNow(t.clock, 60), startTime: '', endTime: '',
      exceptions: '',
    };
    const before = await count('activities');
    const bad: Record<string, string>[] = [
      { capacity: '0' },
      { block1End: '13:00' },
      { scheduleKind: 'single', date: dayFromNow(t.clock, -3), startTime: '14:00', endTime: '16:00' },
      { block1Weekday: 'XX' },
      { block1Weekday: '' },
      { block2Weekday: 'TU', block2Start: '10:00', block2End: '12:00' },
      { price: 'gratuit' },
      { siteId: 'pas-un-lieu' },
    ];
    for (const change of bad) {
      const response = await coordinator.post('/programme/nouvelle', { ...form, ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(422);
      expect(titleOf(response.body)).toMatch(/^Erreur : /);
      expect(response.body).toContain('class="error-summary"');
      expect(response.body).toContain('value="Premiers pas sur ordinateur"');
    }
    expect(await count('activities')).toBe(before);
    const created = await coordinator.post('/programme/nouvelle', form);
    expect(created.statusCode).toBe(303);
    const page = await coordinator.get(created.headers.location!);
    expect(page.body).toContain('L’activité est créée avec');
    expect(page.body).toContain('2,50');
    // An RRULE without any date (a Tuesday rule over a Wednesday-only span) is refused.
    const id = created.headers.location!.split('/').pop()!;
    const wednesday = [1, 2, 3, 4, 5, 6, 7].map((n) => dayFromNow(t.clock, n)).find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 3)!;
    const none = await coordinator.post(`/programme/${id}/modifier`, { ...form, startDate: wednesday, endDate: wednesday });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('aucune séance');
  });

  it('shows a session’s registrations to staff, and to a volunteer only for the sessions they run', async () => {
    const volunteer = await createStaff(t.app, centerId, 'volunteer');
    const activity = await m().programme.create(actor(), activityInput(t.clock, studioId, { title: 'Atelier accompagné', capacity: 1, facilitatorIds: [volunteer.id] }));
    const other = await m().programme.create(actor(), activityInput(t.clock, studioId, { title: 'Atelier sans bénévole' }));
    const [session] = await m().programme.sessions(actor(), activity.id);
    const [otherSession] = await m().programme.sessions(actor(), other.id);
    const [a, b] = await createPersons(t.app, centerId, 2);
    await m().registrations.register(actor(), centerId, session!.id, { personId: a!.id }, 'staff');
    await m().registrations.register(actor(), centerId, session!.id, { personId: b!.id }, 'staff');

    const facilitator = await signIn(t.app, centerId, 'facilitator');
    const page = await facilitator.get(`/seances/${session!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(a!.lastName!);
    expect(page.body).toContain('Liste d’attente (1)');

    const vol = new Client(t.app);
    await vol.get('/connexion');
    await vol.post('/connexion', { email: volunteer.email, password: 'un mot de passe de test' });
    expect((await vol.get(`/seances/${session!.id}`)).statusCode).toBe(200);
    expect((await vol.get(`/seances/${otherSession!.id}`)).statusCode).toBe(403);
    expect(await t.app.services.people.canSee({ ...actor(), role: 'volunteer', userId: volunteer.id, via: 'session' }, a!.id)).toBe(true);
    const partner = await signIn(t.app, centerId, 'partner');
    expect((await partner.get(`/seances/${session!.id}`)).statusCode).toBe(403);
    expect((await partner.get('/programme')).statusCode).toBe(403);
  });

  it('marks attendance in a few taps, adds a walk-in, and prints the sign-in sheet', async () => {
    const activity = await m().programme.create(actor(), activityInput(t.clock, studioId, { title: 'Atelier du jour' }));
    const sessionId = await addSessionToday(t.app, centerId, activity.id);
    const [a, b] = await createPersons(t.app, centerId, 2);
    await insertConfirmed(t.app, centerId, activity.id, sessionId, a!.id);
    await insertConfirmed(t.app, centerId, activity.id, sessionId, b!.id);
    const facilitator = await signIn(t.app, centerId, 'facilitator');
    const form = await facilitator.get(`/seances/${sessionId}/presences`);
    expect(form.body).toContain(`name="p_${a!.id}"`);
    const saved = await facilitator.post(`/seances/${sessionId}/presences`, { [`p_${b!.id}`]: 'excused', tous: 'present' });
    expect(saved.statusCode).toBe(303);
    const walkIn = await facilitator.post(`/seances/${sessionId}/presences/ajout`, { firstName: 'Marcel', lastName: 'Dufour', birthYear: '1944', commune: 'Cambrai', dataProcessing: 'oui' });
    expect(walkIn.statusCode).toBe(303);
    const noConsent = await facilitator.post(`/seances/${sessionId}/presences/ajout`, { firstName: 'Léon', lastName: 'Sans', birthYear: '1944', commune: 'Cambrai' });
    expect(noConsent.statusCode).toBe(422);
    const rows = await t.db.kysely.selectFrom('activityAttendance').selectAll().where('sessionId', '=', sessionId).execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['excused', 'present', 'present']);
    expect(rows.every((r) => r.mediationType === 'collectif' && r.theme === 'prendre_en_main_du_materiel' && r.durationMinutes === 90)).toBe(true);
    const pdf = await facilitator.get(`/seances/${sessionId}/emargement.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Attendance of a session still to come cannot be marked.
    const future = (await m().programme.sessions(actor(), activity.id)).find((s) => s.id !== sessionId);
    const early = await facilitator.api('PUT', `/api/v1/sessions/${future!.id}/attendance`, { entries: [{ personId: a!.id, status: 'present' }] });
    expect(early.statusCode).toBe(409);
  });

  it('publishes the programme as iCalendar in Paris time, and each staff member’s own sessions behind a private address', async () => {
    const activity = await m().programme.create(actor(), activityInput(t.clock, villageId, { title: 'Atelier calendrier' }));
    const ics = await t.app.inject({ url: '/agenda.ics' });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('BEGIN:VTIMEZONE');
    expect(ics.body).toMatch(/DTSTART;TZID=Europe\/Paris:\d{8}T140000/);
    expect(ics.body).toContain('Atelier calendrier');
    const filtered = await t.app.inject({ url: `/agenda.ics?lieu=${studioId}` });
    expect(filtered.body).not.toContain('Atelier calendrier');

    const coordinator = await signIn(t.app, centerId, 'coordinator');
    expect((await coordinator.get('/agenda')).body).toContain('pas encore d’adresse');
    await coordinator.post('/agenda', {});
    const url = /value="http:\/\/lieudit\.test(\/agenda\/[\w-]+\.ics)"/.exec((await coordinator.get('/agenda')).body)![1]!;
    // The address is a secret of its owner: the request log never holds its token.
    expect(redactUrl(url)).toBe('/agenda/[masqué]');
    expect(redactUrl('/agenda.ics')).toBe('/agenda.ics');
    const feed = await t.app.inject({ url });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain('Atelier calendrier');
    await coordinator.post('/agenda', {});
    expect((await t.app.inject({ url })).statusCode).toBe(404);
    void activity;
  });

  it('serves the JSON API, described in the OpenAPI document, with 404 for another centre', async () => {
    const call = await apiToken(t.app, centerId, 'coordinator');
    const body = {
      title: 'Temps d’information : arnaques', kind: 'temps_info', audience: 'adultes', theme: 'securite_numerique', level: 'debutant', siteId: studioId,
      capacity: 30, schedule: { kind: 'single', date: dayFromNow(t.clock, 12), startTime: '18:00', endTime: '19:30' },
    };
    const created = await call('POST', '/api/v1/activities', body);
    expect(created.statusCode).toBe(201);
    const activity = created.json();
    expect(activity).toMatchObject({ registrationMode: 'session', published: true, priceCents: 0 });
    expect((await call('GET', '/api/v1/activities')).json().items.some((a: { id: string }) => a.id === activity.id)).toBe(true);
    const sessions = (await call('GET', `/api/v1/activities/${activity.id}/sessions`)).json().items;
    expect(sessions).toHaveLength(1);
    const patched = await call('PATCH', `/api/v1/activities/${activity.id}`, { capacity: 40, schedule: { kind: 'single', date: dayFromNow(t.clock, 12), startTime: '18:30', endTime: '20:00' } });
    expect(patched.statusCode).toBe(200);
    const [moved] = (await call('GET', `/api/v1/activities/${activity.id}/sessions`)).json().items;
    expect(moved.id).toBe(sessions[0].id); // same session, new time: registrations would follow
    expect(moved.capacity).toBe(40);

    const reg = await call('POST', `/api/v1/sessions/${moved.id}/registrations`, {
      person: { firstName: 'Paul', lastName: 'Deprez', birthYear: 1960, commune: 'Cambrai', email: 'paul.deprez@exemple.fr' }, dataProcessing: true,
    });
    expect(reg.statusCode).toBe(201);
    expect(reg.json().status).toBe('confirmed');
    expect((await call('GET', `/api/v1/sessions/${moved.id}/registrations`)).json().items).toHaveLength(1);
    const cancelledReg = await call('DELETE', `/api/v1/registrations/${reg.json().id}`);
    expect(cancelledReg.json().status).toBe('cancelled');
    const moveSession = await call('PATCH', `/api/v1/sessions/${moved.id}`, { date: dayFromNow(t.clock, 13) });
    expect(moveSession.statusCode).toBe(200);
    const cancelSession = await call('PATCH', `/api/v1/sessions/${moved.id}`, { status: 'cancelled', reason: 'Intervenant malade' });
    expect(cancelSession.json().status).toBe('cancelled');

    const publicList = await t.app.inject({ url: '/api/v1/public/activities' });
    expect(publicList.statusCode).toBe(200);
    expect(publicList.body).not.toMatch(/@exemple\.fr|"phone"|"email"|personId/);

    const other = await apiToken(t.app, await createCentre(t.app, 'autre-api', 'Autre'), 'coordinator');
    for (const [method, url] of [
      ['GET', `/api/v1/activities/${activity.id}`], ['PATCH', `/api/v1/activities/${activity.id}`], ['DELETE', `/api/v1/activities/${activity.id}`],
      ['GET', `/api/v1/activities/${activity.id}/sessions`], ['PATCH', `/api/v1/sessions/${moved.id}`], ['GET', `/api/v1/sessions/${moved.id}/registrations`],
      ['POST', `/api/v1/sessions/${moved.id}/registrations`], ['DELETE', `/api/v1/registrations/${reg.json().id}`],
      ['PUT', `/api/v1/sessions/${moved.id}/attendance`], ['GET', `/api/v1/sessions/${moved.id}/sign-in-sheet.pdf`],
    ] as const) {
      const payload = method === 'PATCH' ? (url.includes('/sessions/') ? { reason: 'x' } : { capacity: 5 }) : method === 'POST' ? { personId: reg.json().personId } : method === 'PUT' ? { entries: [] } : undefined;
      expect((await other(method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
    }

    const archived = await call('DELETE', `/api/v1/activities/${activity.id}`);
    expect(archived.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/activites/${activity.id}` })).statusCode).toBe(404);

    const openapi = (await t.app.inject({ url: '/api/openapi.json' })).json();
    for (const path of ['/api/v1/activities', '/api/v1/activities/{id}', '/api/v1/activities/{id}/sessions', '/api/v1/sessions/{id}', '/api/v1/sessions/{id}/registrations', '/api/v1/registrations/{id}', '/api/v1/sessions/{id}/attendance', '/api/v1/sessions/{id}/sign-in-sheet.pdf', '/api/v1/public/activities']) {
      expect(openapi.paths[path], path).toBeDefined();
    }
  });

  it('answers generated bad JSON with a 4xx in French and changes nothing', async () => {
    const call = await apiToken(t.app, centerId, 'coordinator');
    const activity = await m().programme.create(actor(), activityInput(t.clock, studioId, { title: 'Cible des mauvaises requêtes', capacity: 2 }));
    const [session] = await m().programme.sessions(actor(), activity.id);
    const before = { activities: await count('activities'), registrations: await count('activityRegistrations'), persons: await count('persons'), sessions: await count('activitySessions') };
    const anything = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          title: fc.oneof(fc.constant(''), fc.string({ maxLength: 300 }), fc.integer()),
          kind: fc.oneof(fc.constantFrom('atelier', 'stage', 'bidule'), anything),
          audience: anything,
          theme: fc.oneof(fc.constant('email'), anything),
          level: anything,
          siteId: fc.oneof(fc.constant(studioId), fc.string()),
          capacity: fc.oneof(fc.integer({ min: -5, max: 0 }), fc.double(), fc.string()),
          schedule: fc.oneof(
            anything,
            fc.record({ kind: fc.constant('rrule'), rrule: fc.string(), startDate: fc.string(), startTime: fc.string(), endTime: fc.string() }),
            fc.record({ kind: fc.constant('single'), date: fc.constantFrom(dayFromNow(t.clock, -1), 'hier', '2026-02-31'), startTime: fc.constant('14:00'), endTime: fc.constantFrom('13:00', '14:00') }),
          ),
        }, { requiredKeys: [] }),
        async (body) => {
          const response = await call('POST', '/api/v1/activities', body);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(typeof response.json().message).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          personId: fc.oneof(fc.string(), fc.uuid()),
          person: fc.oneof(anything, fc.record({ firstName: fc.string(), lastName: fc.string(), birthYear: anything, commune: anything, phone: anything, email: anything }, { requiredKeys: [] })),
          contactPhone: anything,
          // Never the consent itself: a typed person with any non-empty names and the consent is
          // a good registration (201), which this property must not generate.
          dataProcessing: anything.filter((value) => value !== true),
        }, { requiredKeys: [] }),
        async (body) => {
          const response = await call('POST', `/api/v1/sessions/${session!.id}/registrations`, body);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    const coordinator = await signIn(t.app, centerId, 'coordinator');
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('title', 'capacity', 'kind', 'scheduleKind', 'startTime', 'date', 'block1Weekday', 'block1Start', 'block2End', 'siteId', 'price'), fc.string(), { maxKeys: 6 }), async (form) => {
        const response = await coordinator.post('/programme/nouvelle', form);
        expect([422]).toContain(response.statusCode);
      }),
      { numRuns: 40 },
    );
    expect({ activities: await count('activities'), registrations: await count('activityRegistrations'), persons: await count('persons'), sessions: await count('activitySessions') }).toEqual(before);
  });
});
