// Proposing a theme without an account: title → details → give a name or not → contact → check → confirmation.
import { sendCallUsPage } from '../../../ui/call-us-page.tsx';
import { AppError, type FieldErrors } from '../../../platform/errors.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { page } from '../../../platform/http/access.ts';
import { formValues, parseForm, refusalOf } from '../../../platform/http/forms.ts';
import { redirectSeeOther } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { Consultation, ForumService } from '../forum.service.ts';
import type { JSX } from 'preact';
import type { FormValues } from '../../../ui/components/form.tsx';
import type { ViewContext } from '../../../ui/view-context.ts';
import { ProposeCheckPage, ProposeContactPage, ProposeDetailsPage, ProposeDonePage, ProposeGiveNamePage, ProposeTitlePage } from '../views/public.view.tsx';
import { consultationOf, contactForm, type Draft, type Drafts, inPhase, postLimit } from './public-shared.ts';

const titleForm = z.object({ title: z.string().trim().min(1, { error: 'forums.proposal.titleRequired' }).max(120, { error: 'forums.text.tooLong' }) });
const detailsForm = z.object({ body: z.string().trim().max(1000, { error: 'forums.text.tooLong' }).default(''), communeInsee: z.string().max(10).optional() });
const giveNameForm = z.object({ giveName: z.enum(['oui', 'non'], { error: 'forums.anonymous.required' }) });
// Anonymous: an e-mail and the consent to keep it, no name.
const anonymousContactForm = contactForm.pick({ email: true, consent: true });

const proposeKey = (c: Consultation) => `propose|${c.id}`;
const isAnonymousDraft = (draft: Draft | null) => draft?.giveName === 'non';

type StepView = (props: { ctx: ViewContext; c: Consultation; values?: FormValues; errors?: FieldErrors; anonymous?: boolean }) => JSX.Element;

/** One question page (/forums/:id/proposer{path}): its answers join the draft, then the next page. */
function registerStep(
  app: FastifyInstance, forums: ForumService, drafts: Drafts,
  step: { path: string; form: (draft: Draft | null) => z.ZodType; next: string; View: StepView; before?: string },
): void {
  const { path, form, next, View, before } = step;
  app.get(`/forums/:id/proposer${path}`, page('public'), async (request, reply) => {
    const c = await inPhase(forums, request, 'proposals');
    const draft = drafts.read(request, proposeKey(c));
    // A page reached without the answer it depends on goes back to that question.
    if (before && !draft?.[before]) return redirectSeeOther(reply, `/forums/${c.id}/proposer`);
    return sendPage(reply, <View ctx={viewContext(request)} c={c} values={draft ?? {}} anonymous={isAnonymousDraft(draft)} />);
  });
  app.post(`/forums/:id/proposer${path}`, postLimit, async (request, reply) => {
    const c = await inPhase(forums, request, 'proposals');
    const draft = drafts.read(request, proposeKey(c));
    if (before && !draft?.[before]) return redirectSeeOther(reply, `/forums/${c.id}/proposer`);
    const again = (errors: FieldErrors) =>
      sendPage(reply, <View ctx={viewContext(request)} c={c} values={formValues(request.body)} errors={errors} anonymous={isAnonymousDraft(draft)} />, 422);
    const parsed = parseForm(form(draft), request.body);
    if (!parsed.ok) return again(parsed.errors);
    const data = parsed.data as Record<string, unknown>;
    if (typeof data.communeInsee === 'string' && data.communeInsee && !c.eligibleCommunes.includes(data.communeInsee)) return again({ communeInsee: 'forums.commune.notEligible' });
    const values: Draft = { ...(draft ?? {}) };
    for (const [k, v] of Object.entries(data)) if (typeof v === 'string') values[k] = v;
    // Staying anonymous forgets a name typed before.
    if (values.giveName === 'non') {
      delete values.firstName;
      delete values.lastName;
    }
    drafts.write(reply, proposeKey(c), values);
    return redirectSeeOther(reply, `/forums/${c.id}/proposer${next}`);
  });
}

export function registerProposalPages(app: FastifyInstance, forums: ForumService, drafts: Drafts): void {
  registerStep(app, forums, drafts, { path: '', form: () => titleForm, next: '/details', View: ProposeTitlePage });
  registerStep(app, forums, drafts, { path: '/details', form: () => detailsForm, next: '/nom', View: ProposeDetailsPage, before: 'title' });
  registerStep(app, forums, drafts, { path: '/nom', form: () => giveNameForm, next: '/contact', View: ProposeGiveNamePage, before: 'title' });
  registerStep(app, forums, drafts, {
    path: '/contact', form: (draft) => (isAnonymousDraft(draft) ? anonymousContactForm : contactForm), next: '/verifier', View: ProposeContactPage, before: 'giveName',
  });

  app.get('/forums/:id/proposer/verifier', page('public'), async (request, reply) => {
    const c = await inPhase(forums, request, 'proposals');
    const draft = drafts.read(request, proposeKey(c));
    if (!draft?.title || !draft.email || !draft.giveName) return redirectSeeOther(reply, `/forums/${c.id}/proposer`);
    return sendPage(reply, <ProposeCheckPage ctx={viewContext(request)} c={c} draft={draft} />);
  });

  app.post('/forums/:id/proposer/verifier', postLimit, async (request, reply) => {
    const c = await inPhase(forums, request, 'proposals');
    const draft = drafts.read(request, proposeKey(c));
    if (!draft?.title || !draft.email || !draft.giveName) return redirectSeeOther(reply, `/forums/${c.id}/proposer`);
    const anonymous = isAnonymousDraft(draft);
    try {
      await forums.propose(null, c.centerId, c.id, {
        title: draft.title, body: draft.body ?? '', communeInsee: draft.communeInsee || null, origin: 'web', anonymous,
        firstName: anonymous ? null : (draft.firstName ?? null), lastName: anonymous ? null : (draft.lastName ?? null), email: draft.email, consent: draft.consent === 'oui',
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
