import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth/actor.ts';
import { currentYear, type Clock } from '../../../platform/clock.ts';
import { communeLabel } from '../../../platform/communes.ts';
import { conflict, notFound, type FieldErrors } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, inFormOrder, parseForm, refusalOf } from '../../../platform/http/forms.ts';
import { redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import { localizeErrors, type FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { PossibleDuplicateError, type PeopleService } from '../person.service.ts';
import { DuplicatesPage, fileToFormValues, PersonFormPage } from '../views/person-form.view.tsx';
import { personName } from '../views/helpers.ts';
import { FORM_FIELD_ORDER } from '../person.schemas.ts';
import { idParam } from './shared.ts';

interface FormOptions {
  mode: 'new' | 'edit';
  id?: string;
  name?: string;
  values: FormValues;
  errors?: FieldErrors;
  status?: number;
}

/** The person form, new or to change, with the centre's communes and households to choose from. */
async function renderForm(service: PeopleService, request: FastifyRequest, reply: FastifyReply, actor: Actor, options: FormOptions) {
  const view = viewContext(request);
  const communes = (await service.communeChoices(actor)).map(communeLabel);
  const households = await service.householdNames(actor);
  return sendPage(
    reply,
    <PersonFormPage
      ctx={view}
      mode={options.mode}
      action={options.mode === 'new' ? '/personnes/nouvelle' : `/personnes/${options.id}/modifier`}
      values={options.values}
      errors={options.errors ? localizeErrors(view, inFormOrder(options.errors, FORM_FIELD_ORDER)) : undefined}
      communes={communes}
      households={households}
      year={currentYear(view.now)}
      name={options.name}
      backHref={options.mode === 'new' ? '/personnes' : `/personnes/${options.id}`}
    />,
    options.status ?? 200,
  );
}

/** Registering a person (/personnes/nouvelle), with the look-alikes check. */
export function registerPersonNewPages(app: FastifyInstance, service: PeopleService): void {
  app.get('/personnes/nouvelle', page('persons.write'), async (request, reply) => {
    const actor = actorOf(request);
    return renderForm(service, request, reply, actor, { mode: 'new', values: { socialStatus: 'non_communique', gender: 'non_communique' } });
  });

  app.post('/personnes/nouvelle', page('persons.write'), async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const parsed = parseForm(service.schemas.form, request.body);
    if (!parsed.ok) {
      const errors = { ...(await service.ruleErrors(actor, service.schemas.ruleInput(request.body))), ...parsed.errors };
      return renderForm(service, request, reply, actor, { mode: 'new', values, errors, status: 422 });
    }
    // "Revenir au formulaire" from the duplicates page: the same form, filled in again.
    if (values.action === 'edit') return renderForm(service, request, reply, actor, { mode: 'new', values });
    try {
      const file = await service.create(actor, { ...parsed.data, confirmNotDuplicate: values.confirmNotDuplicate === '1' });
      setFlash(reply, t(request.locale, 'people.created', { name: personName(viewContext(request).t, file) }));
      return redirectSeeOther(reply, `/personnes/${file.id}`);
    } catch (error) {
      if (error instanceof PossibleDuplicateError) {
        return sendPage(
          reply,
          <DuplicatesPage
            ctx={viewContext(request)}
            action="/personnes/nouvelle"
            values={values}
            duplicates={error.duplicates}
            hiddenCount={error.hiddenCount}
          />,
        );
      }
      const { errors, status } = refusalOf(error);
      return renderForm(service, request, reply, actor, { mode: 'new', values, errors, status });
    }
  });
}

/** Changing a person's file (/personnes/:id/modifier). */
export function registerPersonEditPages(app: FastifyInstance, service: PeopleService, clock: Clock): void {
  app.get('/personnes/:id/modifier', page('persons.write'), async (request, reply) => {
    const actor = actorOf(request);
    const file = await service.get(actor, idParam(request));
    if (file.erasedAt) throw conflict('people.erased');
    return renderForm(service, request, reply, actor, {
      mode: 'edit',
      id: file.id,
      name: personName(viewContext(request).t, file),
      values: fileToFormValues(file, currentYear(clock.now())),
    });
  });

  app.post('/personnes/:id/modifier', page('persons.write'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    if (!(await service.canSee(actor, id))) throw notFound();
    const values = formValues(request.body);
    const name = [values.firstName, values.lastName].filter((v) => typeof v === 'string').join(' ');
    const parsed = parseForm(service.schemas.form, request.body);
    if (!parsed.ok) {
      const errors = { ...(await service.ruleErrors(actor, service.schemas.ruleInput(request.body))), ...parsed.errors };
      return renderForm(service, request, reply, actor, { mode: 'edit', id, name, values, errors, status: 422 });
    }
    try {
      const file = await service.update(actor, id, parsed.data);
      setFlash(reply, t(request.locale, 'people.updated', { name: personName(viewContext(request).t, file) }));
      return redirectSeeOther(reply, `/personnes/${file.id}`);
    } catch (error) {
      const { errors, status } = refusalOf(error);
      return renderForm(service, request, reply, actor, { mode: 'edit', id, name, values, errors, status });
    }
  });
}
