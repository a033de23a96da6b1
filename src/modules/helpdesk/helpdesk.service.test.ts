import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { createCentre, createStaff, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { firstSlot, setupDesk } from './helpdesk.fixtures.ts';

type Setup = Awaited<ReturnType<typeof setupDesk>>;
const HOUR = 3_600_000;

describe('help desk service: reminders and a person’s data', () => {
  let t: TestApp;
  let centreId: string;
  let desk: Setup;
  let coordinator: Actor;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'hdsvc', 'Centre social Les Tilleuls');
    desk = await setupDesk(t.app, centreId);
    coordinator = { centerId: centreId, userId: null, role: 'coordinator', label: 'coordination', partnerCommuneInsee: null, via: 'system' };
  });
  afterAll(() => t.close());

  const helpdesk = () => t.app.services.helpdesk;
  let n = 0;
  const book = async (afterHours: number, contact: { email?: string; phone?: string; reminder?: 'sms' | 'email' | 'none' }) => {
    n++;
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, afterHours);
    return (
      await helpdesk().booking.book(null, centreId, { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: `Rappel${n}`, lastName: 'Test', consent: true, ...contact })
    ).appointment;
  };
  const messages = (id: string, prefix: string) =>
    t.db.kysely.selectFrom('outbox').selectAll().where('relatedId', '=', id).where('dedupeKey', 'like', `${prefix}%`).execute();

  it('sends the 48-hour reminder once, on the consented channel', async () => {
    const byMail = await book(80, { email: 'rappel-mail@exemple.fr', reminder: 'email' });
    const bySms = await book(90, { phone: '0611000001', email: 'rappel-sms@exemple.fr', reminder: 'sms' });
    const at = (a: { startAt: string }, hoursBefore: number) => new Date(Date.parse(a.startAt) - hoursBefore * HOUR);

    await helpdesk().notifications.sendReminders(at(byMail, 49));
    expect(await messages(byMail.id, 'reminder48')).toHaveLength(0); // not yet

    await helpdesk().notifications.sendReminders(at(byMail, 47));
    await helpdesk().notifications.sendReminders(at(byMail, 46)); // a second run sends nothing more
    const mail = await messages(byMail.id, 'reminder48');
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ channel: 'email', recipient: 'rappel-mail@exemple.fr', dedupeKey: `reminder48:appointment:${byMail.id}:${byMail.startAt}` });
    expect(mail[0]!.subject).toMatch(/^Rappel : votre rendez-vous du /);
    expect(mail[0]!.body).toContain('Une photo d’identité récente');

    await helpdesk().notifications.sendReminders(at(bySms, 47));
    const sms = await messages(bySms.id, 'reminder48');
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', recipient: '0611000001' });
  });

  it('sends nothing without consent, for a cancelled appointment, or when the consent was withdrawn', async () => {
    const noConsent = await book(100, { email: 'sans-rappel@exemple.fr', reminder: 'none' });
    const cancelled = await book(110, { email: 'annule@exemple.fr', reminder: 'email' });
    const withdrawn = await book(120, { phone: '0611000002', reminder: 'sms' });
    await helpdesk().booking.cancel(coordinator, cancelled.id);
    await t.app.services.people.recordConsent(centreId, withdrawn.personId!, 'sms_reminders', false);
    for (const a of [noConsent, cancelled, withdrawn]) await helpdesk().notifications.sendReminders(new Date(Date.parse(a.startAt) - 47 * HOUR));
    for (const a of [noConsent, cancelled, withdrawn]) expect(await messages(a.id, 'reminder')).toHaveLength(0);
  });

  it('does not remind an appointment booked inside the 48 hours (its confirmation is fresh)', async () => {
    const soon = await book(5, { email: 'bientot@exemple.fr', reminder: 'email' });
    await helpdesk().notifications.sendReminders(t.clock.now());
    expect(await messages(soon.id, 'reminder')).toHaveLength(0);
    expect(await messages(soon.id, 'confirmation')).toHaveLength(1);
  });

  it('sends the day-before reminder only where the centre asked for it, and again after a move', async () => {
    const a = await book(130, { email: 'veille@exemple.fr', reminder: 'email' });
    await helpdesk().notifications.sendReminders(new Date(Date.parse(a.startAt) - 23 * HOUR));
    expect(await messages(a.id, 'reminder24')).toHaveLength(0);

    const b = await book(140, { email: 'veille2@exemple.fr', reminder: 'email' });
    await helpdesk().settings.updateSettings(coordinator, { cancelUntilHours: 4, reminderDayBefore: true });
    await helpdesk().notifications.sendReminders(new Date(Date.parse(b.startAt) - 23 * HOUR));
    expect(await messages(b.id, 'reminder24')).toHaveLength(1);
    await helpdesk().settings.updateSettings(coordinator, { cancelUntilHours: 4, reminderDayBefore: false });

    // Moved to another day: the new time gets its own reminder.
    const target = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 200);
    const moved = await helpdesk().booking.move(coordinator, b.id, target.startAt);
    await helpdesk().notifications.sendReminders(new Date(Date.parse(moved.startAt) - 47 * HOUR));
    const reminders = await messages(b.id, 'reminder48');
    expect(reminders.map((m) => m.dedupeKey)).toContain(`reminder48:appointment:${b.id}:${moved.startAt}`);
  });

  it('lets a volunteer who booked by phone see that person, and no one else’s', async () => {
    const v1 = await createStaff(t.app, centreId, 'volunteer');
    const v2 = await createStaff(t.app, centreId, 'volunteer');
    const actor = (id: string): Actor => ({ centerId: centreId, userId: id, role: 'volunteer', label: 'bénévole', partnerCommuneInsee: null, via: 'session' });
    const slot = await firstSlot(t.app, centreId, desk.ants.id, desk.village.id, 150);
    const { appointment } = await helpdesk().booking.book(actor(v1.id), centreId, { motifId: desk.ants.id, siteId: desk.village.id, startAt: slot.startAt, firstName: 'Appel', lastName: 'Téléphone', phone: '0611000003', consent: true });
    expect(await t.app.services.people.canSee(actor(v1.id), appointment.personId!)).toBe(true);
    expect(await t.app.services.people.canSee(actor(v2.id), appointment.personId!)).toBe(false);
  });

  it('exports, merges and erases a person’s appointments and records with their file', async () => {
    const people = t.app.services.people;
    const a = await book(160, { email: 'rgpd@exemple.fr', reminder: 'email' });
    await t.db.kysely.updateTable('helpdeskAppointments').set({ note: 'Besoin pour sa fille', startAt: new Date(t.clock.now().getTime() - HOUR).toISOString() }).where('id', '=', a.id).execute();
    await helpdesk().accompaniments.recordAccompaniment(coordinator, {
      appointmentId: a.id, durationMinutes: 30, placeType: 'lieu_activite', equipment: ['ordinateur'], themes: ['aide_aux_demarches_administratives'],
      details: 'Dossier ANTS commencé', autonomy: 'entierement_accompagne', redirected: false, followUp: false,
    });
    const admin: Actor = { ...coordinator, role: 'admin' };
    const exported = await people.exportData(admin, a.personId!);
    const mine = exported.modules.helpdesk as { appointments: { note: string }[]; accompaniments: { details: string }[] };
    expect(mine.appointments[0]!.note).toBe('Besoin pour sa fille');
    expect(mine.accompaniments[0]!.details).toBe('Dossier ANTS commencé');

    const duplicate = await people.createFromPublicForm(centreId, { firstName: 'Rappel', lastName: 'Doublon', email: 'doublon@exemple.fr', consents: [{ kind: 'data_processing', granted: true }] });
    const other = await book(170, { email: 'doublon2@exemple.fr' });
    await t.db.kysely.updateTable('helpdeskAppointments').set({ personId: duplicate.id }).where('id', '=', other.id).execute();
    await people.merge(admin, a.personId!, duplicate.id);
    expect((await t.db.kysely.selectFrom('helpdeskAppointments').select('personId').where('id', '=', other.id).executeTakeFirstOrThrow()).personId).toBe(a.personId);

    await people.erase(admin, a.personId!);
    const row = await t.db.kysely.selectFrom('helpdeskAppointments').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.note).toBeNull();
    expect(row.outcome).toBe('seen'); // statistics survive
    const record = await t.db.kysely.selectFrom('helpdeskAccompaniments').selectAll().where('appointmentId', '=', a.id).executeTakeFirstOrThrow();
    expect(record.details).toBeNull();
    expect(record.themes).toBe('aide_aux_demarches_administratives');
  });
});
