// A tour's pages (/navette/tournees/:id): the road sheet, its PDF, the call list, the cancellation.
import type { FastifyInstance } from 'fastify';
import { communeName } from '../../../platform/communes.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { invalid } from '../../../platform/errors.ts';
import { refusalOf } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t, translate } from '../../../platform/i18n/index.ts';
import { formatWallTime } from '../../../ui/format.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { buildRoadSheet } from '../road-sheet.ts';
import type { ShuttleModule } from '../shuttle.module.ts';
import type { Tour } from '../tour.service.ts';
import { dayLabel, durationLabel, tk } from '../views/parts.tsx';
import { CallListPage, RoadSheetPage } from '../views/road-sheet.view.tsx';
import { moved, moveField } from '../shuttle.schemas.ts';
import { cancelAndReturn } from './shared.ts';

/** The road sheet's PDF: the same facts as the page, in the order of the visits. */
function roadSheetPdf(tour: Tour, centreName: string, createdAt: string): Promise<Buffer> {
  const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t('fr', key, params);
  return buildRoadSheet({
    centreName,
    title: tr('shuttle.road.title', { day: dayLabel(tour.date) }),
    createdAt,
    facts: [
      tr('shuttle.road.lead', { count: tour.stops.length, leave: formatWallTime(tour.shift.from), back: formatWallTime(tour.returnAt), driving: durationLabel(tour.drivingSeconds) }),
      ...(tour.lunch ? [tr('shuttle.road.lunch', { minutes: tour.lunch.minutes, from: formatWallTime(tour.lunch.from), to: formatWallTime(tour.lunch.to) })] : []),
      ...(tour.team.length > 0 ? [tr('shuttle.road.team', { names: tour.team.map((m) => m.displayName).join(', ') })] : []),
    ],
    visits: tour.stops.map((s) => ({
      heading: `${s.position}. ${formatWallTime(s.arrival)} – ${formatWallTime(s.departure)} : ${s.request.personName || tr('shuttle.request.noName')}${s.request.urgency === 'urgente' ? ` (${tr('shuttle.urgency.urgente')})` : ''}`,
      lines: [
        [s.request.address, communeName(s.request.communeInsee)].filter(Boolean).join(', ') + (s.approximate ? ` (${tr('shuttle.road.approximate')})` : ''),
        `${tr('shuttle.col.phone')} : ${s.request.phone ?? tr('shuttle.road.noPhone')}`,
        `${tr(tk('vocab.mediationTheme', s.request.theme))} — ${s.request.problem}`,
        ...(s.request.notes ? [tr('shuttle.road.notes', { notes: s.request.notes })] : []),
      ],
    })),
    footer: (n, pages) => tr('shuttle.road.pdfFooter', { day: dayLabel(tour.date), page: n, pages }),
  });
}

/** Reading a tour (`shuttle.requests`); cancelling it needs `shuttle.plan`. */
export function registerTourPages(app: FastifyInstance, m: ShuttleModule): void {
  app.get('/navette/tournees/:id', page('shuttle.requests'), async (request, reply) =>
    sendPage(reply, <RoadSheetPage ctx={viewContext(request)} tour={await m.tours.get(actorOf(request), idOf(request))} />));

  app.get('/navette/tournees/:id/feuille-de-route.pdf', page('shuttle.requests'), async (request, reply) => {
    const tour = await m.tours.get(actorOf(request), idOf(request));
    const bytes = await roadSheetPdf(tour, request.centre?.name ?? '', tour.createdAt);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="feuille-de-route-${tour.date}.pdf"`).header('cache-control', 'no-store').send(bytes);
  });

  app.get('/navette/tournees/:id/appels', page('shuttle.requests'), async (request, reply) =>
    sendPage(reply, <CallListPage ctx={viewContext(request)} tour={await m.tours.get(actorOf(request), idOf(request))} />));

  // "Monter", "Descendre", "Retirer" on a tour not started yet: saved at once, the warnings of
  // the new order on the road sheet.
  app.post('/navette/tournees/:id/ordre', page('shuttle.plan'), async (request, reply) => {
    const id = idOf(request);
    const actor = actorOf(request);
    const move = moveField.safeParse((request.body as Record<string, unknown> | undefined)?.move);
    const tour = await m.tours.get(actor, id);
    try {
      if (!move.success) throw invalid({ order: 'shuttle.tour.orderInvalid' });
      await m.tours.reorder(actor, id, moved(tour.stops.map((s) => s.request.id), move.data.move, move.data.requestId));
      setFlash(reply, t(request.locale, 'shuttle.tour.reordered'));
    } catch (error) {
      const refusal = refusalOf(error, { statuses: [409] });
      setFlash(reply, translate(request.locale, Object.values(refusal.errors)[0] ?? refusal.error.messageKey));
    }
    return redirectSeeOther(reply, `/navette/tournees/${id}`);
  });

  app.post('/navette/tournees/:id/annuler', page('shuttle.plan'), async (request, reply) => {
    const id = idOf(request);
    return cancelAndReturn(request, reply, () => m.tours.cancel(actorOf(request), id), 'shuttle.tour.cancelled', `/navette/tournees/${id}`);
  });
}
