// What the team's page routes share: the access of a member's own pages, the member page drawn again.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { TeamModule } from '../team.module.ts';
import { MemberPage } from '../views/team.view.tsx';

/** A member's own profile, or anyone's for team.manage: the service tells which. */
export const selfOrManager = page({ access: 'staff', serviceChecks: 'team.manage' });

/** A member's page, with the absence form drawn again when it was refused. */
export async function memberPage(
  m: TeamModule,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  absence?: { values: FormValues; errors: FieldErrors; status: number },
): Promise<FastifyReply> {
  const actor = actorOf(request);
  const member = await m.profiles.member(actor, id);
  const [list, assignments] = await Promise.all([m.profiles.competences.competences(actor.centerId), m.assignments.listFor(actor, member.id, m.assignments.today(), 60)]);
  return sendPage(reply, <MemberPage ctx={viewContext(request)} member={member} competences={list} assignments={assignments} absenceValues={absence?.values} absenceErrors={absence?.errors} />, absence?.status ?? 200);
}
