// A person's loans (/materiel/gestion/personnes/:id), linked from the person's file.
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import type { PeoplePort } from '../ports.ts';
import { PersonLoansPage } from '../views/equipment.view.tsx';
import { BASE } from './shared.ts';

/** A person's loans (equipment.lend); a person the actor may not see answers 404, an erased one shows no name. */
export function registerPersonLoansPages(app: FastifyInstance, m: EquipmentModule, people: PeoplePort): void {
  app.get(`${BASE}/personnes/:id`, page('equipment.lend'), async (request, reply) => {
    const actor = actorOf(request);
    const personId = idOf(request);
    if (!(await people.canSee(actor, personId))) throw notFound();
    const person = await people.getSummary(actor.centerId, personId);
    const name = person && !person.erased ? [person.firstName, person.lastName].filter(Boolean).join(' ') : '';
    return sendPage(reply, <PersonLoansPage ctx={viewContext(request)} name={name} loans={await m.loans.list(actor, { personId })} />);
  });
}
