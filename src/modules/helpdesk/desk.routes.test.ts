import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, errorSummaryTargets, signIn, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { firstSlot, setupDesk } from './helpdesk.fixtures.ts';
import { parisDate } from '../../platform/time.ts';

type Setup = Awaited<ReturnType<typeof setupDesk>>;

function decode(html: string): string {
  return html.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

describe('the help desk for staff (/permanences)', () => {
  let t: TestApp;
  let centreId: string;
  let desk: Setup;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'hddesk', 'Centre social Les Tilleuls');
    desk = await setupDesk(t.app, centreId);
  });
  afterAll(() => t.close());

  /** Moves an appointment into the past, as time would. */
  const happened = async (id: string, hoursAgo = 1) => {
    const start = new Date(t.clock.now().getTime() - hoursAgo * 3_600_000);
    await t.db.kysely
      .updateTable('helpdeskAppointments')
      .set({ startAt: start.toISOString(), endAt: new Date(start.getTime() + 30 * 60_000).toISOString() })
      .where('id', '=', id)
      .execute();
  };

  it('books by phone for a new caller, then closes the appointment with an outcome and a complete record', async () => {
    const staff = await signIn(t.app, centreId, 'facilitator');
    const page = await staff.get(`/permanences/rendez-vous/nouveau?personne=nouvelle&motif=${desk.ants.id}&lieu=${desk.village.id}`);
    expect(page.statusCode).toBe(200);
    const slot = /name="startAt" value="([^"]+)"/.exec(page.body)![1]!;

    const missing = await staff.post('/permanences/rendez-vous', { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot, firstName: 'Robert', lastName: 'Lenoir', phone: '06 11 22 33 44' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#champ-consent"');

    const booked = await staff.post('/permanences/rendez-vous', { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot, firstName: 'Robert', lastName: 'Lenoir', phone: '06 11 22 33 44', consent: 'oui', reminder: 'sms' });
    expect(booked.statusCode).toBe(303);
    const url = String(booked.headers.location);
    const id = url.split('/').pop()!;
    const view = await staff.get(url);
    expect(view.body).toContain('Robert Lenoir');
    expect(view.body).toContain('06 11 22 33 44');
    expect(view.body).toContain('Par téléphone');

    const early = await staff.post(`${url}/issue`, { outcome: 'seen' });
    expect(early.statusCode).toBe(409);
    expect(titleOf(early.body)).toMatch(/^Erreur : /);

    await happened(id);
    const seen = await staff.post(`${url}/issue`, { outcome: 'seen' });
    expect(seen.statusCode).toBe(303);
    expect(seen.headers.location).toBe(`${url}/compte-rendu`);
    const form = await staff.get(`${url}/compte-rendu`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/value="papiers_elections_citoyennete" selected/);

    const record = {
      durationMinutes: '30',
      placeType: 'lieu_activite',
      equipment: ['ordinateur', 'telephone'],
      themes: ['aide_aux_demarches_administratives', 'email'],
      procedureCategory: 'papiers_elections_citoyennete',
      autonomy: 'partiellement_autonome',
      redirected: 'true',
      redirectStructure: 'administration',
      followUp: 'true',
    };
    const refused = await staff.post(`${url}/compte-rendu`, { ...record, details: 'Pré-demande faite. mdp: Soleil2024' });
    expect(refused.statusCode).toBe(422);
    expect(decode(refused.body)).toContain('Ce texte semble contenir un mot de passe');
    expect(decode(refused.body)).toContain('Aidants Connect');
    expect(refused.body).toContain('href="#champ-details"');
    expect(await t.db.kysely.selectFrom('helpdeskAccompaniments').select('id').where('appointmentId', '=', id).execute()).toHaveLength(0);

    const saved = await staff.post(`${url}/compte-rendu`, { ...record, details: 'Pré-demande ANTS faite, rendez-vous en mairie à prendre.' });
    expect(saved.statusCode).toBe(303);
    const row = await t.db.kysely.selectFrom('helpdeskAccompaniments').selectAll().where('appointmentId', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      durationMinutes: 30,
      placeType: 'lieu_activite',
      equipment: 'ordinateur|telephone',
      themes: 'aide_aux_demarches_administratives|email',
      procedureCategory: 'papiers_elections_citoyennete',
      autonomy: 'partiellement_autonome',
      redirectStructure: 'administration',
      origin: 'appointment',
    });
    const done = await staff.get(url);
    expect(decode(done.body)).toContain('Prendre le prochain rendez-vous');
    expect(done.body).toContain('<span class="tag success">Présence</span>');
  });

  it('records a drop-in in a few taps and receives it', async () => {
    const volunteer = await signIn(t.app, centreId, 'volunteer');
    const wrong = await volunteer.post('/permanences/passages', { siteId: desk.village.id, motifId: '' });
    expect(wrong.statusCode).toBe(422);
    const ok = await volunteer.post('/permanences/passages', { siteId: desk.village.id, motifId: desk.ants.id, note: 'Carte perdue' });
    expect(ok.statusCode).toBe(303);
    const day = await volunteer.get(String(ok.headers.location));
    expect(day.body).toContain('Carte perdue');
    expect(day.body).toContain('Recevoir');
    const id = /href="\/permanences\/rendez-vous\/([0-9a-f-]+)"[^>]*>Recevoir/.exec(day.body)![1]!;
    const saved = await volunteer.post(`/permanences/rendez-vous/${id}/compte-rendu`, {
      durationMinutes: '10', placeType: 'lieu_activite', equipment: 'ordinateur', themes: 'aide_aux_demarches_administratives', autonomy: 'autonome', redirected: 'false', followUp: 'false',
    });
    expect(saved.statusCode).toBe(303);
    const row = await t.db.kysely.selectFrom('helpdeskAppointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'drop_in', outcome: 'seen' });
  });

  it('records an accompaniment outside any appointment, anonymous or not', async () => {
    const staff = await signIn(t.app, centreId, 'facilitator');
    const form = await staff.get('/permanences/accompagnements/nouveau');
    expect(form.statusCode).toBe(200);
    const bad = await staff.post('/permanences/accompagnements', { durationMinutes: '0', placeType: 'ailleurs', themes: [], autonomy: '' });
    expect(bad.statusCode).toBe(422);
    for (const f of ['durationMinutes', 'placeType', 'themes', 'autonomy']) expect(bad.body).toContain(`href="#champ-${f}"`);
    // Radios and checkboxes too: each summary link lands on an input that takes the focus.
    const targets = errorSummaryTargets(bad.body);
    expect(targets).toMatchObject({ 'champ-durationMinutes': 'input', 'champ-placeType': 'input', 'champ-themes': 'input', 'champ-autonomy': 'input' });
    expect(Object.values(targets).filter((tag) => tag !== 'input' && tag !== 'select' && tag !== 'textarea')).toEqual([]);
    expect(bad.body).toMatch(/<div class="error-summary"[^>]*tabindex="-1"[^>]*autofocus/);
    const ok = await staff.post('/permanences/accompagnements', {
      durationMinutes: '5', placeType: 'lieu_activite', equipment: 'telephone', themes: 'securite_numerique', autonomy: 'autonome', redirected: 'false', followUp: 'false',
    });
    expect(ok.statusCode).toBe(303);
    const list = await staff.get('/permanences/accompagnements');
    expect(decode(list.body)).toContain('Sécurité numérique');
  });

  it('lets the coordinator define motifs, openings and absences, with errors the GOV.UK way', async () => {
    const coord = await signIn(t.app, centreId, 'coordinator');
    const noName = await coord.post('/permanences/motifs', { name: '', procedureCategory: 'argent_impots', durationMinutes: '30', bookableBy: 'public' });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('href="#champ-name"');
    const motif = await coord.post('/permanences/motifs', { name: 'Impôts en ligne', procedureCategory: 'argent_impots', durationMinutes: '45', bookableBy: 'public', minDelayHours: '2', horizonDays: '30', whatToBring: 'Votre dernier avis d’impôt' });
    expect(motif.statusCode).toBe(303);
    const motifRow = await t.db.kysely.selectFrom('helpdeskMotifs').selectAll().where('name', '=', 'Impôts en ligne').executeTakeFirstOrThrow();
    expect(motifRow.durationMinutes).toBe(45);

    const backwards = await coord.post('/permanences/horaires', { siteId: desk.mainSite.id, weekday: '2', startTime: '12:00', endTime: '09:00', startsOn: '2026-01-05', motifIds: motifRow.id });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain('L’heure de fin doit être après l’heure de début');
    const opening = await coord.post('/permanences/horaires', { siteId: desk.mainSite.id, weekday: '2', startTime: '14:00', endTime: '17:00', startsOn: '2026-01-05', everyWeeks: '1', motifIds: motifRow.id });
    expect(opening.statusCode).toBe(303);
    const list = await coord.get('/permanences/horaires');
    expect(list.body).toContain('Chaque mardi');

    const absence = await coord.post('/permanences/absences', { siteId: desk.mainSite.id, firstDay: '2026-02-09', lastDay: '2026-02-20', reason: 'Congés' });
    expect(absence.statusCode).toBe(303);
    const badAbsence = await coord.post('/permanences/absences', { firstDay: '2026-02-20', lastDay: '2026-02-09' });
    expect(badAbsence.statusCode).toBe(422);

    const settings = await coord.post('/permanences/reglages', { cancelUntilHours: '24', reminderDayBefore: 'true' });
    expect(settings.statusCode).toBe(303);
    expect(await t.app.services.helpdesk.settings.getSettings(centreId)).toEqual({ cancelUntilHours: 24, reminderDayBefore: true });
    await coord.post('/permanences/reglages', { cancelUntilHours: '4', reminderDayBefore: 'false' });
  });

  it('shows the coordinator the week across sites and the no-show rate per motif and site', async () => {
    const coord = await signIn(t.app, centreId, 'coordinator');
    const helpdesk = t.app.services.helpdesk;
    const ids: string[] = [];
    for (const [i, name] of ['Absent', 'Present', 'Excuse'].entries()) {
      const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 100 + i * 24);
      const { appointment } = await helpdesk.booking.book(null, centreId, { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: name, lastName: 'Semaine', phone: `060000000${i}`, consent: true });
      ids.push(appointment.id);
      await happened(appointment.id, 48 + i);
    }
    const staffActor = { centerId: centreId, userId: null, role: 'coordinator' as const, label: 'test', partnerCommuneInsee: null, via: 'system' as const };
    await helpdesk.desk.setOutcome(staffActor, ids[0]!, 'no_show');
    await helpdesk.desk.setOutcome(staffActor, ids[1]!, 'seen');
    await helpdesk.desk.setOutcome(staffActor, ids[2]!, 'excused');
    const week = await coord.get(`/permanences/semaine?date=${parisDate(t.clock.now().getTime() - 48 * 3_600_000)}`);
    expect(week.statusCode).toBe(200);
    expect(decode(week.body)).toContain('Absences aux rendez-vous');
    expect(decode(week.body)).toMatch(/Carte d’identité \/ passeport \(ANTS\)<\/th><td[^>]*>\d+<\/td><td[^>]*>\d+<\/td><td[^>]*>[1-9]/);
    expect(week.body).toContain('Mairie de Saint-Aubert');
    const facilitator = await signIn(t.app, centreId, 'facilitator');
    expect((await facilitator.get('/permanences/semaine')).statusCode).toBe(403);
  });

  it('shows a volunteer only the appointments of their own desk, and a partner nothing', async () => {
    const helpdesk = t.app.services.helpdesk;
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 200);
    const { appointment } = await helpdesk.booking.book(null, centreId, { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Secret', lastName: 'Voisin', phone: '0677777777', consent: true });
    const volunteer = await signIn(t.app, centreId, 'volunteer');
    expect((await volunteer.get(`/permanences/rendez-vous/${appointment.id}`)).statusCode).toBe(404);
    const day = await volunteer.get(`/permanences?date=${slot.startAt.slice(0, 10)}`);
    expect(day.body).not.toContain('Secret Voisin');
    const partner = await signIn(t.app, centreId, 'partner');
    expect((await partner.get('/permanences')).statusCode).toBe(403);
    const coord = await signIn(t.app, centreId, 'coordinator');
    expect((await coord.get(`/permanences/rendez-vous/${appointment.id}`)).body).toContain('Secret Voisin');
  });

  it('answers 404 for another centre’s appointment', async () => {
    const other = await createCentre(t.app, 'hdother', 'Autre centre');
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 300);
    const { appointment } = await t.app.services.helpdesk.booking.book(null, centreId, { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Ici', lastName: 'Seulement', phone: '0688888888', consent: true });
    const stranger = await signIn(t.app, other, 'coordinator');
    expect((await stranger.get(`/permanences/rendez-vous/${appointment.id}`)).statusCode).toBe(404);
    expect((await stranger.api('PATCH', `/api/v1/helpdesk/appointments/${appointment.id}`, { action: 'cancel' })).statusCode).toBe(404);
    expect((await stranger.api('GET', `/api/v1/helpdesk/slots?motif=${desk.ants.id}`)).statusCode).toBe(404);
  });
});
