import type { FastifyReply, FastifyRequest } from 'fastify';
import { translate } from '../platform/i18n/index.ts';
import { Layout } from './layout.tsx';
import { sendPage, viewContext } from './render.ts';

const titles: Record<number, 'errors.notFoundTitle' | 'errors.forbiddenTitle' | 'errors.title'> = {
  404: 'errors.notFoundTitle',
  403: 'errors.forbiddenTitle',
};

export function renderErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, messageKey: string) {
  // The request context may be missing when the error happened before it was set up.
  request.locale ??= 'fr';
  request.csrfToken ??= '';
  request.actor ??= null;
  request.centre ??= null;
  request.kiosk ??= null;
  const ctx = viewContext(request);
  const title = ctx.t(titles[status] ?? 'errors.title');
  return sendPage(
    reply,
    <Layout ctx={ctx} title={title} audience={request.kiosk ? 'kiosk' : ctx.actor ? 'staff' : 'public'}>
      <h1>{title}</h1>
      <p class="lead">{translate(ctx.locale, messageKey)}</p>
      <p>
        {request.kiosk ? <a href={request.kiosk.home}>{ctx.t('errors.kioskBack')}</a> : <a href={ctx.actor ? '/tableau-de-bord' : '/'}>{ctx.t('nav.home')}</a>}
      </p>
    </Layout>,
    status,
  );
}
