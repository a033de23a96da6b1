// Tours over HTTP (/api/v1/shuttle/tours): plan and save a day, list, read, confirm, cancel.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { ShuttleModule } from '../shuttle.module.ts';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { idParams, tourBody, tourOrderBody, tourQuery } from '../shuttle.schemas.ts';
import { TOUR_STATUSES } from '../shuttle.vocab.ts';
import type { Tour, TourHeader } from '../tour.service.ts';
import { tags } from './shared.ts';

const point = z.tuple([z.number(), z.number()]);
const tourWarningJson = z
  .object({
    type: z.enum(['late', 'break_late', 'shift_end']).describe('late : visite en dehors des heures de présence ; break_late : pause hors de ses heures ; shift_end : retour après la fin de la journée'),
    requestId: z.string().optional().describe('La demande concernée (late)'),
  });
const tourJson = z
  .object({
    id: z.string(),
    date: z.string(),
    status: z.enum(TOUR_STATUSES).describe('draft : brouillon ; confirmed : la tournée du jour ; cancelled : annulée'),
    shift: z.object({ from: z.string(), to: z.string() }),
    lunch: z.object({ from: z.string(), to: z.string(), minutes: z.number() }).nullable(),
    start: point,
    drivingSeconds: z.number().describe('Temps de route total (secondes)'),
    returnAt: z.string().describe('Retour au centre, HH:MM'),
    createdAt: z.string(),
    stops: z.array(
      z.object({
        position: z.number(),
        requestId: z.string(),
        personId: z.string(),
        location: point.describe('Où va la voiture : la position de la demande, ou le centre de la commune'),
        approximate: z.boolean().describe('Vrai : position approximative (centre de la commune)'),
        arrival: z.string().describe('Début de la visite, HH:MM heure de Paris'),
        departure: z.string().describe('Fin de la visite, HH:MM heure de Paris'),
      }),
    ),
    team: z
      .array(z.object({ userId: z.string(), displayName: z.string() }))
      .describe('L’équipe affectée à la tournée (chauffeur, animateur) ; vide tant que personne ne l’est, et dans les listes'),
    warnings: z.array(tourWarningJson).describe('Ce que l’ordre des visites ne respecte pas (ordre changé à la main)'),
    editable: z.boolean().describe('Vrai : la tournée n’a pas commencé, l’ordre de ses visites peut encore changer'),
  })
  .meta({ id: 'ShuttleTour', description: 'Une tournée de la navette : un jour, une voiture, ses visites dans l’ordre' });
type TourOut = z.output<typeof tourJson>;
const tourOut = (tour: Tour): TourOut => ({
  ...tour,
  stops: tour.stops.map((s) => ({
    position: s.position, requestId: s.request.id, personId: s.request.personId, location: s.location, approximate: s.approximate, arrival: s.arrival, departure: s.departure,
  })),
});
const headerOut = (tour: TourHeader) => ({ ...tour, stops: [], team: [] });

/** Tours: read with `shuttle.requests`, made, confirmed and cancelled with `shuttle.plan`. */
export function registerToursApi(app: FastifyInstance, s: ShuttleModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/shuttle/tours',
    {
      config: { permission: 'shuttle.plan' },
      schema: {
        operationId: 'createTour',
        tags,
        summary: 'Planifier et enregistrer la tournée d’un jour à partir des demandes en attente (brouillon, ou confirmée avec confirm: true)',
        body: tourBody,
        response: { 201: tourJson },
      },
    },
    async (request, reply) => {
      const { confirm, ...options } = request.body;
      return reply.code(201).send(tourOut(await s.tours.create(actorOf(request), options, { confirm })));
    },
  );

  api.get(
    '/api/v1/shuttle/tours',
    {
      config: { permission: 'shuttle.requests' },
      schema: { operationId: 'listTours', tags, summary: 'Les tournées du centre par date (sans leurs visites ; filtres : from, status)', querystring: tourQuery, response: { 200: z.object({ items: z.array(tourJson) }) } },
    },
    async (request) => ({ items: (await s.tours.list(actorOf(request), request.query)).map(headerOut) }),
  );

  api.get(
    '/api/v1/shuttle/tours/:id',
    { config: { permission: 'shuttle.requests' }, schema: { operationId: 'getTour', tags, summary: 'Une tournée et ses visites dans l’ordre', params: idParams, response: { 200: tourJson } } },
    async (request) => tourOut(await s.tours.get(actorOf(request), request.params.id)),
  );

  api.post(
    '/api/v1/shuttle/tours/:id/confirm',
    {
      config: { permission: 'shuttle.plan' },
      schema: { operationId: 'confirmTour', tags, summary: 'Confirmer un brouillon : ses demandes passent « planifiées » (409 si l’une est déjà dans une autre tournée)', params: idParams, response: { 200: tourJson } },
    },
    async (request) => tourOut(await s.tours.confirm(actorOf(request), request.params.id)),
  );

  api.post(
    '/api/v1/shuttle/tours/:id/order',
    {
      config: { permission: 'shuttle.plan' },
      schema: {
        operationId: 'reorderTour',
        tags,
        summary: 'Changer l’ordre des visites d’une tournée pas encore commencée (une demande absente de la liste est retirée et revient en attente) : heures recalculées, avertissements',
        params: idParams,
        body: tourOrderBody,
        response: { 200: tourJson, ...apiErrors(409) },
      },
    },
    async (request) => tourOut(await s.tours.reorder(actorOf(request), request.params.id, request.body.order)),
  );

  api.post(
    '/api/v1/shuttle/tours/:id/cancel',
    { config: { permission: 'shuttle.plan' }, schema: { operationId: 'cancelTour', tags, summary: 'Annuler une tournée : ses demandes reviennent en attente', params: idParams, response: { 200: tourJson } } },
    async (request) => tourOut(await s.tours.cancel(actorOf(request), request.params.id)),
  );
}
