import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig, parseTrustProxy } from '../../config.ts';
import { createTestDb } from '../../../tests/support/databases.ts';
import { Client, createCentre, createStaff, createTestApp, signIn, TEST_PASSWORD, type TestApp } from '../../../tests/support/app.ts';

const SITE = 'http://lieudit.test';

describe('"retour" addresses stay on the site (review: open redirect)', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'retour');
  });
  afterAll(() => t.close());

  const offSite = ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', '/.//evil.example', '/\\\t\\evil.example'];

  it('after login, `retour=/%09/evil.example` leads to the dashboard, not to evil.example', async () => {
    for (const [i, retour] of offSite.entries()) {
      const account = await createStaff(t.app, centreId, 'facilitator');
      const browser = new Client(t.app, { remoteAddress: `198.51.100.${i + 1}` });
      await browser.get(`/connexion?retour=${encodeURIComponent(retour)}`);
      const response = await browser.post('/connexion', { email: account.email, password: TEST_PASSWORD, retour });
      expect(response.statusCode, JSON.stringify(retour)).toBe(303);
      expect(new URL(response.headers.location as string, SITE).origin, JSON.stringify(retour)).toBe(SITE);
      expect(response.headers.location).toBe('/tableau-de-bord');
    }
  });

  it('the login page does not carry a foreign `retour` into its form', async () => {
    const page = await new Client(t.app).get('/connexion?retour=%2F%09%2Fevil.example');
    expect(page.statusCode).toBe(200);
    const loginForm = page.body.slice(page.body.indexOf('action="/connexion"'));
    expect(loginForm).toContain('name="retour" value/>');
    expect(loginForm).not.toContain('evil.example');
  });

  it('/preferences/lisible sends an off-site `retour` home, and a local one back where it was', async () => {
    const client = new Client(t.app);
    for (const retour of offSite) {
      const response = await client.post('/preferences/lisible', { retour });
      expect(response.statusCode, JSON.stringify(retour)).toBe(303);
      expect(response.headers.location, JSON.stringify(retour)).toBe('/');
    }
    const back = await client.post('/preferences/lisible', { retour: '/activites?page=2#liste' });
    expect(back.headers.location).toBe('/activites?page=2#liste');
  });

  it('a newline in `retour` is not a 500 in English: the person lands on a page of the site', async () => {
    const client = new Client(t.app);
    const response = await client.post('/preferences/lisible', { retour: '/activites\r\nSet-Cookie: x=1' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    expect(response.headers['set-cookie']?.toString()).not.toContain('x=1');
  });
});

describe('cookie-authenticated API writes come from the site only (review: foreign Origin)', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'origine');
  });
  afterAll(() => t.close());

  const communes = () => t.db.kysely.selectFrom('partnerCommunes').select('communeInsee').where('centerId', '=', centreId).execute();

  it('refuses a write whose Origin is another site, in French, and changes nothing', async () => {
    const admin = await signIn(t.app, centreId, 'admin');
    const response = await admin.api('POST', '/api/v1/partner-communes', { communeInsee: '59139' }, { origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'foreign_origin', fields: {} });
    expect(response.json().message).toMatch(/autre site/);
    const crossSite = await admin.api('POST', '/api/v1/partner-communes', { communeInsee: '59139' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect(await communes()).toEqual([]);
  });

  it('accepts the same write from the site itself, and from a program with a Bearer token', async () => {
    const admin = await signIn(t.app, centreId, 'admin');
    const own = await admin.api('POST', '/api/v1/partner-communes', { communeInsee: '59139' }, { origin: SITE });
    expect(own.statusCode).toBe(201);
    const { token } = await t.app.ctx.auth.createToken(centreId, 'admin', 'programme');
    const viaToken = await t.app.inject({
      method: 'POST', url: '/api/v1/partner-communes', payload: { communeInsee: '59122' },
      headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' },
    });
    expect(viaToken.statusCode).toBe(201);
    expect((await communes()).map((c) => c.communeInsee).sort()).toEqual(['59122', '59139']);
  });
});

describe('TRUST_PROXY (review: any client chose its address with X-Forwarded-For)', () => {
  it('is off by default: in production, 25 logins each claiming another X-Forwarded-For are still limited to 10 a minute', async () => {
    const t = await createTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    try {
      const client = new Client(t.app, { remoteAddress: '203.0.113.7' });
      await client.get('/connexion');
      const statuses: number[] = [];
      for (let i = 1; i <= 25; i++) {
        // A different account each time, so that only the limit per address can answer.
        const response = await client.post('/connexion', { email: `x${i}@exemple.fr`, password: 'devinette' }, { headers: { 'x-forwarded-for': `10.9.${i}.1` } });
        statuses.push(response.statusCode);
      }
      expect(statuses.filter((s) => s === 422)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    } finally {
      await t.close();
    }
  });

  it('trusts the proxies it is told about: their X-Forwarded-For names the client, whose limit is its own', async () => {
    const t = await createTestApp({ TRUST_PROXY: '203.0.113.0/24' });
    try {
      const proxy = new Client(t.app, { remoteAddress: '203.0.113.7' });
      await proxy.get('/connexion');
      const statuses: number[] = [];
      for (let i = 1; i <= 12; i++) {
        const response = await proxy.post('/connexion', { email: `y${i}@exemple.fr`, password: 'devinette' }, { headers: { 'x-forwarded-for': i <= 11 ? '10.1.1.1' : '10.2.2.2' } });
        statuses.push(response.statusCode);
      }
      // The eleventh from 10.1.1.1 is refused; 10.2.2.2, behind the same proxy, is not.
      expect(statuses).toEqual([...Array(10).fill(422), 429, 422]);
    } finally {
      await t.close();
    }
  });

  it('reads false, a hop count or a list of addresses and ranges, and refuses `true` or a typo in French', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual(['10.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', 'loopback']);
    expect(() => parseTrustProxy('true')).toThrow(/n’importe quelle adresse/);
    expect(() => parseTrustProxy('10.0.0.300')).toThrow(/TRUST_PROXY invalide : « 10\.0\.0\.300 »/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/TRUST_PROXY invalide/);
  });
});

