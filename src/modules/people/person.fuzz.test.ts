import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiToken, createCentre, createTestApp, signIn, titleOf, type Client, type TestApp } from '../../../tests/support/app.ts';
import { normalizePhone } from '../../platform/text.ts';
import { parseEuros } from './person.schemas.ts';

/**
 * Bad input on every persons endpoint: generated payloads must get a 4xx (never a 500), and
 * the database must not change.
 */
type Call = Awaited<ReturnType<typeof apiToken>>;
const RUNS = 40;

const notAPhone = fc.string({ maxLength: 40 }).filter((s) => s.trim() !== '' && !/^0[1-9]\d{8}$/.test(normalizePhone(s.trim())));
const notAnEmail = fc.string({ maxLength: 60 }).filter((s) => s.trim() !== '' && !z.regexes.email.test(s.trim().toLowerCase()));
const notAYear = fc.oneof(
  fc.string({ maxLength: 8 }).filter((s) => s.trim() !== '' && !/^\s*(19\d\d|20[0-2]\d)\s*$/.test(s)),
  fc.integer({ min: 2100, max: 99999 }).map(String),
  fc.integer({ min: 0, max: 1899 }).map(String),
);
const weirdText = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('\u0000', 'é\u0000è', '%_\\', "'; drop table persons; --", '<script>x</script>', '\uD800'));
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));

/** JSON bodies that are invalid for creation in at least one way the schema or the rules catch. */
const badCreateBody = fc.oneof(
  fc.anything({ maxDepth: 2 }).map((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v, consents: 'oui' } : v)),
  fc.record({ firstName: fc.constantFrom('', '   ', '\u0000'), lastName: weirdText, consents: fc.constant({ data_processing: true }) }),
  fc.record({ firstName: weirdText, lastName: wrongType, consents: fc.constant({ data_processing: true }) }),
  fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Fuzz'), phone: notAPhone, consents: fc.constant({ data_processing: true }) }),
  fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Fuzz'), email: notAnEmail, consents: fc.constant({ data_processing: true }) }),
  fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Fuzz'), birthYear: fc.oneof(wrongType.filter((v) => v !== null), fc.integer({ min: 3000 }), fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true })), consents: fc.constant({ data_processing: true }) }),
  fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Fuzz'), consents: fc.oneof(wrongType, fc.constant({ data_processing: false }), fc.constant({})) }),
  fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Fuzz'), socialStatus: weirdText.filter((s) => !['scolarise', 'sans_emploi', 'en_emploi', 'retraite', 'non_communique'].includes(s)), consents: fc.constant({ data_processing: true }) }),
  fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Fuzz'), membership: fc.oneof(wrongType.filter((v) => v !== null && !(typeof v === 'object' && !Array.isArray(v))), fc.record({ amountCents: fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }), fc.string()) })), consents: fc.constant({ data_processing: true }) }),
  fc.record({ firstName: fc.constant('x'.repeat(101)), lastName: fc.constant('Fuzz'), consents: fc.constant({ data_processing: true }) }),
);

/** PATCH bodies with at least one field that cannot be accepted. */
const badPatchBody = fc.oneof(
  fc.record({ firstName: fc.oneof(fc.constantFrom('', ' ', '\u0000'), wrongType.filter((v) => v !== null)) }),
  fc.record({ lastName: fc.constant(null) }),
  fc.record({ phone: notAPhone }),
  fc.record({ email: notAnEmail }),
  fc.record({ birthYear: fc.oneof(fc.string(), fc.integer({ min: 3000 }), fc.integer({ max: 1899 })) }),
  fc.record({ gender: weirdText.filter((s) => !['masculin', 'feminin', 'non_communique'].includes(s)) }),
  fc.record({ consents: fc.oneof(fc.string(), fc.record({ data_processing: fc.constant(false) }), fc.record({ photos: fc.string() })) }),
  fc.anything({ maxDepth: 1 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
);

const randomId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }),
  fc.uuid(),
  fc.constantFrom('0', '-1', "' or 1=1 --", '../../etc/passwd', '%00', 'null', 'undefined'),
);

