// What the team types in from paper: a proposal received on paper or by phone, and a tally of paper votes.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { ForumService } from '../forum.service.ts';
import { proposalInput, tallyInput } from '../forums.schemas.ts';
import { PaperProposalPage, TallyPage } from '../views/staff.view.tsx';
import { blank, number } from './shared.ts';

// Forms send strings: the API's schemas, with the strings turned into what they mean.
const paperProposalForm = z.preprocess((body) => {
  const b = (body ?? {}) as Record<string, unknown>;
  return { title: b.title, body: b.body ?? '', communeInsee: blank(b.communeInsee), origin: b.origin };
}, proposalInput);
const tallyForm = z.preprocess((body) => {
  const b = (body ?? {}) as Record<string, unknown>;
  return { ...b, proposalId: blank(b.proposalId), count: number(b.count) };
}, tallyInput);

export function registerPaperProposalPages(app: FastifyInstance, forums: ForumService): void {
  app.get('/consultations/:id/proposition', page('forums.enter'), async (request, reply) => {
    const c = await forums.get(actorOf(request), idOf(request));
    return sendPage(reply, <PaperProposalPage ctx={viewContext(request)} c={c} />);
  });

  app.post('/consultations/:id/proposition', page('forums.enter'), async (request, reply) => {
    const actor = actorOf(request);
    const c = await forums.get(actor, idOf(request));
    return handleForm(request, reply, {
      schema: paperProposalForm,
      order: ['origin', 'title', 'body', 'communeInsee'],
      statuses: [409],
      run: (d) => forums.propose(actor, actor.centerId, c.id, d),
      render: ({ values, errors, status }) => sendPage(reply, <PaperProposalPage ctx={viewContext(request)} c={c} values={values} errors={errors} />, status),
      done: () => ({ redirect: `/consultations/${c.id}`, flash: 'forums.staff.proposalEntered' }),
    });
  });
}

export function registerTallyPages(app: FastifyInstance, forums: ForumService): void {
  app.get('/consultations/:id/decompte', page('forums.enter'), async (request, reply) => {
    const actor = actorOf(request);
    const c = await forums.get(actor, idOf(request));
    return sendPage(reply, <TallyPage ctx={viewContext(request)} c={c} themes={await forums.publicProposals(actor.centerId, c.id)} />);
  });

  app.post('/consultations/:id/decompte', page('forums.enter'), async (request, reply) => {
    const actor = actorOf(request);
    const c = await forums.get(actor, idOf(request));
    return handleForm(request, reply, {
      schema: tallyForm,
      order: ['proposalId', 'count', 'collectedWhere', 'collectedOn'],
      statuses: [409],
      run: (d) => forums.addTally(actor, c.id, d),
      render: async ({ values, errors, status }) =>
        sendPage(reply, <TallyPage ctx={viewContext(request)} c={c} themes={await forums.publicProposals(actor.centerId, c.id)} values={values} errors={errors} />, status),
      done: () => ({ redirect: `/consultations/${c.id}`, flash: 'forums.staff.tallyEntered' }),
    });
  });
}
