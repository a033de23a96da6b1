import type { FastifyInstance } from 'fastify';
import { can } from '../../../platform/auth/roles.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t } from '../../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { PeopleService } from '../person.service.ts';
import { ErasePage } from '../views/person-erase.view.tsx';
import { idParam } from './shared.ts';

/** A person's rights: the export of their data (access) and erasure. */
export function registerPersonRightsPages(app: FastifyInstance, service: PeopleService): void {
  app.get('/personnes/:id/export', page('persons.export'), async (request, reply) => {
    const actor = actorOf(request);
    const data = await service.exportData(actor, idParam(request));
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="personne-${data.person.id}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/personnes/:id/effacer', page('persons.erase'), async (request, reply) => {
    const actor = actorOf(request);
    const file = await service.get(actor, idParam(request));
    if (file.erasedAt) return redirectSeeOther(reply, `/personnes/${file.id}`);
    return sendPage(reply, <ErasePage ctx={viewContext(request)} file={file} canExport={can(actor.role, 'persons.export')} />);
  });

  app.post('/personnes/:id/effacer', page('persons.erase'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idParam(request);
    await service.erase(actor, id);
    setFlash(reply, t(request.locale, 'people.erasedDone'));
    return redirectSeeOther(reply, `/personnes/${id}`);
  });
}
