import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createStaff, createTestApp, personalLink, signIn, TEST_PASSWORD, titleOf, type TestApp } from '../../../tests/support/app.ts';

describe('sign-in, sign-out and password reset', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'auth', 'Centre social Les Tilleuls');
  });
  afterAll(() => t.close());

  it('signs a staff member in with the right password and out again', async () => {
    const user = await createStaff(t.app, centreId, 'facilitator', 'anim@exemple.fr');
    const client = new Client(t.app);
    await client.get('/connexion');
    const ok = await client.post('/connexion', { email: 'ANIM@exemple.fr ', password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/tableau-de-bord');
    const home = await client.get('/tableau-de-bord');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(user.displayName);
    const out = await client.post('/deconnexion', {});
    expect(out.statusCode).toBe(303);
    // Whatever this device kept for offline use goes with the session.
    expect(out.headers['clear-site-data']).toBe('"cache", "storage"');
    const after = await client.get('/tableau-de-bord');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toContain('/connexion');
  });

  it('refuses a wrong password with the GOV.UK error pattern and keeps the e-mail typed', async () => {
    await createStaff(t.app, centreId, 'coordinator', 'coord@exemple.fr');
    const client = new Client(t.app);
    await client.get('/connexion');
    const response = await client.post('/connexion', { email: 'coord@exemple.fr', password: 'pas le bon' });
    expect(response.statusCode).toBe(422);
    expect(titleOf(response.body)).toMatch(/^Erreur : /);
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain('href="#champ-email"');
    expect(response.body).toContain('value="coord@exemple.fr"');
    expect(response.cookies.find((c) => c.name === 'lieudit_sid')).toBeUndefined();
  });

  it('rejects a form post without the CSRF token and signs nobody in', async () => {
    await createStaff(t.app, centreId, 'admin', 'csrf@exemple.fr');
    const client = new Client(t.app);
    await client.get('/connexion');
    const response = await client.post('/connexion', { email: 'csrf@exemple.fr', password: TEST_PASSWORD }, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(client.cookies.has('lieudit_sid')).toBe(false);
  });

  it('rotates the session cookie on login', async () => {
    await createStaff(t.app, centreId, 'admin', 'rotate@exemple.fr');
    const client = new Client(t.app);
    await client.get('/connexion');
    await client.post('/connexion', { email: 'rotate@exemple.fr', password: TEST_PASSWORD });
    const first = client.cookies.get('lieudit_sid');
    await client.post('/connexion', { email: 'rotate@exemple.fr', password: TEST_PASSWORD });
    const second = client.cookies.get('lieudit_sid');
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const stale = new Client(t.app);
    stale.cookies.set('lieudit_sid', first!);
    expect((await stale.get('/tableau-de-bord')).statusCode).toBe(303);
  });

  it('resets a forgotten password through a link sent via the outbox, once', async () => {
    const user = await createStaff(t.app, centreId, 'volunteer', 'oubli@exemple.fr');
    const client = new Client(t.app);
    await client.get('/mot-de-passe/oublie');
    const sent = await client.post('/mot-de-passe/oublie', { email: 'oubli@exemple.fr' });
    expect(sent.statusCode).toBe(303);
    const link = await personalLink(t.app, 'oubli@exemple.fr');
    expect(link).toBeDefined();
    const form = await client.get(link!);
    expect(form.statusCode).toBe(200);
    const token = new URL(link!, 'http://x').searchParams.get('jeton')!;
    const short = await client.post('/mot-de-passe/nouveau', { jeton: token, password: 'court' });
    expect(short.statusCode).toBe(422);
    const done = await client.post('/mot-de-passe/nouveau', { jeton: token, password: 'une nouvelle phrase secrète' });
    expect(done.statusCode).toBe(303);
    const again = await client.post('/mot-de-passe/nouveau', { jeton: token, password: 'encore une autre phrase' });
    expect(again.statusCode).toBe(400);
    const login = await client.post('/connexion', { email: user.email, password: 'une nouvelle phrase secrète' });
    expect(login.statusCode).toBe(303);
  });

  it('answers the same for an unknown e-mail and sends nothing', async () => {
    const client = new Client(t.app);
    await client.get('/mot-de-passe/oublie');
    const before = await t.db.kysely.selectFrom('outbox').select('id').execute();
    const response = await client.post('/mot-de-passe/oublie', { email: 'personne@exemple.fr' });
    expect(response.statusCode).toBe(303);
    await t.app.ctx.auth.whenIdle();
    const after = await t.db.kysely.selectFrom('outbox').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('switches lisible mode with a form and remembers it', async () => {
    const client = await signIn(t.app, centreId, 'facilitator');
    const response = await client.post('/preferences/lisible', { retour: '/tableau-de-bord' });
    expect(response.statusCode).toBe(303);
    const page = await client.get('/tableau-de-bord');
    expect(page.body).toMatch(/<html[^>]*class="staff lisible"/);
  });

  it('answers an unknown API route with a JSON 404 in French and an unknown Bearer token with 401', async () => {
    const r = await t.app.inject({ url: '/api/v1/inconnu' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ error: 'not_found' });
    const bad = await t.app.inject({ url: '/api/v1/inconnu', headers: { authorization: 'Bearer faux' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().message).toMatch(/Connectez-vous/);
  });

  it('serves /health with the database checked', async () => {
    const r = await t.app.inject({ url: '/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('ok');
  });
});
