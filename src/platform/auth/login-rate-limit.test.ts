import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createCentre, createStaff, createTestApp, TEST_PASSWORD, type TestApp } from '../../../tests/support/app.ts';

describe('login rate limit', () => {
  let t: TestApp;
  let centreId: string;
  beforeAll(async () => {
    t = await createTestApp();
    centreId = await createCentre(t.app, 'limite');
  });
  afterAll(() => t.close());

  it('refuses an eleventh attempt from one address within a minute, even with the right password, in French', async () => {
    await createStaff(t.app, centreId, 'coordinator', 'limite@exemple.fr');
    const client = new Client(t.app);
    await client.get('/connexion');
    // Ten different accounts, so that the limit per account (5) is not the one that answers.
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await client.post('/connexion', { email: `essai${attempt}@exemple.fr`, password: `essai ${attempt}` });
      expect(response.statusCode).toBe(422);
    }
    const blocked = await client.post('/connexion', { email: 'limite@exemple.fr', password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Patientez une minute');
    expect(client.cookies.has('lieudit_sid')).toBe(false);
  });
});
