import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { sendToSecondStep } from '../../platform/auth/two-step.routes.tsx';
import { AppError } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { page } from '../../platform/http/access.ts';
import { endKiosk, type Kiosk } from '../../platform/http/kiosk.ts';
import { redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { SESSION_COOKIE } from '../../platform/http/security.ts';
import { t } from '../../platform/i18n/index.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { renderErrorPage } from '../../ui/error-page.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import { attestationInput, attestationPdf, bookletPdf } from './documents.ts';
import type { EnrolmentRow } from './enrolment.repository.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { KIOSK_HOME, sendPdf } from './route-helpers.ts';
import { SELF_ASSESSMENTS, type SelfAssessment } from './pathways.vocab.ts';
import { BadgePage, PublicFrameworkPage } from './views/framework.view.tsx';
import { ProgressPage } from './views/progress.view.tsx';
import { QuizQuestionPage, QuizResultPage } from './views/quiz.view.tsx';

// No rate limit on the learner's links: they carry an HMAC-signed id (and the progress link a
// revocable row), so guessing one is out of reach, and a class of tablets shares one address.

type TokenParams = { token: string };

/**
 * Pages without an account: the positioning quiz taken alone on a tablet, the learner's
 * progress page and documents (reached by their signed link), the public badge verification
 * page, the issuer profile and the public framework that badges point to.
 */
export function registerPublicPages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
  registerLearnerQuizPages(app, s);
  registerKioskPages(app, ctx, s);
  registerProgressPages(app, ctx, s);
  registerBadgePages(app, ctx, s);
}

/** The positioning quiz taken alone, through its signed link. */
function registerLearnerQuizPages(app: FastifyInstance, s: PathwaysModule): void {
  const quizPage = async (request: FastifyRequest<{ Params: TokenParams }>, reply: FastifyReply, errors?: Record<string, string>) => {
    const session = await s.quiz.resolveToken(request.params.token);
    if (!session) return renderErrorPage(request, reply, 404, 'pathways.quiz.linkInvalid');
    const state = await s.quiz.state(session.centerId, session.id);
    if (state.done) return sendPage(reply, <QuizResultPage ctx={viewContext(request)} result={state.result} />);
    return sendPage(reply, <QuizQuestionPage ctx={viewContext(request)} action={`/questionnaire/${request.params.token}`} question={state.question} errors={errors} />, errors ? 422 : 200);
  };

  app.get<{ Params: TokenParams }>('/questionnaire/:token', page('public'), async (request, reply) => quizPage(request, reply));

  app.post<{ Params: TokenParams }>('/questionnaire/:token', page('public'), async (request, reply) => {
    const session = await s.quiz.resolveToken(request.params.token);
    if (!session) return renderErrorPage(request, reply, 404, 'pathways.quiz.linkInvalid');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const dontKnow = body.jeNeSaisPas !== undefined;
    const choice = typeof body.choix === 'string' && body.choix ? body.choix : null;
    if (!dontKnow && !choice) return quizPage(request, reply, { choix: 'pathways.quiz.chooseOne' });
    try {
      await s.quiz.answer(session.centerId, session.id, { questionId: String(body.question ?? ''), choiceId: dontKnow ? null : choice });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // A double tap or the back button: show where the quiz really is.
      if (error.status === 409) return redirectSeeOther(reply, `/questionnaire/${request.params.token}`);
      if (error.status === 422) return quizPage(request, reply, { choix: 'pathways.quiz.choiceUnknown' });
      throw error;
    }
    return redirectSeeOther(reply, `/questionnaire/${request.params.token}`);
  });
}

