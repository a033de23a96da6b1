import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken, createCentre, createTestApp, signIn, type TestApp } from '../../../tests/support/app.ts';
import { currentYear } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';

type Call = Awaited<ReturnType<typeof apiToken>>;

describe('persons JSON API', () => {
  let t: TestApp;
  let centreA: string;
  let centreB: string;
  let admin: Call;
  let coordinator: Call;
  let facilitator: Call;
  let adminB: Call;

  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.app, 'api-a', 'Centre A');
    centreB = await createCentre(t.app, 'api-b', 'Centre B');
    admin = await apiToken(t.app, centreA, 'admin');
    coordinator = await apiToken(t.app, centreA, 'coordinator');
    facilitator = await apiToken(t.app, centreA, 'facilitator');
    adminB = await apiToken(t.app, centreB, 'admin');
  });
  afterAll(() => t.close());

  async function create(body: Record<string, unknown>) {
    const r = await admin('POST', '/api/v1/persons', { consents: { data_processing: true }, confirmNotDuplicate: true, ...body });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string } & Record<string, unknown>;
  }

  it('creates a person (201) and reads it back', async () => {
    const r = await facilitator('POST', '/api/v1/persons', {
      firstName: 'Hélène',
      lastName: 'Dupont',
      phone: '+33 6 12 34 56 78',
      email: 'HELENE@exemple.fr',
      birthYear: 1950,
      commune: 'Cambrai',
      gender: 'feminin',
      membership: { amountCents: 1000 },
      consents: { data_processing: true, email_reminders: true },
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({
      firstName: 'Hélène',
      phone: '0612345678',
      email: 'helene@exemple.fr',
      ageBracket: 'soixante_dix_plus',
      communeInsee: '59122',
      communeName: 'Cambrai',
      gender: 'feminin',
      socialStatus: 'non_communique',
      memberships: [{ year: currentYear(t.clock.now()), amountCents: 1000 }],
      erased: false,
      erasedAt: null,
    });
    expect(body.consents.email_reminders.granted).toBe(true);
    const read = await facilitator('GET', `/api/v1/persons/${body.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().id).toBe(body.id);
    const views = await t.db.kysely.selectFrom('auditLog').select('action').where('subjectId', '=', body.id).execute();
    expect(views.map((v) => v.action).sort()).toEqual(['create', 'view']);
  });

  it('answers 409 possible_duplicate with the look-alikes, then 201 with confirmNotDuplicate', async () => {
    const existing = await create({ firstName: 'Jules', lastName: 'Doublon', email: 'jules@exemple.fr' });
    const body = { firstName: 'Autre', lastName: 'Nom', email: 'Jules@Exemple.fr', consents: { data_processing: true } };
    const r = await admin('POST', '/api/v1/persons', body);
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({
      error: 'possible_duplicate',
      fields: { email: expect.stringContaining('e-mail') },
      duplicates: [{ id: existing.id, matchedOn: ['email'], firstName: 'Jules' }],
      hiddenCount: 0,
    });
    const confirmed = await admin('POST', '/api/v1/persons', { ...body, confirmNotDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('answers 422 with the fields to fix, in French', async () => {
    const r = await admin('POST', '/api/v1/persons', { firstName: '', lastName: 'X', phone: '0612', birthYear: 3000, socialStatus: 'riche', consents: { data_processing: true } });
    expect(r.statusCode).toBe(422);
    const body = r.json();
    expect(body.error).toBe('invalid');
    expect(body.fields).toMatchObject({
      firstName: 'Indiquez le prénom de la personne',
      phone: expect.stringContaining('10 chiffres'),
      birthYear: expect.stringContaining('année de naissance'),
      socialStatus: 'Choisissez une situation dans la liste',
    });
    // Control characters (PostgreSQL refuses NUL in text) are removed by the platform's one
    // input normaliser, in names as in every other text, rather than giving a 500.
    const nul = await admin('POST', '/api/v1/persons', { firstName: 'Zoé\u0000', lastName: 'Nul\u0000Char', accessibilityNeeds: 'a\u0000b\nc', consents: { data_processing: true } });
    expect(nul.statusCode).toBe(201);
    expect(nul.json()).toMatchObject({ firstName: 'Zoé', lastName: 'NulChar', accessibilityNeeds: 'ab\nc' });
    const noConsent = await admin('POST', '/api/v1/persons', { firstName: 'A', lastName: 'B', commune: 'Atlantide' });
    expect(noConsent.statusCode).toBe(422);
    expect(Object.keys(noConsent.json().fields).sort()).toEqual(['commune', 'consents.data_processing']);
  });

  it('lists with search, cursor pagination (q, cursor, pageSize) and total, in French order', async () => {
    for (const n of ['Céline', 'Aline', 'Brigitte']) await create({ firstName: n, lastName: 'Pagination' });
    const names = (body: { items: { firstName: string }[] }) => body.items.map((p) => p.firstName);
    const first = await admin('GET', '/api/v1/persons?q=pagination&pageSize=2');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ total: 3, pageSize: 2, previous: null });
    expect(names(first.json())).toEqual(['Aline', 'Brigitte']);
    const second = await admin('GET', `/api/v1/persons?q=pagination&pageSize=2&cursor=${first.json().next}`);
    expect(names(second.json())).toEqual(['Céline']);
    expect(second.json().next).toBeNull();
    const back = await admin('GET', `/api/v1/persons?q=pagination&pageSize=2&cursor=${second.json().previous}`);
    expect(names(back.json())).toEqual(['Aline', 'Brigitte']);
    expect(back.json().previous).toBeNull();
    const accents = await admin('GET', `/api/v1/persons?q=${encodeURIComponent('CELINE')}`);
    expect(names(accents.json())).toEqual(['Céline']);
    expect((await admin('GET', '/api/v1/persons?pageSize=1000')).statusCode).toBe(422);
    const forged = await admin('GET', '/api/v1/persons?cursor=pas-un-curseur');
    expect(forged.statusCode).toBe(422);
    expect(forged.json().fields).toHaveProperty('cursor');
  });

  it('patches only the fields sent, and null clears an optional one', async () => {
    const person = await create({ firstName: 'Patch', lastName: 'Partiel', phone: '0611111111', email: 'p@exemple.fr' });
    const r = await admin('PATCH', `/api/v1/persons/${person.id}`, { email: null, commune: '59139', consents: { photos: true } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ phone: '0611111111', email: null, communeName: 'Caudry' });
    expect(r.json().consents.photos.granted).toBe(true);
    const bad = await admin('PATCH', `/api/v1/persons/${person.id}`, { firstName: '', phone: 5 });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['firstName', 'phone']);
  });

  it('merges, exports and erases with the right permissions', async () => {
    const keep = await create({ firstName: 'Gardé', lastName: 'Api', phone: '0622222222' });
    const dup = await create({ firstName: 'Garde', lastName: 'Api', email: 'garde@exemple.fr' });
    expect((await facilitator('POST', `/api/v1/persons/${keep.id}/merge`, { duplicateId: dup.id })).statusCode).toBe(403);
    expect((await coordinator('POST', `/api/v1/persons/${keep.id}/merge`, {})).statusCode).toBe(422);
    const merged = await coordinator('POST', `/api/v1/persons/${keep.id}/merge`, { duplicateId: dup.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ phone: '0622222222', email: 'garde@exemple.fr' });
    expect((await admin('GET', `/api/v1/persons/${dup.id}`)).statusCode).toBe(404);

    expect((await facilitator('GET', `/api/v1/persons/${keep.id}/export`)).statusCode).toBe(403);
    const exported = await coordinator('GET', `/api/v1/persons/${keep.id}/export`);
    expect(exported.statusCode).toBe(200);
    expect(exported.json()).toMatchObject({ person: { id: keep.id, firstName: 'Gardé' }, mergedRecords: [dup.id] });
    expect(exported.json().auditEntries.map((e: { action: string }) => e.action)).toContain('merge');

    expect((await facilitator('DELETE', `/api/v1/persons/${keep.id}`)).statusCode).toBe(403);
    const erased = await coordinator('DELETE', `/api/v1/persons/${keep.id}`);
    expect(erased.statusCode).toBe(204);
    expect(erased.body).toBe('');
    const after = await admin('GET', `/api/v1/persons/${keep.id}`);
    expect(after.json()).toMatchObject({ erased: true, firstName: null, phone: null, email: null });
    expect((await coordinator('DELETE', `/api/v1/persons/${keep.id}`)).statusCode).toBe(409);
    expect((await admin('PATCH', `/api/v1/persons/${keep.id}`, { firstName: 'Revenu' })).statusCode).toBe(409);
    expect((await admin('GET', '/api/v1/persons?q=garde')).json().total).toBe(0);
  });

  it('offers communes by name prefix to staff', async () => {
    const r = await facilitator('GET', '/api/v1/communes?q=camb');
    expect(r.statusCode).toBe(200);
    expect(r.json()[0]).toEqual({ code: '59122', name: 'Cambrai', postalCodes: ['59400'], label: 'Cambrai (59400)' });
    expect((await facilitator('GET', '/api/v1/communes?q=c')).json()).toEqual([]);
  });

  it('refuses partners (403) and hides another centre\'s persons (404) on every endpoint', async () => {
    const partner = await apiToken(t.app, centreA, 'partner');
    const person = await create({ firstName: 'Tenancy', lastName: 'Api', phone: '0633333333' });
    const other = await create({ firstName: 'Tenancy', lastName: 'Autre' });
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/persons/${person.id}`],
      ['PATCH', `/api/v1/persons/${person.id}`, { firstName: 'Pirate' }],
      ['PATCH', `/api/v1/persons/${person.id}`, { firstName: '' }],
      ['DELETE', `/api/v1/persons/${person.id}`],
      ['GET', `/api/v1/persons/${person.id}/export`],
      ['POST', `/api/v1/persons/${person.id}/merge`, { duplicateId: other.id }],
    ];
    for (const [method, url, body] of calls) {
      const asPartner = await partner(method as 'GET', url, body);
      expect(asPartner.statusCode, `partner ${method} ${url}`).toBe(403);
      const asB = await adminB(method as 'GET', url, body);
      expect(asB.statusCode, `centre B ${method} ${url}`).toBe(404);
      expect(asB.body).not.toContain('Tenancy');
    }
    expect((await partner('GET', '/api/v1/persons')).statusCode).toBe(403);
    expect((await partner('POST', '/api/v1/persons', { firstName: 'A', lastName: 'B', consents: { data_processing: true } })).statusCode).toBe(403);
    expect((await partner('GET', '/api/v1/communes?q=cam')).statusCode).toBe(403);
    expect((await adminB('GET', '/api/v1/persons?q=tenancy')).json().total).toBe(0);
    const row = await t.db.kysely.selectFrom('persons').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ firstName: 'Tenancy', erasedAt: null });
    for (const id of ['pas-un-id', newId(), '1', 'x'.repeat(90)]) {
      expect((await admin('GET', `/api/v1/persons/${id}`)).statusCode, id).toBe(404);
      expect((await admin('DELETE', `/api/v1/persons/${id}`)).statusCode, id).toBe(404);
    }
    expect((await t.app.inject({ url: '/api/v1/persons' })).statusCode).toBe(401);
  });

  it('answers for a volunteer session only with persons they registered or accompany', async () => {
    const volunteer = await signIn(t.app, centreA, 'volunteer');
    const mine = await volunteer.api('POST', '/api/v1/persons', { firstName: 'Créée', lastName: 'Bénévole', consents: { data_processing: true } });
    expect(mine.statusCode).toBe(201);
    const list = await volunteer.api('GET', '/api/v1/persons');
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([mine.json().id]);
  });

  it('documents every endpoint in the OpenAPI document under the Personnes tag', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const paths = doc.paths as Record<string, Record<string, { tags?: string[] }>>;
    const expected: [string, string][] = [
      ['/api/v1/persons', 'get'],
      ['/api/v1/persons', 'post'],
      ['/api/v1/persons/{id}', 'get'],
      ['/api/v1/persons/{id}', 'patch'],
      ['/api/v1/persons/{id}', 'delete'],
      ['/api/v1/persons/{id}/export', 'get'],
      ['/api/v1/persons/{id}/merge', 'post'],
      ['/api/v1/communes', 'get'],
    ];
    for (const [path, method] of expected) expect(paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['Personnes']);
    expect(Object.keys(paths).some((p) => p.startsWith('/personnes'))).toBe(false);
  });
});
