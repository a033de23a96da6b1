// Staff pages of the pathways module, one file per resource; registered by pathways.routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound, type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, refusalOf } from '../../platform/http/forms.ts';
import { startKiosk } from '../../platform/http/kiosk.ts';
import { redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { SESSION_COOKIE } from '../../platform/http/security.ts';
import { t } from '../../platform/i18n/index.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { EnrolmentView } from './enrolment.service.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { ChecklistPage, EvaluationFormPage } from './views/enrolment.view.tsx';
import { QuizStaffPage } from './views/quiz.view.tsx';
import { evaluationResults, KIOSK_HOME, KIOSK_PREFIX, qrCodeDataUrl, type Params, type Q } from './route-helpers.ts';

/** Evaluating an enrolment: one module's results, or the positioning checklist. */
export function registerEvaluationPages(app: FastifyInstance, s: PathwaysModule): void {
  // Evaluation time for one module.
  const evaluationPage = async (request: FastifyRequest, reply: FastifyReply, view: EnrolmentView, moduleId: string | undefined, values?: FormValues, errors?: FieldErrors) => {
    const module = view.pathway.modules.find((m) => m.id === moduleId);
    if (!module) throw notFound();
    return sendPage(reply, <EvaluationFormPage ctx={viewContext(request)} view={view} module={module} values={values} errors={errors} />, errors ? 422 : 200);
  };

  app.get<{ Params: Params }>('/parcours/inscriptions/:id/evaluation', page('pathways.evaluate'), async (request, reply) => {
    const actor = actorOf(request);
    return evaluationPage(request, reply, await s.enrolments.view(actor, request.params.id), (request.query as Q).module);
  });

  app.post<{ Params: Params }>('/parcours/inscriptions/:id/evaluation', page('pathways.evaluate'), async (request, reply) => {
    const actor = actorOf(request);
    const view = await s.enrolments.view(actor, request.params.id);
    const moduleId = (request.query as Q).module;
    const module = view.pathway.modules.find((m) => m.id === moduleId);
    if (!module) throw notFound();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = formValues(request.body);
    const results = evaluationResults(body, module.skills.map((k) => k.id));
    if (results.length === 0) return evaluationPage(request, reply, view, moduleId, values, { [`status_${module.skills[0]?.id}`]: 'pathways.evaluation.resultsRequired' });
    const comment = typeof body.comment === 'string' ? body.comment.trim().slice(0, 2000) || null : null;
    try {
      const { issued } = await s.enrolments.recordEvaluation(actor, view.enrolment.id, { kind: 'facilitator', moduleId: module.id, comment, results });
      setFlash(reply, t(request.locale, issued.length > 0 ? 'pathways.evaluation.badges' : 'pathways.evaluation.saved'));
    } catch (error) {
      return evaluationPage(request, reply, view, moduleId, values, refusalOf(error).errors);
    }
    return redirectSeeOther(reply, `/parcours/inscriptions/${view.enrolment.id}`);
  });

  // Positioning checklist (facilitator) over the whole pathway.
  app.get<{ Params: Params }>('/parcours/inscriptions/:id/positionnement', page('pathways.evaluate'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <ChecklistPage ctx={viewContext(request)} view={await s.enrolments.view(actor, request.params.id)} />);
  });

  app.post<{ Params: Params }>('/parcours/inscriptions/:id/positionnement', page('pathways.evaluate'), async (request, reply) => {
    const actor = actorOf(request);
    const view = await s.enrolments.view(actor, request.params.id);
    const skillIds = [...new Set(view.pathway.modules.flatMap((m) => m.skills.map((k) => k.id)))];
    const results = evaluationResults((request.body ?? {}) as Record<string, unknown>, skillIds).map((r) => ({ ...r, autonomy: null }));
    if (results.length === 0) {
      return sendPage(reply, <ChecklistPage ctx={viewContext(request)} view={view} values={formValues(request.body)} errors={{ [`status_${skillIds[0]}`]: 'pathways.evaluation.resultsRequired' }} />, 422);
    }
    await s.enrolments.recordEvaluation(actor, view.enrolment.id, { kind: 'positioning_checklist', moduleId: null, comment: null, results });
    setFlash(reply, t(request.locale, 'pathways.evaluation.saved'));
    return redirectSeeOther(reply, `/parcours/inscriptions/${view.enrolment.id}`);
  });

}

/** The positioning quiz: starting it, its QR code, and handing the device over. */
export function registerQuizPages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
  // Positioning quiz: start it, then hand over the device or show the QR code.
  app.post<{ Params: Params }>('/parcours/inscriptions/:id/questionnaire', page('pathways.enrol'), async (request, reply) => {
    const actor = actorOf(request);
    const { sessionId } = await s.quiz.start(actor, request.params.id);
    return redirectSeeOther(reply, `/parcours/questionnaires/${sessionId}`);
  });

  app.get<{ Params: Params }>('/parcours/questionnaires/:id', page('pathways.enrol'), async (request, reply) => {
    const actor = actorOf(request);
    const session = await s.quiz.sessionForActor(actor, request.params.id);
    const view = await s.enrolments.view(actor, session.enrolmentId);
    const path = s.quiz.publicPath(session);
    const url = `${ctx.config.publicUrl}${path}`;
    return sendPage(
      reply,
      <QuizStaffPage ctx={viewContext(request)} enrolmentId={session.enrolmentId} learner={view.learner.name} handOverAction={`/parcours/questionnaires/${session.id}/tablette`} url={url} qrDataUrl={await qrCodeDataUrl(url)} finished={session.status !== 'in_progress'} />,
    );
  });

  // Hand this device over: the staff session ends here and the browser becomes a kiosk that
  // opens nothing but this quiz attempt, until the facilitator's password takes it back.
  app.post<{ Params: Params }>('/parcours/questionnaires/:id/tablette', page('pathways.enrol'), async (request, reply) => {
    const actor = actorOf(request);
    const session = await s.quiz.sessionForActor(actor, request.params.id);
    if (session.status !== 'in_progress' || actor.via !== 'session' || !actor.userId) throw new AppError(409, 'conflict', 'pathways.quiz.finished');
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) await ctx.auth.logout(sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    startKiosk(reply, { userId: actor.userId, centerId: actor.centerId, ref: session.id, prefix: KIOSK_PREFIX, home: KIOSK_HOME }, ctx.config.production);
    return redirectSeeOther(reply, KIOSK_HOME);
  });
}
