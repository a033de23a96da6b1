import type { FastifyInstance } from 'fastify';
import { communeByCode, communeLabel } from '../../../platform/communes.ts';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, parseForm } from '../../../platform/http/forms.ts';
import { redirectSeeOther } from '../../../platform/http/request-context.ts';
import { formatPhone } from '../../../platform/text.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { centreForm } from '../centre.schemas.ts';
import type { CentreService } from '../centre.service.ts';
import { CentreEditPage, CentreOverviewPage } from '../views/centre.view.tsx';
import { attempt, flash, refused } from './shared.ts';

/** The overview (/centre) and the centre's own details (/centre/modifier). */
export function registerCentrePages(app: FastifyInstance, service: CentreService): void {
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
      siret: centre.siret ?? '',
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
}
