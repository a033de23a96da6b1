// Staff pages of the activities module, one file per resource; registered by activities.routes.tsx.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { ActivitiesModule } from './activities.module.ts';
import { CalendarPage } from './views/calendar.view.tsx';

/** Calendar feeds: the staff member's feed address and the feed itself. */
export function registerCalendarPages(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule): void {
  const { feeds } = m;

  app.get('/agenda', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <CalendarPage ctx={viewContext(request)} url={await feeds.feedUrl(actor)} publicUrl={ctx.config.publicUrl} />);
  });

  app.post('/agenda', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    await feeds.renewFeed(actor);
    setFlash(reply, t(request.locale, 'activities.calendar.renewed'));
    return redirectSeeOther(reply, '/agenda');
  });

  app.get('/agenda/:file', page('public'), async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!file.endsWith('.ics')) throw notFound();
    const ics = await feeds.personalFeed(file.slice(0, -'.ics'.length));
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
  });
}
