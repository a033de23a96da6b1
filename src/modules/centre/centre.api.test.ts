import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../platform/auth/roles.ts';
import { apiToken, createCentre, createStaff, createTestApp, personalLink, signIn, type TestApp } from '../../../tests/support/app.ts';

type Call = Awaited<ReturnType<typeof apiToken>>;

/** Everything the centre API can change, to prove a refused request changed nothing. */
async function snapshot(t: TestApp): Promise<string> {
  const k = t.db.kysely;
  return JSON.stringify(
    await Promise.all([
      k.selectFrom('centers').selectAll().orderBy('id').execute(),
      k.selectFrom('sites').selectAll().orderBy('id').execute(),
      k.selectFrom('partnerCommunes').selectAll().orderBy('id').execute(),
      k.selectFrom('users').select(['id', 'email', 'role', 'active', 'displayName', 'partnerCommuneInsee', 'updatedAt']).orderBy('id').execute(),
      k.selectFrom('outbox').select('id').orderBy('id').execute(),
      k.selectFrom('passwordResets').select('id').orderBy('id').execute(),
      k.selectFrom('auditLog').select('id').orderBy('id').execute(),
    ]),
  );
}

// Values that are wrong for any field of these endpoints, whatever its type.
const junk = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const tooLong = fc.string({ minLength: 1001, maxLength: 1100 }).map((s) => `x${s.replace(/\s/g, 'y')}`);
const unknownKey = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['name', 'kind', 'address', 'communeInsee', 'accessibility', 'archived', 'postalCode', 'phone', 'email', 'openingHours', 'contactName', 'contactEmail', 'displayName', 'role', 'partnerCommuneInsee', 'active'].includes(k)),
  fc.jsonValue(),
  { minKeys: 1, maxKeys: 2 },
);
const notAnObject = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.boolean());

/** A valid part merged with one bad part: the whole request must be refused, the valid part not applied. */
function withValid(bad: fc.Arbitrary<Record<string, unknown>>, valid: fc.Arbitrary<Record<string, unknown>>) {
  return fc.oneof(fc.tuple(valid, bad).map(([v, b]) => ({ ...v, ...b })), unknownKey.chain((u) => valid.map((v) => ({ ...v, ...u }))));
}

