// The team's members over HTTP (/api/v1/team/members): the list, a member's profile, a profile changed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../platform/http/access.ts';
import type { MemberDetail, MemberSummary } from '../profile.service.ts';
import { idParams, memberDetailOutput, memberOutput, profileBody } from '../team.schemas.ts';
import type { TeamModule } from '../team.module.ts';
import { tags } from './api-shared.ts';

function memberJson(m: MemberSummary): z.infer<typeof memberOutput> {
  const p = m.profile;
  return {
    id: m.id, displayName: m.displayName, role: m.role, active: m.active, skills: p.skills, tags: p.tags, availability: p.availability,
    contactChannel: p.contactChannel, phone: p.phone, contactNote: p.contactNote, trainingsCompleted: m.completed.map((c) => ({ pathwayId: c.id, title: c.title })),
  };
}

function memberDetailJson(m: MemberDetail): z.infer<typeof memberDetailOutput> {
  return {
    ...memberJson(m),
    trainingsRequired: m.required.map((r) => ({
      pathwayId: r.pathwayId, title: r.title, done: r.done, role: 'role' in r.reason ? r.reason.role : null, kind: 'kind' in r.reason ? r.reason.kind : null,
    })),
    absences: m.absences.map((a) => ({ id: a.id, firstDay: a.firstDay, lastDay: a.lastDay, reason: a.reason })),
  };
}

/** The team and its profiles (team.read); a member changes their own profile, team.manage anyone's. */
export function registerMembersApi(app: FastifyInstance, m: TeamModule): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/v1/team/members', {
    config: { permission: 'team.read' },
    schema: { operationId: 'listTeamMembers', tags, summary: 'L’équipe : salariés et bénévoles, avec leurs profils', response: { 200: z.object({ items: z.array(memberOutput) }) } },
  }, async (request) => ({ items: (await m.profiles.members(actorOf(request))).map(memberJson) }));

  api.get('/api/v1/team/members/:id', {
    config: { permission: 'team.read' },
    schema: { operationId: 'getTeamMember', tags, summary: 'Le profil d’un membre de l’équipe', params: idParams, response: { 200: memberDetailOutput } },
  }, async (request) => memberDetailJson(await m.profiles.member(actorOf(request), request.params.id)));

  api.put('/api/v1/team/members/:id/profile', {
    config: { access: 'staff', serviceChecks: 'team.manage' },
    schema: { operationId: 'updateTeamProfile', tags, summary: 'Changer un profil (le sien, ou celui de tout membre pour la coordination)', params: idParams, body: profileBody, response: { 200: memberDetailOutput } },
  }, async (request) => {
    const actor = actorOf(request);
    await m.profiles.updateProfile(actor, request.params.id, request.body);
    return memberDetailJson(await m.profiles.member(actor, request.params.id));
  });
}
