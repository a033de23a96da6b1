import type { FastifyInstance } from 'fastify';
import { can } from '../../platform/auth/roles.ts';
import { actorOf, page } from '../../platform/http/access.ts';
import { handleForm } from '../../platform/http/forms.ts';
import { retentionKinds } from '../../platform/retention.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import { retentionForm } from './privacy.schemas.ts';
import type { RetentionService } from './retention.service.ts';
import { RegisterPage, RetentionPage } from './views/privacy.view.tsx';

/** The administrator's retention settings and the register of processing activities (/rgpd/…). */
export function registerPrivacyPages(app: FastifyInstance, service: RetentionService): void {
  app.get('/rgpd/conservation', page('privacy.manage'), async (request, reply) => {
    const periods = await service.periodsAs(actorOf(request));
    const values = Object.fromEntries(retentionKinds.map((kind) => [kind, String(periods[kind])]));
    return sendPage(reply, <RetentionPage ctx={viewContext(request)} values={values} />);
  });

  app.post('/rgpd/conservation', page('privacy.manage'), async (request, reply) => {
    const actor = actorOf(request);
    return handleForm(request, reply, {
      schema: retentionForm,
      order: retentionKinds,
      run: (periods) => service.updateAs(actor, periods),
      render: ({ values, errors, status }) => sendPage(reply, <RetentionPage ctx={viewContext(request)} values={values} errors={errors} />, status),
      done: () => ({ redirect: '/rgpd/conservation', flash: 'privacy.retention.saved' }),
    });
  });

  app.get('/rgpd/registre', page('privacy.read'), async (request, reply) => {
    const actor = actorOf(request);
    const register = await service.registerAs(actor);
    return sendPage(reply, <RegisterPage ctx={viewContext(request)} register={register} canManage={can(actor.role, 'privacy.manage')} />);
  });
}
