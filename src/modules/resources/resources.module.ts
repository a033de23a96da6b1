import type { FastifyInstance } from 'fastify';
import { systemActor, type Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { FicheImageService } from './fiche-image.service.ts';
import { FichesGivenService } from './fiche-given.service.ts';
import { FicheService } from './fiche.service.ts';
import { registerGivenPages } from './given.routes.tsx';
import { registerImageUploads } from './image.routes.tsx';
import type { ActivitiesPort, PathwaysPort, VisitChoice, VisitsPort } from './ports.ts';
import { registerResourcesApi } from './resources.api.ts';
import { registerResourcesPages } from './resources.routes.tsx';

/** What the resource space offers to the app, the CLI (demo) and tests. */
export interface ResourcesModule {
  fiches: FicheService;
  images: FicheImageService;
  given: FichesGivenService;
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

interface PathwaysLike {
  list(actor: Actor, options: { includeArchived?: boolean }): Promise<{ id: string; title: string }[]>;
  detail(centerId: string, id: string): Promise<{ title: string; modules: { id: string; title: string }[] }>;
}

/** The pathways' modules (titles only, read as the system), to give a fiche with one. */
function asPathwaysPort(value: unknown): PathwaysPort | undefined {
  const pathways = (value as { pathways?: Partial<PathwaysLike> } | undefined)?.pathways;
  if (typeof pathways?.list !== 'function' || typeof pathways.detail !== 'function') return undefined;
  const service = pathways as PathwaysLike;
  return {
    async listModuleChoices(centerId) {
      const list = await service.list(systemActor(centerId), { includeArchived: false });
      const details = await Promise.all(list.map((p) => service.detail(centerId, p.id)));
      return details.flatMap((p) => p.modules.map((m) => ({ id: m.id, title: `${p.title} — ${m.title}` })));
    },
  };
}

interface ReportsLike {
  find(actor: Actor, id: string): Promise<VisitChoice>;
  ofPerson(actor: Actor, personId: string): Promise<VisitChoice[]>;
}

/** The navette's visit reports, read as the acting staff member (the navette checks who sees whom). */
function asVisitsPort(value: unknown): VisitsPort | undefined {
  const reports = (value as { reports?: Partial<ReportsLike> } | undefined)?.reports;
  if (typeof reports?.find !== 'function' || typeof reports.ofPerson !== 'function') return undefined;
  const service = reports as ReportsLike;
  const choice = (r: VisitChoice): VisitChoice => ({ id: r.id, requestId: r.requestId, personId: r.personId, writtenAt: r.writtenAt });
  return {
    visit: async (actor, id) => choice(await service.find(actor, id)),
    visitsOfPerson: async (actor, personId) => (await service.ofPerson(actor, personId)).map(choice),
  };
}

/**
 * The resource space: practical guides in plain French, public and searchable, printable in
 * large print, written by the team in Markdown (with images kept in the database) and linked
 * from the activities they go with.
 * Holds no personal data of its own (the fiches given at a visit name the visit report, whose
 * person the navette exports, merges and erases), so it registers nothing with ctx.personData.
 */
export async function registerResourcesModule(app: FastifyInstance, ctx: AppContext, deps: { activities?: unknown; pathways?: unknown; shuttle?: unknown }): Promise<ResourcesModule> {
  const fiches = new FicheService(ctx, asActivitiesPort(deps.activities), asPathwaysPort(deps.pathways));
  const module: ResourcesModule = { fiches, images: new FicheImageService(ctx), given: new FichesGivenService(ctx, asVisitsPort(deps.shuttle)) };
  await registerImageUploads(app);
  // "Fiches utiles" on an activity's public page: its published fiches.
  ctx.activityResources.register(async (centerId, activityId) =>
    (await fiches.fichesOfActivity(centerId, activityId)).map((f) => ({ title: f.title, summary: f.summary, href: `/ressources/${f.slug}` })),
  );
  // The fiches given with a pathway's modules (and, later, a visit report): the pathways' pages list them.
  ctx.ficheLinks.register((centerId, subject, ids) => fiches.fichesOfSubjects(centerId, subject, ids));
  ctx.ficheLinks.provideChooser((subject, id) => (subject === 'visit_report' ? `/fiches-pratiques/visites/${id}` : '/fiches-pratiques'));
  // "Fiches données" in a person's file: those given at the navette's visits.
  ctx.personLinks.register({ label: 'resources.person.link', href: (personId) => `/fiches-pratiques/personnes/${personId}`, permission: 'shuttle.requests' });
  registerResourcesPages(app, module);
  registerGivenPages(app, module);
  registerResourcesApi(app, module);
  return module;
}
