import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { communeByCode, communeLabel, type Commune } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type FieldErrors } from '../../platform/errors.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, handleForm, parseForm } from '../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t, type MessageKey, type Params } from '../../platform/i18n/index.ts';
import { formatPhone } from '../../platform/text.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../ui/render.ts';
import { registerCentreApi } from './centre.api.ts';
import { centreForm, partnerCommuneForm, partnerContactForm, siteForm, staffEditForm, staffForm, tokenForm } from './centre.schemas.ts';
import { AmbiguousCommuneError, CentreService, type Site, type StaffMember } from './centre.service.ts';
import { CentreEditPage, CentreOverviewPage } from './views/centre.view.tsx';
import { PartnerCommuneEditPage, PartnerCommunesPage } from './views/partner-communes.view.tsx';
import { SiteFormPage, SitesPage } from './views/sites.view.tsx';
import { StaffEditPage, StaffNewPage, TeamPage } from './views/team.view.tsx';
import { TokenCreatedPage, TokensPage } from './views/tokens.view.tsx';

/** A service refusal that belongs beside a field: the form comes back with it. */
interface Refusal {
  errors: FieldErrors;
  communeCandidates?: Commune[];
}

/** Runs a change; answers the refusal when the service rejected the input, rethrows anything else. */
async function attempt<T>(change: () => Promise<T>): Promise<{ ok: true; value: T } | ({ ok: false } & Refusal)> {
  try {
    return { ok: true, value: await change() };
  } catch (error) {
    if (error instanceof AppError && Object.keys(error.fields).length > 0) {
      return {
        ok: false,
        errors: error.fields,
        communeCandidates: error instanceof AmbiguousCommuneError ? error.candidates : undefined,
      };
    }
    throw error;
  }
}

/** The communes a refused commune could be, offered as choices beside the field. */
// Every refusal a centre form shows beside its fields (a duplicate, 409, included) answers 422, as it always has.
const candidatesOf = (error: AppError | undefined): Commune[] | undefined => (error instanceof AmbiguousCommuneError ? error.candidates : undefined);

const refused = (errors: FieldErrors): { ok: false } & Refusal => ({ ok: false, errors });

function flash(request: FastifyRequest, reply: FastifyReply, key: MessageKey, params?: Params): void {
  setFlash(reply, t(request.locale, key, params));
}

function siteValues(site: Site): FormValues {
  return {
    name: site.name,
    kind: site.kind,
    address: site.address ?? '',
    commune: site.communeInsee ?? '',
    accessibility: site.accessibility ?? '',
  };
}

function staffValues(member: StaffMember): FormValues {
  return { displayName: member.displayName, role: member.role, partnerCommuneInsee: member.partnerCommuneInsee ?? '' };
}

/**
 * The admin's pages for the centre (/centre/…) and the JSON API (/api/v1/centre, sites,
 * partner-communes, users). Answers the CentreService that later modules receive.
 */
export async function registerCentreModule(app: FastifyInstance, ctx: AppContext): Promise<CentreService> {
  const service = new CentreService(ctx);
  registerCentrePages(app, service);
  registerCentreApi(app, service);
  return service;
}

