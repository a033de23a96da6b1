import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../platform/errors.ts';
import { translate, type MessageKey } from '../platform/i18n/index.ts';
import { PhoneLink } from './components/contact.tsx';
import { Layout } from './layout.tsx';
import { sendPage, viewContext } from './render.ts';

/**
 * A public form refused for a reason the resident cannot fix online (the day's limit reached):
 * a plain page that says so and gives the centre's phone as a link that dials.
 */
export function sendCallUsPage(request: FastifyRequest, reply: FastifyReply, error: AppError, titleKey: MessageKey, backHref: string) {
  const ctx = viewContext(request);
  const phone = ctx.centre?.phone;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={ctx.t(titleKey)} audience="public" backHref={backHref}>
      <h1>{ctx.t(titleKey)}</h1>
      <p class="lead">{translate(ctx.locale, error.messageKey, error.params)}</p>
      {phone && (
        <p>
          {ctx.t('public.limit.call')} <PhoneLink phone={phone} />
        </p>
      )}
      <p>{ctx.t('public.limit.noChange')}</p>
    </Layout>,
    error.status,
  );
}
