import type { FastifyInstance } from 'fastify';
import { can, seesAllPersons } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/errors.ts';
import { exportIfAsked } from '../../../platform/exports/list-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { redirectSeeOther } from '../../../platform/http/request-context.ts';
import type { PersonLinksRegistry } from '../../../platform/person-links.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { PeopleService } from '../person.service.ts';
import { PersonFilePage } from '../views/person-file.view.tsx';
import { PersonListPage } from '../views/person-list.view.tsx';
import { idParam, queryText } from './shared.ts';

/** The list of persons (/personnes, search and pages) and one person's file. */
export function registerPersonPages(app: FastifyInstance, service: PeopleService, personLinks: PersonLinksRegistry): void {
  app.get('/personnes', page('persons.read'), async (request, reply) => {
    const actor = actorOf(request);
    const q = queryText(request, 'q');
    const exported = await exportIfAsked(request, reply, 'persons', q ? { q } : {});
    if (exported) return exported;
    const cursor = queryText(request, 'page', 600);
    // A page link from before the list had cursors (?page=2), or a damaged one: the first page.
    const result = await service.search(actor, { q, cursor: cursor || undefined }).catch((error: unknown) => {
      if (cursor && error instanceof AppError && error.status === 422) return service.search(actor, { q });
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

  app.get('/personnes/:id', page('persons.read'), async (request, reply) => {
    const actor = actorOf(request);
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
}