function registerCentrePages(app: FastifyInstance, service: CentreService): void {

  // — Overview and the centre's details —

  app.get('/centre', page('centre.manage'), async (request, reply) => {
    const overview = await service.overviewAs(actorOf(request));
    return sendPage(reply, <CentreOverviewPage ctx={viewContext(request)} overview={overview} />);
  });

  app.get('/centre/modifier', page('centre.manage'), async (request, reply) => {
    const centre = await service.getCentreAs(actorOf(request));
    const commune = communeByCode(centre.communeInsee);
    const values: FormValues = {
      name: centre.name,
      address: centre.address ?? '',
      postalCode: centre.postalCode ?? '',
      commune: commune ? communeLabel(commune) : centre.communeInsee,
      phone: formatPhone(centre.phone),
      email: centre.email ?? '',
      openingHours: centre.openingHours ?? '',
    };
    return sendPage(reply, <CentreEditPage ctx={viewContext(request)} values={values} />);
  });

  app.post('/centre/modifier', page('centre.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const parsed = parseForm(centreForm, request.body);
    const result = parsed.ok ? await attempt(() => service.updateCentre(actor, parsed.data)) : refused(parsed.errors);
    if (!result.ok) {
      return sendPage(reply, <CentreEditPage ctx={viewContext(request)} values={values} errors={result.errors} communeCandidates={result.communeCandidates} />, 422);
    }
    flash(request, reply, 'admin.centre.saved');
    return redirectSeeOther(reply, '/centre');
  });

  // — Sites —

  app.get('/centre/lieux', page('centre.manage'), async (request, reply) => {
    const sites = await service.sites.listSitesAs(actorOf(request), { includeArchived: true });
    return sendPage(reply, <SitesPage ctx={viewContext(request)} sites={sites} />);
  });

  app.get('/centre/lieux/nouveau', page('centre.manage'), async (request, reply) => {
    return sendPage(reply, <SiteFormPage ctx={viewContext(request)} values={{}} />);
  });

  app.post('/centre/lieux/nouveau', page('centre.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: siteForm,
      statuses: [409],
      run: (input) => service.sites.createSiteAs(actor, input),
      render: ({ values, errors, error }) =>
        sendPage(reply, <SiteFormPage ctx={viewContext(request)} values={values} errors={errors} communeCandidates={candidatesOf(error)} />, 422),
      done: (site) => ({ redirect: '/centre/lieux', flash: 'admin.site.created', flashParams: { name: site.name } }),
    });
  });

  app.get('/centre/lieux/:id', page('centre.manage'), async (request, reply) => {
    const site = await service.sites.getSiteAs(actorOf(request), idOf(request));
    return sendPage(reply, <SiteFormPage ctx={viewContext(request)} site={site} values={siteValues(site)} />);
  });

  app.post('/centre/lieux/:id', page('centre.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const site = await service.sites.getSiteAs(actor, idOf(request));
    return handleForm(request, reply, {
      schema: siteForm,
      statuses: [409],
      run: (input) => service.sites.updateSiteAs(actor, site.id, input),
      render: ({ values, errors, error }) =>
        sendPage(reply, <SiteFormPage ctx={viewContext(request)} site={site} values={values} errors={errors} communeCandidates={candidatesOf(error)} />, 422),
      done: (saved) => ({ redirect: '/centre/lieux', flash: 'admin.site.saved', flashParams: { name: saved.name } }),
    });
  });

  for (const [path, archived] of [['archiver', true], ['reactiver', false]] as const) {
    app.post(`/centre/lieux/:id/${path}`, page('centre.manage'), async (request, reply) => {
      const site = await service.sites.updateSiteAs(actorOf(request), idOf(request), { archived });
      flash(request, reply, archived ? 'admin.site.archivedDone' : 'admin.site.unarchivedDone', { name: site.name });
      return redirectSeeOther(reply, '/centre/lieux');
    });
  }

  // — Partner communes —

  app.get('/centre/communes', page('centre.manage'), async (request, reply) => {
    const communes = await service.sites.listPartnerCommunesAs(actorOf(request));
    return sendPage(reply, <PartnerCommunesPage ctx={viewContext(request)} communes={communes} />);
  });

  app.post('/centre/communes', page('centre.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: partnerCommuneForm,
      statuses: [409],
      run: (input) => service.sites.addPartnerCommuneAs(actor, input),
      render: async ({ values, errors, error }) => {
        const communes = await service.sites.listPartnerCommunesAs(actor);
        return sendPage(
          reply,
          <PartnerCommunesPage ctx={viewContext(request)} communes={communes} values={values} errors={errors} communeCandidates={candidatesOf(error)} />,
          422,
        );
      },
      done: (added) => ({ redirect: '/centre/communes', flash: 'admin.partner.added', flashParams: { name: added.communeName } }),
    });
  });

  app.get('/centre/communes/:id', page('centre.manage'), async (request, reply) => {
    const commune = await service.sites.getPartnerCommuneAs(actorOf(request), idOf(request));
    const values = { contactName: commune.contactName ?? '', contactEmail: commune.contactEmail ?? '' };
    return sendPage(reply, <PartnerCommuneEditPage ctx={viewContext(request)} commune={commune} values={values} />);
  });

  app.post('/centre/communes/:id', page('centre.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const commune = await service.sites.getPartnerCommuneAs(actor, idOf(request));
    return handleForm(request, reply, {
      schema: partnerContactForm,
      statuses: [409],
      run: (input) => service.sites.updatePartnerCommuneAs(actor, commune.id, input),
      render: ({ values, errors }) => sendPage(reply, <PartnerCommuneEditPage ctx={viewContext(request)} commune={commune} values={values} errors={errors} />, 422),
      done: () => ({ redirect: '/centre/communes', flash: 'admin.partner.saved', flashParams: { name: commune.communeName } }),
    });
  });

  app.post('/centre/communes/:id/retirer', page('centre.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const commune = await service.sites.getPartnerCommuneAs(actor, idOf(request));
    try {
      await service.sites.removePartnerCommuneAs(actor, commune.id);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      // The refusal points at the button that was pressed.
      const communes = await service.sites.listPartnerCommunesAs(actor);
      const errors = { [`retirer-${commune.id}`]: error.messageKey };
      return sendPage(reply, <PartnerCommunesPage ctx={viewContext(request)} communes={communes} errors={errors} />, 409);
    }
    flash(request, reply, 'admin.partner.removed', { name: commune.communeName });
    return redirectSeeOther(reply, '/centre/communes');
  });

  // — Team —

  app.get('/centre/equipe', page('users.manage'), async (request, reply) => {
    const staff = await service.staff.listStaffAs(actorOf(request));
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

  // — API tokens —

  app.get('/centre/jetons', page('users.manage'), async (request, reply) => {
    const tokens = await service.staff.listTokensAs(actorOf(request));
    return sendPage(reply, <TokensPage ctx={viewContext(request)} tokens={tokens} />);
  });

  // The new token is shown in the answer to this POST rather than after a redirect: carrying
  // it to a GET would mean storing it somewhere (a cookie, a row), which is what "shown once,
  // never stored" rules out. `no-store` keeps it out of the browser cache.
  app.post('/centre/jetons', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(tokenForm, request.body);
    const result = parsed.ok ? await attempt(() => service.staff.createTokenAs(actor, parsed.data)) : refused(parsed.errors);
    if (!result.ok) {
      const tokens = await service.staff.listTokensAs(actor);
      return sendPage(reply, <TokensPage ctx={viewContext(request)} tokens={tokens} values={formValues(request.body)} errors={result.errors} />, 422);
    }
    return sendPage(reply, <TokenCreatedPage ctx={viewContext(request)} name={result.value.name} token={result.value.token} />);
  });

  app.post('/centre/jetons/:id/revoquer', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const token = (await service.staff.listTokensAs(actor)).find((tk) => tk.id === id);
    await service.staff.revokeTokenAs(actor, id);
    flash(request, reply, 'admin.tokens.revokedDone', { name: token?.name ?? '' });
    return redirectSeeOther(reply, '/centre/jetons');
  });
}
