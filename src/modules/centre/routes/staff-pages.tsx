import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, parseForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther } from '../../../platform/http/request-context.ts';
import { sendListExport } from '../../../platform/exports/list-export.ts';
import { exportFormatOf } from '../../../platform/exports/table-export.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { staffExport } from '../list-exports.ts';
import { staffEditForm, staffForm } from '../centre.schemas.ts';
import type { CentreService } from '../centre.service.ts';
import { StaffEditPage, StaffNewPage, TeamPage } from '../views/team.view.tsx';
import { attempt, flash, refused, staffValues } from './shared.ts';

/** The team (/centre/equipe): list, invite, change a staff account. */
export function registerStaffPages(app: FastifyInstance, service: CentreService): void {
  app.get('/centre/equipe', page('users.manage'), async (request, reply) => {
    const staff = await service.staff.listStaffAs(actorOf(request));
    const format = exportFormatOf(request);
    if (format) return sendListExport(request, reply, format, 'staff-accounts', staffExport(staff));
    return sendPage(reply, <TeamPage ctx={viewContext(request)} staff={staff} />);
  });

  app.get('/centre/equipe/nouveau', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const partnerCommunes = await service.sites.listPartnerCommunesAs(actor);
    return sendPage(reply, <StaffNewPage ctx={viewContext(request)} values={{}} partnerCommunes={partnerCommunes} />);
  });

  app.post('/centre/equipe/nouveau', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(staffForm, request.body);
    const result = parsed.ok
      ? await attempt(() => service.staff.inviteStaffAs(actor, parsed.data, request.locale))
      : refused(parsed.errors);
    if (!result.ok) {
      const partnerCommunes = await service.sites.listPartnerCommunesAs(actor);
      return sendPage(reply, <StaffNewPage ctx={viewContext(request)} values={formValues(request.body)} errors={result.errors} partnerCommunes={partnerCommunes} />, 422);
    }
    flash(request, reply, 'admin.team.invited', { name: result.value.displayName, email: result.value.email });
    return redirectSeeOther(reply, '/centre/equipe');
  });

  app.get('/centre/equipe/:id', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const member = await service.staff.getStaffAs(actor, idOf(request));
    const partnerCommunes = await service.sites.listPartnerCommunesAs(actor);
    return sendPage(reply, <StaffEditPage ctx={viewContext(request)} member={member} values={staffValues(member)} partnerCommunes={partnerCommunes} />);
  });

  app.post('/centre/equipe/:id', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const member = await service.staff.getStaffAs(actor, idOf(request));
    const parsed = parseForm(staffEditForm, request.body);
    const result = parsed.ok ? await attempt(() => service.staff.updateStaffAs(actor, member.id, parsed.data)) : refused(parsed.errors);
    if (!result.ok) {
      const partnerCommunes = await service.sites.listPartnerCommunesAs(actor);
      return sendPage(
        reply,
        <StaffEditPage ctx={viewContext(request)} member={member} values={formValues(request.body)} errors={result.errors} partnerCommunes={partnerCommunes} />,
        422,
      );
    }
    flash(request, reply, 'admin.team.saved', { name: result.value.displayName });
    return redirectSeeOther(reply, `/centre/equipe`);
  });
}

/** A staff account's buttons: deactivate, reactivate, send the invitation again. */
export function registerStaffActions(app: FastifyInstance, service: CentreService): void {
  for (const [path, active] of [['desactiver', false], ['reactiver', true]] as const) {
    app.post(`/centre/equipe/:id/${path}`, page('users.manage'), async (request, reply) => {
      const actor = actorOf(request);
      const member = await service.staff.getStaffAs(actor, idOf(request));
      const result = await attempt(() => service.staff.updateStaffAs(actor, member.id, { active }));
      if (!result.ok) {
        const partnerCommunes = await service.sites.listPartnerCommunesAs(actor);
        return sendPage(
          reply,
          <StaffEditPage ctx={viewContext(request)} member={member} values={staffValues(member)} errors={result.errors} partnerCommunes={partnerCommunes} />,
          422,
        );
      }
      flash(request, reply, active ? 'admin.team.reactivated' : 'admin.team.deactivated', { name: member.displayName });
      return redirectSeeOther(reply, `/centre/equipe/${member.id}`);
    });
  }

  app.post('/centre/equipe/:id/invitation', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const member = await service.staff.getStaffAs(actor, idOf(request));
    await service.staff.resendInvitationAs(actor, member.id, request.locale);
    flash(request, reply, 'admin.team.resent', { email: member.email });
    return redirectSeeOther(reply, `/centre/equipe/${member.id}`);
  });
}
