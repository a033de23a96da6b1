import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, handleForm, inFormOrder, parseForm } from '../../platform/http/forms.ts';
import { idOf, publicCentreId, queryString, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { MEDIATION_THEMES, type MediationTheme } from '../../platform/vocab/mediation.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { FicheView } from './fiche.service.ts';
import { registerImagePages, type EditorRender } from './image.routes.tsx';
import { FICHE_FORM_ORDER, ficheForm } from './resources.schemas.ts';
import type { ResourcesModule } from './resources.module.ts';
import { FicheEditorPage, FicheListPage, FichePage, ficheValues, LargePrintPage, StaffListPage } from './views/fiches.view.tsx';

type SlugParams = { slug: string };

/** The resource space's pages: public (residents, no account) and the team's editor. */
export function registerResourcesPages(app: FastifyInstance, s: ResourcesModule): void {
  const css = readFileSync(new URL('./views/resources.css', import.meta.url), 'utf8');
  app.get('/static/resources.css', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(css),
  );
  registerPublicPages(app, s);
  registerEditorPages(app, s);
}

function registerPublicPages(app: FastifyInstance, s: ResourcesModule): void {
  app.get('/ressources', page('public'), async (request, reply) => {
    const centerId = publicCentreId(request);
    const q = (queryString(request, 'q') ?? '').trim();
    const asked = queryString(request, 'theme');
    const theme = MEDIATION_THEMES.includes(asked as MediationTheme) ? asked : undefined;
    const found = q ? await s.fiches.search(centerId, q) : { fiches: await s.fiches.listPublished(centerId), partial: false };
    const fiches = theme ? found.fiches.filter((f) => f.themes.includes(theme)) : found.fiches;
    return sendPage(reply, <FicheListPage ctx={viewContext(request)} fiches={fiches} q={q} theme={theme} partial={found.partial} />);
  });

  app.get<{ Params: SlugParams }>('/ressources/:slug', page('public'), async (request, reply) => {
    const fiche = await s.fiches.publicBySlug(publicCentreId(request), request.params.slug, request.actor);
    return sendPage(reply, <FichePage ctx={viewContext(request)} fiche={fiche} />);
  });

  app.get<{ Params: SlugParams }>('/ressources/:slug/gros-caracteres', page('public'), async (request, reply) => {
    const fiche = await s.fiches.publicBySlug(publicCentreId(request), request.params.slug, request.actor);
    return sendPage(reply, <LargePrintPage ctx={viewContext(request)} fiche={fiche} />);
  });
}

function registerEditorPages(app: FastifyInstance, s: ResourcesModule): void {
  const editor: EditorRender = async (request, reply, options) => {
    const actor = actorOf(request);
    const activities = await s.fiches.activityChoices(actor.centerId);
    const modules = await s.fiches.moduleChoices(actor.centerId);
    const images = options.fiche ? await s.images.list(actor, options.fiche.id) : [];
    return sendPage(
      reply,
      <FicheEditorPage
        ctx={viewContext(request)} fiche={options.fiche} values={options.values} errors={options.errors} activities={activities} modules={modules} preview={options.preview}
        images={images} image={options.image}
      />,
      options.status ?? 200,
    );
  };
  /** "Prévisualiser": the form again with the body rendered, nothing saved. */
  const previewing = (request: FastifyRequest) => (request.body as Record<string, unknown> | undefined)?.action === 'preview';
  const preview = (request: FastifyRequest, reply: FastifyReply, fiche?: FicheView) => {
    const parsed = parseForm(ficheForm, request.body);
    const values = formValues(request.body);
    const body = typeof values.body === 'string' ? values.body : '';
    return editor(request, reply, { fiche, values, errors: parsed.ok ? {} : inFormOrder(parsed.errors, FICHE_FORM_ORDER), preview: s.fiches.preview(body) });
  };

  app.get('/fiches-pratiques', page('resources.manage'), async (request, reply) =>
    sendPage(reply, <StaffListPage ctx={viewContext(request)} fiches={await s.fiches.listAll(actorOf(request))} />),
  );

  app.get('/fiches-pratiques/nouvelle', page('resources.manage'), async (request, reply) => editor(request, reply, { values: { level: 'debutant' } }));

  app.post('/fiches-pratiques/nouvelle', page('resources.manage'), async (request, reply) => {
    if (previewing(request)) return preview(request, reply);
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: ficheForm,
      order: FICHE_FORM_ORDER,
      run: (d) => s.fiches.create(actor, d),
      render: ({ values, errors, status }) => editor(request, reply, { values, errors, status }),
      done: (fiche) => ({ redirect: `/fiches-pratiques/${fiche.id}`, flash: 'resources.staff.created' }),
    });
  });

  app.get('/fiches-pratiques/:id', page('resources.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const fiche = await s.fiches.get(actor.centerId, idOf(request), actor);
    return editor(request, reply, { fiche, values: ficheValues(fiche) });
  });

  app.post('/fiches-pratiques/:id', page('resources.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const fiche = await s.fiches.get(actor.centerId, idOf(request), actor);
    if (previewing(request)) return preview(request, reply, fiche);
    return handleForm(request, reply, {
      schema: ficheForm,
      order: FICHE_FORM_ORDER,
      run: (d) => s.fiches.update(actor, fiche.id, d),
      render: ({ values, errors, status }) => editor(request, reply, { fiche, values, errors, status }),
      done: () => ({ redirect: `/fiches-pratiques/${fiche.id}`, flash: 'resources.staff.saved' }),
    });
  });

  registerImagePages(app, s, editor);

  for (const [path, published] of [['publier', true], ['depublier', false]] as const) {
    app.post(`/fiches-pratiques/:id/${path}`, page('resources.manage'), async (request, reply) => {
      const fiche = await s.fiches.setPublished(actorOf(request), idOf(request), published);
      setFlash(reply, t(request.locale, published ? 'resources.staff.published' : 'resources.staff.unpublished'));
      return redirectSeeOther(reply, `/fiches-pratiques/${fiche.id}`);
    });
  }
}
