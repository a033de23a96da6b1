import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../platform/http/access.ts';
import { formValues, parseForm, refusalOf } from '../../platform/http/forms.ts';
import { idOf, redirectSeeOther, setFlash } from '../../platform/http/request-context.ts';
import { t } from '../../platform/i18n/index.ts';
import { sendPage, viewContext } from '../../ui/render.ts';
import { federationTokenForm } from './federation.schemas.ts';
import type { FederationTokensService } from './federation-tokens.service.ts';
import { TokenCreatedPage } from '../../ui/components/token-created.tsx';
import { FEDERATION_TOKENS_PATH, FederationTokensPage, RevokeFederationTokenPage } from './views/federation-tokens.view.tsx';

/** The federation's API tokens (/federation/jetons): list, create (shown once), revoke after a confirmation. */
export function registerFederationTokenPages(app: FastifyInstance, tokens: FederationTokensService): void {
  app.get(FEDERATION_TOKENS_PATH, page('federation.tokens'), async (request, reply) => {
    const list = await tokens.listAs(actorOf(request));
    return sendPage(reply, <FederationTokensPage ctx={viewContext(request)} tokens={list} />);
  });

  // The new token is shown in the answer to this POST rather than after a redirect: carrying
  // it to a GET would mean storing it somewhere, which "shown once, never stored" rules out.
  // sendPage's `no-store` keeps it out of the browser cache.
  app.post(FEDERATION_TOKENS_PATH, page('federation.tokens'), async (request, reply) => {
    const actor = actorOf(request);
    const parsed = parseForm(federationTokenForm, request.body);
    let errors = parsed.ok ? undefined : parsed.errors;
    if (parsed.ok) {
      try {
        const created = await tokens.createAs(actor, parsed.data);
        const ctx = viewContext(request);
        return sendPage(reply, <TokenCreatedPage ctx={ctx} name={created.name} token={created.token} backHref={FEDERATION_TOKENS_PATH} reach={ctx.t('federation.tokens.reach')} />);
      } catch (error) {
        errors = refusalOf(error).errors;
      }
    }
    const list = await tokens.listAs(actor);
    return sendPage(reply, <FederationTokensPage ctx={viewContext(request)} tokens={list} values={formValues(request.body)} errors={errors} />, 422);
  });

  app.get(`${FEDERATION_TOKENS_PATH}/:id/revoquer`, page('federation.tokens'), async (request, reply) => {
    const token = await tokens.findAs(actorOf(request), idOf(request));
    if (token.revokedAt) return redirectSeeOther(reply, FEDERATION_TOKENS_PATH);
    return sendPage(reply, <RevokeFederationTokenPage ctx={viewContext(request)} token={token} />);
  });

  app.post(`${FEDERATION_TOKENS_PATH}/:id/revoquer`, page('federation.tokens'), async (request, reply) => {
    const token = await tokens.revokeAs(actorOf(request), idOf(request));
    setFlash(reply, t(request.locale, 'admin.tokens.revokedDone', { name: token.name }));
    return redirectSeeOther(reply, FEDERATION_TOKENS_PATH);
  });
}
