// Staff pages of the activities module, one file per resource; registered by activities.routes.tsx.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { sendListExport } from '../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../platform/exports/table-export.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { ActivitiesModule } from './activities.module.ts';
import { sessionCancelForm, sessionMoveForm } from './activity.schemas.ts';
import { registrationsExport } from './list-exports.ts';
import { CancelSessionPage, MoveSessionPage } from './views/session-change.view.tsx';
import { SessionPage } from './views/session.view.tsx';
import { formContext } from './programme.routes.tsx';

/** One session: its page, moving it and cancelling it. */
export function registerSessionPages(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule): void {
  const { programme, roster } = m;

  app.get('/seances/:id', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    const format = exportFormatOf(request);
    const { detail, items } = await roster.listForSession(actor, idOf(request));
    if (format) return sendListExport(request, reply, format, 'registrations', registrationsExport(detail.activity.title, detail.session.localDate, items));
    const past = detail.session.startsAt <= ctx.clock.nowIso();
    const survey = past ? await m.surveys.sessionResults(actor, detail.session.id) : null;
    const assigned = await ctx.assignedStaff.of(actor.centerId, { kind: 'session', id: detail.session.id });
    return sendPage(reply, <SessionPage ctx={viewContext(request)} detail={detail} items={items} past={past} assigned={assigned} survey={survey && (survey.enabled || survey.answers > 0) ? survey : null} />);
  });

  app.get('/seances/:id/deplacer', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const detail = await programme.getSession(actor, idOf(request));
    const local = programme.localTimes(detail.session);
    const sites = (await formContext(programme, actor)).sites;
    return sendPage(reply, <MoveSessionPage ctx={viewContext(request)} detail={detail} sites={sites} values={{ date: local.date, startTime: local.time, endTime: local.endTime }} />);
  });

  app.post('/seances/:id/deplacer', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const detail = await programme.getSession(actor, idOf(request));
    const parsed = parseForm(sessionMoveForm, request.body);
    let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        await programme.moveSession(actor, detail.session.id, { ...parsed.data, siteId: parsed.data.siteId || null });
        setFlash(reply, t(request.locale, 'activities.session.movedDone'));
        return redirectSeeOther(reply, `/seances/${detail.session.id}`);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        errors = error.fields;
      }
    }
    const sites = (await formContext(programme, actor)).sites;
    return sendPage(reply, <MoveSessionPage ctx={viewContext(request)} detail={detail} sites={sites} values={formValues(request.body)} errors={errors} />, 422);
  });

  app.get('/seances/:id/annuler', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const detail = await programme.getSession(actor, idOf(request));
    return sendPage(reply, <CancelSessionPage ctx={viewContext(request)} detail={detail} values={{}} />);
  });

  app.post('/seances/:id/annuler', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const detail = await programme.getSession(actor, idOf(request));
    const parsed = parseForm(sessionCancelForm, request.body);
    if (!parsed.ok) return sendPage(reply, <CancelSessionPage ctx={viewContext(request)} detail={detail} values={formValues(request.body)} errors={parsed.errors} />, 422);
    await programme.cancelSession(actor, detail.session.id, parsed.data.reason || null);
    setFlash(reply, t(request.locale, 'activities.session.cancelledDone'));
    return redirectSeeOther(reply, `/seances/${detail.session.id}`);
  });
}
