import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth/actor.ts';
import { conflict, type FieldErrors } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, refusalOf } from '../../../platform/http/forms.ts';
import { redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import { localizeErrors } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { PeopleService } from '../person.service.ts';
import { MergeCheckPage, MergePickPage } from '../views/person-merge.view.tsx';
import { idParam, queryText } from './shared.ts';

/** Choosing the duplicate: the look-alikes of the file kept, and a search. */
async function renderMergePick(
  service: PeopleService,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  id: string,
  errors?: FieldErrors,
  status = 200,
) {
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
  const q = queryText(request, 'q');
  const results = q ? (await service.search(actor, { q, pageSize: 25 })).items.filter((p) => p.id !== keep.id) : null;
  const view = viewContext(request);
  return sendPage(
    reply,
    <MergePickPage ctx={view} keep={keep} suggestions={duplicates} q={q} results={results} errors={errors ? localizeErrors(view, errors) : undefined} />,
    status,
  );
}

/** Merging a duplicate into a file (/personnes/:id/fusionner): pick, check, merge. */
export function registerMergePages(app: FastifyInstance, service: PeopleService): void {
  app.get('/personnes/:id/fusionner', page('persons.merge'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    const other = queryText(request, 'avec', 100);
    if (!other) return renderMergePick(service, request, reply, actor, id);
    try {
      const preview = await service.mergePreview(actor, id, other);
      return sendPage(reply, <MergeCheckPage ctx={viewContext(request)} preview={preview} />);
    } catch (error) {
      const { errors, status } = refusalOf(error);
      return renderMergePick(service, request, reply, actor, id, errors, status);
    }
  });

  app.post('/personnes/:id/fusionner', page('persons.merge'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    const duplicateId = String(formValues(request.body).duplicateId ?? '');
    try {
      const file = await service.merge(actor, id, duplicateId);
      setFlash(reply, t(request.locale, 'people.merged'));
      return redirectSeeOther(reply, `/personnes/${file.id}`);
    } catch (error) {
      const { errors, status } = refusalOf(error);
      return renderMergePick(service, request, reply, actor, id, errors, status);
    }
  });
}
