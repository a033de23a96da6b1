// Staff pages of the pathways module, one file per resource; registered by pathways.routes.tsx.
import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { sendListExport } from '../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../platform/exports/table-export.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, parseForm, handleForm } from '../../platform/http/forms.ts';
import { queryString, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import type { PathwaysModule } from './pathways.module.ts';
import { enrolmentsExport } from './list-exports.ts';
import { newPathwayForm, pathwayForm } from './pathways.schemas.ts';
import { ENROLMENT_STATES, type EnrolmentState } from './pathways.vocab.ts';
import { EditPathwayPage, NewPathwayPage, PathwayPage, PathwaysListPage } from './views/pathways.view.tsx';
import { type Params, type Q } from './route-helpers.ts';

/** Pathways: the list, creating, editing and archiving one. */
export function registerPathwayPages(app: FastifyInstance, ctx: AppContext, s: PathwaysModule): void {

  app.get('/parcours', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    const showArchived = (request.query as Q).archives === '1';
    return sendPage(reply, <PathwaysListPage ctx={viewContext(request)} pathways={await s.pathways.list(actor, { includeArchived: showArchived })} showArchived={showArchived} />);
  });

  app.get('/parcours/nouveau', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <NewPathwayPage ctx={viewContext(request)} skills={await s.framework.activeSkills(actor.centerId)} values={{ moduleLevel: 'decouverte' }} />);
  });

  app.post('/parcours/nouveau', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: newPathwayForm,
      rename: { 'modules.0.skillIds': 'skillIds', 'modules.0.title': 'moduleTitle' },
      run: (d) =>
        s.pathways.create(actor, {
          title: d.title, audience: d.audience, description: d.description,
          modules: [{ title: d.moduleTitle, level: d.moduleLevel, suggestedSessions: d.moduleSessions, description: null, skillIds: d.skillIds, activityIds: [] }],
        }),
      render: async ({ values, errors }) => sendPage(reply, <NewPathwayPage ctx={viewContext(request)} skills={await s.framework.activeSkills(actor.centerId)} values={values} errors={errors} />, 422),
      done: (pathway) => ({ redirect: `/parcours/${pathway.id}`, flash: 'pathways.pathway.created' }),
    });
  });

  // The enrolments, shown to pathways.enrol, may be kept to one state (?etat=) and downloaded (?format=csv|xlsx) with it.
  app.get<{ Params: Params }>('/parcours/:id', page('pathways.read'), async (request, reply) => {
    const actor = actorOf(request);
    const format = exportFormatOf(request);
    const pathway = await s.pathways.get(actor, request.params.id);
    const asked = queryString(request, 'etat');
    const state = ENROLMENT_STATES.includes(asked as EnrolmentState) ? (asked as EnrolmentState) : undefined;
    if (format) return sendListExport(request, reply, format, 'pathway-enrolments', enrolmentsExport(pathway.title, await s.enrolments.listForPathway(actor, pathway.id, { state })));
    const enrolments = can(actor.role, 'pathways.enrol') ? await s.enrolments.listForPathway(actor, pathway.id, { state }) : null;
    const fiches = await ctx.ficheLinks.forSubjects(actor.centerId, 'pathway_module', pathway.modules.map((m) => m.id));
    return sendPage(reply, <PathwayPage ctx={viewContext(request)} pathway={pathway} enrolments={enrolments} state={state ?? null} fiches={fiches} />);
  });

  app.get<{ Params: Params }>('/parcours/:id/modifier', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const pathway = await s.pathways.get(actor, request.params.id);
    return sendPage(reply, <EditPathwayPage ctx={viewContext(request)} pathway={pathway} values={{ title: pathway.title, audience: pathway.audience, description: pathway.description ?? '' }} />);
  });

  app.post<{ Params: Params }>('/parcours/:id/modifier', page('pathways.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const pathway = await s.pathways.get(actor, request.params.id);
    const parsed = parseForm(pathwayForm, request.body);
    if (!parsed.ok) return sendPage(reply, <EditPathwayPage ctx={viewContext(request)} pathway={pathway} values={formValues(request.body)} errors={parsed.errors} />, 422);
    await s.pathways.update(actor, pathway.id, parsed.data);
    setFlash(reply, t(request.locale, 'pathways.pathway.saved'));
    return redirectSeeOther(reply, `/parcours/${pathway.id}`);
  });

  for (const [path, archived, message] of [['archiver', true, 'pathways.pathway.archived'], ['rouvrir', false, 'pathways.pathway.unarchived']] as const) {
    app.post<{ Params: Params }>(`/parcours/:id/${path}`, page('pathways.manage'), async (request, reply) => {
      const actor = actorOf(request);
      await s.pathways.setArchived(actor, request.params.id, archived);
      setFlash(reply, t(request.locale, message));
      return redirectSeeOther(reply, `/parcours/${request.params.id}`);
    });
  }
}
