/**
 * What the request log may say about a URL. Secrets are for their recipient only, and a URL
 * carries some: signed links (`<payload>.<expiry>.<signature>`, see signLink) that open a
 * resident's registration or progress page are replaced in the path, and so is the token of a
 * team member's calendar address (the team's `/calendrier/…` and the programme's `/agenda/…`). Query values are personal
 * data as often as not (a searched name, an e-mail address, a phone number, the `jeton` of a
 * reset link, a list cursor holding a name): every value is masked, the parameter names stay.
 */
import { isIPv6 } from 'node:net';

const SIGNED_LINK = /[A-Za-z0-9_-]+\.[0-9a-z]+\.[A-Za-z0-9_-]{43}/g;
/** A personal calendar address (`/calendrier/<token>.ics`, `/agenda/<token>.ics`): the token is the whole secret. */
const CALENDAR_TOKEN = /(?<=^\/(calendrier|agenda)\/)[^/?]+/;
const MASK = '[masqué]';

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q === -1 ? url : url.slice(0, q)).replace(SIGNED_LINK, MASK).replace(CALENDAR_TOKEN, MASK);
  if (q === -1) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? pair : `${pair.slice(0, eq)}=${MASK}`;
    })
    .join('&');
  return `${path}?${query}`;
}

/**
 * The client's address as the log may keep it: its network, not the device. A full address
 * identifies a household's connection (personal data for the CNIL); the network (/24 in IPv4,
 * /48 in IPv6) is enough to see where an attack comes from. IPv4 in IPv6 notation is read as
 * IPv4; anything else is not logged.
 */
export function networkOf(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!isIPv6(ip)) return undefined;
  const [head = ''] = ip.split('::');
  const groups = head.split(':').filter(Boolean);
  const full = ip.includes('::') ? [...groups, '0', '0', '0'].slice(0, 3) : groups.slice(0, 3);
  return `${full.join(':')}::/48`;
}

/** Fastify's request serializer, with the URL redacted and the client's address cut to its network. */
export function requestForLog(request: { method: string; url: string; hostname?: string; ip?: string; id?: string }) {
  return { method: request.method, url: redactUrl(request.url), hostname: request.hostname, remoteNetwork: networkOf(request.ip) };
}
