import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { networkOf } from '../../src/platform/http/logging.ts';
import { apiToken, Client, createCentre, createStaff, TEST_PASSWORD, testClock } from '../support/app.ts';
import { createTestDb, type TestDb } from '../support/databases.ts';

/**
 * The production log holds no personal data (QUALITY.md): requests carrying a resident's name,
 * e-mail, phone, a password, an API token or a reset token — in the body, the query or the
 * headers — are served, and none of those values is found in what the server wrote to its log,
 * at the production log level.
 */
describe('the production log holds no personal data', () => {
  const lines: string[] = [];
  let db: TestDb;
  let app: FastifyInstance;
  let centre: string;

  const SECRETS = {
    firstName: 'Gwendoline',
    lastName: 'Tartempion',
    email: 'gwendoline.tartempion@exemple.fr',
    phone: '06 98 76 54 32',
    phoneDigits: '0698765432',
    password: 'un mot de passe tout à fait secret',
    resetToken: 'Zm9vYmFyLWNlY2ktZXN0LXVuLXNlY3JldC1kZS10ZXN0',
  };

  beforeAll(async () => {
    db = await createTestDb();
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'info', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: 'https://lieudit.test' });
    app = await buildApp(config, { db, migrate: false, clock: testClock(), logStream: { write: (line) => void lines.push(line) } });
    centre = await createCentre(app, 'logs', 'Centre social Les Tilleuls');
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('serves requests full of personal data and logs none of it', async () => {
    const user = await createStaff(app, centre, 'admin', 'claire.admin@exemple.fr');
    const staff = new Client(app);
    await staff.get('/connexion');
    // A failed sign-in with a resident's address and a password, then the real one.
    expect((await staff.post('/connexion', { email: SECRETS.email, password: SECRETS.password })).statusCode).toBe(422);
    expect((await staff.post('/connexion', { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(303);

    const created = await staff.post('/personnes/nouvelle', {
      firstName: SECRETS.firstName, lastName: SECRETS.lastName, phone: SECRETS.phone, email: SECRETS.email, birthYear: '1950',
      commune: 'Cambrai (59400)', socialStatus: 'retraite', gender: 'feminin', accessibilityNeeds: 'Malvoyante', household: '', consents: ['data_processing'],
    });
    expect(created.statusCode).toBe(303);
    // A refused form (422) echoes the values back into the page, never into the log.
    expect((await staff.post('/personnes/nouvelle', { firstName: SECRETS.firstName, lastName: SECRETS.lastName, phone: '06 12', email: SECRETS.email })).statusCode).toBe(422);
    expect((await staff.get(`/personnes?q=${encodeURIComponent(SECRETS.lastName)}`)).statusCode).toBe(200);
    expect((await staff.get(`/personnes?q=${encodeURIComponent(SECRETS.email)}&telephone=${SECRETS.phoneDigits}`)).statusCode).toBe(200);

    const call = await apiToken(app, centre, 'admin');
    const listed = await call('GET', `/api/v1/persons?q=${encodeURIComponent(SECRETS.firstName)}`);
    expect(listed.statusCode).toBe(200);
    expect((await call('POST', '/api/v1/persons', { firstName: SECRETS.firstName, lastName: SECRETS.lastName, email: 'pas une adresse', phone: SECRETS.phone })).statusCode).toBe(422);
    // Not JSON at all: the parser's error must not quote the body.
    const broken = await app.inject({ method: 'POST', url: '/api/v1/persons', headers: { 'content-type': 'application/json', authorization: 'Bearer lieudit_inconnu' }, payload: `{"firstName": "${SECRETS.firstName}", "email": ${SECRETS.email}` });
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);

    expect((await app.inject({ url: `/mot-de-passe/nouveau?jeton=${SECRETS.resetToken}` })).statusCode).toBe(400);
    // A household's connection: the log keeps its network only.
    expect((await app.inject({ url: '/contact', remoteAddress: '203.0.113.45' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/contact', remoteAddress: '2001:db8:85a3:8d3:1319:8a2e:370:7348' })).statusCode).toBe(200);
    expect((await new Client(app).post('/mot-de-passe/oublie', { email: SECRETS.email })).statusCode).toBeLessThan(500);

    const log = lines.join('');
    // The log is written (a test that reads an empty log proves nothing)…
    expect(log).toContain('request completed');
    expect(log).toContain('/personnes?q=[masqué]');
    // …and none of the values sent is in it, whatever the case.
    const lower = log.toLowerCase();
    for (const [name, value] of Object.entries({ ...SECRETS, staffEmail: user.email, testPassword: TEST_PASSWORD })) {
      expect(lower.includes(value.toLowerCase()), `${name} found in the log`).toBe(false);
      expect(lower.includes(encodeURIComponent(value).toLowerCase()), `${name} (URL-encoded) found in the log`).toBe(false);
    }
    expect(log).not.toMatch(/lieudit_[A-Za-z0-9_-]{10,}/);
    expect(log).toContain('"remoteNetwork":"203.0.113.0/24"');
    expect(log).toContain('"remoteNetwork":"2001:db8:85a3::/48"');
    expect(log).not.toContain('203.0.113.45');
    expect(log).not.toContain('8a2e:370:7348');
  });

  it('cuts any client address to its network', () => {
    expect(networkOf('192.0.2.77')).toBe('192.0.2.0/24');
    expect(networkOf('::ffff:192.0.2.77')).toBe('192.0.2.0/24');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkOf('::1')).toBe('0:0:0::/48');
    expect(networkOf('pas une adresse')).toBeUndefined();
    expect(networkOf(undefined)).toBeUndefined();
  });
});
