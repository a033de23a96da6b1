// The week's planning over HTTP (POST /api/v1/shuttle/plan-week): which request on which day.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { actorOf } from '../../../platform/http/access.ts';
import type { ShuttleModule } from '../shuttle.module.ts';
import { weekPlanBody } from '../shuttle.schemas.ts';
import type { WeekProposal } from '../week-plan.service.ts';
import { tags } from './shared.ts';

const weekJson = z
  .object({
    monday: z.string().describe('Le lundi de la semaine, AAAA-MM-JJ'),
    drivingSeconds: z.number().describe('Temps de route de toute la semaine (secondes)'),
    days: z.array(
      z.object({
        date: z.string(),
        shift: z.object({ from: z.string(), to: z.string() }),
        drivingSeconds: z.number().describe('Temps de route du jour (secondes)'),
        returnAt: z.string().describe('Retour au centre, HH:MM ; vide sans visite'),
        lunch: z.object({ from: z.string(), to: z.string() }).nullable(),
        stops: z.array(
          z.object({
            requestId: z.string(),
            personId: z.string(),
            location: z.tuple([z.number(), z.number()]),
            approximate: z.boolean(),
            arrival: z.string().describe('Début de la visite, HH:MM heure de Paris'),
            departure: z.string().describe('Fin de la visite, HH:MM heure de Paris'),
          }),
        ),
      }),
    ),
    unassigned: z.array(
      z.object({
        requestId: z.string(),
        reason: z.enum(['no_location', 'not_home', 'time_window', 'no_room', 'shift', 'fits']).describe('no_location : position inconnue ; not_home : pas chez elle les jours choisis ; time_window : ses heures ne tiennent dans aucune journée ; no_room : plus de place'),
      }),
    ),
    tourIds: z.array(z.string()).describe('Les tournées confirmées (confirm: true), dans l’ordre des jours'),
  })
  .meta({ id: 'ShuttleWeekPlan', description: 'La semaine proposée : les visites de chaque jour dans l’ordre, et les demandes non placées avec la raison' });

const weekOut = (week: WeekProposal, tourIds: string[]): z.output<typeof weekJson> => ({
  monday: week.monday,
  drivingSeconds: week.drivingSeconds,
  days: week.days.map((d) => ({
    date: d.date, shift: d.shift, drivingSeconds: d.drivingSeconds, returnAt: d.returnAt, lunch: d.lunch,
    stops: d.stops.map((s) => ({ requestId: s.request.id, personId: s.request.personId, location: s.location, approximate: s.approximate, arrival: s.arrival, departure: s.departure })),
  })),
  unassigned: week.left.map((l) => ({ requestId: l.request.id, reason: l.reason })),
  tourIds,
});

/** The week: proposed (nothing saved), or confirmed as one tour per day with visits (`confirm: true`). */
export function registerWeekPlanApi(app: FastifyInstance, s: ShuttleModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/shuttle/plan-week',
    {
      config: { permission: 'shuttle.plan' },
      schema: {
        operationId: 'planWeek',
        tags,
        summary: 'Proposer la semaine de la navette : quelle demande en attente quel jour, dans quel ordre ; avec confirm: true, chaque jour devient une tournée confirmée',
        body: weekPlanBody,
        response: { 200: weekJson, 201: weekJson, ...apiErrors(409) },
      },
    },
    async (request, reply) => {
      const { confirm, ...options } = request.body;
      const actor = actorOf(request);
      if (!confirm) return weekOut(await s.weeks.propose(actor, options), []);
      const { proposal, tourIds } = await s.weeks.confirm(actor, options);
      return reply.code(201).send(weekOut(proposal, tourIds));
    },
  );
}
