import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createTestApp, titleOf, type TestApp } from '../../../tests/support/app.ts';
import { activityInput, setupProgramme } from '../../modules/activities/activities.fixtures.ts';
import { setupDesk } from '../../modules/helpdesk/helpdesk.fixtures.ts';
import { AppError } from '../errors.ts';
import { hasLink, PUBLIC_LIMITS, safeName } from './public-forms.ts';

function decode(html: string): string {
  return html.replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

describe('names a message may quote', () => {
  it('sees web and e-mail addresses, not the dots and hyphens of real names', () => {
    for (const name of ['evil.example.com', 'www.gagnez.fr', 'https://x.y/z', 'bit.ly/abc', 'moi@exemple.fr', 'Jean http://spam.io']) expect(hasLink(name)).toBe(true);
    for (const name of ['Jean-Pierre', 'J. Pierre', 'Marie-Hélène', 'O’Neil', 'St. Pierre', 'Ana.Maria', 'Nguyễn']) expect(hasLink(name)).toBe(false);
  });

  it('keeps letters and the signs of names only, at most 40 characters', () => {
    expect(safeName('Marie-Hélène')).toBe('Marie-Hélène');
    expect(safeName('Léa <b>gagnez</b> 1000 €')).toBe('Léa b gagnez b');
    expect(safeName('x'.repeat(80))).toHaveLength(40);
    expect(safeName(null)).toBe('');
  });
});

describe('public booking and registration limits', () => {
  let t: TestApp;
  let centreId: string;
  let desk: Awaited<ReturnType<typeof setupDesk>>;
  let slots: string[];
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'limites', 'Centre social Les Tilleuls');
    await t.db.kysely.updateTable('centers').set({ phone: '0327000000' }).where('id', '=', centreId).execute();
    desk = await setupDesk(t.app, centreId);
    slots = (await t.app.services.helpdesk.availability.slots(centreId, { motifId: desk.ants.id, siteId: desk.village.id }, 'public')).slots.map((s) => s.startAt);
  });
  afterAll(() => t.close());

  let next = 0;
  const book = (contact: Record<string, string>, remoteAddress: string, firstName = 'Lucie') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/helpdesk/appointments',
      remoteAddress,
      payload: { motifId: desk.ants.id, siteId: desk.village.id, startAt: slots[next++]!, firstName, lastName: 'Bernard', consent: true, ...contact },
    });
  const appointments = async () => (await t.db.kysely.selectFrom('helpdeskAppointments').select('id').where('centerId', '=', centreId).execute()).length;

  it(`refuses a ${PUBLIC_LIMITS.perContact + 1}th booking of one e-mail address or phone in a day, in French, offering the phone`, async () => {
    for (let i = 0; i < PUBLIC_LIMITS.perContact; i++) expect((await book({ email: 'lucie@exemple.fr' }, `10.0.1.${i}`)).statusCode).toBe(201);
    const before = await appointments();
    const refused = await book({ email: 'Lucie@Exemple.fr', phone: '0611111111' }, '10.0.1.99');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'too_many_submissions' });
    expect(refused.json().message).toMatch(/^Vous avez déjà pris 3 rendez-vous en ligne dans la journée .* appelez le centre/);
    // The same phone with another e-mail is the same contact.
    for (let i = 0; i < PUBLIC_LIMITS.perContact; i++) expect((await book({ phone: '0622222222' }, `10.0.2.${i}`)).statusCode).toBe(201);
    expect((await book({ phone: '06 22 22 22 22', email: 'autre@exemple.fr' }, '10.0.2.99')).statusCode).toBe(429);
    expect(await appointments()).toBe(before + PUBLIC_LIMITS.perContact);

    // On the pages: a plain page with the centre's phone to dial; nothing booked.
    const c = new Client(t.app);
    const startAt = slots[next++]!;
    const journey = { motif: desk.ants.id, lieu: desk.village.id, creneau: startAt };
    await c.get(`/rendez-vous/coordonnees?motif=${desk.ants.id}&lieu=${desk.village.id}&creneau=${encodeURIComponent(startAt)}`);
    const details = await c.post('/rendez-vous/coordonnees', { ...journey, firstName: 'Lucie', lastName: 'Bernard', email: 'lucie@exemple.fr', reminder: 'none', consent: 'oui' });
    expect(details.statusCode).toBe(303);
    const page = await c.post('/rendez-vous/confirmer', journey);
    expect(page.statusCode).toBe(429);
    expect(titleOf(page.body)).toMatch(/^Appelez-nous pour ce rendez-vous/);
    expect(page.body).toContain('<a href="tel:+33327000000" class="tel-link">03 27 00 00 00</a>');
    expect(await appointments()).toBe(before + PUBLIC_LIMITS.perContact);
  });

  it(`refuses a ${PUBLIC_LIMITS.perAddress + 1}th booking from one connection in a day, whatever the contacts`, async () => {
    for (let i = 0; i < PUBLIC_LIMITS.perAddress; i++) expect((await book({ phone: `07000000${String(i).padStart(2, '0')}` }, '192.0.2.7')).statusCode).toBe(201);
    const refused = await book({ phone: '0700000099' }, '192.0.2.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toMatch(/^Beaucoup de rendez-vous ont déjà été pris en ligne depuis cette connexion/);
    // Another connection still books.
    expect((await book({ phone: '0700000099' }, '192.0.2.8')).statusCode).toBe(201);
  });

  it('refuses a web address in a name, and the confirmation quotes nothing typed but the first name', async () => {
    const before = await appointments();
    const spam = await book({ email: 'cible@exemple.fr' }, '10.0.3.1', 'Gagnez 1000 € sur gagnez-vite.example.com');
    expect(spam.statusCode).toBe(422);
    expect(spam.json().fields.firstName).toBe('Indiquez seulement votre nom, sans adresse de site internet ni adresse e-mail');
    expect(await appointments()).toBe(before);
    expect(await t.db.kysely.selectFrom('outbox').select('id').where('recipient', '=', 'cible@exemple.fr').execute()).toHaveLength(0);

    const c = new Client(t.app);
    const startAt = slots[next++]!;
    await c.get(`/rendez-vous/coordonnees?motif=${desk.ants.id}&lieu=${desk.village.id}&creneau=${encodeURIComponent(startAt)}`);
    const form = await c.post('/rendez-vous/coordonnees', {
      motif: desk.ants.id, lieu: desk.village.id, creneau: startAt, firstName: 'www.gagnez.fr', lastName: 'Bernard', email: 'cible@exemple.fr', reminder: 'none', consent: 'oui',
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('href="#champ-firstName"');
    expect(decode(form.body)).toContain('Indiquez seulement votre nom, sans adresse de site internet ni adresse e-mail');

    const ok = await book({ email: 'odile@exemple.fr', note: 'Appelez le 0899 pour gagner' }, '10.0.3.2', 'Odile <b>');
    expect(ok.statusCode).toBe(201);
    const [mail] = await t.db.kysely.selectFrom('outbox').selectAll().where('recipient', '=', 'odile@exemple.fr').execute();
    expect(mail!.body).toMatch(/^Bonjour Odile b,/);
    for (const typed of ['Bernard', '0899', '<b>']) expect(mail!.body).not.toContain(typed);
  });

  it('applies the same limits and the same rule on names to the public activity registration', async () => {
    const { studioId, actor } = await setupProgramme(t.app, centreId);
    const m = t.app.services.activities;
    const activity = await m.programme.create(actor, activityInput(t.clock, studioId, { capacity: 100 }));
    const [session] = await m.programme.sessions(actor, activity.id);
    const adult = { lastName: 'Martin', birthYear: 1970, commune: 'Cambrai', phone: null, email: null };
    const register = (firstName: string, contactEmail: string, ip: string) =>
      m.registrations.register(null, centreId, session!.id, { person: { ...adult, firstName }, contactEmail, dataProcessing: true, ip }, 'public').catch((e: unknown) => e);

    const spam = await register('Paul http://spam.example', 'cible2@exemple.fr', '10.0.4.1');
    expect(spam).toBeInstanceOf(AppError);
    expect((spam as AppError).fields.firstName).toBe('public.name.noLink');
    expect(await t.db.kysely.selectFrom('outbox').select('id').where('recipient', '=', 'cible2@exemple.fr').execute()).toHaveLength(0);

    const names = ['Paul', 'Pierre', 'Jacques', 'Jean'];
    for (const name of names.slice(0, PUBLIC_LIMITS.perContact)) expect(await register(name, 'famille@exemple.fr', '10.0.4.2')).not.toBeInstanceOf(AppError);
    const fourth = await register(names[PUBLIC_LIMITS.perContact]!, 'famille@exemple.fr', '10.0.4.3');
    expect((fourth as AppError).status).toBe(429);
    expect((await t.db.kysely.selectFrom('activityRegistrations').select('id').where('sessionId', '=', session!.id).execute())).toHaveLength(PUBLIC_LIMITS.perContact);

    // The participant question refuses a web address in the name, in French.
    const c = new Client(t.app);
    await c.get(`/activites/${activity.id}/inscription`);
    const page = await c.post(`/activites/${activity.id}/inscription/participant`, { firstName: 'gagnez.example.com', lastName: 'Martin', birthYear: '1970' });
    expect(page.statusCode).toBe(422);
    expect(decode(page.body)).toContain('Indiquez seulement votre nom, sans adresse de site internet ni adresse e-mail');
  });
});
