// Assigning a member to a session, an opening or a navette tour (/equipe/affecter, `?personne=` and `?creneau=` choose beforehand), with its conflicts, and removing an assignment.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, parseForm, refusalOf } from '../../../platform/http/forms.ts';
import { idOf, queryString, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { TeamModule } from '../team.module.ts';
import { assignForm } from '../team.schemas.ts';
import { AssignPage, ConfirmAssignPage } from '../views/assign.view.tsx';

/** Assignments need team.manage; an assignment with conflicts is shown for confirmation, not saved. */
export function registerAssignmentPages(app: FastifyInstance, m: TeamModule): void {
  const assignPage = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors?: FieldErrors, status = 422) => {
    const actor = actorOf(request);
    const [members, choices] = await Promise.all([m.profiles.members(actor), m.assignments.choices(actor)]);
    return sendPage(reply, <AssignPage ctx={viewContext(request)} members={members} choices={choices} values={values} errors={errors} />, errors ? status : 200);
  };

  app.get('/equipe/affecter', page('team.manage'), async (request, reply) => assignPage(request, reply, { userId: queryString(request, 'personne') ?? '', slot: queryString(request, 'creneau') ?? '' }));

  app.post('/equipe/affecter', page('team.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const parsed = parseForm(assignForm, request.body);
    if (!parsed.ok) return assignPage(request, reply, values, parsed.errors);
    try {
      const result = await m.assignments.assign(actor, parsed.data);
      if (!result.saved) {
        const member = await m.profiles.user(actor.centerId, parsed.data.userId);
        return sendPage(reply, <ConfirmAssignPage ctx={viewContext(request)} member={member} slot={result.slot} slotValue={parsed.data.slot} conflicts={result.conflicts} />);
      }
      setFlash(reply, t(request.locale, 'team.assign.done', { title: result.assignment.title }));
      return redirectSeeOther(reply, `/equipe/${result.assignment.userId}`);
    } catch (error) {
      const refusal = refusalOf(error, { statuses: [409], order: ['userId', 'slot'] });
      return assignPage(request, reply, values, refusal.errors, refusal.status);
    }
  });

  app.post('/equipe/affectations/:id/supprimer', page('team.manage'), async (request, reply) => {
    const removed = await m.assignments.remove(actorOf(request), idOf(request));
    setFlash(reply, t(request.locale, 'team.assignment.removed', { title: removed.title }));
    return redirectSeeOther(reply, `/equipe/${removed.userId}`);
  });
}
