import type { FastifyInstance } from 'fastify';

/**
 * Registers a module as a Fastify plugin of its own (encapsulated: hooks or decorators it adds
 * stay inside it, while the platform's root hooks — access, CSRF, errors, rate limits — reach
 * its routes) and answers the services it makes, which app.ts hands to the modules after it:
 *
 *   const activities = await registerModule(app, 'activities', (scope) => registerActivitiesModule(scope, ctx, { centre, people }));
 */
export async function registerModule<Services>(app: FastifyInstance, name: string, register: (scope: FastifyInstance) => Promise<Services>): Promise<Services> {
  let services: { value: Services } | undefined;
  const plugin = async (scope: FastifyInstance) => {
    services = { value: await register(scope) };
  };
  Object.defineProperty(plugin, 'name', { value: `lieudit-${name}` });
  await app.register(plugin);
  if (!services) throw new Error(`module ${name} did not register`);
  return services.value;
}
