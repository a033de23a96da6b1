import { forbidden } from '../errors.ts';
import type { Actor } from './actor.ts';
import { can, type Permission } from './roles.ts';

/**
 * A service's own check of the permission a use case needs: the actor's role has it, or 403.
 * Routes declare the same permission in their config (checked once by the access hook); the
 * services check again because the CLI, the scheduler and other modules call them directly.
 */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw forbidden();
}
