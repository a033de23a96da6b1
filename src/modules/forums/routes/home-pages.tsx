// The residents' home of the forums (/forums) and reporting a theme to the team.
import type { FastifyInstance } from 'fastify';
import { page } from '../../../platform/http/access.ts';
import { idOf, publicCentreId } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { ForumService } from '../forum.service.ts';
import { ForumHomePage, ReportedPage } from '../views/public.view.tsx';
import { postLimit } from './public-shared.ts';

export function registerForumHomePages(app: FastifyInstance, forums: ForumService): void {
  app.get('/forums', page('public'), async (request, reply) => {
    const centerId = publicCentreId(request);
    const consultation = await forums.current(centerId);
    const themes = consultation ? await forums.publicProposals(centerId, consultation.id) : [];
    return sendPage(reply, <ForumHomePage ctx={viewContext(request)} consultation={consultation} themes={themes} />);
  });

  app.post('/forums/themes/:id/signaler', postLimit, async (request, reply) => {
    const centerId = publicCentreId(request);
    const id = idOf(request);
    await forums.report(centerId, id);
    const proposal = (await forums.publicProposalOf(centerId, id))!;
    return sendPage(reply, <ReportedPage ctx={viewContext(request)} consultationId={proposal.consultationId} />);
  });
}
