import type { FastifyInstance } from 'fastify';
import { communeName } from '../../platform/communes.ts';
import { MapLink, PhoneLink } from '../../ui/components/contact.tsx';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { redirectSeeOther } from '../../platform/http/request-context.ts';
import { addDays, mondayOf, parisDate } from '../../platform/time.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import { weekHours } from '../centre/opening-hours.ts';
import { OpeningHoursTable } from '../centre/views/common.view.tsx';
import { DashboardPage, OutboxPage, PublicHomePage, StaticPage } from './views/home.view.tsx';

const publicPage = page('public');
const PAGE_SIZE = 50;

/** The public home, the staff dashboard, the pages every French public service publishes, the outbox. */
export async function registerHomeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/', publicPage, async (request, reply) => {
    if (request.actor) return redirectSeeOther(reply, '/tableau-de-bord');
    return sendPage(reply, <PublicHomePage ctx={viewContext(request)} />);
  });

  app.get('/tableau-de-bord', page('staff'), async (request, reply) => {
    const now = ctx.clock.now();
    const date = parisDate(now);
    const monday = mondayOf(date);
    const sections = await ctx.dashboard.sectionsFor(actorOf(request), { date, monday, sunday: addDays(monday, 6), now });
    return sendPage(reply, <DashboardPage ctx={viewContext(request)} sections={sections} />);
  });

  app.get('/accessibilite', publicPage, async (request, reply) =>
    sendPage(reply, <StaticPage ctx={viewContext(request)} title="static.accessibilityTitle" body="static.accessibilityBody" />),
  );
  app.get('/mentions-legales', publicPage, async (request, reply) =>
    sendPage(reply, <StaticPage ctx={viewContext(request)} title="static.legalTitle" body="static.legalBody" />),
  );
  app.get('/donnees-personnelles', publicPage, async (request, reply) =>
    sendPage(reply, <StaticPage ctx={viewContext(request)} title="static.privacyTitle" body="static.privacyBody" />),
  );
  app.get('/contact', publicPage, async (request, reply) => {
    const centre = request.centre;
    const ctxView = viewContext(request);
    const week = weekHours(centre?.openingHours, ctxView.now);
    return sendPage(
      reply,
      <StaticPage ctx={ctxView} title="static.contactTitle" body="static.contactIntro">
        {centre && (
          <address class="panel">
            <strong>{centre.name}</strong>
            {centre.address && <><br />{centre.address} <MapLink ctx={ctxView} name={centre.name} address={centre.address} commune={[centre.postalCode, communeName(centre.communeInsee)].filter(Boolean).join(' ')} /></>}
            {centre.phone && <><br /><PhoneLink phone={centre.phone} /></>}
            {centre.email && <><br /><a href={`mailto:${centre.email}`}>{centre.email}</a></>}
          </address>
        )}
        {week && <OpeningHoursTable ctx={ctxView} week={week} caption={ctxView.t('static.contactHours')} />}
      </StaticPage>,
    );
  });

  app.get('/messages', page('outbox.read'), async (request, reply) => {
    const actor = actorOf(request);
    const page = Math.max(1, Number((request.query as Record<string, unknown>).page) || 1);
    const total = await ctx.outbox.count(actor.centerId);
    const messages = await ctx.outbox.list(actor.centerId, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    return sendPage(
      reply,
      <OutboxPage ctx={viewContext(request)} messages={messages} page={page} pages={Math.max(1, Math.ceil(total / PAGE_SIZE))} />,
    );
  });
}
