// The equipment API's reservations (/api/v1/equipment/reservations), equipment.lend: list, reserve, cancel, pick up.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { EquipmentModule } from '../equipment.module.ts';
import type { ReservationRow } from '../equipment.repository.ts';
import { idParams, loanOutput, pickUpBody, reservationBody, reservationOutput, reservationQuery } from '../equipment.schemas.ts';
import type { ReservationStatus } from '../equipment.vocab.ts';
import { loanJson, tags } from './api-shared.ts';

function reservationJson(r: ReservationRow): z.infer<typeof reservationOutput> {
  return {
    id: r.id, itemId: r.itemId, personId: r.personId, purpose: r.purpose, startsOn: r.startsOn, endsOn: r.endsOn,
    status: r.status as ReservationStatus, loanId: r.loanId, createdAt: r.createdAt,
  };
}

/** Reservations of an item or the studio for dates; the pick-up turns one into a loan. Another centre's ids answer 404. */
export function registerReservationsApi(app: FastifyInstance, m: EquipmentModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const today = () => m.inventory.today();

  api.get('/api/v1/equipment/reservations', {
    config: { permission: 'equipment.lend' },
    schema: { operationId: 'listEquipmentReservations', tags, summary: 'Les réservations', querystring: reservationQuery, response: { 200: z.object({ items: z.array(reservationOutput) }) } },
  }, async (request) => {
    const q = request.query;
    return { items: (await m.reservations.list(actorOf(request), { itemId: q.itemId, personId: q.personId, upcoming: q.upcoming === 'true', status: q.status })).map(reservationJson) };
  });

  api.post('/api/v1/equipment/reservations', {
    config: { permission: 'equipment.lend' },
    schema: { operationId: 'reserveEquipment', tags, summary: 'Réserver un matériel ou le studio pour des dates : 409 si elles chevauchent une autre réservation', body: reservationBody, response: { 201: reservationOutput } },
  }, async (request, reply) => reply.code(201).send(reservationJson(await m.reservations.reserve(actorOf(request), request.body))));

  api.delete('/api/v1/equipment/reservations/:id', {
    config: { permission: 'equipment.lend' },
    schema: { operationId: 'cancelEquipmentReservation', tags, summary: 'Annuler une réservation', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await m.reservations.cancel(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  api.post('/api/v1/equipment/reservations/:id/pickup', {
    config: { permission: 'equipment.lend' },
    schema: { operationId: 'pickUpEquipmentReservation', tags, summary: 'Retrait : la réservation devient un prêt', params: idParams, body: pickUpBody, response: { 201: loanOutput } },
  }, async (request, reply) => reply.code(201).send(loanJson(await m.reservations.pickUp(actorOf(request), request.params.id, request.body), today())));
}
