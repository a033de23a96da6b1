import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../../../platform/http/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import { formValues, parseForm } from '../../../platform/http/forms.ts';
import { queryDate, queryString, redirectSeeOther, requirePermission, setFlash } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { isUuid } from '../../../platform/ids.ts';
import { localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { dropInInput } from '../helpdesk.schemas.ts';
import { DayPage, WeekPage } from '../views/desk.view.tsx';
import { deskToday, refusal, type DeskDeps } from './shared.ts';

/** The day at the desk, the drop-ins noted there, and the coordinator's week. */
export function registerDayRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { ctx, helpdesk, centre } = deps;
  const today = () => deskToday(ctx);
  const dayPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, date: string, siteId?: string, form?: { values: FormValues; errors: FieldErrors }) => {
    const view = viewContext(request);
    const [day, sites, motifs] = await Promise.all([
      helpdesk.desk.day(actor, date, siteId),
      centre.listSites(actor.centerId),
      helpdesk.settings.listMotifs(actor),
    ]);
    return sendPage(
      reply,
      <DayPage ctx={view} day={day} sites={sites} motifs={motifs} values={form?.values} errors={form ? localizeErrors(view, form.errors) : {}} />,
      form ? 422 : 200,
    );
  };

  app.get('/permanences', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const date = queryDate(request, 'date');
    const siteId = queryString(request, 'lieu');
    return dayPage(request, reply, actor, date ?? today(), siteId && isUuid(siteId) ? siteId : undefined);
  });

  app.post('/permanences/passages', page('helpdesk.desk'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.desk');
    const parsed = parseForm(dropInInput, request.body);
    try {
      if (!parsed.ok) throw new AppError(422, 'invalid', 'errors.invalid', parsed.errors);
      const dropIn = await helpdesk.desk.recordDropIn(actor, parsed.data);
      setFlash(reply, translate(request.locale, 'helpdesk.dropIn.added'));
      return redirectSeeOther(reply, `/permanences?date=${today()}&lieu=${dropIn.siteId}`);
    } catch (error) {
      const { fields } = refusal(error, 'motifId');
      return dayPage(request, reply, actor, today(), undefined, { values: formValues(request.body), errors: fields });
    }
  });

  app.get('/permanences/semaine', page('helpdesk.overview'), async (request, reply) => {
    const actor = requirePermission(request, 'helpdesk.overview');
    const week = await helpdesk.desk.week(actor, queryDate(request, 'date') ?? today());
    return sendPage(reply, <WeekPage ctx={viewContext(request)} week={week} />);
  });
}
