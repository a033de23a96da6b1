// Staff pages of the pathways module, one file per resource; registered by pathways.routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound, type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { trainingRequirementForm } from './pathways.schemas.ts';
import { MyTrainingsPage, TeamTrainingPage } from './views/team.view.tsx';
import { type Params } from './route-helpers.ts';

/** Team trainings: the centre's requirements and a staff member's own trainings. */
export function registerTrainingPages(app: FastifyInstance, s: PathwaysModule): void {

  const teamPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values?: FormValues, errors?: FieldErrors) =>
    sendPage(
      reply,
      <TeamTrainingPage ctx={viewContext(request)} team={await s.training.teamView(actor)} requirements={await s.training.listRequirements(actor)} pathways={await s.pathways.list(actor)} values={values} errors={errors} />,
      errors ? 422 : 200,
    );

  app.get('/parcours/equipe', page('pathways.team'), async (request, reply) => teamPage(request, reply, actorOf(request)));

  app.post('/parcours/equipe/exigences', page('pathways.training'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: trainingRequirementForm,
      // A requirement already set comes back as a 409 on its pathway field; the page says 422.
      statuses: [409],
      run: (input) => s.training.require(actor, input),
      render: ({ values, errors }) => teamPage(request, reply, actor, values, errors),
      done: () => ({ redirect: '/parcours/equipe', flash: 'pathways.training.added' }),
    });
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
