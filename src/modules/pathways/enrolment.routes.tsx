// Staff pages of the pathways module, one file per resource; registered by pathways.routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { exportIfAsked } from '../../platform/exports/list-export.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { refusalOf } from '../../platform/http/forms.ts';
import { queryString, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import { attestationInput, attestationPdf, bookletPdf } from './documents.ts';
import * as enrolmentRepo from './enrolment.repository.ts';
import { enrolmentListQuery } from './list-exports.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { ENROLMENT_STATES, type EnrolmentState } from './pathways.vocab.ts';
import { EnrolmentPage } from './views/enrolment.view.tsx';
import { ENROLMENTS_PATH, EnrolmentsPage, type EnrolmentListChoices } from './views/enrolments.view.tsx';
import { EnrolPage } from './views/pathways.view.tsx';
import { qrCodeDataUrl, sendPdf, slug, type Params, type Q } from './route-helpers.ts';

/** Rows on one page of the centre's enrolments list. */
const ENROLMENTS_PAGE_SIZE = 50;

/** Enrolling someone in a pathway, the enrolment page and withdrawing. */
export function registerEnrolmentPages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
  registerEnrolmentList(app, s);

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
}

/**
 * Every pathway's enrolments (/parcours/inscriptions): the same rows and permission as each
 * pathway's list, kept to a pathway (?parcours=), a state (?etat=, an unknown one is no filter,
 * as on a pathway's page) and a name (?q=), 50 a page (?page=), downloaded with the same
 * filters (?format=csv|xlsx). A pathway that is not the centre's: the form again, 422.
 */
function registerEnrolmentList(app: FastifyInstance, s: PathwaysModule): void {
  app.get(ENROLMENTS_PATH, page('pathways.enrol'), async (request, reply) => {
    const actor = actorOf(request);
    const state = queryString(request, 'etat') ?? '';
    const choices: EnrolmentListChoices = {
      parcours: (queryString(request, 'parcours') ?? '').trim(),
      etat: ENROLMENT_STATES.includes(state as EnrolmentState) ? (state as EnrolmentState) : '',
      q: (queryString(request, 'q') ?? '').trim().slice(0, 100),
    };
    const params = Object.fromEntries(Object.entries(choices).filter(([, value]) => value !== ''));
    const pathways = await s.pathways.list(actor, { includeArchived: true });
    const asked = Math.min(100_000, Math.max(1, Math.trunc(Number(queryString(request, 'page'))) || 1));
    try {
      const exported = await exportIfAsked(request, reply, 'enrolments', params);
      if (exported) return exported;
      const read = (n: number) => s.enrolments.listForCentre(actor, enrolmentListQuery(params), { limit: ENROLMENTS_PAGE_SIZE, offset: (n - 1) * ENROLMENTS_PAGE_SIZE });
      let pageNumber = asked;
      let result = await read(pageNumber);
      // Past the last page (a list that shrank since the link was made): the last page.
      const last = Math.max(1, Math.ceil(result.total / ENROLMENTS_PAGE_SIZE));
      if (pageNumber > last) result = await read((pageNumber = last));
      return sendPage(reply, <EnrolmentsPage ctx={viewContext(request)} pathways={pathways} choices={choices} result={result} page={pageNumber} />);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422 || !error.fields.pathwayId) throw error;
      const errors = { parcours: error.fields.pathwayId };
      return sendPage(reply, <EnrolmentsPage ctx={viewContext(request)} pathways={pathways} choices={choices} result={null} page={1} errors={errors} />, 422);
    }
  });
}

/** An enrolment's progress links, booklet, attestations and credentials. */
export function registerEnrolmentDocuments(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {
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
}
