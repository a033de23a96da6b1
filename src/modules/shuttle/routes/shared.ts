// What the navette's route files share: the API's tag and the flash after a cancellation.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refusalOf } from '../../../platform/http/forms.ts';
import { redirectSeeOther, setFlash } from '../../../platform/http/request-context.ts';
import { t, type MessageKey } from '../../../platform/i18n/index.ts';

export const tags = ['Navette'];

/** Runs a cancellation and goes back to `back`, with the done message or the service's refusal (409) as flash. */
export async function cancelAndReturn(request: FastifyRequest, reply: FastifyReply, cancel: () => Promise<unknown>, done: MessageKey, back: string): Promise<FastifyReply> {
  try {
    await cancel();
    setFlash(reply, t(request.locale, done));
  } catch (error) {
    setFlash(reply, t(request.locale, refusalOf(error, { statuses: [409] }).error.messageKey as MessageKey));
  }
  return redirectSeeOther(reply, back);
}
