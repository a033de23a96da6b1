import { passwordChecks } from '../auth/password.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCentre, createTestApp, type TestApp } from '../../../tests/support/app.ts';
import { newId } from '../ids.ts';

describe('/metrics for Prometheus', () => {
  describe('without METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('counts requests by route pattern, the outbox queue and job runs, for a caller on the machine itself', async () => {
      const centre = await createCentre(t.app);
      const now = t.clock.nowIso();
      for (const status of ['pending', 'pending', 'sent']) {
        await t.db.kysely
          .insertInto('outbox')
          .values({ id: newId(), centerId: centre, channel: 'email', recipient: 'odette@exemple.fr', subject: 'Rappel', body: 'Bonjour', status, lastError: null, dedupeKey: null, relatedType: null, relatedId: null, personId: null, createdAt: now, sentAt: null, secret: null })
          .execute();
      }
      await t.app.inject({ url: '/health' });
      await t.app.inject({ url: '/health' });
      await t.app.inject({ url: `/personnes/${newId()}?q=Lef%C3%A8vre` });
      const job = t.app.ctx.scheduler.jobs.find((j) => j.name === 'session-purge');
      if (!job) throw new Error('no session-purge job');
      await t.app.ctx.scheduler.runOnce(job);

      const metrics = await t.app.inject({ url: '/metrics' });
      expect(metrics.statusCode).toBe(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
      expect(metrics.body).toContain('lieudit_http_requests_total{method="GET",route="/health",status_code="200"} 2');
      expect(metrics.body).toMatch(/lieudit_http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} 2/);
      // The route's pattern, never the address asked (which may hold a name).
      expect(metrics.body).toContain('route="/personnes/:id"');
      expect(metrics.body).not.toContain('Lef');
      expect(metrics.body).toContain('lieudit_outbox_pending 2');
      expect(metrics.body).toContain('lieudit_job_runs_total{job="session-purge",outcome="ran"} 1');
      expect(metrics.body).toContain('lieudit_process_resident_memory_bytes');
      // The process's count of password hashes verified, as the password module keeps it.
      expect(metrics.body).toContain(`lieudit_password_checks_total ${passwordChecks()}`);
    });

    it('answers 404 to a caller from elsewhere, and to a call relayed by a proxy on the machine', async () => {
      expect((await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/metrics', headers: { forwarded: 'for=203.0.113.9' } })).statusCode).toBe(404);
    });
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    const token = 'prometheus-metrics-token-0123456789';
    beforeAll(async () => {
      t = await createTestApp({ METRICS_TOKEN: token });
    });
    afterAll(() => t.close());

    it('opens the metrics to its bearer from anywhere, and to nobody else', async () => {
      const remoteAddress = '203.0.113.9';
      expect((await t.app.inject({ url: '/metrics', remoteAddress, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
      expect((await t.app.inject({ url: '/metrics', remoteAddress, headers: { authorization: 'Bearer pas-le-bon-jeton' } })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/metrics', remoteAddress })).statusCode).toBe(404);
      // Loopback alone is no longer enough once a token is set.
      expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
    });
  });
});
