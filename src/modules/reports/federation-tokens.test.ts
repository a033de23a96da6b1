import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { Client, createCentre, createTestApp, signIn, TEST_PASSWORD, type TestApp } from '../../../tests/support/app.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { sha256 } from '../../platform/crypto.ts';
import { setupProgramme } from '../activities/activities.fixtures.ts';

/**
 * A federation's API tokens: its account makes one on /federation/jetons (shown once, only its
 * hash stored); the federation's software reads the federation's figures with it and nothing
 * else; another federation's account cannot see nor revoke it; a centre's admin cannot reach
 * the page; once revoked it is refused.
 */
describe('a federation’s API tokens', () => {
  let t: TestApp;
  let a: string;
  let b: string;
  let cambresis: Client;
  let avesnois: Client;
  let token = '';
  let tokenId = '';
  const PERIOD = 'from=2026-01-01&to=2026-12-31';

  const bearer = (value: string, url: string, method: 'GET' | 'POST' = 'GET') =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${value}` } });

  async function accompaniments(centerId: string, n: number) {
    const { studioId } = await setupProgramme(t.app, centerId);
    for (let i = 0; i < n; i++) {
      await t.app.services.helpdesk.accompaniments.recordAccompaniment(systemActor(centerId), {
        siteId: studioId, occurredAt: `2026-02-0${i + 1}T08:00:00Z`, durationMinutes: 30, placeType: 'lieu_activite',
        equipment: ['ordinateur'], themes: ['email'], autonomy: 'autonome', redirected: false, followUp: false,
      } as never);
    }
  }

  async function federationAccount(centerId: string, federationId: string, email: string): Promise<Client> {
    await t.app.ctx.auth.createUser({ centerId, email, displayName: email, role: 'federation_admin', password: TEST_PASSWORD, federationId });
    const client = new Client(t.app);
    await client.get('/connexion');
    expect((await client.post('/connexion', { email, password: TEST_PASSWORD })).statusCode).toBe(303);
    return client;
  }

  beforeAll(async () => {
    t = await createTestApp({}, { now: '2026-03-02T08:00:00Z' });
    a = await createCentre(t.app, 'jet-a', 'Centre social Alpha');
    b = await createCentre(t.app, 'jet-b', 'Centre social Bêta');
    const federations = t.app.services.reports.federation;
    const one = await federations.create({ slug: 'fcs-cambresis', name: 'Fédération du Cambrésis' });
    const two = await federations.create({ slug: 'fcs-avesnois', name: 'Fédération de l’Avesnois' });
    await federations.join(one.id, a);
    await federations.join(two.id, b);
    await accompaniments(a, 2);
    await accompaniments(b, 3);
    cambresis = await federationAccount(a, one.id, 'federation@cambresis.fr');
    avesnois = await federationAccount(b, two.id, 'federation@avesnois.fr');
  }, 120_000);
  afterAll(() => t.close());

  it('is made from the federation’s page, and shown once to its creator', async () => {
    const page = await cambresis.get('/federation');
    expect(page.body).toContain('href="/federation/jetons"');
    const list = await cambresis.get('/federation/jetons');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Aucun jeton pour le moment.');

    const empty = await cambresis.post('/federation/jetons', { name: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Indiquez à quoi servira le jeton');

    const created = await cambresis.post('/federation/jetons', { name: 'Tableau régional' });
    expect(created.statusCode).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    token = /(ldf_[\w-]+)/.exec(created.body)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(40);

    // Never again: not in the list, nor anywhere in the database.
    const after = await cambresis.get('/federation/jetons');
    expect(after.body).toContain('Tableau régional');
    expect(after.body).not.toContain(token);
    const row = await t.db.kysely.selectFrom('federationApiTokens').selectAll().where('name', '=', 'Tableau régional').executeTakeFirstOrThrow();
    tokenId = row.id;
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.centerId).toBe(a);
    // A centre's tokens are untouched: the federation's is not one of theirs.
    expect(await t.db.kysely.selectFrom('apiTokens').select('id').execute()).toEqual([]);
    const audited = await t.db.kysely.selectFrom('auditLog').selectAll().where('subjectId', '=', tokenId).execute();
    expect(audited.map((r) => [r.action, r.subjectType])).toEqual([['grant', 'federation_api_token']]);
  });

  it('reads its federation’s figures with a Bearer token, as its account does', async () => {
    const response = await bearer(token, `/api/v1/federation/report?${PERIOD}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.federation.name).toBe('Fédération du Cambrésis');
    expect(body.totals.accompaniments).toBe(2);
    expect(Object.keys(body.centreNames)).toEqual([a]);
    expect(response.body).not.toContain(b);
    const bySession = await cambresis.api('GET', `/api/v1/federation/report?${PERIOD}`);
    expect(body).toEqual(bySession.json());
    // Its last use is kept for the list.
    const row = await t.db.kysely.selectFrom('federationApiTokens').select('lastUsedAt').where('id', '=', tokenId).executeTakeFirstOrThrow();
    expect(row.lastUsedAt).not.toBeNull();
  });

  it('reaches nothing else: no person, no centre’s route, no token page', async () => {
    const person = await t.app.services.people.createFromPublicForm(a, {
      firstName: 'Odette', lastName: 'Jetonnière', email: null, phone: null, birthYear: 1950, consents: [{ kind: 'data_processing', granted: true }],
    });
    for (const url of ['/api/v1/persons', `/api/v1/persons/${person.id}`, '/api/v1/centre', '/api/v1/reports/figures', '/api/v1/users', '/api/v1/sites',
      '/personnes', '/centre', '/centre/jetons', '/rapports', '/compte', '/tableau-de-bord', '/federation/jetons', `/federation/jetons/${tokenId}/revoquer`]) {
      const response = await bearer(token, url);
      expect(response.statusCode, url).toBe(403);
      expect(response.body, url).not.toContain('Jetonnière');
    }
    expect((await bearer(token, '/federation/jetons', 'POST')).statusCode).toBe(403);
    expect((await bearer(token, `/federation/jetons/${tokenId}/revoquer`, 'POST')).statusCode).toBe(403);
    expect(await t.db.kysely.selectFrom('federationApiTokens').select('id').execute()).toHaveLength(1);
  });

  it('is neither seen nor revoked by another federation’s account (404), and each token reads its own federation', async () => {
    const list = await avesnois.get('/federation/jetons');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Tableau régional');
    expect((await avesnois.get(`/federation/jetons/${tokenId}/revoquer`)).statusCode).toBe(404);
    expect((await avesnois.post(`/federation/jetons/${tokenId}/revoquer`, {})).statusCode).toBe(404);
    expect((await bearer(token, `/api/v1/federation/report?${PERIOD}`)).statusCode).toBe(200);

    const created = await avesnois.post('/federation/jetons', { name: 'Outil de l’Avesnois' });
    const own = /(ldf_[\w-]+)/.exec(created.body)![1]!;
    const report = (await bearer(own, `/api/v1/federation/report?${PERIOD}`)).json();
    expect(report.federation.name).toBe('Fédération de l’Avesnois');
    expect(report.totals.accompaniments).toBe(3);
    expect(Object.keys(report.centreNames)).toEqual([b]);
    expect((await cambresis.get('/federation/jetons')).body).not.toContain('Outil de l’Avesnois');
  });

  it('is out of reach of a centre’s admin (403), the hosting centre’s included', async () => {
    const admin = await signIn(t.app, a, 'admin');
    expect((await admin.get('/federation/jetons')).statusCode).toBe(403);
    expect((await admin.post('/federation/jetons', { name: 'Intrus' })).statusCode).toBe(403);
    expect((await admin.get(`/federation/jetons/${tokenId}/revoquer`)).statusCode).toBe(403);
    expect((await admin.post(`/federation/jetons/${tokenId}/revoquer`, {})).statusCode).toBe(403);
    // Nor listed among the centre's own tokens.
    expect((await admin.get('/centre/jetons')).body).not.toContain('Tableau régional');
    expect((await bearer(token, `/api/v1/federation/report?${PERIOD}`)).statusCode).toBe(200);
  });

  it('is revoked after a confirmation, then refused (401)', async () => {
    // Process time stands still: the token kept since its last call cannot expire, so only the
    // revocation can be what refuses it.
    vi.useFakeTimers({ toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const list = await cambresis.get('/federation/jetons');
    // The revoke button opens the confirmation (a GET form, no JavaScript).
    expect(list.body).toContain(`<a href="/federation/jetons/${tokenId}/revoquer" class="link-button"`);
    // A table read aloud: its caption, and a header for each column.
    expect(list.body).toContain('<caption class="visually-hidden">Jetons d’accès à l’API de la fédération</caption>');
    expect(list.body.match(/<th scope="col">/g)).toHaveLength(4);
    const confirm = await cambresis.get(`/federation/jetons/${tokenId}/revoquer`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Révoquer le jeton « Tableau régional »');
    expect(confirm.body).toContain(`<form method="post" action="/federation/jetons/${tokenId}/revoquer"`);
    // Seeing the confirmation changes nothing.
    expect((await bearer(token, `/api/v1/federation/report?${PERIOD}`)).statusCode).toBe(200);

    const revoked = await cambresis.post(`/federation/jetons/${tokenId}/revoquer`, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/federation/jetons');
    const after = await cambresis.get('/federation/jetons');
    expect(after.body).toContain('Le jeton « Tableau régional » est révoqué');
    expect(after.body).toContain('Révoqué le');

    const refused = await bearer(token, `/api/v1/federation/report?${PERIOD}`);
    expect(refused.statusCode).toBe(401);
    expect((await cambresis.post(`/federation/jetons/${tokenId}/revoquer`, {})).statusCode).toBe(404);
    expect((await cambresis.get(`/federation/jetons/${tokenId}/revoquer`)).statusCode).toBe(303);
    const audited = await t.db.kysely.selectFrom('auditLog').select('action').where('subjectId', '=', tokenId).orderBy('at').execute();
    expect(audited.map((r) => r.action).sort()).toEqual(['grant', 'revoke']);
    // The account itself still reads its figures.
    expect((await cambresis.api('GET', `/api/v1/federation/report?${PERIOD}`)).statusCode).toBe(200);
  });

  describe('in the JSON API (/api/v1/federation/tokens)', () => {
    it('lists, creates (the value once, not cached) and revokes, on the account’s session, with the same audit as the pages', async () => {
      const created = await cambresis.api('POST', '/api/v1/federation/tokens', { name: '  Outil du Cambrésis  ' });
      expect(created.statusCode).toBe(201);
      expect(created.headers['cache-control']).toBe('no-store');
      const body = created.json();
      expect(body).toEqual({ id: expect.any(String), name: 'Outil du Cambrésis', createdAt: expect.stringMatching(/^2026-03-02T08:/), lastUsedAt: null, revokedAt: null, token: expect.stringMatching(/^ldf_[\w-]{40,}$/) });
      expect((await bearer(body.token, `/api/v1/federation/report?${PERIOD}`)).json().federation.name).toBe('Fédération du Cambrésis');

      const list = await cambresis.api('GET', '/api/v1/federation/tokens');
      expect(list.statusCode).toBe(200);
      const items = list.json().items as Record<string, unknown>[];
      expect(items.map((i) => i.name)).toEqual(expect.arrayContaining(['Outil du Cambrésis', 'Tableau régional']));
      expect(items.find((i) => i.id === body.id)).toEqual({ id: body.id, name: 'Outil du Cambrésis', createdAt: body.createdAt, lastUsedAt: expect.any(String), revokedAt: null });
      for (const item of items) expect(Object.keys(item).sort()).toEqual(['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt']);
      // Never the value nor its hash, nor another federation's token.
      expect(list.body).not.toContain(body.token);
      expect(list.body).not.toContain(sha256(body.token));
      expect(list.body).not.toContain('Outil de l’Avesnois');
      // The pages see the same token.
      expect((await cambresis.get('/federation/jetons')).body).toContain('Outil du Cambrésis');

      const revoked = await cambresis.api('DELETE', `/api/v1/federation/tokens/${body.id}`);
      expect(revoked.statusCode).toBe(204);
      expect(revoked.body).toBe('');
      expect((await bearer(body.token, `/api/v1/federation/report?${PERIOD}`)).statusCode).toBe(401);
      const after = (await cambresis.api('GET', '/api/v1/federation/tokens')).json().items.find((i: { id: string }) => i.id === body.id);
      expect(after.revokedAt).toMatch(/^2026-03-02T08:/);
      // Already revoked: nothing left to revoke.
      expect((await cambresis.api('DELETE', `/api/v1/federation/tokens/${body.id}`)).statusCode).toBe(404);
      const audited = await t.db.kysely.selectFrom('auditLog').select(['action', 'subjectType', 'actorLabel', 'centerId']).where('subjectId', '=', body.id).execute();
      expect(audited.sort((x, y) => x.action.localeCompare(y.action))).toEqual([
        { action: 'grant', subjectType: 'federation_api_token', actorLabel: 'federation@cambresis.fr', centerId: a },
        { action: 'revoke', subjectType: 'federation_api_token', actorLabel: 'federation@cambresis.fr', centerId: a },
      ]);
    });

    it('refuses an empty or too long name with a French message (422), and makes nothing', async () => {
      const before = await t.db.kysely.selectFrom('federationApiTokens').select('id').execute();
      for (const [payload, field] of [
        [{ name: '' }, 'Indiquez à quoi servira le jeton'],
        [{ name: '   ' }, 'Indiquez à quoi servira le jeton'],
        [{}, 'Indiquez à quoi servira le jeton'],
        [{ name: 'x'.repeat(81) }, 'trop long'],
      ] as const) {
        const response = await cambresis.api('POST', '/api/v1/federation/tokens', payload);
        expect(response.statusCode, JSON.stringify(payload)).toBe(422);
        const error = response.json();
        expect(error.error).toBe('invalid');
        expect(error.fields.name).toContain(field);
      }
      expect(await t.db.kysely.selectFrom('federationApiTokens').select('id').execute()).toEqual(before);
    });

    it('answers generated bodies with 201 or a French 422, never a 5xx, and makes a token only on 201', async () => {
      const name = fc.oneof(fc.string({ maxLength: 100 }), fc.constantFrom('\u0000', 'é\u0000è', '\u202Etableau', '\uD800', '<script>x</script>', "'; drop table federation_api_tokens; --"));
      const body = fc.oneof(fc.record({ name }), fc.record({ name: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string())) }), fc.constant({}), fc.string());
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const before = (await t.db.kysely.selectFrom('federationApiTokens').select('id').execute()).length;
          const response = await cambresis.api('POST', '/api/v1/federation/tokens', payload);
          const after = (await t.db.kysely.selectFrom('federationApiTokens').select('id').execute()).length;
          expect([201, 422], response.body).toContain(response.statusCode);
          if (response.statusCode === 422) {
            expect(response.json().message).toBe('Certaines informations sont à corriger.');
            expect(after).toBe(before);
          } else {
            expect(after).toBe(before + 1);
            expect(response.json().token).toMatch(/^ldf_/);
          }
        }),
        { numRuns: 40 },
      );
    });

    it('answers 404 for another federation’s token or an unknown id, and revokes nothing', async () => {
      const theirs = (await avesnois.api('POST', '/api/v1/federation/tokens', { name: 'Outil voisin' })).json();
      expect((await cambresis.api('DELETE', `/api/v1/federation/tokens/${theirs.id}`)).statusCode).toBe(404);
      expect((await cambresis.api('DELETE', '/api/v1/federation/tokens/inconnu')).statusCode).toBe(404);
      expect((await cambresis.api('GET', '/api/v1/federation/tokens')).body).not.toContain('Outil voisin');
      expect((await bearer(theirs.token, `/api/v1/federation/report?${PERIOD}`)).statusCode).toBe(200);
      const row = await t.db.kysely.selectFrom('federationApiTokens').select('revokedAt').where('id', '=', theirs.id).executeTakeFirstOrThrow();
      expect(row.revokedAt).toBeNull();
    });

    it('is refused to a federation’s token (403) whatever it sends, and to a centre’s admin', async () => {
      const { token: live, id } = (await avesnois.api('POST', '/api/v1/federation/tokens', { name: 'Logiciel de l’Avesnois' })).json();
      const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
        t.app.inject({ method, url, headers: { authorization: `Bearer ${live}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, payload: body === undefined ? undefined : JSON.stringify(body) });
      const before = await t.db.kysely.selectFrom('federationApiTokens').selectAll().orderBy('id').execute();
      for (const response of [
        await call('GET', '/api/v1/federation/tokens'),
        await call('POST', '/api/v1/federation/tokens', { name: 'Un autre' }),
        await call('POST', '/api/v1/federation/tokens', { name: '' }),
        await call('DELETE', `/api/v1/federation/tokens/${id}`),
      ]) {
        expect(response.statusCode).toBe(403);
        expect(response.body).not.toContain('Logiciel de l’Avesnois');
      }
      const admin = await signIn(t.app, b, 'admin');
      expect((await admin.api('GET', '/api/v1/federation/tokens')).statusCode).toBe(403);
      expect((await admin.api('DELETE', `/api/v1/federation/tokens/${id}`)).statusCode).toBe(403);
      const after = await t.db.kysely.selectFrom('federationApiTokens').selectAll().orderBy('id').execute();
      expect(after.map(({ lastUsedAt: _, ...row }) => row)).toEqual(before.map(({ lastUsedAt: _, ...row }) => row));
      expect((await call('GET', `/api/v1/federation/report?${PERIOD}`)).statusCode).toBe(200);
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
      expect(doc.paths['/api/v1/federation/tokens'].get.operationId).toBe('listFederationTokens');
      expect(doc.paths['/api/v1/federation/tokens'].post.responses).toHaveProperty('201');
      expect(doc.paths['/api/v1/federation/tokens/{id}'].delete.responses).toHaveProperty('404');
    });
  });
});
