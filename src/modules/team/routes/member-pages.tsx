// The team's members (/equipe): the list, a member's page and their profile form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf } from '../../../platform/http/request-context.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import type { MemberDetail } from '../profile.service.ts';
import { formatDayAvailability } from '../schedule.ts';
import { requireSelfOrManager } from '../team.model.ts';
import type { TeamModule } from '../team.module.ts';
import { profileForm, profileInput } from '../team.schemas.ts';
import { WEEKDAYS } from '../team.vocab.ts';
import { ProfileFormPage, TeamPage } from '../views/team.view.tsx';
import { teamExport } from '../list-exports.ts';
import { memberPage, selfOrManager } from './shared.tsx';

const PROFILE_ORDER = ['skills', 'tags', ...WEEKDAYS.map((d) => `day${d}`), 'contactChannel', 'phone', 'contactNote'];

function profileValues(member: MemberDetail): FormValues {
  const p = member.profile;
  return {
    skills: p.skills, tags: p.tags.join(', '), contactChannel: p.contactChannel, phone: p.phone ?? '', contactNote: p.contactNote ?? '',
    ...Object.fromEntries(WEEKDAYS.map((d) => [`day${d}`, formatDayAvailability(p.availability, d)])),
  };
}

/** The list and a member's page need team.read; a profile is changed by its member, or by team.manage. */
export function registerMemberPages(app: FastifyInstance, m: TeamModule): void {
  const competences = (centerId: string) => m.profiles.competences.competences(centerId);

  app.get('/equipe', page('team.read'), async (request, reply) => {
    const actor = actorOf(request);
    const [members, list] = await Promise.all([m.profiles.members(actor), competences(actor.centerId)]);
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'team', teamExport(members, new Map(list.map((c) => [c.code, c.title]))));
    return sendPage(reply, <TeamPage ctx={viewContext(request)} members={members} competences={list} />);
  });

  app.get('/equipe/:id', page('team.read'), async (request, reply) => memberPage(m, request, reply, idOf(request)));

  const profileFormPage = async (request: FastifyRequest, reply: FastifyReply, member: MemberDetail, values: FormValues, errors?: FieldErrors, status = 422) => {
    const list = await competences(actorOf(request).centerId);
    return sendPage(reply, <ProfileFormPage ctx={viewContext(request)} member={member} competences={list} values={values} errors={errors} />, errors ? status : 200);
  };
  const editableMember = async (request: FastifyRequest) => {
    const actor = actorOf(request);
    const id = idOf(request);
    requireSelfOrManager(actor, id);
    return m.profiles.member(actor, id);
  };
  app.get('/equipe/:id/modifier', selfOrManager, async (request, reply) => {
    const member = await editableMember(request);
    return profileFormPage(request, reply, member, profileValues(member));
  });
  app.post('/equipe/:id/modifier', selfOrManager, async (request, reply) => {
    const actor = actorOf(request);
    const member = await editableMember(request);
    return handleForm(request, reply, {
      schema: profileForm, order: PROFILE_ORDER,
      run: (form) => m.profiles.updateProfile(actor, member.id, profileInput(form)),
      render: ({ values, errors, status }) => profileFormPage(request, reply, member, values, errors, status),
      done: () => ({ redirect: `/equipe/${member.id}`, flash: 'team.edit.saved' }),
    });
  });
}
