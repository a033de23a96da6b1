import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, parseForm } from '../../../platform/http/forms.ts';
import { redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { localizeErrors } from '../../../ui/components/form.tsx';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { settingsInput } from '../helpdesk.schemas.ts';
import { SettingsPage } from '../views/desk/preferences.view.tsx';
import { type DeskDeps } from './shared.ts';

/** Settings: the cancellation delay and the reminders. */
export function registerPreferenceRoutes(app: FastifyInstance, deps: DeskDeps): void {
  const { helpdesk } = deps;
  app.get('/permanences/reglages', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return sendPage(reply, <SettingsPage ctx={viewContext(request)} settings={await helpdesk.settings.getSettings(actor.centerId)} errors={{}} />);
  });

  app.post('/permanences/reglages', page('helpdesk.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(settingsInput, request.body);
    if (!parsed.ok) {
      const view = viewContext(request);
      return sendPage(
        reply,
        <SettingsPage ctx={view} settings={await helpdesk.settings.getSettings(actor.centerId)} values={formValues(request.body)} errors={localizeErrors(view, parsed.errors)} />,
        422,
      );
    }
    await helpdesk.settings.updateSettings(actor, parsed.data);
    setFlash(reply, translate(request.locale, 'helpdesk.settings.saved'));
    return redirectSeeOther(reply, '/permanences/reglages');
  });
}
