// The results of a consultation, public once its votes have opened.
import type { FastifyInstance } from 'fastify';
import { page } from '../../../platform/http/access.ts';
import { idOf, publicCentreId } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { ForumService } from '../forum.service.ts';
import { ResultsPage } from '../views/public.view.tsx';

export function registerForumResultsPages(app: FastifyInstance, forums: ForumService): void {
  app.get('/forums/:id/resultats', page('public'), async (request, reply) => {
    const results = await forums.results(publicCentreId(request), idOf(request));
    return sendPage(reply, <ResultsPage ctx={viewContext(request)} results={results} />);
  });
}
