import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { passwordChecks } from '../auth/password.ts';
import type { AppContext } from '../context.ts';
import * as outboxRepo from '../outbox/outbox.repository.ts';
import { page } from './access.ts';

/**
 * Prometheus metrics at GET /metrics (text exposition format, prom-client): requests and their
 * durations by route pattern (`/personnes/:id`, never the concrete address, which may hold
 * personal data), the outbox queue length, and each scheduled job's runs by outcome. Each
 * instance answers its own figures; Prometheus scrapes every instance.
 *
 * Who may read them: with METRICS_TOKEN set, a caller showing `Authorization: Bearer <token>`,
 * from anywhere; without it, only a direct call from the machine itself (loopback address and
 * no X-Forwarded-For / Forwarded header, so that a reverse proxy on the same machine does not
 * open the metrics to the world). Anyone else gets a 404, as if there were nothing here.
 */
export function registerMetrics(app: FastifyInstance, ctx: AppContext): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lieudit_' });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({ name: 'lieudit_http_requests_total', help: 'HTTP requests answered, by route pattern and status', labelNames, registers: [registry] });
  const durations = new Histogram({
    name: 'lieudit_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'lieudit_outbox_pending',
    help: 'E-mails and SMS waiting in the outbox, every centre together',
    registers: [registry],
    async collect() {
      this.set(await outboxRepo.countPendingAll(ctx.kysely));
    },
  });
  new Counter({
    name: 'lieudit_password_checks_total',
    help: 'Password hashes verified (sign-ins and kiosk hand-backs; an unknown account costs one too)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(passwordChecks());
    },
  });
  const jobRuns = new Counter({ name: 'lieudit_job_runs_total', help: 'Scheduled job ticks, by job and outcome (ran, skipped: another instance held it, failed)', labelNames: ['job', 'outcome'], registers: [registry] });
  const jobDurations = new Histogram({ name: 'lieudit_job_duration_seconds', help: 'Time taken by a scheduled job tick', labelNames: ['job'], buckets: [0.01, 0.1, 1, 10, 60], registers: [registry] });
  ctx.scheduler.observe((job, outcome, seconds) => {
    jobRuns.inc({ job, outcome });
    if (outcome === 'ran') jobDurations.observe({ job }, seconds);
  });

  app.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
    done();
  });

  const token = ctx.config.metricsToken;
  app.get('/metrics', page('public'), async (request, reply) => {
    if (!(token ? bearerMatches(request, token) : directFromLoopback(request))) return reply.callNotFound();
    reply.header('cache-control', 'no-store').type(registry.contentType);
    return registry.metrics();
  });
}

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function directFromLoopback(request: FastifyRequest): boolean {
  if (request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined) return false;
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
