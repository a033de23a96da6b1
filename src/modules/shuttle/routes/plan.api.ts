// The planner over HTTP (POST /api/v1/shuttle/plan) and the day plan from the pending requests.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import { rejectInvalidRequest } from '../../../platform/http/errors-handler.ts';
import { problemSchema } from '../planner/index.ts';
import type { ShuttleModule } from '../shuttle.module.ts';
import { dayPlanBody } from '../shuttle.schemas.ts';
import { tags } from './shared.ts';

const id = z.union([z.number(), z.string()]);
const stepJson = z.object({
  type: z.enum(['start', 'job', 'break', 'end']),
  id: id.optional(),
  location: z.tuple([z.number(), z.number()]).optional(),
  location_index: z.number().optional(),
  arrival: z.number().describe('Arrivée (secondes, sur l’horloge du problème)'),
  waiting: z.number().describe('Attente avant de commencer (secondes)'),
  service: z.number().describe('Durée sur place (secondes)'),
  duration: z.number().describe('Temps de route depuis le départ (secondes)'),
});
const solutionJson = z
  .object({
    summary: z.object({
      cost: z.number().describe('Temps de route total (secondes)'),
      routes: z.number(),
      unassigned: z.number(),
      priority: z.number().describe('Somme des priorités des visites retenues'),
      duration: z.number(),
      service: z.number(),
      waiting_time: z.number(),
      exact: z.boolean().describe('Vrai si la tournée est optimale (calcul exact, 12 visites au plus)'),
    }),
    routes: z.array(z.object({ vehicle: id, cost: z.number(), duration: z.number(), service: z.number(), waiting_time: z.number(), steps: z.array(stepJson) })),
    unassigned: z.array(z.object({ id, reason: z.enum(['time_window', 'no_room', 'shift']).describe('time_window : impossible même seule ; no_room : ne tient pas avec les autres ; shift : la journée ne peut contenir ses pauses') })),
  })
  .meta({ id: 'TourSolution', description: 'La tournée proposée (sous-ensemble de la sortie de VROOM), voir docs/planner.md' });

/**
 * The planner over HTTP: a problem (subset of VROOM's input, docs/planner.md) in, the proposed
 * tour out. Pure computation, no data of the centre read or written. The day plan: a day's
 * tour proposed from the pending requests (nothing saved).
 */
export function registerPlanApi(app: FastifyInstance, s: ShuttleModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/shuttle/plan',
    {
      config: { permission: 'shuttle.plan' },
      // Access first (a partner gets 403 whatever the body), then the fields.
      attachValidation: true,
      schema: {
        operationId: 'planTour',
        tags,
        summary: 'Proposer une tournée : quelles visites, dans quel ordre, à quelle heure (exact jusqu’à 12 visites)',
        body: problemSchema,
        response: { 200: solutionJson },
      },
    },
    async (request) => {
      rejectInvalidRequest(request);
      return s.planner.plan(request.body);
    },
  );

  api.post(
    '/api/v1/shuttle/day-plan',
    {
      config: { permission: 'shuttle.plan' },
      schema: {
        operationId: 'planDay',
        tags,
        summary: 'Proposer la tournée d’un jour à partir des demandes en attente (rien n’est enregistré)',
        body: dayPlanBody,
        response: {
          200: z.object({
            solution: solutionJson,
            skipped: z.array(z.object({ id: z.string(), reason: z.enum(['no_location', 'not_home']) })),
            travelTimes: z.enum(['road', 'straight', 'straight_fallback']).describe('road : temps de route du serveur OSRM ; straight : ligne droite × détour (pas de serveur configuré) ; straight_fallback : le serveur OSRM n’a pas répondu, ligne droite × détour'),
          }),
        },
      },
    },
    async (request) => s.requests.planDay(actorOf(request), request.body),
  );
}
