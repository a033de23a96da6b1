// What the residents' pages share: the draft cookie, the consultation of the path and its phase, the rate limit, the contact form.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { page } from '../../../platform/http/access.ts';
import { draftCookie as sharedDraftCookie, type DraftCookie } from '../../../platform/http/draft-cookie.ts';
import { idOf, publicCentreId } from '../../../platform/http/request-context.ts';
import type { Consultation, ForumService } from '../forum.service.ts';
import { emailField } from '../forums.schemas.ts';

/**
 * Residents' pages, no account: the open consultation, proposing a theme (question pages with
 * a check page), voting (themes, then who votes), the results. What is typed between pages is
 * kept in a signed, short-lived cookie scoped to /forums; nothing needs JavaScript.
 */
export const PUBLIC_POST_RATE = { max: 30, timeWindow: '1 minute' };
export const postLimit = page('public', { config: { rateLimit: PUBLIC_POST_RATE } });

export type Draft = Record<string, string>;

/** The values typed so far for one form (`key`), read from and written to the signed cookie. */
export type Drafts = DraftCookie<Draft>;

export function draftCookie(ctx: AppContext): Drafts {
  return sharedDraftCookie<Draft>(ctx, 'lieudit_forum', '/forums');
}

/** The consultation of the path, in the public site's centre. */
export async function consultationOf(forums: ForumService, request: FastifyRequest): Promise<Consultation> {
  return forums.consultationOf(publicCentreId(request), idOf(request));
}

/** The consultation of the path if it is in `phase`; 409 otherwise, saying whether the phase is over or still to come. */
export async function inPhase(forums: ForumService, request: FastifyRequest, phase: Consultation['phase']): Promise<Consultation> {
  const c = await consultationOf(forums, request);
  if (c.phase !== phase) throw new AppError(409, 'phase_closed', phase === 'votes' ? (c.phase === 'programme' ? 'forums.vote.closed' : 'forums.vote.notYet') : 'forums.proposal.phaseClosed');
  return c;
}

export const contactForm = z.object({
  firstName: z.string().trim().min(1, { error: 'forums.firstName.required' }).max(100, { error: 'forums.text.tooLong' }),
  lastName: z.string().trim().min(1, { error: 'forums.lastName.required' }).max(100, { error: 'forums.text.tooLong' }),
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), emailField.optional()).refine((v) => v !== undefined, { error: 'forums.email.required' }),
  communeInsee: z.string().max(10).optional(),
  consent: z.literal('oui', { error: 'forums.consent.required' }),
});
