// The trainings required per kind of assignment (/equipe/formations-requises).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { TeamModule } from '../team.module.ts';
import { requirementForm } from '../team.schemas.ts';
import { RequirementsPage } from '../views/assign.view.tsx';

/** Listed, added and removed with team.manage. */
export function registerRequirementPages(app: FastifyInstance, m: TeamModule): void {
  const requirementsPage = async (request: FastifyRequest, reply: FastifyReply, values?: FormValues, errors?: FieldErrors, status = 422) => {
    const actor = actorOf(request);
    const [requirements, pathways] = await Promise.all([m.profiles.kindRequirements(actor), m.profiles.training.pathways(actor.centerId)]);
    return sendPage(reply, <RequirementsPage ctx={viewContext(request)} requirements={requirements} pathways={pathways} values={values} errors={errors} />, errors ? status : 200);
  };

  app.get('/equipe/formations-requises', page('team.manage'), async (request, reply) => requirementsPage(request, reply));

  app.post('/equipe/formations-requises', page('team.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: requirementForm, order: ['kind', 'pathwayId'], statuses: [409],
      run: (form) => m.profiles.addKindRequirement(actor, form),
      render: ({ values, errors, status }) => requirementsPage(request, reply, values, errors, status),
      done: () => ({ redirect: '/equipe/formations-requises', flash: 'team.requirement.added' }),
    });
  });

  app.post('/equipe/formations-requises/:id/supprimer', page('team.manage'), async (request, reply) => {
    await m.profiles.removeKindRequirement(actorOf(request), idOf(request));
    setFlash(reply, t(request.locale, 'team.requirement.removed'));
    return redirectSeeOther(reply, '/equipe/formations-requises');
  });
}