/** The quiz on a tablet handed over by a facilitator (kiosk), and giving the tablet back. */
function registerKioskPages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
  // The kiosk cookie is the only way in: it names the quiz attempt and the facilitator.
  const kioskOf = (request: FastifyRequest): Kiosk => {
    // Without one: sign in (anonymous), or not for you (signed-in staff).
    if (!request.kiosk) throw request.actor ? new AppError(403, 'forbidden', 'pathways.kiosk.none') : new AppError(401, 'unauthenticated', 'errors.unauthenticated');
    return request.kiosk;
  };

  const kioskPage = async (request: FastifyRequest, reply: FastifyReply, errors?: Record<string, string>) => {
    const kiosk = kioskOf(request);
    const state = await s.quiz.state(kiosk.centerId, kiosk.ref);
    if (state.done) return sendPage(reply, <QuizResultPage ctx={viewContext(request)} result={state.result} kiosk errors={errors} />, errors ? 422 : 200);
    return sendPage(reply, <QuizQuestionPage ctx={viewContext(request)} action={KIOSK_HOME} question={state.question} errors={errors} kiosk />, errors ? 422 : 200);
  };

  app.get('/kiosque/questionnaire', page('kiosk'), async (request, reply) => kioskPage(request, reply));

  app.post('/kiosque/questionnaire', page('kiosk'), async (request, reply) => {
    const kiosk = kioskOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const dontKnow = body.jeNeSaisPas !== undefined;
    const choice = typeof body.choix === 'string' && body.choix ? body.choix : null;
    if (!dontKnow && !choice) return kioskPage(request, reply, { choix: 'pathways.quiz.chooseOne' });
    try {
      await s.quiz.answer(kiosk.centerId, kiosk.ref, { questionId: String(body.question ?? ''), choiceId: dontKnow ? null : choice });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      if (error.status === 409) return redirectSeeOther(reply, KIOSK_HOME);
      if (error.status === 422) return kioskPage(request, reply, { choix: 'pathways.quiz.choiceUnknown' });
      throw error;
    }
    return redirectSeeOther(reply, KIOSK_HOME);
  });

  // The facilitator's password gives them their session back on this device. Rate-limited like
  // the login form: the tablet is in the learner's hands.
  app.post('/kiosque/rendre', page('kiosk', { config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }), async (request, reply) => {
    const kiosk = kioskOf(request);
    const password = (request.body as Record<string, unknown> | undefined)?.motDePasse;
    if (typeof password !== 'string' || password === '') return kioskPage(request, reply, { motDePasse: 'pathways.kiosk.passwordMissing' });
    const user = await ctx.auth.checkPassword(kiosk.userId, password);
    if (!user || user.centerId !== kiosk.centerId) return kioskPage(request, reply, { motDePasse: 'pathways.kiosk.passwordWrong' });
    const session = await s.quiz.state(kiosk.centerId, kiosk.ref);
    const next = session.done ? `/parcours/inscriptions/${session.result.enrolmentId}` : `/parcours/questionnaires/${kiosk.ref}`;
    endKiosk(reply);
    // An account with two-step sign-in gives its code too before it has a session again.
    const secondStep = await ctx.twoStep.stepAfterPassword(user);
    if (secondStep !== 'none') return sendToSecondStep(reply, ctx, secondStep, ctx.twoStep.pendingToken(user), next);
    const cookie = await ctx.auth.openSession(user);
    reply.setCookie(SESSION_COOKIE, cookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: ctx.config.production, maxAge: 12 * 3600 });
    setFlash(reply, t(request.locale, 'pathways.kiosk.handedBack'));
    return redirectSeeOther(reply, next);
  });

  // Someone else takes the tablet back: the kiosk ends, and they sign in with their own account.
  app.post('/kiosque/quitter', page('kiosk'), async (request, reply) => {
    kioskOf(request);
    endKiosk(reply);
    return redirectSeeOther(reply, '/connexion');
  });
}

