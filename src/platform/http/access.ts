import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.ts';
import { can, PERMISSIONS, ROLES, type Permission, type Role } from '../auth/roles.ts';
import { AppError, forbidden, unauthenticated } from '../errors.ts';

/**
 * Who may use a route. Every route says so in its config, and one hook (below) enforces it
 * before the handler runs: handlers never check a role themselves, they read the actor with
 * `actorOf`. The role × route matrix test reads the same declarations (app.routeList).
 *
 *   config: { permission: 'activities.manage' }   signed-in staff whose role holds it
 *   config: { access: 'staff' }                    any signed-in staff member
 *   config: { access: 'public' }                   anyone, signed in or not
 *   config: { access: 'public', permission: P }    anyone anonymous; a signed-in caller needs P
 *                                                  (a resident's form that staff also use)
 *   config: { access: 'kiosk' }                    only a kiosk browser (platform/http/kiosk.ts)
 *   config: { access: 'staff', serviceChecks: P }  any staff reaches the handler; the service
 *                                                  admits holders of P and the exception it
 *                                                  documents (a staff member's own training)
 */
export type AccessLevel = 'public' | 'staff' | 'kiosk';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
    access?: AccessLevel;
    serviceChecks?: Permission;
  }
}

export interface RouteAccess {
  permission?: Permission;
  access?: AccessLevel;
  /** The permission the service asks for, beside an exception only it can see (not checked here). */
  serviceChecks?: Permission;
}

/** Who a declaration lets in: roles, and `anonymous` for a caller without an account. */
export type Who = Role | 'anonymous';

/** Reads the declaration from a route's config; null when the route declares nothing. */
export function accessOf(config: unknown): RouteAccess | null {
  const c = (config ?? {}) as RouteAccess;
  if (c.permission === undefined && c.access === undefined) return null;
  return { permission: c.permission, access: c.access, serviceChecks: c.serviceChecks };
}

/** The callers a declaration admits (the role matrix compares answers with this). */
export function admitted(declared: RouteAccess): readonly Who[] {
  if (declared.access === 'kiosk') return [];
  const permission = declared.permission ?? declared.serviceChecks;
  const roles: readonly Role[] = permission ? PERMISSIONS[permission] : ROLES;
  return declared.access === 'public' ? [...roles, 'anonymous'] : roles;
}

/**
 * Refuses the request when its caller may not use the route: anonymous → 401 (the error
 * handler turns it into the sign-in redirect for pages), wrong role → 403. Runs as a
 * preHandler, after the CSRF check, like the handlers' own checks it replaces.
 */
export function checkAccess(request: FastifyRequest, declared: RouteAccess | null): void {
  // An undeclared route is refused: forgetting the declaration never opens a route.
  if (!declared) throw forbidden();
  if (declared.access === 'kiosk') {
    // Without the kiosk cookie: sign in (anonymous), or not for you (signed-in staff).
    if (!request.kiosk) throw request.actor ? new AppError(403, 'forbidden', 'errors.kioskOnly') : unauthenticated();
    return;
  }
  const actor = request.actor;
  // A federation's API token is a program reading the federation's figures: the routes that
  // ask for federation.read, and nothing else (no public page, no account page, no token page).
  if (actor && isFederationToken(actor) && declared.permission !== 'federation.read') throw forbidden();
  if (declared.access === 'public' && (!actor || !declared.permission)) return;
  if (!actor) throw unauthenticated();
  if (declared.permission && !can(actor.role, declared.permission)) throw forbidden();
}

/** A federation's API token (src/platform/auth/auth.service.ts), not its signed-in account. */
export function isFederationToken(actor: Actor): boolean {
  return actor.via === 'token' && actor.role === 'federation_admin';
}

/** Installs the one access check on every route registered after it. */
export function registerAccessControl(app: FastifyInstance): void {
  // A plain check, no promise: it runs on every request.
  app.addHook('preHandler', (request, _reply, done) => {
    // No route matched: the not-found handler answers, there is nothing to guard.
    if (!request.is404) checkAccess(request, accessOf(request.routeOptions.config));
    done();
  });
}

/**
 * The signed-in actor of a route declared with a permission or `staff` access: the access
 * hook has already refused anyone else, so this only narrows the type (and still refuses,
 * should a public route call it for an anonymous visitor).
 */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** Route options for a page (hidden from the OpenAPI document) with its access. */
export function page(access: Permission | AccessLevel | RouteAccess, extra: { config?: Record<string, unknown> } = {}) {
  const declared: RouteAccess = typeof access === 'object' ? access : access === 'public' || access === 'staff' || access === 'kiosk' ? { access } : { permission: access };
  return { schema: { hide: true }, config: { ...extra.config, ...declared } } as const;
}
