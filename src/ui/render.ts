import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { translator } from '../platform/i18n/index.ts';
import type { ViewContext } from './view-context.ts';

export function viewContext(request: FastifyRequest): ViewContext {
  return {
    t: translator(request.locale),
    locale: request.locale,
    actor: request.actor,
    centre: request.centre,
    csrfToken: request.csrfToken,
    lisible: request.lisible,
    path: request.url,
    flash: request.flash,
    now: request.server.ctx.clock.now(),
  };
}

/** Renders a page component to a full HTML document. */
export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>${renderToString(page)}`);
}
