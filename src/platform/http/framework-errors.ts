import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { translate } from '../i18n/index.ts';
import { renderErrorPage } from '../../ui/error-page.tsx';
import { isApiRequest } from './request-context.ts';
import { securityHeaders, sendSecurityHeaders } from './security.ts';

/** The answer to errors Fastify raises before any hook runs: a bad address or an over-long segment. */
export function frameworkErrorHandler(production: boolean) {
  const headers = securityHeaders(production);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // No onRequest hook ran, so helmet did not either: the page carries our headers all the same.
    // (Fastify makes this request without the trust-proxy getters: behind a proxy it reads as
    // plain HTTP, so these few pages go without HSTS, which the browser keeps from the others.)
    sendSecurityHeaders(request, reply, headers);
    const appError =
      error.code === 'FST_ERR_BAD_URL'
        ? new AppError(400, 'bad_url', 'errors.badUrl')
        : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new AppError(414, 'uri_too_long', 'errors.uriTooLong')
          : new AppError(400, 'bad_request', 'errors.badRequest');
    if (isApiRequest(request)) {
      return reply
        .code(appError.status)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ error: appError.code, message: translate('fr', appError.messageKey), fields: {} });
    }
    return renderErrorPage(request, reply, appError.status, appError.messageKey);
  };
}

const clientErrors: Record<string, { status: number; reason: string; code: string; messageKey: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'Request Header Fields Too Large', code: 'headers_too_large', messageKey: 'errors.headersTooLarge' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'Request Timeout', code: 'timeout', messageKey: 'errors.timeout' },
};
const badRequest = { status: 400, reason: 'Bad Request', code: 'bad_request', messageKey: 'errors.badRequest' };

/**
 * Node's HTTP parser refuses a request (headers too large, garbage) before Fastify sees it and
 * hands us the raw socket: we write a complete small French answer ourselves, HTML for people
 * and JSON for `/api/…`, with the security headers of our pages.
 */
export function clientErrorHandler(production: boolean) {
  // Not HSTS: from a bare socket, what a proxy said about the scheme cannot be read.
  const headers = securityHeaders(production).always;
  return function onClientError(this: FastifyInstance, error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const known = clientErrors[error.code ?? ''] ?? badRequest;
    this.log.debug({ err: error }, 'client error');
    // The start of what the client sent, when Node kept it, tells a page from the API.
    const requestLine = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.subarray(0, 64).toString('latin1') : '';
    const api = /^[A-Z]+ \/api\//.test(requestLine);
    const message = translate('fr', known.messageKey);
    const body = api
      ? JSON.stringify({ error: known.code, message, fields: {} })
      : errorDocument(translate('fr', 'errors.title'), message, translate('fr', 'nav.home'));
    const head = [
      `HTTP/1.1 ${known.status} ${known.reason}`,
      `Content-Type: ${api ? 'application/json' : 'text/html'}; charset=utf-8`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Cache-Control: no-store',
      'Connection: close',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    if (socket.writable) socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
    socket.destroy(error);
  };
}

/**
 * A whole page without the layout: nothing of the request (cookies, centre) can be trusted here.
 * Only catalogue text goes in, never anything the client sent, so there is nothing to escape.
 */
function errorDocument(title: string, message: string, home: string): string {
  return `<!doctype html><html lang="fr" data-theme="light"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – Lieudit</title><link rel="stylesheet" href="/static/app.css"></head><body class="public"><main class="container"><h1>${title}</h1><p class="lead">${message}</p><p><a href="/">${home}</a></p></main></body></html>`;
}
