import type { FastifyInstance } from 'fastify';
import { actorOf, page } from '../../../platform/http/access.ts';
import { formValues, parseForm } from '../../../platform/http/forms.ts';
import { idOf, redirectSeeOther } from '../../../platform/http/request-context.ts';
import { sendPage, viewContext } from '../../../ui/render.ts';
import { tokenForm } from '../centre.schemas.ts';
import type { CentreService } from '../centre.service.ts';
import { TokenCreatedPage } from '../../../ui/components/token-created.tsx';
import { RevokeTokenPage, TokensPage } from '../views/tokens.view.tsx';
import { attempt, flash, refused } from './shared.ts';

/** The API tokens (/centre/jetons): list, create (shown once), revoke after a confirmation page. */
export function registerTokenPages(app: FastifyInstance, service: CentreService): void {
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
    return sendPage(reply, <TokenCreatedPage ctx={viewContext(request)} name={result.value.name} token={result.value.token} backHref="/centre/jetons" />);
  });

  // Revoking cannot be undone: the list links here, and this page's button revokes.
  app.get('/centre/jetons/:id/revoquer', page('users.manage'), async (request, reply) => {
    const token = await service.staff.findTokenAs(actorOf(request), idOf(request));
    if (token.revokedAt) return redirectSeeOther(reply, '/centre/jetons');
    return sendPage(reply, <RevokeTokenPage ctx={viewContext(request)} token={token} />);
  });

  app.post('/centre/jetons/:id/revoquer', page('users.manage'), async (request, reply) => {
    const actor = actorOf(request);
    const id = idOf(request);
    const token = await service.staff.findTokenAs(actor, id);
    await service.staff.revokeTokenAs(actor, id);
    flash(request, reply, 'admin.tokens.revokedDone', { name: token.name });
    return redirectSeeOther(reply, '/centre/jetons');
  });
}
