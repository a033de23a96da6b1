import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import { twoStepRolesForm } from './centre.schemas.ts';
import type { CentreService } from './centre.service.ts';
import { TeamTwoStepPage } from './views/two-step.view.tsx';

/**
 * The administrator's two-step sign-in page (/centre/deux-etapes): the roles that must use it,
 * who has it, and a reset for a team member who lost their phone and their recovery codes.
 */
export function registerTeamTwoStepPages(app: FastifyInstance, ctx: AppContext, service: CentreService): void {
  async function show(request: FastifyRequest, reply: FastifyReply, options: { errors?: FieldErrors; values?: string[]; status?: number } = {}) {
    const actor = actorOf(request);
    const data = {
      requiredRoles: await ctx.twoStep.requiredRoles(actor.centerId),
      staff: await service.staff.listStaffAs(actor),
      enabled: await ctx.twoStep.enabledUserIds(actor),
    };
    return sendPage(reply, <TeamTwoStepPage ctx={viewContext(request)} data={data} errors={options.errors} values={options.values} />, options.status);
  }

  app.get('/centre/deux-etapes', page('users.manage'), async (request, reply) => show(request, reply));

  app.post('/centre/deux-etapes', page('users.manage'), async (request, reply) =>
    handleForm(request, reply, {
      schema: twoStepRolesForm,
      run: (form) => ctx.twoStep.setRequiredRoles(actorOf(request), form.roles),
      render: ({ errors, status, values }) => show(request, reply, { errors, status, values: [values.roles ?? []].flat() }),
      done: () => ({ redirect: '/centre/deux-etapes', flash: 'twoStep.centre.saved' }),
    }));

  app.post('/centre/deux-etapes/:id/reinitialiser', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const member = await service.staff.getStaffAs(actor, idOf(request));
    await ctx.twoStep.reset(actor, member.id);
    setFlash(reply, t(request.locale, 'twoStep.centre.resetDone', { name: member.displayName }));
    return redirectSeeOther(reply, '/centre/deux-etapes');
  });
}
