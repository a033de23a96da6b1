// Staff pages of consultations: the list, opening one, and its page (proposals, tallies, results).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can } from '../../../platform/auth/roles.ts';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { Consultation, ForumService } from '../forum.service.ts';
import { consultationInput } from '../forums.schemas.ts';
import { consultationsExport, proposalsExport } from '../list-exports.ts';
import { ConsultationFormPage, ConsultationListPage, ConsultationPage } from '../views/staff.view.tsx';
import { blank, consultationDetail, number } from './shared.ts';

// Forms send strings: the API's schema, with the strings turned into what they mean.
const consultationForm = z.preprocess((body) => {
  const b = (body ?? {}) as Record<string, unknown>;
  const communes = typeof b.eligibleCommunes === 'string' ? b.eligibleCommunes.split(/[\s,;]+/).filter(Boolean) : [];
  return { ...b, description: blank(b.description), votesPerPerson: number(b.votesPerPerson), moderation: b.moderation === 'oui' ? true : b.moderation === 'non' ? false : b.moderation, eligibleCommunes: communes };
}, consultationInput);

/** A wrong code anywhere in the list is said beside the one field. */
function renameCommuneErrors(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) out[k.startsWith('eligibleCommunes') ? 'eligibleCommunes' : k] ??= v;
  return out;
}

const FORM_ORDER = ['title', 'description', 'proposalsOpenOn', 'votesOpenOn', 'votesCloseOn', 'votesPerPerson', 'moderation', 'eligibleCommunes'];
const COMMUNE_FIELDS = { 'eligibleCommunes.0': 'eligibleCommunes', 'eligibleCommunes.1': 'eligibleCommunes', 'eligibleCommunes.2': 'eligibleCommunes' };

/** A consultation as its form shows it (the strings a browser would send back). */
function formValuesOf(c: Consultation): Record<string, string> {
  return {
    title: c.title, description: c.description ?? '', proposalsOpenOn: c.proposalsOpenOn, votesOpenOn: c.votesOpenOn, votesCloseOn: c.votesCloseOn,
    votesPerPerson: String(c.votesPerPerson), moderation: c.moderation ? 'oui' : 'non', eligibleCommunes: c.eligibleCommunes.join(', '),
  };
}

export function registerConsultationPages(app: FastifyInstance, forums: ForumService): void {
  app.get('/consultations', page('forums.read'), async (request, reply) => {
    const actor = actorOf(request);
    const items = await forums.list(actor);
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'consultations', consultationsExport(items));
    return sendPage(reply, <ConsultationListPage ctx={viewContext(request)} items={items} canManage={can(actor.role, 'forums.manage')} />);
  });

  app.get('/consultations/nouvelle', page('forums.manage'), async (request, reply) => sendPage(reply, <ConsultationFormPage ctx={viewContext(request)} />));

  app.post('/consultations/nouvelle', page('forums.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: consultationForm,
      order: FORM_ORDER,
      rename: COMMUNE_FIELDS,
      run: (d) => forums.create(actor, d),
      render: ({ values, errors, status }) => sendPage(reply, <ConsultationFormPage ctx={viewContext(request)} values={values} errors={renameCommuneErrors(errors)} />, status),
      done: (c) => ({ redirect: `/consultations/${c.id}`, flash: 'forums.staff.created' }),
    });
  });

  app.get('/consultations/:id/modifier', page('forums.manage'), async (request, reply) => {
    const c = await forums.get(actorOf(request), idOf(request));
    return sendPage(reply, <ConsultationFormPage ctx={viewContext(request)} values={formValuesOf(c)} consultationId={c.id} />);
  });

  app.post('/consultations/:id/modifier', page('forums.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const c = await forums.get(actor, idOf(request));
    return handleForm(request, reply, {
      schema: consultationForm,
      order: FORM_ORDER,
      rename: COMMUNE_FIELDS,
      run: (d) => forums.update(actor, c.id, d),
      render: ({ values, errors, status }) => sendPage(reply, <ConsultationFormPage ctx={viewContext(request)} values={values} errors={renameCommuneErrors(errors)} consultationId={c.id} />, status),
      done: () => ({ redirect: `/consultations/${c.id}`, flash: 'forums.staff.updated' }),
    });
  });

  app.get('/consultations/:id', page('forums.read'), async (request, reply) => {
    const { actor, c, proposals, tallies, results } = await consultationDetail(forums, request, idOf(request));
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'forum-proposals', proposalsExport(c, proposals, results));
    return sendPage(reply, (
      <ConsultationPage ctx={viewContext(request)} c={c} proposals={proposals} tallies={tallies} results={results} canManage={can(actor.role, 'forums.manage')} canEnter={can(actor.role, 'forums.enter')} />
    ));
  });
}