describe('centre JSON API', () => {
  let t: TestApp;
  let centreA: string;
  let centreB: string;
  let adminA: Call;
  let adminB: Call;
  beforeAll(async () => {
    t = await createTestApp();
    centreA = await createCentre(t.app, 'api-a', 'Centre social A');
    centreB = await createCentre(t.app, 'api-b', 'Centre social B');
    adminA = await apiToken(t.app, centreA, 'admin');
    adminB = await apiToken(t.app, centreB, 'admin');
  });
  afterAll(() => t.close());

  describe('the centre', () => {
    it('lets every staff role read its own centre, with the hours in plain French', async () => {
      for (const role of ['admin', 'coordinator', 'facilitator', 'volunteer', 'partner'] as Role[]) {
        const response = await (await apiToken(t.app, centreA, role))('GET', '/api/v1/centre');
        expect(response.statusCode, role).toBe(200);
        expect(response.json()).toMatchObject({
          id: centreA, slug: 'api-a', name: 'Centre social A', communeInsee: '59122', communeName: 'Cambrai', openingHours: 'Mo-Fr 09:00-17:00',
        });
        expect(response.json().openingHoursText[0]).toBe('lundi : 9 h – 17 h');
      }
      expect((await t.app.inject({ url: '/api/v1/centre' })).statusCode).toBe(401);
    });

    it('lets an admin change it, all or nothing', async () => {
      const ok = await adminA('PATCH', '/api/v1/centre', { phone: '03 27 00 00 00', openingHours: 'Mo-Fr 09:00-12:00; PH off', communeInsee: '59139', siret: '732 829 320 00074' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ phone: '0327000000', openingHours: 'Mo-Fr 09:00-12:00; PH off', communeName: 'Caudry', siret: '73282932000074' });
      const before = await snapshot(t);
      const bad = await adminA('PATCH', '/api/v1/centre', { name: 'Nouveau nom', openingHours: 'le matin' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ error: 'invalid', fields: { openingHours: expect.stringContaining('pas au bon format') } });
      const badSiret = await adminA('PATCH', '/api/v1/centre', { name: 'Nouveau nom', siret: '12000101100011' });
      expect(badSiret.statusCode).toBe(422);
      expect(badSiret.json().fields.siret).toContain('14 chiffres');
      const unknown = await adminA('PATCH', '/api/v1/centre', { name: 'Nouveau nom', communeInsee: '99999' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().fields.communeInsee).toContain('introuvable');
      expect(await snapshot(t)).toBe(before);
    });

    it('refuses changes to other roles', async () => {
      const before = await snapshot(t);
      for (const role of ['coordinator', 'facilitator', 'volunteer', 'partner'] as Role[]) {
        const response = await (await apiToken(t.app, centreA, role))('PATCH', '/api/v1/centre', { name: 'Piraté' });
        expect(response.statusCode, role).toBe(403);
        expect(response.json().error).toBe('forbidden');
      }
      expect(await snapshot(t)).toBe(before);
    });
  });

  describe('sites', () => {
    it('creates, reads, archives and hides sites; another centre gets 404', async () => {
      const created = await adminA('POST', '/api/v1/sites', { name: 'Atelier', kind: 'studio', communeInsee: '59122', accessibility: 'plain-pied' });
      expect(created.statusCode).toBe(201);
      const site = created.json();
      expect(site).toMatchObject({ name: 'Atelier', kind: 'studio', communeName: 'Cambrai', archived: false, archivedAt: null });
      expect(site).not.toHaveProperty('centerId');

      const volunteer = await apiToken(t.app, centreA, 'volunteer');
      expect((await volunteer('GET', `/api/v1/sites/${site.id}`)).json().name).toBe('Atelier');
      expect((await volunteer('GET', '/api/v1/sites')).json().items.map((s: { id: string }) => s.id)).toEqual([site.id]);

      const archived = await adminA('PATCH', `/api/v1/sites/${site.id}`, { archived: true });
      expect(archived.statusCode).toBe(200);
      expect(archived.json().archived).toBe(true);
      expect((await adminA('GET', '/api/v1/sites')).json().items).toEqual([]);
      expect((await adminA('GET', '/api/v1/sites?archives=true')).json().items.map((s: { id: string }) => s.id)).toEqual([site.id]);
      expect((await adminA('PATCH', `/api/v1/sites/${site.id}`, { archived: false })).json().archived).toBe(false);

      expect((await adminB('GET', `/api/v1/sites/${site.id}`)).statusCode).toBe(404);
      expect((await adminB('PATCH', `/api/v1/sites/${site.id}`, { archived: true })).statusCode).toBe(404);
      expect((await adminB('GET', '/api/v1/sites?archives=true')).json().items).toEqual([]);
      expect((await adminA('GET', '/api/v1/sites/pas-un-id')).statusCode).toBe(404);
    });

    it('refuses changes to other roles', async () => {
      const site = await t.app.services.centre.createSite(centreA, { name: 'Salle', kind: 'village_hall' });
      const before = await snapshot(t);
      for (const role of ['coordinator', 'facilitator', 'volunteer', 'partner'] as Role[]) {
        const call = await apiToken(t.app, centreA, role);
        expect((await call('POST', '/api/v1/sites', { name: 'x', kind: 'other' })).statusCode, role).toBe(403);
        expect((await call('PATCH', `/api/v1/sites/${site.id}`, { archived: true })).statusCode, role).toBe(403);
      }
      expect(await snapshot(t)).toBe(before);
    });
  });

  describe('partner communes', () => {
    it('adds a commune by INSEE code once, lists it and removes it; another centre gets 404', async () => {
      const added = await adminA('POST', '/api/v1/partner-communes', { communeInsee: '59139', contactName: 'Mme Durand', contactEmail: 'mairie@caudry.test' });
      expect(added.statusCode).toBe(201);
      expect(added.json()).toMatchObject({ communeInsee: '59139', communeName: 'Caudry', postalCode: '59540', contactName: 'Mme Durand' });
      const again = await adminA('POST', '/api/v1/partner-communes', { communeInsee: '59139' });
      expect(again.statusCode).toBe(409);
      expect(again.json().fields.communeInsee).toBe('Cette commune est déjà partenaire du centre');
      expect((await adminA('POST', '/api/v1/partner-communes', { communeInsee: '99999' })).statusCode).toBe(422);
      expect((await adminA('GET', '/api/v1/partner-communes')).json().items.map((c: { communeName: string }) => c.communeName)).toEqual(['Caudry']);
      const id = added.json().id;
      expect((await adminB('DELETE', `/api/v1/partner-communes/${id}`)).statusCode).toBe(404);
      expect((await (await apiToken(t.app, centreA, 'coordinator'))('DELETE', `/api/v1/partner-communes/${id}`)).statusCode).toBe(403);
      const patched = await adminA('PATCH', `/api/v1/partner-communes/${id}`, { contactName: null });
      expect(patched.json().contactName).toBeNull();
      const removed = await adminA('DELETE', `/api/v1/partner-communes/${id}`);
      expect(removed.statusCode).toBe(204);
      expect(removed.body).toBe('');
      expect((await adminA('GET', '/api/v1/partner-communes')).json().items).toEqual([]);
    });
  });

  describe('users', () => {
    it('creates an account that receives an invitation, lists and changes it', async () => {
      const created = await adminA('POST', '/api/v1/users', { displayName: 'Inès Martin', email: 'ines.api@exemple.fr', role: 'facilitator' });
      expect(created.statusCode).toBe(201);
      const user = created.json();
      expect(user).toMatchObject({ email: 'ines.api@exemple.fr', role: 'facilitator', active: true, invitationPending: true, lastLoginAt: null });
      expect(user).not.toHaveProperty('passwordHash');
      const mail = await t.db.kysely.selectFrom('outbox').select('body').where('recipient', '=', 'ines.api@exemple.fr').executeTakeFirstOrThrow();
      expect(mail.body).not.toContain('jeton=');
      expect(await personalLink(t.app, 'ines.api@exemple.fr')).toContain('/mot-de-passe/nouveau?jeton=');

      const duplicate = await adminA('POST', '/api/v1/users', { displayName: 'Autre', email: 'INES.API@exemple.fr', role: 'volunteer' });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json()).toMatchObject({ error: 'conflict', fields: { email: 'Un compte existe déjà avec cette adresse e-mail' } });

      expect((await adminA('GET', '/api/v1/users')).json().items.some((u: { id: string }) => u.id === user.id)).toBe(true);
      const changed = await adminA('PATCH', `/api/v1/users/${user.id}`, { role: 'coordinator', active: false });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ role: 'coordinator', active: false });

      expect((await adminB('GET', `/api/v1/users/${user.id}`)).statusCode).toBe(404);
      expect((await adminB('PATCH', `/api/v1/users/${user.id}`, { active: true })).statusCode).toBe(404);
      expect((await adminB('GET', '/api/v1/users')).json().items.some((u: { id: string }) => u.id === user.id)).toBe(false);
    });

    it('refuses an admin demoting or deactivating themselves with 409', async () => {
      const admin = await signIn(t.app, centreA, 'admin');
      const demote = await admin.api('PATCH', `/api/v1/users/${admin.userId}`, { role: 'volunteer' });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().fields.role).toContain('Vous ne pouvez pas retirer vous-même vos droits d’administration');
      const off = await admin.api('PATCH', `/api/v1/users/${admin.userId}`, { active: false });
      expect(off.statusCode).toBe(409);
      expect((await admin.api('GET', '/api/v1/users')).statusCode).toBe(200);
    });

    it('keeps accounts to admins', async () => {
      const member = await createStaff(t.app, centreA, 'volunteer');
      const before = await snapshot(t);
      for (const role of ['coordinator', 'facilitator', 'volunteer', 'partner'] as Role[]) {
        const call = await apiToken(t.app, centreA, role);
        expect((await call('GET', '/api/v1/users')).statusCode, role).toBe(403);
        expect((await call('POST', '/api/v1/users', { displayName: 'x', email: `x-${role}@exemple.fr`, role: 'admin' })).statusCode, role).toBe(403);
        expect((await call('PATCH', `/api/v1/users/${member.id}`, { role: 'admin' })).statusCode, role).toBe(403);
        expect((await call('POST', '/api/v1/partner-communes', { communeInsee: '59122' })).statusCode, role).toBe(403);
      }
      expect(await snapshot(t)).toBe(before);
    });
  });

  describe('bad input (generated)', () => {
    const runs = { numRuns: 60 };

    async function expectRefusedUnchanged(call: Call, method: 'POST' | 'PATCH' | 'DELETE' | 'GET', url: string, body: unknown) {
      const before = await snapshot(t);
      const response = await call(method, url, body);
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(body)?.slice(0, 200)} → ${response.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.json()).toHaveProperty('message');
      expect(await snapshot(t)).toBe(before);
    }

    it('PATCH /api/v1/centre', async () => {
      const valid = fc.record({ name: fc.constantFrom('Centre social A', 'Un autre nom'), phone: fc.constant('0327112233') }, { requiredKeys: [] });
      const bad = fc.oneof(
        fc.record({ name: fc.oneof(fc.constantFrom('', '   ', null), junk, tooLong) }),
        fc.record({ openingHours: fc.oneof(fc.constantFrom('le matin', 'Mo 25:00-26:00', 'Mo-Fr 09:00-12:00; SH off'), junk, tooLong) }),
        fc.record({ communeInsee: fc.oneof(fc.constantFrom('99999', '00000', '', '2C001', null), fc.string(), junk) }),
        fc.record({ phone: fc.oneof(fc.constantFrom('12', 'abcdefghij', '+44 20 7946 0958'), junk) }),
        fc.record({ email: fc.oneof(fc.constantFrom('pas-un-email', '@', 'a@'), junk) }),
        fc.record({ postalCode: fc.oneof(fc.constantFrom('1234', 'abcde', '594000'), junk) }),
      );
      await fc.assert(fc.asyncProperty(fc.oneof(withValid(bad, valid), notAnObject), (body) => expectRefusedUnchanged(adminA, 'PATCH', '/api/v1/centre', body)), runs);
    });

    it('POST /api/v1/sites and PATCH /api/v1/sites/{id}', async () => {
      const site = await t.app.services.centre.createSite(centreA, { name: 'Cible', kind: 'centre' });
      const valid = fc.record({ name: fc.constant('Lieu'), kind: fc.constantFrom('centre', 'studio', 'village_hall', 'mobile', 'other') });
      const bad = fc.oneof(
        fc.record({ name: fc.oneof(fc.constantFrom('', '  ', null), junk, tooLong) }),
        fc.record({ kind: fc.oneof(fc.constantFrom('castle', '', null, 'Centre'), junk) }),
        fc.record({ communeInsee: fc.oneof(fc.constantFrom('99999', 'Cambrai', ''), junk) }),
        fc.record({ accessibility: fc.oneof(tooLong, junk) }),
        fc.record({ archived: fc.oneof(fc.constantFrom('true', 'yes', 1, null), fc.string()) }),
      );
      await fc.assert(fc.asyncProperty(fc.oneof(withValid(bad, valid), notAnObject, fc.constant({})), (body) => expectRefusedUnchanged(adminA, 'POST', '/api/v1/sites', body)), runs);
      await fc.assert(fc.asyncProperty(fc.oneof(withValid(bad, valid), notAnObject), (body) => expectRefusedUnchanged(adminA, 'PATCH', `/api/v1/sites/${site.id}`, body)), runs);
    });

    it('POST /api/v1/partner-communes', async () => {
      await t.app.services.centre.addPartnerCommune(centreA, { communeInsee: '59009' });
      const valid = fc.record({ communeInsee: fc.constant('59122') });
      const bad = fc.oneof(
        fc.record({ communeInsee: fc.oneof(fc.constantFrom('99999', '59009', 'Cambrai', '', null), junk) }),
        fc.record({ contactEmail: fc.oneof(fc.constantFrom('pas-un-email'), junk) }),
        fc.record({ contactName: fc.oneof(tooLong, junk) }),
      );
      await fc.assert(fc.asyncProperty(fc.oneof(withValid(bad, valid), notAnObject, fc.constant({})), (body) => expectRefusedUnchanged(adminA, 'POST', '/api/v1/partner-communes', body)), runs);
    });

    it('POST /api/v1/users and PATCH /api/v1/users/{id}', async () => {
      const existing = await createStaff(t.app, centreA, 'facilitator', 'deja@exemple.fr');
      const valid = fc.record({ displayName: fc.constant('Nouvelle personne'), email: fc.constant('nouvelle@exemple.fr'), role: fc.constantFrom('admin', 'coordinator', 'facilitator', 'volunteer') });
      const bad = fc.oneof(
        fc.record({ displayName: fc.oneof(fc.constantFrom('', '   ', null), junk, tooLong) }),
        fc.record({ email: fc.oneof(fc.constantFrom('pas-un-email', '', 'DEJA@exemple.fr', 'deja@exemple.fr'), junk) }),
        fc.record({ role: fc.oneof(fc.constantFrom('resident', 'root', '', 'Admin'), junk) }),
        fc.record({ role: fc.constant('partner'), partnerCommuneInsee: fc.constantFrom(null, '99999', '59139') }),
        fc.record({ active: fc.oneof(fc.constantFrom('false', 0, null), fc.string()) }),
      );
      await fc.assert(fc.asyncProperty(fc.oneof(withValid(bad, valid), notAnObject, fc.constant({})), (body) => expectRefusedUnchanged(adminA, 'POST', '/api/v1/users', body)), runs);
      const patchValid = fc.record({ displayName: fc.constant('Renommée'), role: fc.constantFrom('coordinator', 'volunteer') }, { requiredKeys: [] });
      const patchBad = fc.oneof(
        fc.record({ displayName: fc.oneof(fc.constantFrom('', '   ', null), junk, tooLong) }),
        fc.record({ role: fc.oneof(fc.constantFrom('resident', '', 'partner'), junk) }),
        fc.record({ email: fc.constant('changer@exemple.fr') }),
        fc.record({ active: fc.oneof(fc.constantFrom('false', 0, null), fc.string()) }),
      );
      await fc.assert(fc.asyncProperty(fc.oneof(withValid(patchBad, patchValid), notAnObject), (body) => expectRefusedUnchanged(adminA, 'PATCH', `/api/v1/users/${existing.id}`, body)), runs);
    });

    it('unknown or foreign ids answer 404, never 500', async () => {
      const foreign = await t.app.services.centre.createSite(centreB, { name: 'Ailleurs', kind: 'studio' });
      const ids = fc.oneof(fc.string({ minLength: 1, maxLength: 80 }), fc.uuid(), fc.constant(foreign.id));
      await fc.assert(
        fc.asyncProperty(ids, fc.constantFrom('sites', 'partner-communes', 'users'), async (id, kind) => {
          const url = `/api/v1/${kind}/${encodeURIComponent(id)}`;
          const method = kind === 'partner-communes' ? 'DELETE' : 'GET';
          const before = await snapshot(t);
          const response = await adminA(method, url);
          expect(response.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(await snapshot(t)).toBe(before);
        }),
        runs,
      );
    });
  });

  it('documents every endpoint in the OpenAPI document under the Centre tag', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const expected: [string, string][] = [
      ['/api/v1/centre', 'get'], ['/api/v1/centre', 'patch'], ['/api/v1/sites', 'get'], ['/api/v1/sites', 'post'],
      ['/api/v1/sites/{id}', 'get'], ['/api/v1/sites/{id}', 'patch'], ['/api/v1/partner-communes', 'get'], ['/api/v1/partner-communes', 'post'],
      ['/api/v1/partner-communes/{id}', 'delete'], ['/api/v1/users', 'get'], ['/api/v1/users', 'post'], ['/api/v1/users/{id}', 'patch'],
    ];
    for (const [path, method] of expected) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['Centre']);
    }
    expect(doc.paths['/api/v1/centre'].patch.requestBody.content['application/json'].schema.properties).toHaveProperty('openingHours');
  });
});