describe('the request log holds no secret (review: secrets are for their recipient only)', () => {
  it('masks the jeton of a reset link and a signed link in the logged URL', async () => {
    const lines: string[] = [];
    const db = await createTestDb();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', LIEUDIT_SECRET: 'test-secret-test-secret-test-secret', PUBLIC_URL: SITE });
    const app = await buildApp(config, { db, migrate: false, logStream: { write: (line) => void lines.push(line) } });
    try {
      const jeton = 'Zm9vYmFyLWNlY2ktZXN0LXVuLXNlY3JldC1kZS10ZXN0';
      await app.inject({ url: `/mot-de-passe/nouveau?jeton=${jeton}` });
      const signed = `0193a5f0-7c1e-7000-8000-000000000001.m4x2k1.${'s'.repeat(43)}`;
      await app.inject({ url: `/questionnaire/${signed}` });
      const log = lines.join('');
      expect(log).toContain('/mot-de-passe/nouveau?jeton=[masqué]');
      expect(log).toContain('/questionnaire/[masqué]');
      expect(log).not.toContain(jeton);
      expect(log).not.toContain('s'.repeat(43));
    } finally {
      await app.close();
      await db.drop();
    }
  });
});

describe('HSTS only over HTTPS (review: Strict-Transport-Security sent over plain HTTP)', () => {
  const HSTS = 'strict-transport-security';
  const PROXY = '203.0.113.7';
  const ask = (t: TestApp, remoteAddress: string, headers: Record<string, string> = {}, url = '/connexion') =>
    t.app.inject({ method: 'GET', url, remoteAddress, headers: { accept: 'text/html', ...headers } });

  it('without a trusted proxy, a production server sends it over no plain request, whatever X-Forwarded-Proto a client sends', async () => {
    const t = await createTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
    try {
      const plain = await ask(t, '198.51.100.9');
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-security-policy']).toContain("default-src 'self'");
      expect(plain.headers[HSTS]).toBeUndefined();
      const forged = await ask(t, '198.51.100.9', { 'x-forwarded-proto': 'https' });
      expect(forged.statusCode).toBe(200);
      expect(forged.headers[HSTS]).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('behind a trusted proxy, follows the scheme the proxy says it was asked on', async () => {
    const t = await createTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent', TRUST_PROXY: '203.0.113.0/24' });
    try {
      const https = await ask(t, PROXY, { 'x-forwarded-proto': 'https' });
      expect(https.statusCode).toBe(200);
      expect(https.headers[HSTS]).toBe('max-age=31536000; includeSubDomains');
      // The proxy was asked over plain HTTP.
      expect((await ask(t, PROXY, { 'x-forwarded-proto': 'http' })).headers[HSTS]).toBeUndefined();
      expect((await ask(t, PROXY)).headers[HSTS]).toBeUndefined();
      // A client wrote « https » itself and the proxy added the scheme it was really asked on: the proxy's word counts.
      expect((await ask(t, PROXY, { 'x-forwarded-proto': 'https, http' })).headers[HSTS]).toBeUndefined();
      // A client reaching the server around the proxy is not believed.
      expect((await ask(t, '198.51.100.9', { 'x-forwarded-proto': 'https' })).headers[HSTS]).toBeUndefined();
      // An address Fastify refuses before any hook: never over plain HTTP either.
      const badUrl = await ask(t, PROXY, { 'x-forwarded-proto': 'http' }, '/activites/%E0%A4%A');
      expect(badUrl.statusCode).toBe(400);
      expect(badUrl.headers['content-security-policy']).toContain("default-src 'self'");
      expect(badUrl.headers[HSTS]).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('with a number of proxies (TRUST_PROXY=1), the nearest one says the scheme; outside production, never', async () => {
    const hops = await createTestApp({ NODE_ENV: 'production', LOG_LEVEL: 'silent', TRUST_PROXY: '1' });
    try {
      expect((await ask(hops, '10.0.0.2', { 'x-forwarded-proto': 'https' })).headers[HSTS]).toBe('max-age=31536000; includeSubDomains');
      expect((await ask(hops, '10.0.0.2', { 'x-forwarded-proto': 'https, http' })).headers[HSTS]).toBeUndefined();
    } finally {
      await hops.close();
    }
    const dev = await createTestApp({ TRUST_PROXY: '203.0.113.0/24' });
    try {
      expect((await ask(dev, PROXY, { 'x-forwarded-proto': 'https' })).headers[HSTS]).toBeUndefined();
    } finally {
      await dev.close();
    }
  });
});
