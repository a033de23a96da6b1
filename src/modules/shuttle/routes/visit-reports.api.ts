// Visit reports over HTTP (POST /api/v1/shuttle/reports), where the visit page's offline queue sends them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { actorOf } from '../../../platform/http/access.ts';
import { APPOINTMENT_STATUSES, REPORT_FOLLOW_UPS, REPORT_OUTCOMES } from '../shuttle.vocab.ts';
import { appointmentWanted, visitReportBody } from '../visit-report.schemas.ts';
import type { VisitReportService } from '../visit-report.service.ts';
import { tags } from './shared.ts';

const visitReportJson = z
  .object({
    id: z.string(),
    clientId: z.string().describe('L’UUID donné par l’appareil'),
    requestId: z.string(),
    personId: z.string(),
    accompanimentId: z.string().describe('L’accompagnement enregistré à la permanence (lieu : domicile)'),
    summary: z.string(),
    durationMinutes: z.number(),
    outcome: z.enum(REPORT_OUTCOMES),
    appointment: z.object({
      wanted: appointmentWanted.nullable(),
      id: z.string().nullable().describe('Le rendez-vous pris, s’il l’a été'),
      status: z.enum(APPOINTMENT_STATUSES).describe('none : aucun demandé ; booked : pris ; failed : le créneau n’était plus libre, à prendre à la main ; pending : en cours'),
    }),
    followUps: z.array(z.enum(REPORT_FOLLOW_UPS)),
    writtenAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'VisitReport', description: 'Le compte rendu d’une visite à domicile de la navette' });

/**
 * Visit reports over HTTP: where the offline queue of the visit page sends what was written in
 * the car. Idempotent on `clientId`: 201 the first time, 200 with the same report after.
 */
export function registerVisitReportApi(app: FastifyInstance, reports: VisitReportService): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    '/api/v1/shuttle/reports',
    {
      config: { permission: 'shuttle.requests' },
      schema: {
        operationId: 'createVisitReport',
        tags,
        summary: 'Enregistrer le compte rendu d’une visite (une seule fois par clientId) : accompagnement à domicile, demande terminée, rendez-vous pris si demandé',
        body: visitReportBody,
        response: { 200: visitReportJson.describe('Ce compte rendu était déjà arrivé : le voici, rien n’a changé'), 201: visitReportJson, ...apiErrors(409) },
      },
    },
    async (request, reply) => {
      const { report, created } = await reports.record(actorOf(request), request.body);
      return reply.code(created ? 201 : 200).send(report);
    },
  );
}
