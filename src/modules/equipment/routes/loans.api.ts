// The equipment API's loans (/api/v1/equipment/loans), equipment.lend: list, lend, read, renew, return.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import { idParams, loanBody, loanOutput, loanQuery, renewalBody, returnBody } from '../equipment.schemas.ts';
import { loanJson, tags } from './api-shared.ts';

/** Loans: current, overdue, of an item or of a person; lending, renewal and return. Another centre's ids answer 404. */
export function registerLoansApi(app: FastifyInstance, m: EquipmentModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const today = () => m.inventory.today();

  api.get('/api/v1/equipment/loans', {
    config: { permission: 'equipment.lend' },
    schema: { operationId: 'listEquipmentLoans', tags, summary: 'Les prêts (en cours, en retard, d’un matériel ou d’une personne)', querystring: loanQuery, response: { 200: z.object({ items: z.array(loanOutput) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    const q = request.query;
    const rows = q.overdue === 'true' ? await m.loans.overdue(actor) : await m.loans.list(actor, { itemId: q.itemId, personId: q.personId, active: q.active === 'true' });
    const now = today();
    return { items: rows.filter((l) => (!q.itemId || l.itemId === q.itemId) && (!q.personId || l.personId === q.personId)).map((l) => loanJson(l, now)) };
  });

  api.post('/api/v1/equipment/loans', {
    config: { permission: 'equipment.lend' },
    schema: {
      operationId: 'lendEquipment', tags,
      summary: 'Prêter un matériel à une personne : 409 s’il est déjà prêté ou réservé, 422 si la formation demandée manque',
      body: loanBody, response: { 201: loanOutput },
    },
  }, async (request, reply) => reply.code(201).send(loanJson(await m.loans.lend(actorOf(request), request.body), today())));

  api.get('/api/v1/equipment/loans/:id', {
    config: { permission: 'equipment.lend' },
    schema: { operationId: 'getEquipmentLoan', tags, summary: 'Un prêt', params: idParams, response: { 200: loanOutput } },
  }, async (request) => loanJson(await m.loans.view(actorOf(request), request.params.id), today()));

  api.post('/api/v1/equipment/loans/:id/renewal', {
    config: { permission: 'equipment.lend' },
    schema: { operationId: 'renewEquipmentLoan', tags, summary: 'Prolonger un prêt (deux fois au plus)', params: idParams, body: renewalBody, response: { 200: loanOutput } },
  }, async (request) => loanJson(await m.loans.renew(actorOf(request), request.params.id, request.body), today()));

  api.post('/api/v1/equipment/loans/:id/return', {
    config: { permission: 'equipment.lend' },
    schema: { operationId: 'returnEquipment', tags, summary: 'Enregistrer le retour : état et éléments manquants', params: idParams, body: returnBody, response: { 200: loanOutput } },
  }, async (request) => loanJson(await m.loans.checkIn(actorOf(request), request.params.id, request.body), today()));
}
