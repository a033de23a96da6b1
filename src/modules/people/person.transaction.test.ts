import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';

/**
 * Another module writes a person together with its own rows (a booking, a message) in one
 * commit by handing its transaction to the people port's methods.
 */
describe('people port inside a caller’s transaction', () => {
  let t: TestApp;
  let centerId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centerId = await createCentre(t.app);
  });
  afterAll(() => t.close());

  const input = (lastName: string) => ({ firstName: 'Capucine', lastName, consents: [{ kind: 'data_processing', granted: true }] as const });

  it('a rollback of the caller’s transaction leaves no person, no consent, no word', async () => {
    const people = t.app.services.people;
    let createdId = '';
    const failure = new Error('the booking failed');
    await expect(
      t.db.kysely.transaction().execute(async (trx) => {
        const person = await people.createFromPublicForm(centerId, { ...input('Annulée'), consents: [...input('Annulée').consents] }, trx);
        createdId = person.id;
        // Seen inside the transaction, through it (SQLite has one connection, held by it).
        expect((await people.getSummary(centerId, person.id, trx))?.lastName).toBe('Annulée');
        expect(await people.findMatches(centerId, { firstName: 'Capucine', lastName: 'Annulée' }, trx)).toHaveLength(1);
        await people.recordConsent(centerId, person.id, 'email_reminders', true, null, trx);
        expect((await people.currentConsents(centerId, person.id, trx)).email_reminders).toBe(true);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(createdId).not.toBe('');
    expect(await people.getSummary(centerId, createdId)).toBeUndefined();
    expect(await people.findMatches(centerId, { firstName: 'Capucine', lastName: 'Annulée' })).toEqual([]);
    const k = t.db.kysely;
    expect(await k.selectFrom('consents').select('id').where('personId', '=', createdId).execute()).toEqual([]);
    expect(await k.selectFrom('personSearchTerms').select('term').where('personId', '=', createdId).execute()).toEqual([]);
  });

  it('a commit of the caller’s transaction keeps the person; without one, each call commits alone', async () => {
    const people = t.app.services.people;
    const kept = await t.db.kysely.transaction().execute((trx) =>
      people.createFromPublicForm(centerId, { ...input('Gardée'), consents: [...input('Gardée').consents] }, trx),
    );
    expect((await people.getSummary(centerId, kept.id))?.lastName).toBe('Gardée');
    const alone = await people.createFromPublicForm(centerId, { ...input('Seule'), consents: [...input('Seule').consents] });
    expect((await people.currentConsents(centerId, alone.id)).data_processing).toBe(true);
  });
});
