// Staff actions on a proposed theme: moderating it, and programming it as an information time.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can } from '../../../platform/auth/roles.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { ForumService } from '../forum.service.ts';
import { moderationInput, programmeInput } from '../forums.schemas.ts';
import type { SitesPort } from '../ports.ts';
import { ConsultationPage, ProgrammePage } from '../views/staff.view.tsx';
import { blank, consultationDetail, number } from './shared.ts';

// Forms send strings: the API's schemas, with the strings turned into what they mean.
const moderationForm = z.preprocess((body) => {
  const b = (body ?? {}) as Record<string, unknown>;
  return { action: b.action, publicAnswer: blank(b.publicAnswer), mergedIntoId: blank(b.mergedIntoId) };
}, moderationInput);
const programmeForm = z.preprocess((body) => {
  const b = (body ?? {}) as Record<string, unknown>;
  return { ...b, siteId: blank(b.siteId), theme: blank(b.theme), capacity: number(b.capacity) };
}, programmeInput);

/** Moderating a theme from its consultation's page; a refusal comes back on that page. */
export function registerModerationPages(app: FastifyInstance, forums: ForumService): void {
  app.post('/consultations/themes/:id/moderer', page('forums.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const proposal = await forums.proposal(actor, idOf(request));
    return handleForm(request, reply, {
      schema: moderationForm,
      run: (d) => forums.moderate(actor, proposal.id, d),
      render: async ({ errors, status }) => {
        const { c, proposals, tallies, results } = await consultationDetail(forums, request, proposal.consultationId);
        const view = viewContext(request);
        const shown = { ...view, flash: Object.values(errors).map((e) => translate(view.locale, e)).join(' ') };
        return sendPage(reply, <ConsultationPage ctx={shown} c={c} proposals={proposals} tallies={tallies} results={results} canManage canEnter={can(actor.role, 'forums.enter')} />, status);
      },
      done: () => ({ redirect: `/consultations/${proposal.consultationId}`, flash: 'forums.staff.moderated' }),
    });
  });
}

/** "Programmer ce thème": an information time in the activities programme. */
export function registerThemeProgrammePages(app: FastifyInstance, forums: ForumService, sites: SitesPort): void {
  const openSites = async (centerId: string) => (await sites.listSites(centerId)).filter((x) => !x.archivedAt);

  app.get('/consultations/themes/:id/programmer', page('forums.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const proposal = await forums.proposal(actor, idOf(request));
    return sendPage(reply, <ProgrammePage ctx={viewContext(request)} proposal={proposal} sites={await openSites(actor.centerId)} />);
  });

  app.post('/consultations/themes/:id/programmer', page('forums.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const proposal = await forums.proposal(actor, idOf(request));
    return handleForm(request, reply, {
      schema: programmeForm,
      order: ['siteId', 'theme', 'date', 'startTime', 'endTime', 'capacity'],
      statuses: [409],
      rename: { 'schedule.dates.0': 'date', 'schedule.dates': 'date', 'schedule.startTime': 'startTime', 'schedule.endTime': 'endTime' },
      run: (d) => forums.programme(actor, proposal.id, d),
      render: async ({ values, errors, status }) =>
        sendPage(reply, <ProgrammePage ctx={viewContext(request)} proposal={proposal} sites={await openSites(actor.centerId)} values={values} errors={errors} />, status),
      done: (r) => ({ redirect: `/programme/${r.activityId}`, flash: 'forums.programme.done' }),
    });
  });
}
