import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { page } from '../../platform/http/access.ts';
import { can, seesAllPersons } from '../../platform/auth/roles.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { currentYear, type Clock } from '../../platform/clock.ts';
import { communeLabel } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import type { PersonLinksRegistry } from '../../platform/person-links.ts';
import { AppError, conflict, notFound, type FieldErrors } from '../../platform/errors.ts';
import { formValues, parseForm } from '../../platform/http/forms.ts';
import { redirectSeeOther, requirePermission, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { localizeErrors, type FormValues } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { registerPeopleApi } from './person.api.ts';
import { FORM_FIELD_ORDER } from './person.schemas.ts';
import { PeopleService, PossibleDuplicateError } from './person.service.ts';
import { ErasePage } from './views/person-erase.view.tsx';
import { PersonFilePage } from './views/person-file.view.tsx';
import { DuplicatesPage, fileToFormValues, PersonFormPage } from './views/person-form.view.tsx';
import { PersonListPage } from './views/person-list.view.tsx';
import { MergeCheckPage, MergePickPage } from './views/person-merge.view.tsx';
import { personName } from './views/helpers.ts';


function queryString(request: FastifyRequest, name: string, max = 200): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function idParam(request: FastifyRequest): string {
  return String((request.params as { id?: unknown }).id ?? '');
}

/** Errors in the order of the form's fields, as the GOV.UK error summary lists them. */
function inFormOrder(errors: FieldErrors): FieldErrors {
  const rank = (field: string) => {
    const i = FORM_FIELD_ORDER.indexOf(field);
    return i === -1 ? FORM_FIELD_ORDER.length : i;
  };
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

function isInvalid(error: unknown): error is AppError {
  return error instanceof AppError && error.status === 422;
}

/** The people module: pages under /personnes, the JSON API under /api/v1/persons. */
export async function registerPeopleModule(app: FastifyInstance, ctx: AppContext, deps: { centre: CentreService }): Promise<PeopleService> {
  const service = new PeopleService(ctx, deps.centre);
  registerPeoplePages(app, service, ctx.personLinks, ctx.clock);
  registerPeopleApi(app, service);
  return service;
}

function registerPeoplePages(app: FastifyInstance, service: PeopleService, personLinks: PersonLinksRegistry, clock: Clock): void {
  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    options: { mode: 'new' | 'edit'; id?: string; name?: string; values: FormValues; errors?: FieldErrors; status?: number },
  ) {
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
        errors={options.errors ? localizeErrors(view, inFormOrder(options.errors)) : undefined}
        communes={communes}
        households={households}
        year={currentYear(view.now)}
        name={options.name}
        backHref={options.mode === 'new' ? '/personnes' : `/personnes/${options.id}`}
      />,
      options.status ?? 200,
    );
  }

  app.get('/personnes', page('persons.read'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.read');
    const q = queryString(request, 'q');
    const cursor = queryString(request, 'page', 600);
    // A page link from before the list had cursors (?page=2), or a damaged one: the first page.
    const result = await service.search(actor, { q, cursor: cursor || undefined }).catch((error: unknown) => {
      if (cursor && isInvalid(error)) return service.search(actor, { q });
      throw error;
    });
    return sendPage(
      reply,
      <PersonListPage
        ctx={viewContext(request)}
        q={q}
        result={result}
        canCreate={can(actor.role, 'persons.write')}
        restricted={!seesAllPersons(actor.role)}
      />,
    );
  });

  app.get('/personnes/nouvelle', page('persons.write'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.write');
    return renderForm(request, reply, actor, { mode: 'new', values: { socialStatus: 'non_communique', gender: 'non_communique' } });
  });

  app.post('/personnes/nouvelle', page('persons.write'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.write');
    const values = formValues(request.body);
    const parsed = parseForm(service.schemas.form, request.body);
    if (!parsed.ok) {
      const errors = { ...(await service.ruleErrors(actor, service.schemas.ruleInput(request.body))), ...parsed.errors };
      return renderForm(request, reply, actor, { mode: 'new', values, errors, status: 422 });
    }
    // "Revenir au formulaire" from the duplicates page: the same form, filled in again.
    if (values.action === 'edit') return renderForm(request, reply, actor, { mode: 'new', values });
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
      if (isInvalid(error)) return renderForm(request, reply, actor, { mode: 'new', values, errors: error.fields, status: 422 });
      throw error;
    }
  });

  app.get('/personnes/:id', page('persons.read'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.read');
    const id = idParam(request);
    let file;
    try {
      file = await service.get(actor, id);
    } catch (error) {
      // An old link to a file merged into another leads to the kept file.
      const target = error instanceof AppError && error.status === 404 ? await service.followMerge(actor, id) : null;
      if (target) return redirectSeeOther(reply, `/personnes/${target}`);
      throw error;
    }
    const live = file.erasedAt === null;
    const auditEntries = can(actor.role, 'audit.read') ? await service.auditTrail(actor, id) : null;
    return sendPage(
      reply,
      <PersonFilePage
        ctx={viewContext(request)}
        file={file}
        auditEntries={auditEntries}
        serviceLinks={personLinks.linksFor(actor, file.id)}
        actions={{
          edit: live && can(actor.role, 'persons.write'),
          merge: live && can(actor.role, 'persons.merge'),
          export: can(actor.role, 'persons.export'),
          erase: live && can(actor.role, 'persons.erase'),
        }}
      />,
    );
  });

  app.get('/personnes/:id/modifier', page('persons.write'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.write');
    const file = await service.get(actor, idParam(request));
    if (file.erasedAt) throw conflict('people.erased');
    return renderForm(request, reply, actor, {
      mode: 'edit',
      id: file.id,
      name: personName(viewContext(request).t, file),
      values: fileToFormValues(file, currentYear(clock.now())),
    });
  });

  app.post('/personnes/:id/modifier', page('persons.write'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.write');
    const id = idParam(request);
    if (!(await service.canSee(actor, id))) throw notFound();
    const values = formValues(request.body);
    const name = [values.firstName, values.lastName].filter((v) => typeof v === 'string').join(' ');
    const parsed = parseForm(service.schemas.form, request.body);
    if (!parsed.ok) {
      const errors = { ...(await service.ruleErrors(actor, service.schemas.ruleInput(request.body))), ...parsed.errors };
      return renderForm(request, reply, actor, { mode: 'edit', id, name, values, errors, status: 422 });
    }
    try {
      const file = await service.update(actor, id, parsed.data);
      setFlash(reply, t(request.locale, 'people.updated', { name: personName(viewContext(request).t, file) }));
      return redirectSeeOther(reply, `/personnes/${file.id}`);
    } catch (error) {
      if (isInvalid(error)) return renderForm(request, reply, actor, { mode: 'edit', id, name, values, errors: error.fields, status: 422 });
      throw error;
    }
  });

  async function renderMergePick(request: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, errors?: FieldErrors, status = 200) {
    const keep = await service.get(actor, id);
    if (keep.erasedAt) throw conflict('people.merge.erased');
    const { duplicates } = await service.findDuplicates(actor, {
      firstName: keep.firstName ?? '',
      lastName: keep.lastName ?? '',
      birthYear: keep.birthYear,
      phone: keep.phone,
      email: keep.email,
      excludeId: keep.id,
    });
    const q = queryString(request, 'q');
    const results = q ? (await service.search(actor, { q, pageSize: 25 })).items.filter((p) => p.id !== keep.id) : null;
    const view = viewContext(request);
    return sendPage(
      reply,
      <MergePickPage ctx={view} keep={keep} suggestions={duplicates} q={q} results={results} errors={errors ? localizeErrors(view, errors) : undefined} />,
      status,
    );
  }

  app.get('/personnes/:id/fusionner', page('persons.merge'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.merge');
    const id = idParam(request);
    const other = queryString(request, 'avec', 100);
    if (!other) return renderMergePick(request, reply, actor, id);
    try {
      const preview = await service.mergePreview(actor, id, other);
      return sendPage(reply, <MergeCheckPage ctx={viewContext(request)} preview={preview} />);
    } catch (error) {
      if (isInvalid(error)) return renderMergePick(request, reply, actor, id, error.fields, 422);
      throw error;
    }
  });

  app.post('/personnes/:id/fusionner', page('persons.merge'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.merge');
    const id = idParam(request);
    const duplicateId = String(formValues(request.body).duplicateId ?? '');
    try {
      const file = await service.merge(actor, id, duplicateId);
      setFlash(reply, t(request.locale, 'people.merged'));
      return redirectSeeOther(reply, `/personnes/${file.id}`);
    } catch (error) {
      if (isInvalid(error)) return renderMergePick(request, reply, actor, id, error.fields, 422);
      throw error;
    }
  });

  app.get('/personnes/:id/export', page('persons.export'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.export');
    const data = await service.exportData(actor, idParam(request));
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="personne-${data.person.id}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/personnes/:id/effacer', page('persons.erase'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.erase');
    const file = await service.get(actor, idParam(request));
    if (file.erasedAt) return redirectSeeOther(reply, `/personnes/${file.id}`);
    return sendPage(reply, <ErasePage ctx={viewContext(request)} file={file} canExport={can(actor.role, 'persons.export')} />);
  });

  app.post('/personnes/:id/effacer', page('persons.erase'), async (request, reply) => {
    const actor = requirePermission(request, 'persons.erase');
    const id = idParam(request);
    await service.erase(actor, id);
    setFlash(reply, t(request.locale, 'people.erasedDone'));
    return redirectSeeOther(reply, `/personnes/${id}`);
  });
}
