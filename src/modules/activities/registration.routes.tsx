// Staff pages of the activities module, one file per resource; registered by activities.routes.tsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/roles.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { ActivitiesModule } from './activities.module.ts';
import { staffRegistrationForm } from './activity.schemas.ts';
import type { PeoplePort } from './ports.ts';
import { CancelRegistrationPage, StaffRegisterPage } from './views/staff-registration.view.tsx';

/** Registering a person for a session (by phone, at the desk), cancelling and matching registrations. */
export function registerRegistrationPages(app: FastifyInstance, m: ActivitiesModule, deps: { people: PeoplePort }): void {
  const { programme, registrations, roster } = m;

  const registerPage = async (request: FastifyRequest, reply: FastifyReply, actor: Actor, values: Record<string, unknown> = {}, errors: FieldErrors = {}, status = 200) => {
    const detail = await programme.getSession(actor, idOf(request));
    const q = String((request.query as Record<string, unknown>).q ?? '').slice(0, 100).trim();
    const results = q && can(actor.role, 'persons.read') ? (await deps.people.search(actor, { q, pageSize: 20 })).items : null;
    return sendPage(reply, <StaffRegisterPage ctx={viewContext(request)} detail={detail} query={q} results={results} values={formValues(values)} errors={errors} />, status);
  };

  app.get('/seances/:id/inscrire', page('activities.register'), async (request, reply) => registerPage(request, reply, actorOf(request)));

  app.post('/seances/:id/inscrire', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(staffRegistrationForm, request.body);
    if (!parsed.ok) return registerPage(request, reply, actor, request.body as Record<string, unknown>, parsed.errors, 422);
    const form = parsed.data;
    const errors: FieldErrors = {};
    if (!form.personId) {
      if (!form.firstName) errors.firstName = 'activities.firstName.required';
      if (!form.lastName) errors.lastName = 'activities.lastName.required';
    }
    if (Object.keys(errors).length > 0) return registerPage(request, reply, actor, request.body as Record<string, unknown>, errors, 422);
    try {
      const outcome = await registrations.register(actor, actor.centerId, idOf(request), {
        personId: form.personId || undefined,
        person: form.personId ? undefined : { firstName: form.firstName, lastName: form.lastName, birthYear: form.birthYear, commune: form.commune || null, phone: form.phone, email: form.email },
        guardianName: form.guardianName || null,
        parentalAuthorisation: form.parentalAuthorisation,
        dataProcessing: (request.body as Record<string, unknown>).dataProcessing === 'oui',
      }, 'staff');
      const name = [outcome.person.firstName, outcome.person.lastName].filter(Boolean).join(' ');
      const key = outcome.duplicate ? 'activities.staffRegister.duplicate' : outcome.status === 'confirmed' ? 'activities.staffRegister.confirmed' : 'activities.staffRegister.waitlisted';
      setFlash(reply, t(request.locale, key, { name }));
      return redirectSeeOther(reply, `/seances/${idOf(request)}`);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      const fields = { ...error.fields };
      if (fields.personId && !form.personId) fields.lastName = fields.personId;
      delete fields.personId;
      return registerPage(request, reply, actor, request.body as Record<string, unknown>, Object.keys(fields).length ? fields : { lastName: error.messageKey }, 422);
    }
  });

  app.get('/inscriptions/:id/annuler', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const { registration, person } = await roster.getForStaff(actor, idOf(request));
    const detail = await programme.getSession(actor, registration.sessionId);
    return sendPage(reply, <CancelRegistrationPage ctx={viewContext(request)} detail={detail} registration={registration} person={person} />);
  });

  app.post('/inscriptions/:id/annuler', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const row = await roster.cancel(actor, idOf(request));
    setFlash(reply, t(request.locale, 'activities.session.registrationCancelled'));
    return redirectSeeOther(reply, `/seances/${row.sessionId}`);
  });

  app.post('/inscriptions/:id/rapprochement', page('activities.register'), async (request, reply) => {
    const actor = actorOf(request);
    const same = (request.body as Record<string, unknown> | undefined)?.meme;
    if (same !== 'oui' && same !== 'non') throw new AppError(400, 'bad_request', 'errors.badRequest');
    const row = await registrations.resolveMatch(actor, idOf(request), same === 'oui');
    setFlash(reply, t(request.locale, 'activities.session.matchDone'));
    return redirectSeeOther(reply, `/seances/${row.sessionId}`);
  });
}
