// Volunteer hours over HTTP (/api/v1/team/volunteer-hours): a period's entries with totals and valorisation, record, remove.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { TeamBoardModule } from '../team-board.module.ts';
import { hoursBody, hoursIdParams, hoursOutput, hoursQuery, hoursSummaryOutput } from '../volunteer-hours.schemas.ts';
import type { HoursEntry } from '../volunteer-hours.service.ts';
import type { HelpKind } from '../volunteer-hours.vocab.ts';
import { tags } from './api-shared.ts';

function hoursJson(e: HoursEntry): z.infer<typeof hoursOutput> {
  return {
    id: e.id, userId: e.userId, volunteerName: e.volunteerName, kind: e.kind as HelpKind, sessionId: e.sessionId, sessionTitle: e.sessionTitle,
    workedOn: e.workedOn, minutes: e.minutes, note: e.note, createdAt: e.createdAt,
  };
}

/**
 * The JSON API of volunteer hours (team.hours): the entries of a period with their totals per
 * volunteer and per month and their valorisation, recording an entry, removing one.
 */
export function registerVolunteerHoursApi(app: FastifyInstance, m: TeamBoardModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/team/volunteer-hours', {
    config: { permission: 'team.hours' },
    schema: {
      operationId: 'listVolunteerHours', tags, summary: 'Les heures de bénévolat d’une période, les totaux par bénévole et par mois, et leur valorisation',
      querystring: hoursQuery, response: { 200: hoursSummaryOutput },
    },
  }, async (request) => {
    const fallback = m.hours.defaultPeriod();
    const { entries, ...summary } = await m.hours.summary(actorOf(request), { from: request.query.from ?? fallback.from, to: request.query.to ?? fallback.to });
    return { ...summary, items: entries.map(hoursJson) };
  });

  api.post('/api/v1/team/volunteer-hours', {
    config: { permission: 'team.hours' },
    schema: {
      operationId: 'recordVolunteerHours', tags, summary: 'Enregistrer des heures de bénévolat (422 : jour à venir, durée nulle ou de plus de 24 h)',
      body: hoursBody, response: { 201: hoursOutput },
    },
  }, async (request, reply) => {
    return reply.code(201).send(hoursJson(await m.hours.record(actorOf(request), request.body)));
  });

  api.delete('/api/v1/team/volunteer-hours/:id', {
    config: { permission: 'team.hours' },
    schema: { operationId: 'deleteVolunteerHours', tags, summary: 'Supprimer une saisie d’heures faite par erreur', params: hoursIdParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await m.hours.remove(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
