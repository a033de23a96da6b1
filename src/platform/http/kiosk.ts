import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A kiosk: a device a staff member hands to someone for one task (a quiz on a tablet). The
 * browser then holds a signed kiosk cookie instead of the staff session (which is ended): it
 * opens only the pages under `prefix`, every other route refuses it, and only the staff
 * member's password turns it back into their session. Modules own the pages; this file owns
 * the cookie and the fence.
 */
export const KIOSK_COOKIE = 'lieudit_kiosk';

export interface Kiosk {
  /** The staff member who handed the device over, whose password ends the kiosk. */
  userId: string;
  centerId: string;
  /** What the kiosk is bound to (a quiz attempt's id). */
  ref: string;
  /** Path prefix of the only pages it opens, e.g. "/kiosque/". */
  prefix: string;
  /** Where it starts, and where a refused page points back to. */
  home: string;
}

// Reading mode stays available to the person holding the tablet; static files are needed to draw pages.
const ALWAYS_OPEN = ['/static/', '/preferences/lisible'];
const MAX_AGE_SECONDS = 4 * 3600;

export function kioskAllows(kiosk: Kiosk, url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return path.startsWith(kiosk.prefix) || ALWAYS_OPEN.some((p) => path.startsWith(p));
}

export function readKiosk(request: FastifyRequest): Kiosk | null {
  const raw = request.cookies[KIOSK_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  try {
    const k = JSON.parse(unsigned.value) as Partial<Kiosk>;
    if ([k.userId, k.centerId, k.ref, k.prefix, k.home].every((v) => typeof v === 'string' && v.length > 0) && k.prefix!.startsWith('/')) return k as Kiosk;
  } catch {
    // A damaged cookie is no kiosk; the staff session it replaced is gone anyway.
  }
  return null;
}

export function startKiosk(reply: FastifyReply, kiosk: Kiosk, secure: boolean): void {
  reply.setCookie(KIOSK_COOKIE, JSON.stringify(kiosk), { signed: true, path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: MAX_AGE_SECONDS });
}

export function endKiosk(reply: FastifyReply): void {
  reply.clearCookie(KIOSK_COOKIE, { path: '/' });
}
