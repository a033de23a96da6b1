import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound, type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, parseForm, refusalOf } from '../../platform/http/forms.ts';
import { startKiosk } from '../../platform/http/kiosk.ts';
import { redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { SESSION_COOKIE } from '../../platform/http/security.ts';
import { t } from '../../platform/i18n/index.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import { attestationInput, attestationPdf, bookletPdf } from './documents.ts';
import * as enrolmentRepo from './enrolment.repository.ts';
import type { EnrolmentView } from './enrolment.service.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { moduleForm, newPathwayForm, newSkillForm, pathwayForm, skillForm, trainingRequirementForm, type ModuleInput } from './pathways.schemas.ts';
import { AUTONOMY_LEVELS, SKILL_STATUSES, type Autonomy, type SkillStatus } from './pathways.vocab.ts';
import { ChecklistPage, EnrolmentPage, EvaluationFormPage } from './views/enrolment.view.tsx';
import { FrameworkPage, SkillFormPage } from './views/framework.view.tsx';
import { EditPathwayPage, EnrolPage, ModuleFormPage, NewPathwayPage, PathwayPage, PathwaysListPage } from './views/pathways.view.tsx';
import { BankPage, MAX_CHOICES, QuestionFormPage } from './views/questions.view.tsx';
import { QuizStaffPage } from './views/quiz.view.tsx';
import { MyTrainingsPage, TeamTrainingPage } from './views/team.view.tsx';

/** The pages a quiz tablet (kiosk) may open, and the first one. */
export const KIOSK_PREFIX = '/kiosque/';
export const KIOSK_HOME = '/kiosque/questionnaire';


/** A QR code as a data: URL; qrcode is loaded on first use, not at start (memory, QUALITY.md B6). */
async function qrCodeDataUrl(text: string): Promise<string> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.toDataURL(text, { margin: 1, width: 384 });
}

type Params = { id: string };
type Q = Record<string, string | undefined>;

function moduleValues(m: { title: string; level: string; suggestedSessions: number; description: string | null; skills: { id: string }[]; activities: { id: string }[] }): FormValues {
  return {
    title: m.title,
    level: m.level,
    suggestedSessions: String(m.suggestedSessions),
    description: m.description ?? '',
    skillIds: m.skills.map((s) => s.id),
    activityIds: m.activities.map((a) => a.id),
  };
}

export async function sendPdf(reply: FastifyReply, bytes: Buffer, filename: string): Promise<FastifyReply> {
  return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${filename}"`).header('cache-control', 'no-store').send(bytes);
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'document';
}

/** Reads "status_<skillId>" and "autonomy_<skillId>" radios of an evaluation form. */
function evaluationResults(body: Record<string, unknown>, skillIds: string[]): { skillId: string; status: SkillStatus; autonomy: Autonomy | null }[] {
  const results = [];
  for (const skillId of skillIds) {
    const status = body[`status_${skillId}`];
    if (typeof status !== 'string' || !(SKILL_STATUSES as readonly string[]).includes(status)) continue;
    const autonomy = body[`autonomy_${skillId}`];
    results.push({ skillId, status: status as SkillStatus, autonomy: typeof autonomy === 'string' && (AUTONOMY_LEVELS as readonly string[]).includes(autonomy) ? (autonomy as Autonomy) : null });
  }
  return results;
}

