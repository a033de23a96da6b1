import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, errorSummaryTargets, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { formatDay } from './helpdesk.format.ts';
import { firstSlot, setupDesk } from './helpdesk.fixtures.ts';
import { addDays, parisDate, parisToUtcMs } from '../../platform/time.ts';

type Setup = Awaited<ReturnType<typeof setupDesk>>;

function decode(html: string): string {
  return html.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

describe('resident booking pages (/rendez-vous)', () => {
  let t: TestApp;
  let centreId: string;
  let desk: Setup;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'hdpages', 'Centre social Les Tilleuls');
    await t.db.kysely.updateTable('centers').set({ phone: '0327000000' }).where('id', '=', centreId).execute();
    desk = await setupDesk(t.app, centreId);
  });
  afterAll(() => t.close());

  const journeyQuery = (startAt: string) => `motif=${desk.ants.id}&lieu=${desk.village.id}&creneau=${encodeURIComponent(startAt)}`;

  it('says each place’s commune once, even when its address already names it', async () => {
    await t.db.kysely.updateTable('sites').set({ address: 'Place de la mairie, 59528 Saint-Aubert' }).where('id', '=', desk.village.id).execute();
    try {
      const where = await new Client(t.app).get(`/rendez-vous/lieu?motif=${desk.ants.id}`);
      expect(decode(where.body)).toContain('Place de la mairie, 59528 Saint-Aubert<');
      expect(decode(where.body)).not.toContain('Saint-Aubert, Saint-Aubert');
    } finally {
      await t.db.kysely.updateTable('sites').set({ address: 'Place de la mairie' }).where('id', '=', desk.village.id).execute();
    }
  });

  it('walks the question pages: what for, where, when', async () => {
    const c = new Client(t.app);
    const start = await c.get('/rendez-vous');
    expect(start.statusCode).toBe(200);
    expect(titleOf(start.body)).toMatch(/^Pour quoi avez-vous besoin d’aide/);
    expect(decode(start.body)).toContain('Carte d’identité / passeport (ANTS)');
    expect(start.body).not.toContain('Suivi de dossier'); // staff-only motif

    const noChoice = await c.get('/rendez-vous/lieu');
    expect(noChoice.statusCode).toBe(422);
    expect(titleOf(noChoice.body)).toMatch(/^Erreur : /);
    expect(noChoice.body).toContain('href="#champ-motif"');
    expect(errorSummaryTargets(noChoice.body)).toEqual({ 'champ-motif': 'input' });

    const where = await c.get(`/rendez-vous/lieu?motif=${desk.ants.id}`);
    expect(where.statusCode).toBe(200);
    expect(where.body).toContain('Mairie de Saint-Aubert');
    expect(where.body).toContain('Prochain créneau libre');

    const noPlace = await c.get(`/rendez-vous/creneau?motif=${desk.ants.id}`);
    expect(noPlace.statusCode).toBe(422);
    expect(noPlace.body).toContain('href="#champ-lieu"');
    expect(errorSummaryTargets(noPlace.body)).toEqual({ 'champ-lieu': 'input' });

    const when = await c.get(`/rendez-vous/creneau?motif=${desk.ants.id}&lieu=${desk.village.id}`);
    expect(when.statusCode).toBe(200);
    expect(when.body).toMatch(/<h2 id="jour-\d{4}-\d{2}-\d{2}">(Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche) \d+ /);
    expect(when.body).toMatch(/name="creneau" value="\d{4}-\d{2}-\d{2}T/);
    expect(when.body).toContain('Voir les créneaux suivants');
  });

  it('books, confirms with what to bring, then cancels by the signed link and frees the slot', async () => {
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 6);
    const c = new Client(t.app);
    const form = await c.get(`/rendez-vous/coordonnees?${journeyQuery(slot.startAt)}`);
    expect(form.statusCode).toBe(200);

    const wrong = await c.post('/rendez-vous/coordonnees', { motif: desk.ants.id, lieu: desk.village.id, creneau: slot.startAt, firstName: 'Lucie', lastName: '', phone: '06 12', reminder: 'sms' });
    expect(wrong.statusCode).toBe(422);
    expect(titleOf(wrong.body)).toMatch(/^Erreur : /);
    for (const field of ['lastName', 'phone', 'consent']) expect(wrong.body).toContain(`href="#champ-${field}"`);
    expect(wrong.body).toContain('Indiquez un numéro de téléphone à 10 chiffres');
    expect(wrong.body).toContain('value="Lucie"');

    // An SMS cannot reach a landline: the resident is told before booking, nothing is saved.
    const landline = await c.post('/rendez-vous/coordonnees', { motif: desk.ants.id, lieu: desk.village.id, creneau: slot.startAt, firstName: 'Lucie', lastName: 'Bernard', phone: '03 27 12 34 56', reminder: 'sms', consent: 'oui' });
    expect(landline.statusCode).toBe(422);
    expect(decode(landline.body)).toContain('Ce numéro est un fixe : un SMS ne peut pas y arriver.');
    expect(await t.db.kysely.selectFrom('persons').select('id').where('centerId', '=', centreId).where('phone', '=', '0327123456').execute()).toEqual([]);

    const secret = await c.post('/rendez-vous/coordonnees', { motif: desk.ants.id, lieu: desk.village.id, creneau: slot.startAt, firstName: 'Lucie', lastName: 'Bernard', phone: '06 12 34 56 78', reminder: 'sms', consent: 'oui', note: 'mdp: Soleil2024' });
    expect(secret.statusCode).toBe(422);
    expect(decode(secret.body)).toContain('Aidants Connect');

    const ok = await c.post('/rendez-vous/coordonnees', { motif: desk.ants.id, lieu: desk.village.id, creneau: slot.startAt, firstName: 'Lucie', lastName: 'Bernard', phone: '06 12 34 56 78', reminder: 'sms', consent: 'oui', note: 'Renouveler ma carte' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/rendez-vous/verifier?${journeyQuery(slot.startAt).replace(/%3A/g, '%3A')}`);
    // Contact details never travel in an address.
    expect(String(ok.headers.location)).not.toContain('Lucie');

    const check = await c.get(String(ok.headers.location));
    expect(check.statusCode).toBe(200);
    expect(check.body).toContain('Lucie Bernard');
    expect(check.body).toContain('06 12 34 56 78');

    const confirmed = await c.post('/rendez-vous/confirmer', { motif: desk.ants.id, lieu: desk.village.id, creneau: slot.startAt });
    expect(confirmed.statusCode).toBe(303);
    const page = await c.get(String(confirmed.headers.location));
    expect(page.statusCode).toBe(200);
    expect(decode(page.body)).toContain('Votre rendez-vous est confirmé');
    expect(decode(page.body)).toContain('Une photo d’identité récente');
    expect(page.body).toContain('par SMS');

    const row = await t.db.kysely.selectFrom('helpdeskAppointments').selectAll().where('startAt', '=', slot.startAt).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'booked', channel: 'online', note: 'Renouveler ma carte' });
    const sms = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', '0612345678').executeTakeFirstOrThrow();
    expect(sms.channel).toBe('sms');
    const link = /\/rendez-vous\/gerer\/[\w.-]+/.exec(sms.body)![0];

    const manage = await c.get(link);
    expect(manage.statusCode).toBe(200);
    expect(manage.body).toContain(`href="${link}/annuler"`);
    const question = await c.get(`${link}/annuler`);
    expect(decode(question.body)).toContain('Voulez-vous vraiment annuler ce rendez-vous ?');
    const cancelled = await c.post(`${link}/annuler`, {});
    expect(cancelled.statusCode).toBe(303);
    const after = await c.get(link);
    expect(decode(after.body)).toContain('Ce rendez-vous est annulé');
    expect((await t.db.kysely.selectFrom('helpdeskAppointments').select('status').where('id', '=', row.id).executeTakeFirstOrThrow()).status).toBe('cancelled');
    const free = (await t.app.inject({ url: `/api/v1/helpdesk/slots?motif=${desk.ants.id}&site=${desk.village.id}` })).json();
    expect(free.slots.map((s: { startAt: string }) => s.startAt)).toContain(slot.startAt);
  });

  it('answers 409 with the slots still free when the slot was taken between the check page and the confirmation', async () => {
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 30);
    const c = new Client(t.app);
    await c.get(`/rendez-vous/coordonnees?${journeyQuery(slot.startAt)}`);
    const ok = await c.post('/rendez-vous/coordonnees', { motif: desk.ants.id, lieu: desk.village.id, creneau: slot.startAt, firstName: 'Marc', lastName: 'Petit', email: 'marc@exemple.fr', reminder: 'email', consent: 'oui' });
    expect(ok.statusCode).toBe(303);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/helpdesk/appointments',
      payload: { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Rapide', lastName: 'Voisin', phone: '0699999999', consent: true },
    });
    expect(other.statusCode).toBe(201);
    const late = await c.post('/rendez-vous/confirmer', { motif: desk.ants.id, lieu: desk.village.id, creneau: slot.startAt });
    expect(late.statusCode).toBe(409);
    expect(titleOf(late.body)).toMatch(/^Erreur : Quand voulez-vous venir/);
    expect(decode(late.body)).toContain('Ce créneau vient d’être réservé par quelqu’un d’autre. Prochains créneaux libres :');
    expect(await t.db.kysely.selectFrom('persons').select('id').where('email', '=', 'marc@exemple.fr').execute()).toHaveLength(0);
  });

  it('changes the slot by the signed link, and refuses to cancel online too close to the time', async () => {
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 50);
    const booked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/helpdesk/appointments',
      payload: { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Odile', lastName: 'Moreau', email: 'odile@exemple.fr', consent: true },
    });
    const { manageToken, appointment } = booked.json();
    const c = new Client(t.app);
    const choose = await c.get(`/rendez-vous/gerer/${manageToken}/changer`);
    expect(choose.statusCode).toBe(200);
    const target = /name="creneau" value="([^"]+)"/.exec(choose.body)![1]!;
    expect(target).not.toBe(slot.startAt);
    const moved = await c.post(`/rendez-vous/gerer/${manageToken}/changer`, { creneau: target });
    expect(moved.statusCode).toBe(303);
    const row = await t.db.kysely.selectFrom('helpdeskAppointments').selectAll().where('id', '=', appointment.id).executeTakeFirstOrThrow();
    expect(row.startAt).toBe(target);
    const mails = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'odile@exemple.fr').execute();
    expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/^Nouvelle date/)]));

    // Within the cancellation deadline (4 h by default): the page says to call, the POST is refused.
    await t.db.kysely
      .updateTable('helpdeskAppointments')
      .set({ startAt: new Date(t.clock.now().getTime() + 2 * 3_600_000).toISOString(), endAt: new Date(t.clock.now().getTime() + 2.5 * 3_600_000).toISOString() })
      .where('id', '=', appointment.id)
      .execute();
    const manage = await c.get(`/rendez-vous/gerer/${manageToken}`);
    expect(decode(manage.body)).toContain('Il est trop tard pour l’annuler ou le changer en ligne. Appelez le centre au <a href="tel:+33327000000" class="tel-link">03 27 00 00 00</a>.');
    expect(manage.body).not.toContain('/annuler"');
    const refused = await c.post(`/rendez-vous/gerer/${manageToken}/annuler`, {});
    expect(refused.statusCode).toBe(409);
    expect((await t.db.kysely.selectFrom('helpdeskAppointments').select('status').where('id', '=', appointment.id).executeTakeFirstOrThrow()).status).toBe('booked');
  });

  it('answers 404 to a forged or tampered link', async () => {
    const c = new Client(t.app);
    expect((await c.get('/rendez-vous/gerer/nimporte.quoi.ici')).statusCode).toBe(404);
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 70);
    const { manageToken } = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/helpdesk/appointments',
        payload: { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Zoé', lastName: 'Lefèvre', phone: '0655443322', consent: true },
      })
    ).json();
    const tampered = manageToken.replace(/.$/, (ch: string) => (ch === 'A' ? 'B' : 'A'));
    expect((await c.get(`/rendez-vous/gerer/${tampered}`)).statusCode).toBe(404);
    expect((await c.post(`/rendez-vous/gerer/${tampered}/annuler`, {})).statusCode).toBe(404);
  });
  it('says plainly when a motif has no free slot in its window, with the phone to call and the next opening', async () => {
    const { helpdesk } = t.app.services;
    const taxes = await helpdesk.settings.createMotif(desk.actor, {
      name: 'Déclaration de revenus', description: null, procedureCategory: 'argent_impots', durationMinutes: 30, whatToBring: null,
      bookableBy: 'public', minDelayHours: 0, horizonDays: 14,
    });
    // The desk for this motif opens in 40 days only: nothing to book within 14 days.
    const startsOn = addDays(parisDate(t.clock.now().getTime()), 40);
    for (const weekday of [1, 2, 3, 4, 5, 6, 7]) {
      await helpdesk.settings.createOpening(desk.actor, { siteId: desk.mainSite.id, weekday, startTime: '14:00', endTime: '16:00', startsOn, everyWeeks: 1, motifIds: [taxes.id] });
    }
    const c = new Client(t.app);
    for (const url of [`/rendez-vous/lieu?motif=${taxes.id}`, `/rendez-vous/creneau?motif=${taxes.id}`]) {
      const page = await c.get(url);
      expect(page.statusCode).toBe(200);
      expect(titleOf(page.body)).toMatch(/^Pas de rendez-vous libre pour le moment/);
      expect(page.body).not.toContain('Certaines informations sont à corriger');
      expect(page.body).toContain('<a href="tel:+33327000000" class="tel-link">03 27 00 00 00</a>');
      // The first opening day (a public holiday may push it a day or two).
      const days = [0, 1, 2].map((n) => formatDay(new Date(parisToUtcMs(addDays(startsOn, n), 14 * 60)).toISOString(), t.clock.now(), 'fr'));
      expect(days.some((day) => decode(page.body).includes(`Prochaine permanence avec de la place : ${day} à 14 h, Centre social`))).toBe(true);
    }

    // A motif with no opening at all: the same plain page, with the phone and no date.
    const none = await helpdesk.settings.createMotif(desk.actor, {
      name: 'Retraite', description: null, procedureCategory: 'social_sante', durationMinutes: 30, whatToBring: null,
      bookableBy: 'public', minDelayHours: 0, horizonDays: 14,
    });
    const page = await c.get(`/rendez-vous/creneau?motif=${none.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="tel:+33327000000"');
    expect(page.body).not.toContain('Prochaine permanence');
  });
});
