// Proposing a theme without an account: title → details → contact → check → confirmation.
import { sendCallUsPage } from '../../../ui/call-us-page.tsx';
import { AppError } from '../../../platform/errors.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { page } from '../../../platform/http/access.ts';
import { formValues, parseForm, refusalOf } from '../../../platform/http/forms.ts';
import { redirectSeeOther } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { Consultation, ForumService } from '../forum.service.ts';
import { ProposeCheckPage, ProposeContactPage, ProposeDetailsPage, ProposeDonePage, ProposeTitlePage } from '../views/public.view.tsx';
import { consultationOf, contactForm, type Draft, type Drafts, inPhase, postLimit } from './public-shared.ts';

const titleForm = z.object({ title: z.string().trim().min(1, { error: 'forums.proposal.titleRequired' }).max(120, { error: 'forums.text.tooLong' }) });
const detailsForm = z.object({ body: z.string().trim().max(1000, { error: 'forums.text.tooLong' }).default(''), communeInsee: z.string().max(10).optional() });

const proposeKey = (c: Consultation) => `propose|${c.id}`;

/** One question page (/forums/:id/proposer{path}): its answers join the draft, then the next page. */
function registerStep(app: FastifyInstance, forums: ForumService, drafts: Drafts, step: { path: string; form: z.ZodType; next: string; View: typeof ProposeTitlePage }): void {
  const { path, form, next, View } = step;
  app.get(`/forums/:id/proposer${path}`, page('public'), async (request, reply) => {
    const c = await inPhase(forums, request, 'proposals');
    return sendPage(reply, <View ctx={viewContext(request)} c={c} values={drafts.read(request, proposeKey(c)) ?? {}} />);
  });
  app.post(`/forums/:id/proposer${path}`, postLimit, async (request, reply) => {
    const c = await inPhase(forums, request, 'proposals');
    const parsed = parseForm(form, request.body);
    if (!parsed.ok) return sendPage(reply, <View ctx={viewContext(request)} c={c} values={formValues(request.body)} errors={parsed.errors} />, 422);
    const data = parsed.data as Record<string, unknown>;
    if (typeof data.communeInsee === 'string' && data.communeInsee && !c.eligibleCommunes.includes(data.communeInsee)) {
      return sendPage(reply, <View ctx={viewContext(request)} c={c} values={formValues(request.body)} errors={{ communeInsee: 'forums.commune.notEligible' }} />, 422);
    }
    const values: Draft = { ...(drafts.read(request, proposeKey(c)) ?? {}) };
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') values[k] = v;
    drafts.write(reply, proposeKey(c), values);
    return redirectSeeOther(reply, `/forums/${c.id}/proposer${next}`);
  });
}

export function registerProposalPages(app: FastifyInstance, forums: ForumService, drafts: Drafts): void {
  registerStep(app, forums, drafts, { path: '', form: titleForm, next: '/details', View: ProposeTitlePage });
  registerStep(app, forums, drafts, { path: '/details', form: detailsForm, next: '/contact', View: ProposeDetailsPage });
  registerStep(app, forums, drafts, { path: '/contact', form: contactForm, next: '/verifier', View: ProposeContactPage });

  app.get('/forums/:id/proposer/verifier', page('public'), async (request, reply) => {
    const c = await inPhase(forums, request, 'proposals');
    const draft = drafts.read(request, proposeKey(c));
    if (!draft?.title || !draft.email) return redirectSeeOther(reply, `/forums/${c.id}/proposer`);
    return sendPage(reply, <ProposeCheckPage ctx={viewContext(request)} c={c} draft={draft} />);
  });

  app.post('/forums/:id/proposer/verifier', postLimit, async (request, reply) => {
    const c = await inPhase(forums, request, 'proposals');
    const draft = drafts.read(request, proposeKey(c));
    if (!draft?.title || !draft.email) return redirectSeeOther(reply, `/forums/${c.id}/proposer`);
    try {
      await forums.propose(null, c.centerId, c.id, {
        title: draft.title, body: draft.body ?? '', communeInsee: draft.communeInsee || null, origin: 'web', firstName: draft.firstName ?? null,
        lastName: draft.lastName ?? null, email: draft.email, consent: draft.consent === 'oui',
      }, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.status === 429) return sendCallUsPage(request, reply, error, 'public.limit.proposalTitle', `/forums/${c.id}`);
      const refusal = refusalOf(error);
      return sendPage(reply, <ProposeCheckPage ctx={viewContext(request)} c={c} draft={draft} errors={refusal.errors} />, refusal.status);
    }
    drafts.write(reply, proposeKey(c), {});
    return redirectSeeOther(reply, `/forums/${c.id}/proposer/merci`);
  });

  app.get('/forums/:id/proposer/merci', page('public'), async (request, reply) => {
    const c = await consultationOf(forums, request);
    return sendPage(reply, <ProposeDonePage ctx={viewContext(request)} c={c} />);
  });
}
