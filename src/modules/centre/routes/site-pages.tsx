import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { siteForm } from '../centre.schemas.ts';
import type { CentreService } from '../centre.service.ts';
import { SiteFormPage, SitesPage } from '../views/sites.view.tsx';
import { candidatesOf, flash, siteValues } from './shared.ts';

/** The centre's sites (/centre/lieux): list, add, change, archive and bring back. */
export function registerSitePages(app: FastifyInstance, service: CentreService): void {
  app.get('/centre/lieux', page('centre.manage'), async (request, reply) => {
    const sites = await service.sites.listSitesAs(actorOf(request), { includeArchived: true });
    return sendPage(reply, <SitesPage ctx={viewContext(request)} sites={sites} />);
  });

  app.get('/centre/lieux/nouveau', page('centre.manage'), async (request, reply) => {
    return sendPage(reply, <SiteFormPage ctx={viewContext(request)} values={{}} />);
  });

  app.post('/centre/lieux/nouveau', page('centre.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: siteForm,
      statuses: [409],
      run: (input) => service.sites.createSiteAs(actor, input),
      render: ({ values, errors, error }) =>
        sendPage(reply, <SiteFormPage ctx={viewContext(request)} values={values} errors={errors} communeCandidates={candidatesOf(error)} />, 422),
      done: (site) => ({ redirect: '/centre/lieux', flash: 'admin.site.created', flashParams: { name: site.name } }),
    });
  });

  app.get('/centre/lieux/:id', page('centre.manage'), async (request, reply) => {
    const site = await service.sites.getSiteAs(actorOf(request), idOf(request));
    return sendPage(reply, <SiteFormPage ctx={viewContext(request)} site={site} values={siteValues(site)} />);
  });

  app.post('/centre/lieux/:id', page('centre.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const site = await service.sites.getSiteAs(actor, idOf(request));
    return handleForm(request, reply, {
      schema: siteForm,
      statuses: [409],
      run: (input) => service.sites.updateSiteAs(actor, site.id, input),
      render: ({ values, errors, error }) =>
        sendPage(reply, <SiteFormPage ctx={viewContext(request)} site={site} values={values} errors={errors} communeCandidates={candidatesOf(error)} />, 422),
      done: (saved) => ({ redirect: '/centre/lieux', flash: 'admin.site.saved', flashParams: { name: saved.name } }),
    });
  });

  for (const [path, archived] of [['archiver', true], ['reactiver', false]] as const) {
    app.post(`/centre/lieux/:id/${path}`, page('centre.manage'), async (request, reply) => {
      const site = await service.sites.updateSiteAs(actorOf(request), idOf(request), { archived });
      flash(request, reply, archived ? 'admin.site.archivedDone' : 'admin.site.unarchivedDone', { name: site.name });
      return redirectSeeOther(reply, '/centre/lieux');
    });
  }
}
