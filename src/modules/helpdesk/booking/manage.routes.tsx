import type { FastifyInstance } from 'fastify';
import { page } from '../../../platform/http/access.ts';
import { AppError } from '../../../platform/errors.ts';
import { redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { isoInstant } from '../helpdesk.schemas.ts';
import { type PublicSlot } from '../helpdesk.model.ts';
import type { HelpdeskModule } from '../helpdesk.routes.tsx';
import { parisDate } from '../../../platform/time.ts';
import { CancelQuestionPage, ManagePage, MoveSlotsPage } from '../views/booking/manage.view.tsx';
import { param, parseParams, postLimit } from './steps.tsx';

/** The signed "cancel or change" link: see, add to a calendar, cancel, change the slot. */
export function registerManageRoutes(app: FastifyInstance, helpdesk: HelpdeskModule): void {
  // The signed link: see, cancel, change.
  app.get('/rendez-vous/gerer/:token', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    return sendPage(reply, <ManagePage ctx={viewContext(request)} managed={await helpdesk.links.fromToken(token)} token={token} />);
  });

  // "Add to my calendar": the same signed link, no account.
  app.get('/rendez-vous/gerer/:token/agenda.ics', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    const ics = await helpdesk.links.calendarByToken(token);
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'attachment; filename="rendez-vous.ics"')
      .header('cache-control', 'no-store')
      .send(ics);
  });

  app.get('/rendez-vous/gerer/:token/annuler', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    const managed = await helpdesk.links.fromToken(token);
    if (!managed.canChange) return redirectSeeOther(reply, `/rendez-vous/gerer/${token}`);
    return sendPage(reply, <CancelQuestionPage ctx={viewContext(request)} managed={managed} token={token} />);
  });

  app.post('/rendez-vous/gerer/:token/annuler', postLimit, async (request, reply) => {
    const { token } = parseParams(request.params);
    await helpdesk.links.cancelByToken(token);
    setFlash(reply, translate(request.locale, 'helpdesk.public.manageCancelledFlash'));
    return redirectSeeOther(reply, `/rendez-vous/gerer/${token}`);
  });

  app.get('/rendez-vous/gerer/:token/changer', page('public'), async (request, reply) => {
    const { token } = parseParams(request.params);
    const { managed, slots } = await helpdesk.links.slotsForMove(token);
    if (!managed.canChange) return redirectSeeOther(reply, `/rendez-vous/gerer/${token}`);
    return sendPage(reply, <MoveSlotsPage ctx={viewContext(request)} managed={managed} token={token} slots={firstDays(slots)} />);
  });

  app.post('/rendez-vous/gerer/:token/changer', postLimit, async (request, reply) => {
    const { token } = parseParams(request.params);
    const view = viewContext(request);
    const chosen = isoInstant('helpdesk.public.errorSlot').safeParse(param(request, 'creneau') ?? '');
    try {
      if (!chosen.success) throw new AppError(422, 'invalid', 'helpdesk.public.errorSlot', { startAt: 'helpdesk.public.errorSlot' });
      await helpdesk.links.moveByToken(token, chosen.data);
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 409 && error.status !== 422)) throw error;
      const { managed, slots } = await helpdesk.links.slotsForMove(token);
      const message = translate(view.locale, error.messageKey, error.params);
      return sendPage(reply, <MoveSlotsPage ctx={view} managed={managed} token={token} slots={firstDays(slots)} error={message} />, error.status);
    }
    setFlash(reply, translate(request.locale, 'helpdesk.public.manageMovedFlash'));
    return redirectSeeOther(reply, `/rendez-vous/gerer/${token}`);
  });
}

/** The slots of the first few days that have any. */
function firstDays(slots: PublicSlot[], days = 8): PublicSlot[] {
  const keep = new Set([...new Set(slots.map((s) => parisDate(s.startAt)))].slice(0, days));
  return slots.filter((s) => keep.has(parisDate(s.startAt)));
}
