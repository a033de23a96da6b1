// What the staff pages share: turning form strings into values, and what a consultation's page shows.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../../platform/http/access.ts';
import type { ForumService } from '../forum.service.ts';

/** A blank text field is no value. */
export const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** A field of digits is a number; anything else goes to the schema as it came. */
export const number = (v: unknown) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : blank(v));

/** A consultation with its proposals, paper tallies and results, as its staff page shows them. */
export async function consultationDetail(forums: ForumService, request: FastifyRequest, id: string) {
  const actor = actorOf(request);
  const c = await forums.get(actor, id);
  // Results exist once the votes open; before, the page still lists the proposals to moderate.
  const hasResults = c.phase === 'votes' || c.phase === 'programme';
  const [proposals, tallies, results] = await Promise.all([forums.proposals(actor, id), forums.tallies(actor, id), hasResults ? forums.results(actor.centerId, id) : null]);
  return { actor, c, proposals, tallies, results };
}
