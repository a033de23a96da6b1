// A member's absences (/equipe/:id/absences): added from the member's page, removed there.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import type { TeamModule } from '../team.module.ts';
import { absenceForm } from '../team.schemas.ts';
import { memberPage, selfOrManager } from './shared.tsx';

/** A member's own absences, or anyone's for team.manage. */
export function registerAbsencePages(app: FastifyInstance, m: TeamModule): void {
  app.post('/equipe/:id/absences', selfOrManager, async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    return handleForm(request, reply, {
      schema: absenceForm, order: ['firstDay', 'lastDay', 'reason'],
      run: (form) => m.profiles.addAbsence(actor, id, { firstDay: form.firstDay, lastDay: form.lastDay ?? form.firstDay, reason: form.reason }),
      render: (again) => memberPage(m, request, reply, id, again),
      done: () => ({ redirect: `/equipe/${id}`, flash: 'team.absence.added' }),
    });
  });

  app.post('/equipe/:id/absences/:absenceId/supprimer', selfOrManager, async (request, reply) => {
    const id = idOf(request);
    await m.profiles.removeAbsence(actorOf(request), id, idOf(request, 'absenceId'));
    setFlash(reply, t(request.locale, 'team.absence.removed'));
    return redirectSeeOther(reply, `/equipe/${id}`);
  });
}
