// A member's calendar feed (/calendrier/:token.ics), read by calendar applications without a session.
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../platform/errors.ts';
import { page } from '../../../platform/http/access.ts';
import type { TeamModule } from '../team.module.ts';

/** Public: the token in the address is the only key; a revoked or unknown one answers 404. */
export function registerCalendarFeed(app: FastifyInstance, m: TeamModule): void {
  app.get('/calendrier/:file', page('public'), async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!file.endsWith('.ics')) throw notFound();
    const ics = await m.calendar.feed(file.slice(0, -'.ics'.length));
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
  });
}