export function registerPathwaysPages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
  // ---------------------------------------------------------------- pathways

  app.get('/parcours', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    const showArchived = (request.query as Q).archives === '1';
    return sendPage(reply, <PathwaysListPage ctx={viewContext(request)} pathways={await s.pathways.list(actor, { includeArchived: showArchived })} showArchived={showArchived} />);
  });

  app.get('/parcours/nouveau', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <NewPathwayPage ctx={viewContext(request)} skills={await s.framework.activeSkills(actor.centerId)} values={{ moduleLevel: 'decouverte' }} />);
  });

  app.post('/parcours/nouveau', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const render = async (errors: FieldErrors) => sendPage(reply, <NewPathwayPage ctx={viewContext(request)} skills={await s.framework.activeSkills(actor.centerId)} values={values} errors={errors} />, 422);
    const parsed = parseForm(newPathwayForm, request.body);
    if (!parsed.ok) return render(parsed.errors);
    const d = parsed.data;
    try {
      const pathway = await s.pathways.create(actor, {
        title: d.title, audience: d.audience, description: d.description,
        modules: [{ title: d.moduleTitle, level: d.moduleLevel, suggestedSessions: d.moduleSessions, description: null, skillIds: d.skillIds, activityIds: [] }],
      });
      setFlash(reply, t(request.locale, 'pathways.pathway.created'));
      return redirectSeeOther(reply, `/parcours/${pathway.id}`);
    } catch (error) {
      return render(refusalOf(error, { rename: { 'modules.0.skillIds': 'skillIds', 'modules.0.title': 'moduleTitle' } }).errors);
    }
  });

  app.get<{ Params: Params }>('/parcours/:id', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    const pathway = await s.pathways.get(actor, request.params.id);
    const enrolments = can(actor.role, 'pathways.enrol') ? await s.enrolments.listForPathway(actor, pathway.id) : null;
    return sendPage(reply, <PathwayPage ctx={viewContext(request)} pathway={pathway} enrolments={enrolments} />);
  });

  app.get<{ Params: Params }>('/parcours/:id/modifier', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const pathway = await s.pathways.get(actor, request.params.id);
    return sendPage(reply, <EditPathwayPage ctx={viewContext(request)} pathway={pathway} values={{ title: pathway.title, audience: pathway.audience, description: pathway.description ?? '' }} />);
  });

  app.post<{ Params: Params }>('/parcours/:id/modifier', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const pathway = await s.pathways.get(actor, request.params.id);
    const parsed = parseForm(pathwayForm, request.body);
    if (!parsed.ok) return sendPage(reply, <EditPathwayPage ctx={viewContext(request)} pathway={pathway} values={formValues(request.body)} errors={parsed.errors} />, 422);
    await s.pathways.update(actor, pathway.id, parsed.data);
    setFlash(reply, t(request.locale, 'pathways.pathway.saved'));
    return redirectSeeOther(reply, `/parcours/${pathway.id}`);
  });

  for (const [path, archived, message] of [['archiver', true, 'pathways.pathway.archived'], ['rouvrir', false, 'pathways.pathway.unarchived']] as const) {
    app.post<{ Params: Params }>(`/parcours/:id/${path}`, page('pathways.manage'), async (request, reply) => {
      const actor = actorOf(request);
      await s.pathways.setArchived(actor, request.params.id, archived);
      setFlash(reply, t(request.locale, message));
      return redirectSeeOther(reply, `/parcours/${request.params.id}`);
    });
  }

  // ---------------------------------------------------------------- modules

  const moduleFormPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, pathwayId: string, moduleId: string | null, values: FormValues, errors?: FieldErrors) => {
    const pathway = await s.pathways.get(actor, pathwayId);
    const module = moduleId ? (pathway.modules.find((m) => m.id === moduleId) ?? null) : null;
    return sendPage(
      reply,
      <ModuleFormPage ctx={viewContext(request)} pathway={pathway} module={module} skills={await s.framework.activeSkills(actor.centerId)} activities={await s.pathways.activityChoices(actor.centerId)} values={values} errors={errors} />,
      errors ? 422 : 200,
    );
  };
  const parseModule = (body: unknown): { ok: true; data: ModuleInput } | { ok: false; errors: FieldErrors } => parseForm(moduleForm, body);

  app.get<{ Params: Params }>('/parcours/:id/modules/nouveau', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return moduleFormPage(request, reply, actor, request.params.id, null, { level: 'debutant', suggestedSessions: '3' });
  });

  app.post<{ Params: Params }>('/parcours/:id/modules/nouveau', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseModule(request.body);
    if (!parsed.ok) return moduleFormPage(request, reply, actor, request.params.id, null, formValues(request.body), parsed.errors);
    try {
      await s.pathways.addModule(actor, request.params.id, parsed.data);
    } catch (error) {
      return moduleFormPage(request, reply, actor, request.params.id, null, formValues(request.body), refusalOf(error).errors);
    }
    setFlash(reply, t(request.locale, 'pathways.module.saved'));
    return redirectSeeOther(reply, `/parcours/${request.params.id}`);
  });

  app.get<{ Params: Params }>('/parcours/modules/:id/modifier', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const { pathway, module } = await s.pathways.getModule(actor, request.params.id);
    return moduleFormPage(request, reply, actor, pathway.id, module.id, moduleValues(module));
  });

  app.post<{ Params: Params }>('/parcours/modules/:id/modifier', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const { pathway, module } = await s.pathways.getModule(actor, request.params.id);
    const parsed = parseModule(request.body);
    if (!parsed.ok) return moduleFormPage(request, reply, actor, pathway.id, module.id, formValues(request.body), parsed.errors);
    try {
      await s.pathways.updateModule(actor, module.id, parsed.data);
    } catch (error) {
      return moduleFormPage(request, reply, actor, pathway.id, module.id, formValues(request.body), refusalOf(error).errors);
    }
    setFlash(reply, t(request.locale, 'pathways.module.saved'));
    return redirectSeeOther(reply, `/parcours/${pathway.id}`);
  });

  for (const direction of ['monter', 'descendre'] as const) {
    app.post<{ Params: Params }>(`/parcours/modules/:id/${direction}`, page('pathways.manage'), async (request, reply) => {
      const actor = actorOf(request);
      const { pathway } = await s.pathways.getModule(actor, request.params.id);
      await s.pathways.moveModule(actor, request.params.id, direction === 'monter' ? 'up' : 'down');
      return redirectSeeOther(reply, `/parcours/${pathway.id}`);
    });
  }

  app.post<{ Params: Params }>('/parcours/modules/:id/supprimer', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const { pathway } = await s.pathways.getModule(actor, request.params.id);
    await s.pathways.removeModule(actor, request.params.id);
    setFlash(reply, t(request.locale, 'pathways.module.removed'));
    return redirectSeeOther(reply, `/parcours/${pathway.id}`);
  });

  // ---------------------------------------------------------------- enrolling

  const enrolPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, pathwayId: string, errors?: FieldErrors) => {
    const query = request.query as Q;
    const pathway = await s.pathways.get(actor, pathwayId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const staffMode = query.equipe === '1' || typeof body.userId === 'string';
    const q = (query.q ?? '').trim().slice(0, 100);
    const staff = staffMode ? (await ctx.auth.listUsers(actor.centerId)).filter((u) => u.active && u.role !== 'partner') : null;
    const results = !staffMode && q ? (await s.enrolments.searchPersons(actor, q)) : null;
    return sendPage(reply, <EnrolPage ctx={viewContext(request)} pathway={pathway} q={q} results={results} staff={staff} errors={errors} />, errors ? 422 : 200);
  };

  app.get<{ Params: Params }>('/parcours/:id/inscrire', page('pathways.enrol'), async (request, reply) => enrolPage(request, reply, actorOf(request), request.params.id));

  app.post<{ Params: Params }>('/parcours/:id/inscrire', page('pathways.enrol'), async (request, reply) => {
    const actor = actorOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const personId = typeof body.personId === 'string' && body.personId ? body.personId : undefined;
    const userId = typeof body.userId === 'string' && body.userId ? body.userId : undefined;
    try {
      const enrolment = await s.enrolments.enrol(actor, request.params.id, { personId, userId, source: 'staff' });
      setFlash(reply, t(request.locale, 'pathways.enrolment.done'));
      return redirectSeeOther(reply, `/parcours/inscriptions/${enrolment.id}`);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return enrolPage(request, reply, actor, request.params.id, { [userId ? 'userId' : 'personId']: error.messageKey });
      const fields = refusalOf(error).errors;
      return enrolPage(request, reply, actor, request.params.id, userId ? { userId: fields.userId ?? fields.personId ?? 'pathways.enrolment.userUnknown' } : { personId: fields.personId ?? 'pathways.enrolment.personUnknown' });
    }
  });

  // ---------------------------------------------------------------- an enrolment

  const enrolmentPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, id: string) => {
    const view = await s.enrolments.view(actor, id);
    const [evaluations, links, sessions] = await Promise.all([
      enrolmentRepo.listEvaluations(ctx.kysely, actor.centerId, view.enrolment.id),
      s.enrolments.listLinks(actor, view.enrolment.id),
      s.quiz.listSessions(actor.centerId, view.enrolment.id),
    ]);
    const now = ctx.clock.nowIso();
    const active = links.find((l) => !l.revokedAt && l.expiresAt > now);
    const qrDataUrl = active ? await qrCodeDataUrl(active.url) : null;
    return sendPage(reply, <EnrolmentPage ctx={viewContext(request)} view={view} evaluations={evaluations} links={links} qrDataUrl={qrDataUrl} sessions={sessions} now={now} />);
  };

  app.get<{ Params: Params }>('/parcours/inscriptions/:id', page({ access: 'staff', serviceChecks: 'pathways.enrol' }), async (request, reply) => enrolmentPage(request, reply, actorOf(request), request.params.id));

  app.post<{ Params: Params }>('/parcours/inscriptions/:id/arreter', page('pathways.enrol'), async (request, reply) => {
    const actor = actorOf(request);
    await s.enrolments.withdraw(actor, request.params.id);
    setFlash(reply, t(request.locale, 'pathways.enrolment.withdrawn'));
    return redirectSeeOther(reply, `/parcours/inscriptions/${request.params.id}`);
  });

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

  // Progress links, booklet, attestations and credentials.
  app.post<{ Params: Params }>('/parcours/inscriptions/:id/liens', page({ access: 'staff', serviceChecks: 'pathways.enrol' }), async (request, reply) => {
    const actor = actorOf(request);
    await s.enrolments.createLink(actor, request.params.id);
    setFlash(reply, t(request.locale, 'pathways.link.created'));
    return redirectSeeOther(reply, `/parcours/inscriptions/${request.params.id}`);
  });

  app.post<{ Params: { id: string; linkId: string } }>('/parcours/inscriptions/:id/liens/:linkId/desactiver', page({ access: 'staff', serviceChecks: 'pathways.enrol' }), async (request, reply) => {
    const actor = actorOf(request);
    await s.enrolments.revokeLink(actor, request.params.id, request.params.linkId);
    setFlash(reply, t(request.locale, 'pathways.link.revoked'));
    return redirectSeeOther(reply, `/parcours/inscriptions/${request.params.id}`);
  });

  app.get<{ Params: Params }>('/parcours/inscriptions/:id/livret.pdf', page({ access: 'staff', serviceChecks: 'pathways.enrol' }), async (request, reply) => {
    const actor = actorOf(request);
    const view = await s.enrolments.view(actor, request.params.id);
    const url = await s.enrolments.currentLink(actor, view.enrolment.id);
    const centre = await findCentreById(ctx.kysely, actor.centerId);
    const pdf = await bookletPdf({ centreName: centre?.name ?? '', learnerName: view.learner.name, pathwayTitle: view.pathway.title, progress: view.progress, progressUrl: url, generatedAt: ctx.clock.nowIso() });
    return sendPdf(reply, pdf, `livret-${slug(view.pathway.title)}.pdf`);
  });

  app.get<{ Params: { id: string; file: string } }>('/parcours/inscriptions/:id/attestations/:file', page({ access: 'staff', serviceChecks: 'pathways.enrol' }), async (request, reply) => {
    const actor = actorOf(request);
    const view = await s.enrolments.view(actor, request.params.id);
    const badge = await s.badges.findOfEnrolment(actor.centerId, view.enrolment.id, request.params.file.replace(/\.pdf$/, ''));
    const centre = (await findCentreById(ctx.kysely, actor.centerId))!;
    return sendPdf(reply, await attestationPdf(attestationInput(view, badge, centre, s.badges.badgeUrl(badge.id))), `attestation-${slug(badge.title)}.pdf`);
  });

  app.get<{ Params: { id: string; file: string } }>('/parcours/inscriptions/:id/badges/:file', page({ access: 'staff', serviceChecks: 'pathways.enrol' }), async (request, reply) => {
    const actor = actorOf(request);
    const view = await s.enrolments.view(actor, request.params.id);
    const badge = await s.badges.findOfEnrolment(actor.centerId, view.enrolment.id, request.params.file.replace(/\.json$/, ''));
    return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', `attachment; filename="badge-${slug(badge.title)}.json"`).send(badge.credential);
  });

  // ---------------------------------------------------------------- framework

  app.get('/referentiel', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    const showRetired = (request.query as Q).retires === '1';
    return sendPage(reply, <FrameworkPage ctx={viewContext(request)} tree={await s.framework.tree(actor, { includeRetired: showRetired })} showRetired={showRetired} />);
  });

  app.get('/referentiel/export.json', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', 'attachment; filename="referentiel.json"').send(JSON.stringify(await s.framework.exportDocument(actor), null, 2));
  });

  app.post('/referentiel/import', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const text = String(((request.body ?? {}) as Record<string, unknown>).fichier ?? '');
    const fail = async (errors: FieldErrors) => sendPage(reply, <FrameworkPage ctx={viewContext(request)} tree={await s.framework.tree(actor)} showRetired={false} importValue={text} errors={errors} />, 422);
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      return fail({ fichier: 'pathways.framework.jsonInvalid' });
    }
    try {
      const summary = await s.framework.importDocument(actor, doc);
      setFlash(reply, t(request.locale, 'pathways.framework.importDone', { ...summary }));
      return redirectSeeOther(reply, '/referentiel');
    } catch (error) {
      const fields = refusalOf(error).errors;
      // One summary entry per problem, all pointing at the pasted file.
      const messages = Object.entries(fields).slice(0, 20).map(([path, message]) => `${path} : ${message}`);
      return fail({ fichier: 'pathways.framework.importInvalid', ...Object.fromEntries(messages.map((m, i) => [`fichier-${i}`, m])) });
    }
  });

  app.get('/referentiel/savoir-faire/nouveau', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const subjects = await subjectChoices(actor);
    const subjectId = (request.query as Q).sujet;
    const subject = subjects.find((x) => x.id === subjectId);
    return sendPage(reply, <SkillFormPage ctx={viewContext(request)} action="/referentiel/savoir-faire/nouveau" subjectTitle={subject?.title ?? ''} subjects={subjects} values={{ subjectId: subject?.id, difficulty: '1' }} isNew />);
  });

  app.post('/referentiel/savoir-faire/nouveau', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(newSkillForm, request.body);
    const render = async (errors: FieldErrors) =>
      sendPage(reply, <SkillFormPage ctx={viewContext(request)} action="/referentiel/savoir-faire/nouveau" subjectTitle="" subjects={await subjectChoices(actor)} values={formValues(request.body)} errors={errors} isNew />, 422);
    if (!parsed.ok) return render(parsed.errors);
    try {
      await s.framework.addSkill(actor, parsed.data);
    } catch (error) {
      return render(refusalOf(error).errors);
    }
    setFlash(reply, t(request.locale, 'pathways.skill.saved'));
    return redirectSeeOther(reply, '/referentiel');
  });

  app.get<{ Params: Params }>('/referentiel/savoir-faire/:id/modifier', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const skill = await s.framework.getSkill(actor, request.params.id);
    return sendPage(reply, <SkillFormPage ctx={viewContext(request)} action={`/referentiel/savoir-faire/${skill.id}/modifier`} subjectTitle={`${skill.competenceCode} ${skill.competenceTitle} – ${skill.subjectTitle}`} values={{ statement: skill.statement, difficulty: String(skill.difficulty) }} isNew={false} />);
  });

  app.post<{ Params: Params }>('/referentiel/savoir-faire/:id/modifier', page('framework.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const skill = await s.framework.getSkill(actor, request.params.id);
    const parsed = parseForm(skillForm, request.body);
    if (!parsed.ok) {
      return sendPage(reply, <SkillFormPage ctx={viewContext(request)} action={`/referentiel/savoir-faire/${skill.id}/modifier`} subjectTitle={`${skill.competenceCode} ${skill.competenceTitle} – ${skill.subjectTitle}`} values={formValues(request.body)} errors={parsed.errors} isNew={false} />, 422);
    }
    await s.framework.rewordSkill(actor, skill.id, parsed.data);
    setFlash(reply, t(request.locale, 'pathways.skill.saved'));
    return redirectSeeOther(reply, `/referentiel#competence-${skill.competenceCode}`);
  });

  for (const [path, run] of [
    ['retirer', (a: Actor, id: string) => s.framework.setRetired(a, id, true)],
    ['retablir', (a: Actor, id: string) => s.framework.setRetired(a, id, false)],
    ['monter', (a: Actor, id: string) => s.framework.moveSkill(a, id, 'up')],
    ['descendre', (a: Actor, id: string) => s.framework.moveSkill(a, id, 'down')],
  ] as const) {
    app.post<{ Params: Params }>(`/referentiel/savoir-faire/:id/${path}`, page('framework.manage'), async (request, reply) => {
      const actor = actorOf(request);
      const skill = await s.framework.getSkill(actor, request.params.id);
      await run(actor, skill.id);
      return redirectSeeOther(reply, `/referentiel${path === 'retablir' ? '?retires=1' : ''}#competence-${skill.competenceCode}`);
    });
  }

  async function subjectChoices(actor: Actor) {
    const tree = await s.framework.tree(actor);
    return tree.domains.flatMap((d) => d.competences.flatMap((c) => c.subjects.map((x) => ({ id: x.id, title: `${c.code} ${c.title} – ${x.title}` }))));
  }

  // ---------------------------------------------------------------- question bank

  app.get('/parcours/questions', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <BankPage ctx={viewContext(request)} questions={await s.quiz.listBank(actor, { includeRetired: true })} skills={await s.framework.activeSkills(actor.centerId)} />);
  });

  const questionPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, action: string, values: FormValues, isNew: boolean, errors?: FieldErrors) =>
    sendPage(reply, <QuestionFormPage ctx={viewContext(request)} action={action} skills={await s.framework.activeSkills(actor.centerId)} values={values} errors={errors} isNew={isNew} />, errors ? 422 : 200);

  /** The question form: choice1…choice6 and the number of the right one. */
  function parseQuestion(body: Record<string, unknown>) {
    const errors: FieldErrors = {};
    const labels = Array.from({ length: MAX_CHOICES }, (_, i) => String(body[`choice${i + 1}`] ?? '').trim());
    const correct = Number(body.correct);
    const choices = labels.map((label, i) => ({ label, correct: i + 1 === correct, index: i + 1 })).filter((c) => c.label !== '');
    if (!String(body.skillId ?? '')) errors.skillId = 'pathways.question.skillUnknown';
    const prompt = String(body.prompt ?? '').trim();
    if (!prompt) errors.prompt = 'pathways.question.promptRequired';
    else if (prompt.length > 500) errors.prompt = 'pathways.text.tooLong';
    if (labels.some((l) => l.length > 200)) errors[`choice${labels.findIndex((l) => l.length > 200) + 1}`] = 'pathways.text.tooLong';
    if (choices.length < 2) errors[labels[0] ? 'choice2' : 'choice1'] = 'pathways.question.twoChoices';
    if (!choices.some((c) => c.correct)) errors.correct = 'pathways.question.oneCorrect';
    const picture = String(body.picture ?? '') || null;
    return {
      errors,
      input: { skillId: String(body.skillId ?? ''), prompt, picture: picture as never, pictureAlt: String(body.pictureAlt ?? '').trim().slice(0, 200) || null, choices: choices.map(({ label, correct: c }) => ({ label, correct: c })) },
    };
  }

  app.get('/parcours/questions/nouvelle', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    return questionPage(request, reply, actor, '/parcours/questions/nouvelle', {}, true);
  });

  app.post('/parcours/questions/nouvelle', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    const { errors, input } = parseQuestion((request.body ?? {}) as Record<string, unknown>);
    if (Object.keys(errors).length > 0) return questionPage(request, reply, actor, '/parcours/questions/nouvelle', formValues(request.body), true, errors);
    try {
      await s.quiz.createQuestion(actor, input);
    } catch (error) {
      return questionPage(request, reply, actor, '/parcours/questions/nouvelle', formValues(request.body), true, refusalOf(error, { rename: { choices: 'correct' } }).errors);
    }
    setFlash(reply, t(request.locale, 'pathways.question.saved'));
    return redirectSeeOther(reply, '/parcours/questions');
  });

  app.get<{ Params: Params }>('/parcours/questions/:id/modifier', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    const q = await s.quiz.getQuestion(actor, request.params.id);
    const values: FormValues = { skillId: q.skillId, prompt: q.prompt, picture: q.picture ?? '', pictureAlt: q.pictureAlt ?? '', correct: String(q.choices.findIndex((c) => c.correct) + 1) };
    q.choices.forEach((c, i) => (values[`choice${i + 1}`] = c.label));
    return questionPage(request, reply, actor, `/parcours/questions/${q.id}/modifier`, values, false);
  });

  app.post<{ Params: Params }>('/parcours/questions/:id/modifier', page('pathways.questions'), async (request, reply) => {
    const actor = actorOf(request);
    const q = await s.quiz.getQuestion(actor, request.params.id);
    const action = `/parcours/questions/${q.id}/modifier`;
    const { errors, input } = parseQuestion((request.body ?? {}) as Record<string, unknown>);
    if (Object.keys(errors).length > 0) return questionPage(request, reply, actor, action, formValues(request.body), false, errors);
    try {
      await s.quiz.updateQuestion(actor, q.id, input);
    } catch (error) {
      return questionPage(request, reply, actor, action, formValues(request.body), false, refusalOf(error, { rename: { choices: 'correct' } }).errors);
    }
    setFlash(reply, t(request.locale, 'pathways.question.saved'));
    return redirectSeeOther(reply, '/parcours/questions');
  });

  for (const [path, retired] of [['retirer', true], ['remettre', false]] as const) {
    app.post<{ Params: Params }>(`/parcours/questions/:id/${path}`, page('pathways.questions'), async (request, reply) => {
      const actor = actorOf(request);
      await s.quiz.setRetired(actor, request.params.id, retired);
      setFlash(reply, t(request.locale, retired ? 'pathways.question.retired' : 'pathways.question.restored'));
      return redirectSeeOther(reply, '/parcours/questions');
    });
  }

  // ---------------------------------------------------------------- team trainings

  const teamPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values?: FormValues, errors?: FieldErrors) =>
    sendPage(
      reply,
      <TeamTrainingPage ctx={viewContext(request)} team={await s.training.teamView(actor)} requirements={await s.training.listRequirements(actor)} pathways={await s.pathways.list(actor)} values={values} errors={errors} />,
      errors ? 422 : 200,
    );

  app.get('/parcours/equipe', page('pathways.team'), async (request, reply) => teamPage(request, reply, actorOf(request)));

  app.post('/parcours/equipe/exigences', page('pathways.training'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(trainingRequirementForm, request.body);
    if (!parsed.ok) return teamPage(request, reply, actor, formValues(request.body), parsed.errors);
    try {
      await s.training.require(actor, parsed.data);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return teamPage(request, reply, actor, formValues(request.body), { pathwayId: error.messageKey });
      return teamPage(request, reply, actor, formValues(request.body), refusalOf(error).errors);
    }
    setFlash(reply, t(request.locale, 'pathways.training.added'));
    return redirectSeeOther(reply, '/parcours/equipe');
  });

  app.post<{ Params: Params }>('/parcours/equipe/exigences/:id/supprimer', page('pathways.training'), async (request, reply) => {
    const actor = actorOf(request);
    await s.training.unrequire(actor, request.params.id);
    setFlash(reply, t(request.locale, 'pathways.training.removed'));
    return redirectSeeOther(reply, '/parcours/equipe');
  });

  app.get('/mes-formations', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    const own = await s.enrolments.listOwn(actor);
    const all = await s.pathways.list(actor);
    const titles = new Map((await s.pathways.list(actor, { includeArchived: true })).map((p) => [p.id, p.title]));
    const gate = await s.training.gate(actor);
    const enrolledIds = new Set(own.map((e) => e.pathwayId));
    const available = all.filter((p) => (p.audience === 'benevoles' || p.audience === 'equipe' || gate.missing?.some((m) => m.pathwayId === p.id)) && !enrolledIds.has(p.id));
    return sendPage(
      reply,
      <MyTrainingsPage ctx={viewContext(request)} enrolments={own.map((e) => ({ ...e, title: titles.get(e.pathwayId) ?? '' }))} available={available} missing={(gate.missing ?? []).map((m) => m.title)} />,
    );
  });

  app.post<{ Params: Params }>('/mes-formations/:id', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    if (!actor.userId) throw notFound();
    const enrolment = await s.enrolments.enrol(actor, request.params.id, { userId: actor.userId, source: 'staff' });
    setFlash(reply, t(request.locale, 'pathways.enrolment.done'));
    return redirectSeeOther(reply, `/parcours/inscriptions/${enrolment.id}`);
  });
}
