// Voting without an account: the themes chosen, then who votes, then the thanks page.
import { sendCallUsPage } from '../../../ui/call-us-page.tsx';
import { AppError } from '../../../platform/errors.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { page } from '../../../platform/http/access.ts';
import { formValues, parseForm, refusalOf } from '../../../platform/http/forms.ts';
import { redirectSeeOther } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { Consultation, ForumService } from '../forum.service.ts';
import { VoteContactPage, VoteDonePage, VoteThemesPage } from '../views/public.view.tsx';
import { consultationOf, contactForm, type Drafts, inPhase, postLimit } from './public-shared.ts';

const themesForm = z.object({
  themes: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).min(1, { error: 'forums.vote.themesRequired' })),
});

const voteKey = (c: Consultation) => `vote|${c.id}`;

/** The first page: which themes (at most the consultation's number of votes per person). */
export function registerVoteThemePages(app: FastifyInstance, forums: ForumService, drafts: Drafts): void {
  app.get('/forums/:id/voter', page('public'), async (request, reply) => {
    const c = await inPhase(forums, request, 'votes');
    const themes = await forums.publicProposals(c.centerId, c.id);
    const draft = drafts.read(request, voteKey(c));
    return sendPage(reply, <VoteThemesPage ctx={viewContext(request)} c={c} themes={themes} values={{ themes: draft?.themes ? draft.themes.split('|') : [] }} />);
  });

  app.post('/forums/:id/voter', postLimit, async (request, reply) => {
    const c = await inPhase(forums, request, 'votes');
    const themes = await forums.publicProposals(c.centerId, c.id);
    const view = viewContext(request);
    const parsed = parseForm(themesForm, request.body);
    const again = (errors: Record<string, string>) => sendPage(reply, <VoteThemesPage ctx={view} c={c} themes={themes} values={formValues(request.body)} errors={errors} />, 422);
    if (!parsed.ok) return again(parsed.errors);
    const chosen = [...new Set(parsed.data.themes)];
    if (chosen.some((id) => !themes.some((p) => p.id === id))) return again({ themes: 'forums.vote.unknownTheme' });
    if (chosen.length > c.votesPerPerson) return again({ themes: translate(request.locale, 'forums.vote.tooMany', { max: c.votesPerPerson, count: c.votesPerPerson }) });
    const draft = drafts.read(request, voteKey(c)) ?? {};
    drafts.write(reply, voteKey(c), { ...draft, themes: chosen.join('|') });
    return redirectSeeOther(reply, `/forums/${c.id}/voter/coordonnees`);
  });
}

/** Who votes, which records the vote, then the themes supported. */
export function registerVoteContactPages(app: FastifyInstance, forums: ForumService, drafts: Drafts): void {
  const chosenThemes = async (request: FastifyRequest, c: Consultation) => {
    const draft = drafts.read(request, voteKey(c));
    const ids = draft?.themes ? draft.themes.split('|') : [];
    const themes = (await forums.publicProposals(c.centerId, c.id)).filter((p) => ids.includes(p.id));
    return { draft, themes };
  };

  app.get('/forums/:id/voter/coordonnees', page('public'), async (request, reply) => {
    const c = await inPhase(forums, request, 'votes');
    const { draft, themes } = await chosenThemes(request, c);
    if (themes.length === 0) return redirectSeeOther(reply, `/forums/${c.id}/voter`);
    return sendPage(reply, <VoteContactPage ctx={viewContext(request)} c={c} chosen={themes} values={draft ?? {}} />);
  });

  app.post('/forums/:id/voter/coordonnees', postLimit, async (request, reply) => {
    const c = await inPhase(forums, request, 'votes');
    const { themes } = await chosenThemes(request, c);
    if (themes.length === 0) return redirectSeeOther(reply, `/forums/${c.id}/voter`);
    const view = viewContext(request);
    const again = (errors: Record<string, string>, status = 422) =>
      sendPage(reply, <VoteContactPage ctx={view} c={c} chosen={themes} values={formValues(request.body)} errors={errors} />, status);
    const parsed = parseForm(contactForm, request.body);
    if (!parsed.ok) return again(parsed.errors);
    const d = parsed.data;
    try {
      await forums.vote(c.centerId, c.id, {
        proposalIds: themes.map((p) => p.id), firstName: d.firstName, lastName: d.lastName, email: d.email!, communeInsee: d.communeInsee || null, consent: true,
      }, request.ip);
    } catch (error) {
      if (error instanceof AppError && error.status === 429) return sendCallUsPage(request, reply, error, 'public.limit.voteTitle', `/forums/${c.id}`);
      const refusal = refusalOf(error, { order: ['firstName', 'lastName', 'email', 'communeInsee', 'consent'] });
      // The limit and its numbers: said in words at the top and beside the themes.
      const errors = refusal.error.fields.proposalIds ? { _form: translate(request.locale, refusal.error.messageKey, refusal.error.params) } : refusal.errors;
      return again(errors, refusal.status);
    }
    drafts.write(reply, voteKey(c), { done: themes.map((p) => p.id).join('|') });
    return redirectSeeOther(reply, `/forums/${c.id}/voter/merci`);
  });

  app.get('/forums/:id/voter/merci', page('public'), async (request, reply) => {
    const c = await consultationOf(forums, request);
    const done = drafts.read(request, voteKey(c))?.done?.split('|') ?? [];
    const themes = (await forums.publicProposals(c.centerId, c.id)).filter((p) => done.includes(p.id));
    return sendPage(reply, <VoteDonePage ctx={viewContext(request)} c={c} themes={themes} />);
  });
}
