import { randomBytes } from 'node:crypto';
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
    // A federation's account is hosted by a centre but is not of it: its pages name no centre.
    centre: request.actor?.role === 'federation_admin' ? null : request.centre,
    csrfToken: request.csrfToken,
    lisible: request.lisible,
    path: request.url,
    flash: request.flash,
    now: request.server.ctx.clock.now(),
    mapTiles: request.server.ctx.config.mapTiles ?? null,
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

// Stand-ins for what differs between two anonymous visitors of the same page: their form token
// (the CSRF cookie is per browser) and the address they asked for (the "retour" of the lisible
// switch). Random per process, so no content can forge them.
const CSRF_MARK = `csrf${randomBytes(12).toString('hex')}`;
const PATH_MARK = `path${randomBytes(12).toString('hex')}`;

/**
 * The view context of a page shared by every anonymous visitor (cached): no actor, no flash,
 * and marks where the visitor's own token and address go (see fillSharedPage).
 */
export function sharedViewContext(request: FastifyRequest): ViewContext {
  return { ...viewContext(request), actor: null, flash: null, csrfToken: CSRF_MARK, path: PATH_MARK };
}

/** Whether a request may be answered with a shared page: anonymous, no message to show, no kiosk. */
export function mayShare(request: FastifyRequest): boolean {
  return request.actor === null && request.flash === null && request.kiosk === null && request.method === 'GET';
}

/** Renders a page made with sharedViewContext, to keep. */
export function renderSharedPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** Sends a kept shared page with this visitor's token and address in place of the marks. */
export function sendSharedPage(request: FastifyRequest, reply: FastifyReply, html: string): FastifyReply {
  const filled = html.replaceAll(CSRF_MARK, request.csrfToken).replaceAll(PATH_MARK, escapeAttribute(request.url));
  return reply.code(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(filled);
}

/** As preact escapes attribute values. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
