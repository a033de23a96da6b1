// What the forums' API routes share: the OpenAPI tag, the JSON shapes of the answers, the centre of a public call.
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { notFound } from '../../../platform/errors.ts';
import { isAnonymous, type Consultation, type Proposal } from '../forum.service.ts';
import type { TallyRow } from '../forum.repository.ts';
import type { consultationOutput, proposalOutput, tallyOutput } from '../forums.schemas.ts';
import type { ProposalOrigin, ProposalStatus } from '../forums.vocab.ts';

export const tags = ['Forums et consultations'];

export function consultationJson(c: Consultation): z.infer<typeof consultationOutput> {
  return {
    id: c.id, title: c.title, description: c.description, proposalsOpenOn: c.proposalsOpenOn, votesOpenOn: c.votesOpenOn, votesCloseOn: c.votesCloseOn,
    votesPerPerson: c.votesPerPerson, moderation: c.moderation, eligibleCommunes: c.eligibleCommunes, phase: c.phase, createdAt: c.createdAt, updatedAt: c.updatedAt,
  };
}

export function proposalJson(p: Proposal): z.infer<typeof proposalOutput> {
  return {
    id: p.id, consultationId: p.consultationId, title: p.title, body: p.body, communeInsee: p.communeInsee, origin: p.origin as ProposalOrigin,
    status: p.status as ProposalStatus, publicAnswer: p.publicAnswer, mergedIntoId: p.mergedIntoId, reportsCount: p.reportsCount, anonymous: isAnonymous(p), activityId: p.activityId, createdAt: p.createdAt,
  };
}

export function tallyJson(t: TallyRow): z.infer<typeof tallyOutput> {
  return { id: t.id, proposalId: t.proposalId, count: t.count, collectedWhere: t.collectedWhere, collectedOn: t.collectedOn, enteredBy: t.enteredBy, enteredAt: t.enteredAt };
}

/** The centre of a public request: the signed-in user's, or the public site's. */
export function centreOf(request: FastifyRequest): string {
  const centerId = request.actor?.centerId ?? request.centre?.id;
  if (!centerId) throw notFound();
  return centerId;
}
