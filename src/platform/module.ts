import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from './context.ts';

/**
 * A module is two things (ARCHITECTURE.md, CONTRIBUTING.md): its services, made by a plain
 * function from the platform and the services of the modules before it, and its routes, a
 * Fastify plugin registered with those services. app.ts makes one, then registers the other:
 *
 *   const activities = createActivitiesModule(ctx, { centre, people });
 *   await app.register(activitiesPlugin, { ctx, services: activities, deps: { people } });
 *
 * The plugin is encapsulated: what it adds (hooks, decorators) stays inside it; the platform's
 * hooks (access, CSRF, errors) reach its routes from the root.
 */
export interface ModuleOptions<Services, Deps = Record<never, never>> {
  ctx: AppContext;
  services: Services;
  deps: Deps;
}

export type ModulePlugin<Services, Deps = Record<never, never>> = FastifyPluginAsync<ModuleOptions<Services, Deps>>;
