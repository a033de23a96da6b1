// Staff pages of the pathways module, one file per resource; registered by pathways.routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { moduleForm } from './pathways.schemas.ts';
import { ModuleFormPage } from './views/pathways.view.tsx';
import { type Params } from './route-helpers.ts';

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

/** A pathway's modules: adding, editing, ordering and removing them. */
export function registerModulePages(app: FastifyInstance, s: PathwaysModule): void {

  const moduleFormPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, pathwayId: string, moduleId: string | null, values: FormValues, errors?: FieldErrors) => {
    const pathway = await s.pathways.get(actor, pathwayId);
    const module = moduleId ? (pathway.modules.find((m) => m.id === moduleId) ?? null) : null;
    return sendPage(
      reply,
      <ModuleFormPage ctx={viewContext(request)} pathway={pathway} module={module} skills={await s.framework.activeSkills(actor.centerId)} activities={await s.pathways.activityChoices(actor.centerId)} values={values} errors={errors} />,
      errors ? 422 : 200,
    );
  };

  app.get<{ Params: Params }>('/parcours/:id/modules/nouveau', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return moduleFormPage(request, reply, actor, request.params.id, null, { level: 'debutant', suggestedSessions: '3' });
  });

  app.post<{ Params: Params }>('/parcours/:id/modules/nouveau', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: moduleForm,
      run: (input) => s.pathways.addModule(actor, request.params.id, input),
      render: ({ values, errors }) => moduleFormPage(request, reply, actor, request.params.id, null, values, errors),
      done: () => ({ redirect: `/parcours/${request.params.id}`, flash: 'pathways.module.saved' }),
    });
  });

  app.get<{ Params: Params }>('/parcours/modules/:id/modifier', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const { pathway, module } = await s.pathways.getModule(actor, request.params.id);
    return moduleFormPage(request, reply, actor, pathway.id, module.id, moduleValues(module));
  });

  app.post<{ Params: Params }>('/parcours/modules/:id/modifier', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const { pathway, module } = await s.pathways.getModule(actor, request.params.id);
    return handleForm(request, reply, {
      schema: moduleForm,
      run: (input) => s.pathways.updateModule(actor, module.id, input),
      render: ({ values, errors }) => moduleFormPage(request, reply, actor, pathway.id, module.id, values, errors),
      done: () => ({ redirect: `/parcours/${pathway.id}`, flash: 'pathways.module.saved' }),
    });
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
}
