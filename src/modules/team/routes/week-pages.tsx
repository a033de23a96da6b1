// My week (/ma-semaine): the member's assignments and the address of their calendar feed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { queryDate } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { TeamModule } from '../team.module.ts';
import { WeekPage } from '../views/week.view.tsx';

/** The week page, and a new calendar address (the previous one stops working). */
export function registerWeekPages(app: FastifyInstance, m: TeamModule): void {
  const weekPage = async (request: FastifyRequest, reply: FastifyReply, newFeedUrl: string | null) => {
    const actor = actorOf(request);
    const [week, feedMadeAt] = await Promise.all([m.assignments.myWeek(actor, queryDate(request, 'semaine')), m.calendar.madeAt(actor)]);
    return sendPage(reply, <WeekPage ctx={viewContext(request)} data={{ ...week, feedMadeAt, newFeedUrl }} />);
  };

  app.get('/ma-semaine', page('team.read'), async (request, reply) => weekPage(request, reply, null));

  app.post('/ma-semaine/calendrier', page('team.read'), async (request, reply) => {
    const url = await m.calendar.renew(actorOf(request));
    // Shown once, on this answer only (sendPage answers no-store): only its hash is kept.
    return weekPage(request, reply, url);
  });
}
