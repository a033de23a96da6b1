// Staff pages of the activities module, one file per resource; registered by activities.routes.tsx.
import type { FastifyInstance } from 'fastify';
import { compareFrench } from '../../platform/text.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { seesAllPersons } from '../../platform/auth/roles.ts';
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
import { activityForm, activityInputFromForm, blockAction } from './activity.schemas.ts';
import { programmeExport } from './list-exports.ts';
import { parisToUtc, parseLocalDate, utcToParis } from './schedule.ts';
import { ActivityFormPage, ActivityStaffPage, activityFormValues, ProgrammePage } from './views/programme.view.tsx';

const WINDOW_DAYS = 14;

/** The sites (open ones, by name) and staff an activity or session form offers. */
export async function formContext(programme: ActivitiesModule['programme'], actor: Actor) {
  const [sites, staff] = await Promise.all([programme.siteMap(actor.centerId), programme.staff(actor.centerId)]);
  return { sites: [...sites.values()].filter((s) => !s.archivedAt).sort((a, b) => compareFrench(a.name, b.name)), staff };
}

/** The programme: two weeks of sessions, an activity's page, publishing and archiving it. */
export function registerProgrammePages(app: FastifyInstance, ctx: AppContext, m: ActivitiesModule): void {
  const { programme } = m;

  app.get('/programme', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    const query = request.query as Record<string, unknown>;
    const mine = query.mes === '1';
    // Two weeks at a time: what a team plans and checks, and a page that stays short.
    const from = (typeof query.du === 'string' && parseLocalDate(query.du)) || utcToParis(ctx.clock.nowIso()).date;
    const fromIso = parisToUtc(from, '00:00');
    const shift = (days: number) => utcToParis(new Date(Date.parse(fromIso) + days * 86_400_000 + 12 * 3_600_000).toISOString()).date;
    // Midnight in Paris fourteen days on: 14 × 24 h would be an hour off across a clock change.
    const toIso = parisToUtc(shift(WINDOW_DAYS), '00:00');
    const [sessions, activities, sites] = await Promise.all([
      programme.upcoming(actor, { mine, from: fromIso, to: toIso, limit: 300 }),
      programme.list(actor, { mine }),
      programme.siteMap(actor.centerId),
    ]);
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'programme', programmeExport(sessions, sites, from));
    const opens = new Set(activities.filter((a) => programme.opensSessions(actor, a)).map((a) => a.id));
    const seesAll = seesAllPersons(actor.role);
    return sendPage(reply, <ProgrammePage ctx={viewContext(request)} sessions={sessions} activities={activities} sites={sites} mine={mine}
      opensSessionsOf={(activityId) => seesAll || opens.has(activityId)}
      window={{ from, previous: shift(-WINDOW_DAYS), next: shift(WINDOW_DAYS) }} />);
  });

  app.get('/programme/:id', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    const activity = await programme.get(actor, idOf(request));
    const [sessions, sites, survey] = await Promise.all([programme.sessions(actor, activity.id), programme.siteMap(actor.centerId), m.surveys.activityResults(actor, activity.id)]);
    return sendPage(reply, (
      <ActivityStaffPage ctx={viewContext(request)} activity={activity} sessions={sessions} sites={sites} opensSessions={programme.opensSessions(actor, activity)}
        survey={activity.surveyEnabled || survey.answers > 0 ? survey : null} />
    ));
  });

  app.post('/programme/:id/publier', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    await programme.update(actor, idOf(request), { published: true });
    setFlash(reply, t(request.locale, 'activities.detail.publishedFlash'));
    return redirectSeeOther(reply, `/programme/${idOf(request)}`);
  });

  app.post('/programme/:id/archiver', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    await programme.archive(actor, idOf(request));
    setFlash(reply, t(request.locale, 'activities.detail.archived'));
    return redirectSeeOther(reply, `/programme/${idOf(request)}`);
  });
}

/** Creating and editing an activity (with its weekly time blocks). */
export function registerActivityForms(app: FastifyInstance, m: ActivitiesModule): void {
  const { programme } = m;

  app.get('/programme/nouvelle', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const { sites, staff } = await formContext(programme, actor);
    // No audience, theme nor publication chosen for the coordinator: a wrong default goes unnoticed
    // and reaches residents. A new activity is published from its page, once checked.
    const values = {
      scheduleKind: 'rrule', registrationMode: 'session', interval: '1', capacity: '12', startTime: '14:00', endTime: '16:00', equipment: [],
      block1Weekday: '', block1Start: '14:00', block1End: '16:00',
    };
    return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={values} sites={sites} staff={staff} />);
  });

  app.post('/programme/nouvelle', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const slots = blockAction(formValues(request.body), (request.body as Record<string, unknown> | undefined)?.action);
    if (slots) {
      const { sites, staff } = await formContext(programme, actor);
      return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={slots.values} focusBlock={slots.focus} sites={sites} staff={staff} />);
    }
    const parsed = parseForm(activityForm, request.body);
    let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        // Created unpublished whatever is sent: residents see it once published from its page.
        // The survey box left unticked: the kind decides (on for an information time).
        const activity = await programme.create(actor, { ...activityInputFromForm(parsed.data), published: false, surveyEnabled: parsed.data.surveyEnabled || undefined });
        const sessions = await programme.sessions(actor, activity.id);
        setFlash(reply, t(request.locale, 'activities.form.created', { count: sessions.length }));
        return redirectSeeOther(reply, `/programme/${activity.id}`);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error;
        errors = error.fields;
      }
    }
    const { sites, staff } = await formContext(programme, actor);
    return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={formValues(request.body)} errors={errors} sites={sites} staff={staff} />, 422);
  });

  app.get('/programme/:id/modifier', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const activity = await programme.get(actor, idOf(request));
    const { sites, staff } = await formContext(programme, actor);
    return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={activityFormValues(activity)} sites={sites} staff={staff} activity={activity} />);
  });

  app.post('/programme/:id/modifier', page('activities.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const activity = await programme.get(actor, idOf(request));
    const slots = blockAction(formValues(request.body), (request.body as Record<string, unknown> | undefined)?.action);
    if (slots) {
      const { sites, staff } = await formContext(programme, actor);
      return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={slots.values} focusBlock={slots.focus} sites={sites} staff={staff} activity={activity} />);
    }
    const parsed = parseForm(activityForm, request.body);
    let errors: FieldErrors = parsed.ok ? {} : parsed.errors;
    if (parsed.ok) {
      try {
        await programme.update(actor, activity.id, activityInputFromForm(parsed.data));
        setFlash(reply, t(request.locale, 'activities.form.saved'));
        return redirectSeeOther(reply, `/programme/${activity.id}`);
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error;
        errors = Object.keys(error.fields).length ? error.fields : { title: error.messageKey };
      }
    }
    const { sites, staff } = await formContext(programme, actor);
    return sendPage(reply, <ActivityFormPage ctx={viewContext(request)} values={formValues(request.body)} errors={errors} sites={sites} staff={staff} activity={activity} />, 422);
  });
}
