import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { handleForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { partnerCommuneForm, partnerContactForm } from '../centre.schemas.ts';
import type { CentreService } from '../centre.service.ts';
import { PartnerCommuneEditPage, PartnerCommunesPage } from '../views/partner-communes.view.tsx';
import { candidatesOf, flash } from './shared.ts';

/** The partner communes (/centre/communes): list, add, change the contact, remove. */
export function registerPartnerCommunePages(app: FastifyInstance, service: CentreService): void {
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
}
