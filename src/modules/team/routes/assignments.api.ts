// Assignments over HTTP (/api/v1/team/assignments) and the caller's week (/api/v1/team/my-week).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { AssignmentRow } from '../team.repository.ts';
import { assignmentBody, assignmentOutput, assignmentsQuery, assignResultOutput, idParams, weekQuery } from '../team.schemas.ts';
import type { TeamModule } from '../team.module.ts';
import type { AssignmentKind, ConflictKind } from '../team.vocab.ts';
import { tags } from './api-shared.ts';

function assignmentJson(a: AssignmentRow): z.infer<typeof assignmentOutput> {
  return {
    id: a.id, userId: a.userId, kind: a.kind as AssignmentKind, sessionId: a.sessionId, openingId: a.openingId, tourId: a.tourId, day: a.day, startsAt: a.startsAt, endsAt: a.endsAt,
    title: a.title, place: a.place, confirmedConflicts: a.confirmedConflicts ? (JSON.parse(a.confirmedConflicts) as ConflictKind[]) : [],
  };
}

/**
 * A member's assignments (team.read), made and removed with team.manage: without `confirm`,
 * conflicts are answered and nothing is saved. And the caller's own week (team.read).
 */
export function registerAssignmentsApi(app: FastifyInstance, m: TeamModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/team/assignments', {
    config: { permission: 'team.read' },
    schema: { operationId: 'listTeamAssignments', tags, summary: 'Les affectations d’un membre, à partir d’un jour', querystring: assignmentsQuery, response: { 200: z.object({ items: z.array(assignmentOutput) }) } },
  }, async (request) => {
    const actor = actorOf(request);
    const { userId, from, days } = request.query;
    await m.profiles.member(actor, userId);
    return { items: (await m.assignments.listFor(actor, userId, from ?? m.assignments.today(), days)).map(assignmentJson) };
  });

  api.post('/api/v1/team/assignments', {
    config: { permission: 'team.manage' },
    schema: {
      operationId: 'createTeamAssignment', tags, summary: 'Affecter un membre à une séance, à une permanence ou à une tournée de la navette',
      description: 'Sans `confirm`, une affectation qui rencontre des conflits (double réservation, absence, indisponibilité, formation requise manquante) n’est pas enregistrée : la réponse (200) les liste. Avec `confirm: true`, elle est enregistrée malgré eux (201).',
      body: assignmentBody, response: { 200: assignResultOutput, 201: assignResultOutput },
    },
  }, async (request, reply) => {
    const result = await m.assignments.assign(actorOf(request), request.body);
    if (!result.saved) return reply.code(200).send({ saved: false, assignment: null, conflicts: result.conflicts });
    return reply.code(201).send({ saved: true, assignment: assignmentJson(result.assignment), conflicts: [] });
  });

  api.delete('/api/v1/team/assignments/:id', {
    config: { permission: 'team.manage' },
    schema: { operationId: 'deleteTeamAssignment', tags, summary: 'Retirer une affectation', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await m.assignments.remove(actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  api.get('/api/v1/team/my-week', {
    config: { permission: 'team.read' },
    schema: { operationId: 'getMyWeek', tags, summary: 'Ma semaine : mes affectations du lundi au dimanche (heure de Paris)', querystring: weekQuery, response: { 200: z.object({ monday: z.string(), items: z.array(assignmentOutput) }) } },
  }, async (request) => {
    const week = await m.assignments.myWeek(actorOf(request), request.query.week);
    return { monday: week.monday, items: week.assignments.map(assignmentJson) };
  });
}
