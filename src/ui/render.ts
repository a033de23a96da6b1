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
  // Sent as UTF-8 bytes: a French page (’, «, é…) is a two-byte string in V8, which Node would
  // otherwise measure, join to the headers and encode again, each time copying the whole page.
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(Buffer.from(`<!doctype html>${renderToString(page)}`, 'utf8'));
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

/**
 * A page made with sharedViewContext, kept as UTF-8 bytes cut at the marks: what is sent to a
 * visitor is these bytes with the visitor's own token and address in between, joined in one
 * copy (no search through the page, no re-encoding of it, at each request).
 */
export interface SharedPage {
  /** The bytes between the marks: one more than `marks`. */
  parts: Buffer[];
  marks: ('csrf' | 'path')[];
}

const MARKS = new RegExp(`(${CSRF_MARK}|${PATH_MARK})`);

/** Renders a page made with sharedViewContext, to keep. */
export function renderSharedPage(page: VNode): SharedPage {
  const pieces = `<!doctype html>${renderToString(page)}`.split(MARKS);
  const parts: Buffer[] = [];
  const marks: SharedPage['marks'] = [];
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) parts.push(Buffer.from(piece, 'utf8'));
    else marks.push(piece === CSRF_MARK ? 'csrf' : 'path');
  });
  return { parts, marks };
}

/** Sends a kept shared page with this visitor's token and address in place of the marks. */
export function sendSharedPage(request: FastifyRequest, reply: FastifyReply, page: SharedPage): FastifyReply {
  const chunks: Buffer[] = [page.parts[0]!];
  let token: Buffer | undefined;
  let path: Buffer | undefined;
  for (let i = 0; i < page.marks.length; i++) {
    chunks.push(page.marks[i] === 'csrf' ? (token ??= Buffer.from(request.csrfToken, 'utf8')) : (path ??= Buffer.from(escapeAttribute(request.url), 'utf8')), page.parts[i + 1]!);
  }
  return reply.code(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(Buffer.concat(chunks));
}

/** As preact escapes attribute values. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
