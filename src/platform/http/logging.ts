/**
 * What the request log may say about a URL. Secrets are for their recipient only, and a URL
 * carries some: the `jeton` of a reset or invitation link, and signed links
 * (`<payload>.<expiry>.<signature>`, see signLink) that open a resident's registration or
 * progress page. They are replaced before the URL reaches the log.
 */
const SECRET_PARAMS = /([?&](?:jeton|token|code)=)[^&#]*/gi;
const SIGNED_LINK = /[A-Za-z0-9_-]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43}/g;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[masqué]').replace(SIGNED_LINK, '[masqué]');
}

/** Fastify's request serializer, with the URL redacted. */
export function requestForLog(request: { method: string; url: string; hostname?: string; ip?: string; id?: string }) {
  return { method: request.method, url: redactUrl(request.url), hostname: request.hostname, remoteAddress: request.ip };
}
