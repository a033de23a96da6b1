import type { FastifyInstance } from 'fastify';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { FicheService } from './fiche.service.ts';
import type { ActivitiesPort } from './ports.ts';
import { registerResourcesApi } from './resources.api.ts';
import { registerResourcesPages } from './resources.routes.tsx';

/** What the resource space offers to the app, the CLI (demo) and tests. */
export interface ResourcesModule {
  fiches: FicheService;
}

interface ProgrammeLike {
  list(actor: Actor, options: { includeArchived?: boolean }): Promise<{ id: string; title: string; archivedAt?: string | null }[]>;
}

/**
 * The activities module's programme seen through the port the resource space needs (titles of
 * the activities a fiche can be linked to). Read as the system: titles are not personal data.
 */
function asActivitiesPort(value: unknown): ActivitiesPort | undefined {
  const programme = (value as { programme?: Partial<ProgrammeLike> } | undefined)?.programme;
  if (typeof programme?.list !== 'function') return undefined;
  return {
    async listActivityChoices(centerId) {
      const activities = await (programme as ProgrammeLike).list(systemActor(centerId), { includeArchived: false });
      return activities.map((a) => ({ id: a.id, title: a.title }));
    },
  };
}

/**
 * The resource space: practical guides in plain French, public and searchable, printable in
 * large print, written by the team in Markdown and linked from the activities they go with.
 * Holds no personal data, so it registers nothing with ctx.personData.
 */
export async function registerResourcesModule(app: FastifyInstance, ctx: AppContext, deps: { activities?: unknown }): Promise<ResourcesModule> {
  const fiches = new FicheService(ctx, asActivitiesPort(deps.activities));
  const module: ResourcesModule = { fiches };
  // "Fiches utiles" on an activity's public page: its published fiches.
  ctx.activityResources.register(async (centerId, activityId) =>
    (await fiches.fichesOfActivity(centerId, activityId)).map((f) => ({ title: f.title, summary: f.summary, href: `/ressources/${f.slug}` })),
  );
  registerResourcesPages(app, module);
  registerResourcesApi(app, module);
  return module;
}