/** The learner's progress page, self-assessment, badge visibility and documents (signed link). */
function registerProgressPages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
  const withLink = async (request: FastifyRequest<{ Params: TokenParams }>, reply: FastifyReply): Promise<EnrolmentRow | null> => {
    const resolved = await s.enrolments.resolveLink(request.params.token);
    if (!resolved) {
      await renderErrorPage(request, reply, 404, 'pathways.link.invalid');
      return null;
    }
    return resolved.enrolment;
  };

  const progressPage = async (request: FastifyRequest<{ Params: TokenParams }>, reply: FastifyReply, enrolment: EnrolmentRow, errors?: Record<string, string>) => {
    const view = await s.enrolments.viewOf(enrolment);
    const next = view.progress.next?.module.id;
    const fiches = next ? ((await ctx.ficheLinks.forSubjects(enrolment.centerId, 'pathway_module', [next])).get(next) ?? []) : [];
    return sendPage(reply, <ProgressPage ctx={viewContext(request)} base={`/progression/${request.params.token}`} view={view} now={ctx.clock.nowIso()} errors={errors} fiches={fiches} />, errors ? 422 : 200);
  };

  app.get<{ Params: TokenParams }>('/progression/:token', page('public'), async (request, reply) => {
    const enrolment = await withLink(request, reply);
    return enrolment ? progressPage(request, reply, enrolment) : reply;
  });

  app.post<{ Params: TokenParams }>('/progression/:token/auto-evaluation', page('public'), async (request, reply) => {
    const enrolment = await withLink(request, reply);
    if (!enrolment) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const answers = Object.entries(body)
      .filter(([key, value]) => key.startsWith('auto_') && typeof value === 'string' && (SELF_ASSESSMENTS as readonly string[]).includes(value))
      .map(([key, value]) => ({ skillId: key.slice('auto_'.length), value: value as SelfAssessment }))
      .filter((a) => isUuid(a.skillId));
    try {
      await s.enrolments.recordSelfAssessment(enrolment, answers);
    } catch (error) {
      if (error instanceof AppError && error.status === 422) return progressPage(request, reply, enrolment, { 'auto-0': 'pathways.self.nothing' });
      throw error;
    }
    setFlash(reply, t(request.locale, 'pathways.self.saved'));
    return redirectSeeOther(reply, `/progression/${request.params.token}`);
  });

  app.post<{ Params: TokenParams & { badgeId: string } }>('/progression/:token/badges/:badgeId/visibilite', page('public'), async (request, reply) => {
    const enrolment = await withLink(request, reply);
    if (!enrolment) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const learner = await s.enrolments.learnerOf(enrolment);
    const parts = learner.name.split(' ');
    const publicName = learner.erased ? null : [parts[0], parts.length > 1 ? `${parts.at(-1)!.charAt(0)}.` : ''].filter(Boolean).join(' ');
    await s.badges.setVisibility(enrolment.centerId, enrolment.id, request.params.badgeId, { showName: body.showName === 'oui' && publicName !== null, showSkills: body.showSkills === 'oui', publicName });
    setFlash(reply, t(request.locale, 'pathways.badge.visibilitySaved'));
    return redirectSeeOther(reply, `/progression/${request.params.token}`);
  });

  app.get<{ Params: TokenParams }>('/progression/:token/livret.pdf', page('public'), async (request, reply) => {
    const enrolment = await withLink(request, reply);
    if (!enrolment) return reply;
    const view = await s.enrolments.viewOf(enrolment);
    const centre = await findCentreById(ctx.kysely, enrolment.centerId);
    const pdf = await bookletPdf({ centreName: centre?.name ?? '', learnerName: view.learner.name, pathwayTitle: view.pathway.title, progress: view.progress, progressUrl: `${ctx.config.publicUrl}/progression/${request.params.token}`, generatedAt: ctx.clock.nowIso() });
    return sendPdf(reply, pdf, 'livret-de-progression.pdf');
  });

  app.get<{ Params: TokenParams & { file: string } }>('/progression/:token/attestations/:file', page('public'), async (request, reply) => {
    const enrolment = await withLink(request, reply);
    if (!enrolment) return reply;
    const badge = await s.badges.findOfEnrolment(enrolment.centerId, enrolment.id, request.params.file.replace(/\.pdf$/, ''));
    const view = await s.enrolments.viewOf(enrolment);
    const centre = (await findCentreById(ctx.kysely, enrolment.centerId))!;
    return sendPdf(reply, await attestationPdf(attestationInput(view, badge, centre, s.badges.badgeUrl(badge.id))), 'attestation.pdf');
  });

  app.get<{ Params: TokenParams & { file: string } }>('/progression/:token/badges/:file', page('public'), async (request, reply) => {
    const enrolment = await withLink(request, reply);
    if (!enrolment) return reply;
    const badge = await s.badges.findOfEnrolment(enrolment.centerId, enrolment.id, request.params.file.replace(/\.json$/, ''));
    return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', 'attachment; filename="badge.json"').send(badge.credential);
  });
}

/** Public badge verification, the issuer profile and the framework badges point to. */
function registerBadgePages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
  app.get<{ Params: { id: string } }>('/badges/:id', page('public'), async (request, reply) => sendPage(reply, <BadgePage ctx={viewContext(request)} badge={await s.badges.publicView(request.params.id)} />));

  app.get<{ Params: { id: string } }>('/badges/emetteurs/:id', page('public'), async (request, reply) =>
    reply.header('content-type', 'application/json; charset=utf-8').send(await s.badges.issuerProfile(request.params.id)),
  );

  app.get<{ Params: { id: string } }>('/badges/referentiel/:id', page('public'), async (request, reply) => {
    const centre = isUuid(request.params.id) ? await findCentreById(ctx.kysely, request.params.id) : undefined;
    if (!centre) return renderErrorPage(request, reply, 404, 'errors.notFound');
    const tree = await s.framework.tree({ centerId: centre.id, userId: null, role: 'volunteer', label: 'public', partnerCommuneInsee: null, via: 'system' });
    return sendPage(reply, <PublicFrameworkPage ctx={viewContext(request)} centreName={centre.name} tree={tree} />);
  });
}