describe('persons endpoints under generated bad input', () => {
  let t: TestApp;
  let centre: string;
  let admin: Call;
  let browser: Client;
  let existingId: string;
  let bearer = '';
  async function tokenHeader(): Promise<string> {
    if (!bearer) bearer = `Bearer ${(await t.app.ctx.auth.createToken(centre, 'admin', 'fuzz raw')).token}`;
    return bearer;
  }

  const snapshot = async () =>
    JSON.stringify({
      persons: await t.db.kysely.selectFrom('persons').selectAll().orderBy('id').execute(),
      consents: (await t.db.kysely.selectFrom('consents').select('id').execute()).length,
      memberships: await t.db.kysely.selectFrom('memberships').selectAll().orderBy('id').execute(),
      households: (await t.db.kysely.selectFrom('households').select('id').execute()).length,
    });

  beforeAll(async () => {
    t = await createTestApp();
    centre = await createCentre(t.app, 'fuzz', 'Centre Fuzz');
    admin = await apiToken(t.app, centre, 'admin');
    browser = await signIn(t.app, centre, 'admin');
    const r = await admin('POST', '/api/v1/persons', { firstName: 'Existe', lastName: 'Déjà', phone: '0612345678', consents: { data_processing: true } });
    existingId = r.json().id;
  });
  afterAll(() => t.close());

  it('POST /api/v1/persons: 4xx, nothing created', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(badCreateBody, async (body) => {
        const r = await admin('POST', '/api/v1/persons', body);
        expect(r.statusCode, `${r.statusCode} ${r.body}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
        expect(r.json()).toHaveProperty('error');
      }),
      { numRuns: RUNS * 2 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('POST with a raw non-JSON or broken body: 4xx, nothing created', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), fc.constantFrom('application/json', 'text/plain', 'application/xml'), async (payload, type) => {
        const r = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: { authorization: await tokenHeader(), 'content-type': type }, payload });
        expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toBe(before);
  });

  it('PATCH /api/v1/persons/{id}: 4xx, the file unchanged', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(badPatchBody, async (body) => {
        const r = await admin('PATCH', `/api/v1/persons/${existingId}`, body);
        expect(r.statusCode, `${r.statusCode} ${r.body}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS * 2 },
    );
    expect(await snapshot()).toBe(before);
  });

  it('every /api/v1/persons/{id} endpoint with random ids: 4xx, nothing changed', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(randomId, fc.constantFrom('GET', 'PATCH', 'DELETE', 'EXPORT', 'MERGE'), async (id, what) => {
        const path = `/api/v1/persons/${encodeURIComponent(id)}`;
        const r =
          what === 'EXPORT'
            ? await admin('GET', `${path}/export`)
            : what === 'MERGE'
              ? await admin('POST', `${path}/merge`, { duplicateId: existingId })
              : await admin(what as 'GET', path, what === 'PATCH' ? { firstName: 'Changé' } : undefined);
        expect(r.statusCode, `${what} ${id} → ${r.statusCode} ${r.body}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS * 2 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(randomId, wrongType), async (duplicateId) => {
        const r = await admin('POST', `/api/v1/persons/${existingId}/merge`, { duplicateId });
        expect(r.statusCode, r.body).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(await snapshot()).toBe(before);
  });

  it('GET /api/v1/persons and /api/v1/communes with random query strings: never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(weirdText, fc.oneof(fc.string({ maxLength: 6 }), fc.integer().map(String)), async (q, page) => {
        const query = new URLSearchParams({ q, page, pageSize: page }).toString();
        const r = await admin('GET', `/api/v1/persons?${query}`);
        expect([200, 400, 422], `${query} → ${r.statusCode} ${r.body}`).toContain(r.statusCode);
        const c = await admin('GET', `/api/v1/communes?${new URLSearchParams({ q }).toString()}`);
        expect([200, 400, 422]).toContain(c.statusCode);
      }),
      { numRuns: RUNS },
    );
  });

  it('the registration form: generated invalid submissions give 422 "Erreur :" and create nothing', async () => {
    const before = await snapshot();
    const badForm = fc.oneof(
      fc.record({ firstName: fc.constantFrom('', ' ', '\t'), lastName: weirdText, phone: weirdText, consents: fc.constant('data_processing') }),
      fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Form'), phone: notAPhone, consents: fc.constant('data_processing') }),
      fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Form'), email: notAnEmail, consents: fc.constant('data_processing') }),
      fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Form'), birthYear: notAYear, consents: fc.constant('data_processing') }),
      fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Form'), consents: fc.array(fc.constantFrom('sms_reminders', 'photos', 'inconnu'), { maxLength: 3 }) }),
      fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Form'), membershipAmount: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => parseEuros(s) === 'invalid'), member: fc.constant('1'), consents: fc.constant('data_processing') }),
      fc.record({ firstName: fc.constant('Ana'), lastName: fc.constant('Form'), commune: fc.constantFrom('Atlantide', 'Beaumont', 'zzzz', '99999'), consents: fc.constant('data_processing') }),
    );
    await fc.assert(
      fc.asyncProperty(badForm, async (form) => {
        const r = await browser.post('/personnes/nouvelle', form as Record<string, string>);
        expect(r.statusCode, JSON.stringify(form)).toBe(422);
        expect(titleOf(r.body)).toMatch(/^Erreur : /);
        expect(r.body).toContain('class="error-summary"');
      }),
      { numRuns: RUNS },
    );
    const edit = await browser.post(`/personnes/${existingId}/modifier`, { firstName: 'Existe', lastName: '', consents: 'data_processing' });
    expect(edit.statusCode).toBe(422);
    expect(await snapshot()).toBe(before);
  });

  it('person pages with random ids: 4xx, nothing changed', async () => {
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(randomId, fc.constantFrom('', '/modifier', '/fusionner', '/export', '/effacer'), fc.boolean(), async (id, suffix, post) => {
        const url = `/personnes/${encodeURIComponent(id)}${suffix}`;
        const r = post && suffix && suffix !== '/export' ? await browser.post(url, { firstName: 'X', lastName: 'Y', duplicateId: existingId }) : await browser.get(url);
        // "nouvelle" is the registration page, not an id.
        if (id === 'nouvelle' && suffix === '') return;
        expect(r.statusCode, `${url} → ${r.statusCode}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
      }),
      { numRuns: RUNS * 2 },
    );
    expect(await snapshot()).toBe(before);
  });
});
