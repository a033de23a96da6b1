import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createStaff, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { currentYear } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { countPersons, planSearch } from './person.repository.ts';
import { searchPrefixesOf } from './search-text.ts';
import { CONSENT_WORDING_VERSION } from './person.schemas.ts';
import { PossibleDuplicateError, type PeopleService } from './person.service.ts';


async function actorFor(t: TestApp, centerId: string, role: Role): Promise<Actor> {
  const user = await createStaff(t.app, centerId, role);
  return { centerId, userId: user.id, role, label: user.displayName, partnerCommuneInsee: null, via: 'session' };
}

async function rejects(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const consentOk = { data_processing: true };

describe('PeopleService', () => {
  let t: TestApp;
  let people: PeopleService;
  let centreA: string;
  let centreB: string;
  let admin: Actor;
  let coordinator: Actor;
  let adminB: Actor;
  // Persons a registered PersonAccess provider gives to the volunteer below.
  const accompanied = new Set<string>();
  // What the module registered in the PersonDataRegistry was asked to do.
  const moduleCalls: string[] = [];
  let volunteer: Actor;
  /** This year in Paris, by the app's clock. */
  let YEAR: number;

  beforeAll(async () => {
    t = await createTestApp();
    YEAR = currentYear(t.clock.now());
    people = t.app.services.people;
    centreA = await createCentre(t.app, 'svc-a', 'Centre A');
    centreB = await createCentre(t.app, 'svc-b', 'Centre B');
    admin = await actorFor(t, centreA, 'admin');
    coordinator = await actorFor(t, centreA, 'coordinator');
    adminB = await actorFor(t, centreB, 'admin');
    volunteer = await actorFor(t, centreA, 'volunteer');
    t.app.ctx.personAccess.register(async (actor) => (actor.userId === volunteer.userId ? [...accompanied] : []));
    t.app.ctx.personData.register({
      name: 'test-module',
      export: async (_db, _c, personId) => ({ personId, notes: ['une note'] }),
      merge: async (_trx, centerId, keepId, duplicateId) => {
        moduleCalls.push(`merge ${centerId} ${keepId} ${duplicateId}`);
      },
      erase: async (_trx, centerId, personId) => {
        moduleCalls.push(`erase ${centerId} ${personId}`);
      },
    });
  });
  afterAll(() => t.close());

  /** The words a person is found by, as the search index holds them. */
  async function termsOf(personId: string): Promise<string[]> {
    const rows = await t.db.kysely.selectFrom('personSearchTerms').select('term').where('personId', '=', personId).orderBy('term').execute();
    return rows.map((r) => r.term);
  }

  /**
   * The beginnings a person is found by, checked against the file as it is now: each beginning
   * of its search words once, with its sort key, while live; none once merged or erased.
   */
  async function expectPrefixesInStep(personId: string): Promise<void> {
    const k = t.db.kysely;
    const row = await k.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    const rows = await k.selectFrom('personSearchPrefixes').select(['centerId', 'prefix', 'sortName']).where('personId', '=', personId).orderBy('prefix').execute();
    const live = row.mergedIntoId === null && row.erasedAt === null;
    expect(rows).toEqual(live ? searchPrefixesOf(row.searchText).sort().map((prefix) => ({ centerId: row.centerId, prefix, sortName: row.sortName })) : []);
  }

  it('registers a person with the least data, stores digits, INSEE code, age bracket and consents', async () => {
    const file = await people.create(admin, {
      firstName: '  Hélène ',
      lastName: 'Dupont',
      phone: '06 12 34 56 78',
      email: 'Helene.Dupont@Exemple.FR',
      birthYear: 1950,
      commune: 'Cambrai (59400)',
      socialStatus: 'retraite',
      household: 'Famille Dupont',
      membership: { amountCents: 1000 },
      consents: { data_processing: true, sms_reminders: true, photos: false },
    });
    expect(file).toMatchObject({
      firstName: 'Hélène',
      phone: '0612345678',
      email: 'helene.dupont@exemple.fr',
      ageBracket: 'soixante_dix_plus',
      communeInsee: '59122',
      communeName: 'Cambrai',
      socialStatus: 'retraite',
      gender: 'non_communique',
      memberships: [{ year: YEAR, amountCents: 1000 }],
    });
    expect(file.household?.name).toBe('Famille Dupont');
    expect(file.consents.data_processing).toMatchObject({ granted: true, wordingVersion: CONSENT_WORDING_VERSION });
    expect(file.consents.sms_reminders?.granted).toBe(true);
    expect(file.consents.photos?.granted).toBe(false);
    expect(file.consents.email_reminders).toBeNull();
    // An adult: the parental question did not apply, so nothing is recorded for it.
    expect(file.consents.parental_authorisation).toBeNull();
    const row = await t.db.kysely.selectFrom('persons').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row.searchText).toBe('helene dupont 0612345678 helene.dupont@exemple.fr cambrai');
    expect(row.createdBy).toBe(admin.userId);
    await expectPrefixesInStep(file.id);
    expect((await t.db.kysely.selectFrom('personSearchPrefixes').select('prefix').where('personId', '=', file.id).where('prefix', 'in', ['h', 'helen', 'dupon', '06123', 'cambr']).execute()).length).toBe(5);
    const log = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectId', '=', file.id).execute();
    expect(log.map((l) => l.action)).toEqual(['create']);
  });

  it('refuses a file without the data-processing consent, and a minor without parental authorisation', async () => {
    const before = await t.db.kysely.selectFrom('persons').select('id').execute();
    const noConsent = await rejects(people.create(admin, { firstName: 'Paul', lastName: 'Sans', consents: {} }));
    expect(noConsent.status).toBe(422);
    expect(noConsent.fields).toHaveProperty('consents.data_processing');
    const minor = await rejects(people.create(admin, { firstName: 'Léo', lastName: 'Petit', birthYear: YEAR - 10, consents: consentOk }));
    expect(minor.fields).toEqual({ 'consents.parental_authorisation': 'people.consent.parental_authorisation.required' });
    const after = await t.db.kysely.selectFrom('persons').select('id').execute();
    expect(after.length).toBe(before.length);
    const ok = await people.create(admin, {
      firstName: 'Léo',
      lastName: 'Petit',
      birthYear: YEAR - 10,
      consents: { data_processing: true, parental_authorisation: true },
    });
    expect(ok.ageBracket).toBe('moins_de_douze');
  });

  it('resolves communes by name, postal code or INSEE code, and explains unknown or ambiguous ones', async () => {
    const byCode = await people.create(admin, { firstName: 'Ana', lastName: 'Code', commune: '59122', consents: consentOk });
    expect(byCode.communeInsee).toBe('59122');
    const unknown = await rejects(people.create(admin, { firstName: 'Ana', lastName: 'Nulle', commune: 'Atlantide', consents: consentOk }));
    expect(unknown.fields.commune).toBe('people.commune.unknown');
    const ambiguous = await rejects(people.create(admin, { firstName: 'Ana', lastName: 'Double', commune: 'Beaumont', consents: {} }));
    expect(ambiguous.fields.commune).toMatch(/Plusieurs communes.*Beaumont \(\d{5}\)/);
    // A name shared across France but with one commune in the centre's area means that one.
    const naves = await people.create(admin, { firstName: 'Ana', lastName: 'Naves', commune: 'naves', consents: consentOk });
    expect(naves.communeInsee).toBe('59422');
    expect((await people.create(admin, { firstName: 'Ana', lastName: 'Aveyron', commune: 'Naves (19460)', consents: consentOk })).communeInsee).toBe('19146');
    // Every rule error comes at once, so the user fixes them in one go.
    expect(ambiguous.fields).toHaveProperty('consents.data_processing');
  });

  it('detects likely duplicates by folded name and birth year, phone or e-mail, unless confirmed', async () => {
    const first = await people.create(admin, { firstName: 'Jean-Marc', lastName: 'Lefèvre', birthYear: 1970, phone: '0700000001', consents: consentOk });
    const sameName = await rejects(people.create(admin, { firstName: 'jean marc', lastName: 'LEFEVRE', birthYear: 1970, consents: consentOk }));
    expect(sameName).toBeInstanceOf(PossibleDuplicateError);
    expect((sameName as PossibleDuplicateError).duplicates.map((d) => [d.id, d.matchedOn])).toEqual([[first.id, ['name']]]);
    const samePhone = (await rejects(
      people.create(admin, { firstName: 'Autre', lastName: 'Nom', phone: '07 00 00 00 01', consents: consentOk }),
    )) as PossibleDuplicateError;
    expect(samePhone.duplicates[0]?.matchedOn).toEqual(['phone']);
    expect(samePhone.fields).toHaveProperty('phone');
    // Another birth year: a namesake, not a duplicate.
    const namesake = await people.create(admin, { firstName: 'Jean-Marc', lastName: 'Lefèvre', birthYear: 1990, consents: consentOk });
    expect(namesake.id).not.toBe(first.id);
    const confirmed = await people.create(admin, {
      firstName: 'Jean-Marc',
      lastName: 'Lefevre',
      birthYear: 1970,
      consents: consentOk,
      confirmNotDuplicate: true,
    });
    expect(confirmed.id).not.toBe(first.id);
    // The last name "Lefèvre" starts "Lefèvrel…"? A longer name is not the same name.
    const { duplicates } = await people.findDuplicates(admin, { firstName: 'Jean', lastName: 'Marc Lefèvre' });
    expect(duplicates).toEqual([]);
  });

  it('lists in French order, accents and case ignored, and pages both ways by cursor', async () => {
    for (const lastName of ['Zola', 'émile', 'Emilien', 'Durand', 'Écrin', 'Dupont-Aignan', 'Dupont']) {
      await people.create(admin, { firstName: 'Ordrette', lastName, consents: consentOk, confirmNotDuplicate: true });
    }
    const order = ['Dupont', 'Dupont-Aignan', 'Durand', 'Écrin', 'émile', 'Emilien', 'Zola'];
    expect((await people.search(admin, { q: 'ordrette' })).items.map((p) => p.lastName)).toEqual(order);
    const seen: string[] = [];
    let page = await people.search(admin, { q: 'ordrette', pageSize: 3 });
    expect(page.previous).toBeNull();
    for (;;) {
      seen.push(...page.items.map((p) => p.lastName!));
      if (!page.next) break;
      page = await people.search(admin, { q: 'ordrette', pageSize: 3, cursor: page.next });
    }
    expect(seen).toEqual(order);
    const back = await people.search(admin, { q: 'ordrette', pageSize: 3, cursor: page.previous! });
    expect(back.items.map((p) => p.lastName)).toEqual(['Écrin', 'émile', 'Emilien']);
    // Renamed: the file moves to its new place in the order.
    const zola = (await people.search(admin, { q: 'ordrette zola' })).items[0]!;
    await people.update(admin, zola.id, { lastName: 'Abel' });
    expect((await people.search(admin, { q: 'ordrette', pageSize: 1 })).items[0]?.lastName).toBe('Abel');
  });

  it('searches without accents or case, every word matching, paginated, by phone and commune too', async () => {
    await people.create(admin, { firstName: 'Hélène', lastName: 'Bécourt', phone: '0611223344', commune: 'Cambrai', consents: consentOk });
    await people.create(admin, { firstName: 'Helena', lastName: 'Martin', commune: 'Caudry', consents: consentOk });
    const accent = await people.search(admin, { q: 'helene becourt' });
    expect(accent.items.map((p) => p.lastName)).toEqual(['Bécourt']);
    expect((await people.search(admin, { q: 'HÉLÈNE' })).items.map((p) => p.lastName).sort()).toEqual(['Bécourt', 'Dupont']);
    expect((await people.search(admin, { q: '06 11 22 33 44' })).items.map((p) => p.lastName)).toEqual(['Bécourt']);
    expect((await people.search(admin, { q: 'caudry' })).items.map((p) => p.firstName)).toEqual(['Helena']);
    expect((await people.search(admin, { q: 'helene inexistant' })).total).toBe(0);
    expect(accent).toMatchObject({ total: 1, totalCapped: false });
    // A count may stop early (the list's "more than 1,000"): with a stop at 1, two matches say 1.
    const tokens = ['hel'];
    expect(await countPersons(t.app.ctx.kysely, centreA, tokens, {})).toBeGreaterThanOrEqual(2);
    expect(await countPersons(t.app.ctx.kysely, centreA, tokens, {}, 1)).toBe(1);
    expect(await countPersons(t.app.ctx.kysely, centreA, tokens, { ids: [], createdBy: admin.userId }, 1)).toBeLessThanOrEqual(1);
    // Words are matched from their beginning: a start finds, a middle does not.
    expect((await people.search(admin, { q: 'Bécou' })).items.map((p) => p.lastName)).toEqual(['Bécourt']);
    expect((await people.search(admin, { q: 'hel cau' })).items.map((p) => p.firstName)).toEqual(['Helena']);
    expect((await people.search(admin, { q: 'court' })).total).toBe(0);
    expect((await people.search(admin, { q: '06 11 22' })).items.map((p) => p.lastName)).toEqual(['Bécourt']);
    expect((await people.search(admin, { q: '11 22 33 44' })).total).toBe(0);
    const all = await people.search(admin, {});
    const page1 = await people.search(admin, { pageSize: 3 });
    const page2 = await people.search(admin, { cursor: page1.next!, pageSize: 3 });
    expect(page2.items.length).toBe(3);
    expect(page2.items[0]?.id).toBe(all.items[3]?.id);
    expect(all.pageSize).toBe(25);
    expect((await rejects(people.search(admin, { cursor: 'bm9u' }))).status).toBe(422);
    // Another centre sees none of it.
    expect((await people.search(adminB, { q: 'helene' })).total).toBe(0);
  });

  it('finds a word longer than the indexed beginnings, and several words whichever is rarer, in order both ways', async () => {
    const make = (firstName: string, lastName: string) => people.create(admin, { firstName, lastName, consents: consentOk, confirmNotDuplicate: true });
    const zoe = await make('Zoé', 'Quenouillard');
    const anne = await make('Anne', 'Quenouillard');
    const lea = await make('Léa', 'Quenouillardes');
    const other = await make('Anne', 'Quenoux');
    // « quenouillard » reads the range of « queno » (all four) and keeps those it starts a word of.
    const long = await people.search(admin, { q: 'Quenouillard' });
    expect(long.items.map((p) => p.id)).toEqual([anne.id, zoe.id, lea.id]);
    expect(long).toMatchObject({ total: 3, totalCapped: false });
    expect((await people.search(admin, { q: 'quenou' })).items.map((p) => p.id)).toEqual([anne.id, zoe.id, lea.id, other.id]);
    expect((await people.search(admin, { q: 'quenoux' })).items.map((p) => p.id)).toEqual([other.id]);
    expect((await people.search(admin, { q: 'queno' })).total).toBe(4);
    // « quenoux » shares its first five characters with other words: each entry is checked.
    // A word no other shares them with reads its range as it is, with nothing to check.
    const k = t.app.ctx.kysely;
    expect(await planSearch(k, centreA, ['quenouillard'])).toEqual({ tokens: ['quenouillard'], lead: 'quenouillard', checked: ['quenouillard'] });
    const zygo = await make('Ana', 'Zygomatique');
    expect(await planSearch(k, centreA, ['zygomatique'])).toEqual({ tokens: ['zygomatique'], lead: 'zygomatique', checked: [] });
    expect((await people.search(admin, { q: 'zygomatique' })).items.map((p) => p.id)).toEqual([zygo.id]);
    expect((await people.search(admin, { q: 'zygomatiques' })).total).toBe(0);
    // Several words: the rarer range leads (one Zygomatique against the many « an »).
    expect(await planSearch(k, centreA, ['an', 'zygomatique'])).toEqual({ tokens: ['an', 'zygomatique'], lead: 'zygomatique', checked: ['an'] });
    // Two words: the same answer whichever leads, and whatever their order.
    for (const q of ['anne quenouillard', 'quenouillard anne', 'ann quenoui', 'quenouillard an']) {
      expect((await people.search(admin, { q })).items.map((p) => p.id)).toEqual([anne.id]);
    }
    expect((await people.search(admin, { q: 'anne queno' })).items.map((p) => p.id)).toEqual([anne.id, other.id]);
    // One by one, forwards then back from the end.
    const seen: string[] = [];
    let page = await people.search(admin, { q: 'quenouillard', pageSize: 1 });
    for (;;) {
      seen.push(...page.items.map((p) => p.id));
      if (!page.next) break;
      page = await people.search(admin, { q: 'quenouillard', pageSize: 1, cursor: page.next });
    }
    expect(seen).toEqual([anne.id, zoe.id, lea.id]);
    const back = await people.search(admin, { q: 'quenouillard', pageSize: 1, cursor: page.previous! });
    expect(back.items.map((p) => p.id)).toEqual([zoe.id]);
    // A volunteer sees only the files they accompany or created, in the same order.
    accompanied.add(lea.id);
    accompanied.add(anne.id);
    expect((await people.search(volunteer, { q: 'quenouillard' })).items.map((p) => p.id)).toEqual([anne.id, lea.id]);
    expect((await people.search(volunteer, { q: 'quenouillard' })).total).toBe(2);
    accompanied.delete(lea.id);
    accompanied.delete(anne.id);
  });

  it('updates only what changed, appends consent rows and audits the field names', async () => {
    const file = await people.create(admin, { firstName: 'Odile', lastName: 'Roux', consents: { data_processing: true, sms_reminders: true } });
    const updated = await people.update(admin, file.id, {
      phone: '0612000000',
      birthYear: 1960,
      consents: { sms_reminders: false, data_processing: true },
      membership: { amountCents: null },
    });
    expect(updated).toMatchObject({ phone: '0612000000', ageBracket: 'soixante_soixante_neuf', memberships: [{ year: YEAR, amountCents: null }] });
    expect(updated.consents.sms_reminders?.granted).toBe(false);
    expect(updated.consentHistory.filter((h) => h.kind === 'sms_reminders').map((h) => h.granted)).toEqual([false, true]);
    expect(updated.consentHistory.filter((h) => h.kind === 'data_processing')).toHaveLength(1);
    const log = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectId', '=', file.id).where('action', '=', 'update').executeTakeFirstOrThrow();
    const fields = JSON.parse(log.details!).fields as string[];
    expect(fields.sort()).toEqual(['birthYear', 'consents.sms_reminders', 'membership', 'phone']);
    expect(log.details).not.toContain('0612000000');
    // Withdrawing the membership, then nothing more to change: no new audit row.
    const removed = await people.update(admin, file.id, { membership: null });
    expect(removed.memberships).toEqual([]);
    await people.update(admin, file.id, { phone: '06 12 00 00 00' });
    const updates = await t.db.kysely.selectFrom('auditLog').select('id').where('subjectId', '=', file.id).where('action', '=', 'update').execute();
    expect(updates).toHaveLength(2);
    const bad = await rejects(people.update(admin, file.id, { phone: '12' }));
    expect(bad.fields).toEqual({ phone: 'people.phone.invalid' });
    // The search words follow the change: the new name finds the file, the old one no more.
    await people.update(admin, file.id, { lastName: 'Rousseau-Vidal' });
    expect((await people.search(admin, { q: 'odile vidal' })).items.map((p) => p.id)).toEqual([file.id]);
    expect((await people.search(admin, { q: 'odile rousseau' })).items.map((p) => p.id)).toEqual([file.id]);
    expect((await people.search(admin, { q: 'roux' })).items.map((p) => p.id)).not.toContain(file.id);
    expect(await termsOf(file.id)).toEqual(['0612000000', 'odile', 'rousseau', 'vidal']);
    await expectPrefixesInStep(file.id);
    // A change that keeps the sort key (the phone) replaces only the beginnings that changed.
    await people.update(admin, file.id, { phone: '07 00 00 00 00' });
    await expectPrefixesInStep(file.id);
    expect((await people.search(admin, { q: '0612' })).items.map((p) => p.id)).not.toContain(file.id);
    expect((await people.search(admin, { q: '0700' })).items.map((p) => p.id)).toContain(file.id);
  });

  it('writes a view audit row on each get, and hides another centre\'s person as not found', async () => {
    const file = await people.create(admin, { firstName: 'Vue', lastName: 'Audit', consents: consentOk });
    await people.get(coordinator, file.id);
    const views = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectId', '=', file.id).where('action', '=', 'view').execute();
    expect(views.map((v) => v.actorId)).toEqual([coordinator.userId]);
    for (const call of [
      () => people.get(adminB, file.id),
      () => people.update(adminB, file.id, { phone: '0600000000' }),
      () => people.exportData(adminB, file.id),
      () => people.erase(adminB, file.id),
      () => people.merge(adminB, file.id, newId()),
      () => people.get(admin, 'pas-un-id'),
      () => people.get(admin, newId()),
    ]) {
      expect((await rejects(call())).status).toBe(404);
    }
    expect(await people.getSummary(centreB, file.id)).toBeUndefined();
    expect(await people.canSee(adminB, file.id)).toBe(false);
  });

  it('lets a volunteer see only the persons given by a provider and those they registered', async () => {
    const mine = await people.create(volunteer, { firstName: 'Créée', lastName: 'ParBénévole', consents: consentOk });
    const given = await people.create(admin, { firstName: 'Donnée', lastName: 'ParModule', consents: consentOk });
    const other = await people.create(admin, { firstName: 'Invisible', lastName: 'PourBénévole', consents: consentOk });
    accompanied.add(given.id);
    const seen = (await people.search(volunteer, {})).items.map((p) => p.id).sort();
    expect(seen).toEqual([mine.id, given.id].sort());
    expect(await people.canSee(volunteer, other.id)).toBe(false);
    expect(await people.canSee(volunteer, given.id)).toBe(true);
    expect((await rejects(people.get(volunteer, other.id))).status).toBe(404);
    expect((await rejects(people.update(volunteer, other.id, { phone: '0600000000' }))).status).toBe(404);
    expect((await rejects(people.merge(volunteer, mine.id, given.id))).status).toBe(403);
    expect((await rejects(people.exportData(volunteer, mine.id))).status).toBe(403);
    expect((await rejects(people.erase(volunteer, mine.id))).status).toBe(403);
    // A look-alike the volunteer cannot open is counted, not shown.
    const { duplicates, hiddenCount } = await people.findDuplicates(volunteer, { firstName: 'Invisible', lastName: 'Pourbenevole' });
    expect(duplicates).toEqual([]);
    expect(hiddenCount).toBe(1);
    const partner: Actor = { ...volunteer, role: 'partner' };
    expect((await rejects(people.search(partner, {}))).status).toBe(403);
    expect(await people.canSee(partner, given.id)).toBe(false);
  });

  it('merges a duplicate in one transaction: fills empty fields, moves memberships and consents, hides it', async () => {
    const keep = await people.create(admin, {
      firstName: 'Marcel',
      lastName: 'Fusion',
      phone: '0633333333',
      membership: { amountCents: 500 },
      consents: consentOk,
    });
    const duplicate = await people.create(admin, {
      firstName: 'Marcel',
      lastName: 'Fusion',
      email: 'marcel@exemple.fr',
      birthYear: 1945,
      gender: 'masculin',
      phone: '0644444444',
      membership: { amountCents: 800 },
      consents: { data_processing: true, photos: true },
      confirmNotDuplicate: true,
    });
    // A membership of a previous year on the duplicate moves; the current year's is already held.
    await t.db.kysely.insertInto('memberships').values({ id: newId(), centerId: centreA, personId: duplicate.id, year: YEAR - 1, amountCents: 700, recordedAt: t.clock.nowIso() }).execute();

    const preview = await people.mergePreview(admin, keep.id, duplicate.id);
    expect(preview.filled).toEqual(['email', 'birthYear', 'gender']);
    expect(preview.membershipYearsMoved).toEqual([YEAR - 1]);
    expect(preview.result.phone).toBe('0633333333');

    const merged = await people.merge(admin, keep.id, duplicate.id);
    expect(merged).toMatchObject({ phone: '0633333333', email: 'marcel@exemple.fr', birthYear: 1945, gender: 'masculin', ageBracket: 'soixante_dix_plus' });
    expect(merged.memberships.map((m) => [m.year, m.amountCents])).toEqual([
      [YEAR, 500],
      [YEAR - 1, 700],
    ]);
    expect(merged.consents.photos?.granted).toBe(true);
    expect(moduleCalls).toContain(`merge ${centreA} ${keep.id} ${duplicate.id}`);
    const dupRow = await t.db.kysely.selectFrom('persons').selectAll().where('id', '=', duplicate.id).executeTakeFirstOrThrow();
    expect(dupRow.mergedIntoId).toBe(keep.id);
    expect((await people.search(admin, { q: 'marcel fusion' })).items.map((p) => p.id)).toEqual([keep.id]);
    expect((await people.search(admin, { q: 'marcel@exemple' })).items.map((p) => p.id)).toEqual([keep.id]);
    expect(await termsOf(duplicate.id)).toEqual([]);
    await expectPrefixesInStep(duplicate.id);
    await expectPrefixesInStep(keep.id);
    expect((await rejects(people.get(admin, duplicate.id))).status).toBe(404);
    expect(await people.followMerge(admin, duplicate.id)).toBe(keep.id);
    expect((await people.getSummary(centreA, duplicate.id))?.id).toBe(keep.id);
    const merges = await t.db.kysely.selectFrom('auditLog').select(['subjectId']).where('action', '=', 'merge').execute();
    expect(merges.map((m) => m.subjectId).sort()).toEqual([keep.id, duplicate.id].sort());
    expect((await rejects(people.merge(admin, keep.id, keep.id))).status).toBe(422);
    expect((await rejects(people.merge(coordinator, keep.id, duplicate.id))).fields).toEqual({ duplicateId: 'people.merge.unknown' });
  });

  it('rolls a merge back entirely when a module fails inside it', async () => {
    const keep = await people.create(admin, { firstName: 'Rollback', lastName: 'Garde', consents: consentOk });
    const dup = await people.create(admin, { firstName: 'Rollback', lastName: 'Double', email: 'rb@exemple.fr', consents: consentOk });
    const failing = {
      name: 'failing',
      export: async () => null,
      merge: async () => {
        throw new Error('module down');
      },
      erase: async () => {},
    };
    const registry = t.app.ctx.personData as unknown as { register(c: typeof failing): void; contributors: unknown[] };
    registry.register(failing);
    await expect(people.merge(admin, keep.id, dup.id)).rejects.toThrow('module down');
    (registry.contributors as unknown[]).splice(registry.contributors.indexOf(failing), 1);
    const rows = await t.db.kysely.selectFrom('persons').selectAll().where('id', 'in', [keep.id, dup.id]).execute();
    expect(rows.find((r) => r.id === dup.id)?.mergedIntoId).toBeNull();
    expect(rows.find((r) => r.id === keep.id)?.email).toBeNull();
    const consents = await t.db.kysely.selectFrom('consents').select('personId').where('personId', '=', dup.id).execute();
    expect(consents).toHaveLength(1);
  });

  it('exports the file, its audit entries and each module\'s section, and audits the export', async () => {
    const file = await people.create(admin, { firstName: 'Export', lastName: 'Complet', email: 'export@exemple.fr', consents: consentOk });
    await people.get(admin, file.id);
    const data = await people.exportData(coordinator, file.id);
    expect(data.person).toMatchObject({ firstName: 'Export', email: 'export@exemple.fr' });
    expect(data.auditEntries.map((e) => e.action).sort()).toEqual(['create', 'view']);
    expect(data.modules['test-module']).toEqual({ personId: file.id, notes: ['une note'] });
    const exports = await t.db.kysely.selectFrom('auditLog').select('actorId').where('subjectId', '=', file.id).where('action', '=', 'export').execute();
    expect(exports.map((e) => e.actorId)).toEqual([coordinator.userId]);
  });

  it('erases identity and contacts (with merged files), keeps statistics, removes from search', async () => {
    const file = await people.create(admin, {
      firstName: 'Effacée',
      lastName: 'Bientôt',
      phone: '0655555555',
      email: 'efface@exemple.fr',
      birthYear: 1980,
      commune: 'Caudry',
      socialStatus: 'en_emploi',
      gender: 'feminin',
      accessibilityNeeds: 'Malentendante',
      household: 'Foyer Bientôt',
      membership: { amountCents: 1200 },
      consents: { data_processing: true, photos: true },
    });
    const older = await people.create(admin, { firstName: 'Effacée', lastName: 'Doublon', phone: '0666666666', consents: consentOk });
    await people.merge(admin, file.id, older.id);
    await people.erase(coordinator, file.id);
    const rows = await t.db.kysely.selectFrom('persons').selectAll().where('id', 'in', [file.id, older.id]).execute();
    for (const row of rows) {
      expect(row).toMatchObject({ firstName: null, lastName: null, phone: null, email: null, birthYear: null, accessibilityNeeds: null, householdId: null, searchText: '' });
      expect(row.erasedAt).not.toBeNull();
    }
    const kept = rows.find((r) => r.id === file.id)!;
    expect(kept).toMatchObject({ ageBracket: 'quarante_cinquante_neuf', communeInsee: '59139', socialStatus: 'en_emploi', gender: 'feminin' });
    const households = await t.db.kysely.selectFrom('households').select('name').where('centerId', '=', centreA).execute();
    expect(households.map((h) => h.name)).not.toContain('Foyer Bientôt');
    const memberships = await t.db.kysely.selectFrom('memberships').select('amountCents').where('personId', '=', file.id).execute();
    expect(memberships).toEqual([{ amountCents: 1200 }]);
    expect((await people.search(admin, { q: 'bientot' })).total).toBe(0);
    expect((await people.search(admin, { q: '0655555555' })).total).toBe(0);
    expect(await termsOf(file.id)).toEqual([]);
    expect(await termsOf(older.id)).toEqual([]);
    await expectPrefixesInStep(file.id);
    await expectPrefixesInStep(older.id);
    expect(await t.db.kysely.selectFrom('personSearchPrefixes').select('prefix').where('personId', 'in', [file.id, older.id]).execute()).toEqual([]);
    expect(await people.findMatches(centreA, { firstName: 'Effacée', lastName: 'Bientôt', phone: '0655555555' })).toEqual([]);
    const after = await people.get(admin, file.id);
    expect(after).toMatchObject({ erased: true, firstName: null, communeName: 'Caudry' });
    expect(moduleCalls).toEqual(expect.arrayContaining([`erase ${centreA} ${file.id}`, `erase ${centreA} ${older.id}`]));
    expect((await rejects(people.erase(admin, file.id))).status).toBe(409);
    expect((await rejects(people.update(admin, file.id, { firstName: 'Retour' }))).status).toBe(409);
    const log = await t.db.kysely.selectFrom('auditLog').select(['action', 'details']).where('subjectId', '=', file.id).where('action', '=', 'erase').executeTakeFirstOrThrow();
    expect(log.details).not.toContain('Bientôt');
  });

  describe('system API for public forms and other modules', () => {
    it('finds matches, creates from a public form with consents, and answers summaries', async () => {
      const person = await people.createFromPublicForm(centreA, {
        firstName: 'Publique',
        lastName: 'Formulaire',
        phone: '06 77 77 77 77',
        email: 'public@exemple.fr',
        birthYear: 1975,
        communeInsee: '59122',
        consents: [
          { kind: 'data_processing', granted: true },
          { kind: 'email_reminders', granted: true },
        ],
      });
      expect(person).toEqual({
        id: person.id,
        firstName: 'Publique',
        lastName: 'Formulaire',
        phone: '0677777777',
        email: 'public@exemple.fr',
        birthYear: 1975,
        ageBracket: 'quarante_cinquante_neuf',
        communeInsee: '59122',
        erased: false,
      });
      const row = await t.db.kysely.selectFrom('persons').select(['createdBy']).where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(row.createdBy).toBeNull();
      expect((await people.findMatches(centreA, { firstName: 'publique', lastName: 'FORMULAIRE' })).map((p) => p.id)).toEqual([person.id]);
      expect((await people.findMatches(centreA, { firstName: 'X', lastName: 'Y', email: 'PUBLIC@exemple.fr' })).map((p) => p.id)).toEqual([person.id]);
      expect(await people.findMatches(centreB, { firstName: 'Publique', lastName: 'Formulaire' })).toEqual([]);
      expect(await people.getSummary(centreA, person.id)).toEqual(person);
      expect(await people.getSummary(centreA, 'nope')).toBeUndefined();

      expect(await people.currentConsents(centreA, person.id)).toEqual({
        data_processing: true,
        sms_reminders: false,
        email_reminders: true,
        photos: false,
        parental_authorisation: false,
      });
      await people.recordConsent(centreA, person.id, 'email_reminders', false);
      await people.recordConsent(centreA, person.id, 'sms_reminders', true, admin.userId);
      expect(await people.currentConsents(centreA, person.id)).toMatchObject({ email_reminders: false, sms_reminders: true });
      expect((await rejects(people.recordConsent(centreB, person.id, 'photos', true))).status).toBe(404);
      const log = await t.db.kysely.selectFrom('auditLog').select(['action', 'actorLabel']).where('subjectId', '=', person.id).execute();
      expect(log).toEqual([{ action: 'create', actorLabel: 'formulaire en ligne' }]);
    });

    it('validates public input like the staff form', async () => {
      const before = await t.db.kysely.selectFrom('persons').select('id').execute();
      const bad = await rejects(
        people.createFromPublicForm(centreA, { firstName: '', lastName: 'X', phone: '123', communeInsee: '00000', consents: [] }),
      );
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.fields).sort()).toEqual(['firstName', 'phone'].sort());
      const rules = await rejects(people.createFromPublicForm(centreA, { firstName: 'A', lastName: 'B', communeInsee: '00000', consents: [] }));
      expect(Object.keys(rules.fields).sort()).toEqual(['communeInsee', 'consents.data_processing']);
      const minor = await rejects(
        people.createFromPublicForm(centreA, { firstName: 'A', lastName: 'B', birthYear: YEAR - 8, consents: [{ kind: 'data_processing', granted: true }] }),
      );
      expect(minor.fields).toHaveProperty('consents.parental_authorisation');
      const after = await t.db.kysely.selectFrom('persons').select('id').execute();
      expect(after.length).toBe(before.length);
    });
  });
});
