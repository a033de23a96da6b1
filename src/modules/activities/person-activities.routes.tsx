// Staff pages of the activities module, one file per resource; registered by activities.routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound, type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { idOf, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { isUuid } from '../../platform/ids.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { ActivitiesModule } from './activities.module.ts';
import type { PeoplePort } from './ports.ts';
import { ChooseSessionPage, HistoryPage } from './views/person-activities.view.tsx';

/** A person's activities (linked from their file) and registering them for a session. */
export function registerPersonActivitiesPages(app: FastifyInstance, m: ActivitiesModule, deps: { people: PeoplePort }): void {
  const { registrations, roster } = m;

  app.get('/personnes/:id/activites', page('activities.read'), async (request, reply) => {
    const actor = actorOf(request);
    const personId = idOf(request);
    const history = await roster.historyOf(actor, personId);
    const person = await deps.people.getSummary(actor.centerId, personId);
    if (!person) throw notFound();
    return sendPage(reply, <HistoryPage ctx={viewContext(request)} person={person} personId={personId} history={history} />);
  });

  const choosePage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, errors: FieldErrors = {}, status = 200) => {
    const personId = idOf(request);
    if (!isUuid(personId) || !(await deps.people.canSee(actor, personId))) throw notFound();
    const person = await deps.people.getSummary(actor.centerId, personId);
    if (!person) throw notFound();
    const sessions = await roster.openSessions(actor);
    return sendPage(reply, <ChooseSessionPage ctx={viewContext(request)} person={person} personId={personId} sessions={sessions} errors={errors} />, status);
  };

  app.get('/personnes/:id/inscrire', page('activities.register'), async (request, reply) => choosePage(request, reply, actorOf(request)));

  app.post('/personnes/:id/inscrire', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const sessionId = (request.body as Record<string, unknown> | undefined)?.sessionId;
    if (typeof sessionId !== 'string' || !sessionId) return choosePage(request, reply, actor, { sessionId: 'activities.registration.chooseSession' }, 422);
    const outcome = await registrations.register(actor, actor.centerId, sessionId, { personId: idOf(request) }, 'staff');
    const name = [outcome.person.firstName, outcome.person.lastName].filter(Boolean).join(' ');
    const key = outcome.duplicate ? 'activities.staffRegister.duplicate' : outcome.status === 'confirmed' ? 'activities.staffRegister.confirmed' : 'activities.staffRegister.waitlisted';
    setFlash(reply, t(request.locale, key, { name }));
    return redirectSeeOther(reply, `/personnes/${idOf(request)}/activites`);
  });
}
