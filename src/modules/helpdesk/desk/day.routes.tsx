import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { type FieldErrors } from '../../../platform/errors.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { queryDate, queryString } from '../../../platform/http/request-context.ts';
import { isUuid } from '../../../platform/ids.ts';
import { localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { dropInInput } from '../helpdesk.schemas.ts';
import { dayExport, weekExport } from '../list-exports.ts';
import { DayPage } from '../views/desk/day.view.tsx';
import { WeekPage } from '../views/desk/week.view.tsx';
import { deskToday, type DeskDeps } from './shared.ts';

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
    const actor = actorOf(request);
    const date = queryDate(request, 'date');
    const siteId = queryString(request, 'lieu');
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'helpdesk-day', dayExport(await helpdesk.desk.day(actor, date ?? today(), siteId && isUuid(siteId) ? siteId : undefined)));
    return dayPage(request, reply, actor, date ?? today(), siteId && isUuid(siteId) ? siteId : undefined);
  });

  app.post('/permanences/passages', page('helpdesk.desk'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: dropInInput,
      statuses: [409],
      fallbackField: 'motifId',
      run: (input) => helpdesk.desk.recordDropIn(actor, input),
      // The day page answers 422 whatever the refusal (a 409 too): the form is on that page.
      render: ({ values, errors }) => dayPage(request, reply, actor, today(), undefined, { values, errors }),
      done: (dropIn) => ({ redirect: `/permanences?date=${today()}&lieu=${dropIn.siteId}`, flash: 'helpdesk.dropIn.added' }),
    });
  });

  app.get('/permanences/semaine', page('helpdesk.overview'), async (request, reply) => {
    const actor = actorOf(request);
    const format = exportFormatOf(request);
    const week = await helpdesk.desk.week(actor, queryDate(request, 'date') ?? today());
    if (format) return sendListExport(request, reply, format, 'helpdesk-week', weekExport(week));
    return sendPage(reply, <WeekPage ctx={viewContext(request)} week={week} />);
  });
}
