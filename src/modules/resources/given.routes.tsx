// The fiches given at a navette visit (/fiches-pratiques/visites/:id, the report's id) and the
// list of those a person was given (/fiches-pratiques/personnes/:id, linked from their file).
import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../platform/http/access.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { idOf } from '../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { ResourcesModule } from './resources.module.ts';
import { givenForm } from './resources.schemas.ts';
import { GiveFichesPage, PersonFichesPage } from './views/given.view.tsx';

export function registerGivenPages(app: FastifyInstance, s: ResourcesModule): void {
  app.get('/fiches-pratiques/visites/:id', page('shuttle.requests'), async (request, reply) => {
    const { visit, fiches, given } = await s.given.atVisit(actorOf(request), idOf(request));
    return sendPage(reply, <GiveFichesPage ctx={viewContext(request)} visit={visit} fiches={fiches} given={given} />);
  });

  app.post('/fiches-pratiques/visites/:id', page('shuttle.requests'), async (request, reply) => {
    const actor = actorOf(request);
    const { visit, fiches } = await s.given.atVisit(actor, idOf(request));
    return handleForm(request, reply, {
      schema: givenForm,
      run: (d) => s.given.give(actor, visit.id, d.ficheIds),
      render: ({ values, errors, status }) => {
        const given = Array.isArray(values.ficheIds) ? values.ficheIds : typeof values.ficheIds === 'string' ? [values.ficheIds] : [];
        return sendPage(reply, <GiveFichesPage ctx={viewContext(request)} visit={visit} fiches={fiches} given={given} errors={errors} />, status);
      },
      done: () => ({ redirect: `/navette/demandes/${visit.requestId}/visite`, flash: 'resources.given.saved' }),
    });
  });

  app.get('/fiches-pratiques/personnes/:id', page('shuttle.requests'), async (request, reply) => {
    const personId = idOf(request);
    const visits = await s.given.toPerson(actorOf(request), personId);
    return sendPage(reply, <PersonFichesPage ctx={viewContext(request)} personId={personId} visits={visits} />);
  });
}
