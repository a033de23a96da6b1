/**
 * The resource space's practical guides (fiches). Rules owned here:
 * - a fiche is written in Markdown by the team (resources.manage) and shown as sanitised HTML:
 *   raw HTML is never rendered, so no fiche can carry a script to a resident's browser;
 * - a fiche is a draft until published; only published fiches are public (pages, API, search),
 *   and a draft's address answers 404 to anyone without resources.manage;
 * - its address (slug) is made from its first title, unique in the centre, and kept when the
 *   title changes, so that printed links and QR codes keep working;
 * - the search ignores accents, case and punctuation, and small words ("un", "le", "comment");
 *   it looks for fiches holding every word typed and, when none does, for those holding some;
 * - a fiche may be linked to activities of the programme: their public page lists it; and to
 *   modules of training pathways: the pathway's page and the learner's progress page list it
 *   (ctx.ficheLinks, read by the pathways module), published fiches only.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { can } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { foldText } from '../../platform/text.ts';
import * as repo from './fiche.repository.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import type { FicheLink, FicheSubject } from '../../platform/fiche-links.ts';
import type { ActivitiesPort, ActivityChoice, ModuleChoice, PathwaysPort } from './ports.ts';
import type { FicheInput, FichePatch } from './resources.schemas.ts';

export type { FicheRow } from './fiche.repository.ts';

export interface FicheView extends repo.FicheRow {
  /** The body as sanitised HTML. */
  html: string;
  activityIds: string[];
  /** The pathway modules it is given with. */
  moduleIds: string[];
}

export interface SearchResult {
  fiches: repo.FicheRow[];
  /** No fiche holds every word: these hold some of them. */
  partial: boolean;
}

// Words that say nothing about the subject: dropped from a search so that "comment reconnaître
// une arnaque par SMS" looks for "reconnaitre arnaque sms".
const SMALL_WORDS = new Set(
  ('a au aux avec c ce ces comment d de des du elle en est et il j je l la le les leur m ma mais me mes mon ne ou par pas pour qu que quel quelle qui s sa se ses son sur ta te tes ton tu un une vos votre vous y faire').split(' '),
);
const MAX_WORDS = 8;

/** The words of a text as the search compares them: folded, without punctuation. */
export function searchWords(text: string): string[] {
  return foldText(text).split(/[^a-z0-9]+/).filter(Boolean);
}

/** The words of a typed search worth looking for. */
export function queryWords(q: string): string[] {
  const words = [...new Set(searchWords(q))];
  const meaningful = words.filter((w) => !SMALL_WORDS.has(w));
  return (meaningful.length > 0 ? meaningful : words).slice(0, MAX_WORDS);
}

/** Addresses under /ressources/ that are not fiches (the images). */
const RESERVED_SLUGS = new Set(['images']);

function slugOf(title: string): string {
  return searchWords(title).join('-').slice(0, 80).replace(/-+$/, '') || 'fiche';
}

export class FicheService {
  constructor(
    private readonly ctx: AppContext,
    private readonly activities?: ActivitiesPort,
    private readonly pathways?: PathwaysPort,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  /** Published fiches of a centre (anyone). */
  listPublished(centerId: string): Promise<repo.FicheRow[]> {
    return repo.listFiches(this.db, centerId, { publishedOnly: true });
  }

  /** Every fiche, drafts included (the team's editor). */
  listAll(actor: Actor): Promise<repo.FicheRow[]> {
    requirePermission(actor, 'resources.manage');
    return repo.listFiches(this.db, actor.centerId, { publishedOnly: false });
  }

  /** Published fiches matching a typed search, best first; drafts too for the team. */
  async search(centerId: string, q: string, options: { includeDrafts?: boolean; limit?: number } = {}): Promise<SearchResult> {
    const words = queryWords(q);
    const base = { publishedOnly: !options.includeDrafts, limit: options.limit ?? 50 };
    let ids = await repo.searchFiches(this.db, this.ctx.db.dialect, centerId, words, { ...base, any: false });
    let partial = false;
    if (ids.length === 0 && words.length > 1) {
      ids = await repo.searchFiches(this.db, this.ctx.db.dialect, centerId, words, { ...base, any: true });
      partial = ids.length > 0;
    }
    return { fiches: await repo.listFichesByIds(this.db, centerId, ids), partial };
  }

  /** A published fiche by its address; a draft only for the team of its centre. */
  async publicBySlug(centerId: string, slug: string, actor: Actor | null): Promise<FicheView> {
    const fiche = slug.length <= 100 ? await repo.findFicheBySlug(this.db, centerId, slug) : undefined;
    if (!fiche || (fiche.status !== 'published' && !mayManage(actor, centerId))) throw notFound();
    return this.view(centerId, fiche);
  }

  /** A fiche by id: published ones for anyone, drafts for the team. */
  async get(centerId: string, id: string, actor: Actor | null): Promise<FicheView> {
    const fiche = isUuid(id) ? await repo.findFiche(this.db, centerId, id) : undefined;
    if (!fiche || (fiche.status !== 'published' && !mayManage(actor, centerId))) throw notFound();
    return this.view(centerId, fiche);
  }

  async create(actor: Actor, input: FicheInput): Promise<FicheView> {
    requirePermission(actor, 'resources.manage');
    await this.checkActivities(actor.centerId, input.activityIds);
    const moduleIds = input.moduleIds ?? [];
    await this.checkModules(actor.centerId, moduleIds);
    const id = newId();
    const now = this.ctx.clock.nowIso();
    await this.db.transaction().execute(async (trx) => {
      const base = slugOf(input.title);
      const taken = new Set(await repo.slugsStartingWith(trx, actor.centerId, base));
      let slug = base;
      for (let n = 2; taken.has(slug) || RESERVED_SLUGS.has(slug); n += 1) slug = `${base}-${n}`;
      await repo.insertFiche(trx, { id, centerId: actor.centerId, slug, status: 'draft', createdBy: actor.userId, createdAt: now, ...this.write(input) });
      await repo.replaceActivityLinks(trx, actor.centerId, id, input.activityIds.map((activityId) => ({ id: newId(), activityId })));
      await repo.replaceSubjectLinksOfFiche(trx, actor.centerId, id, 'pathway_module', moduleIds.map((subjectId) => ({ id: newId(), subjectId })));
    });
    return this.get(actor.centerId, id, actor);
  }

  async update(actor: Actor, id: string, patch: FichePatch): Promise<FicheView> {
    requirePermission(actor, 'resources.manage');
    const current = await this.get(actor.centerId, id, actor);
    if (patch.activityIds) await this.checkActivities(actor.centerId, patch.activityIds);
    if (patch.moduleIds) await this.checkModules(actor.centerId, patch.moduleIds);
    const merged = {
      title: patch.title ?? current.title,
      summary: patch.summary ?? current.summary,
      body: patch.body ?? current.body,
      level: patch.level ?? current.level,
      themes: patch.themes ?? current.themes,
      competences: patch.competences ?? current.competences,
    };
    const now = this.ctx.clock.nowIso();
    const status = patch.status ?? current.status;
    const publishedAt = status === 'published' ? (current.status === 'published' ? current.publishedAt : now) : null;
    await this.db.transaction().execute(async (trx) => {
      await repo.updateFiche(trx, actor.centerId, id, { ...this.write(merged), status, publishedAt, updatedAt: now });
      if (patch.activityIds) await repo.replaceActivityLinks(trx, actor.centerId, id, patch.activityIds.map((activityId) => ({ id: newId(), activityId })));
      if (patch.moduleIds) await repo.replaceSubjectLinksOfFiche(trx, actor.centerId, id, 'pathway_module', patch.moduleIds.map((subjectId) => ({ id: newId(), subjectId })));
    });
    return this.get(actor.centerId, id, actor);
  }

  setPublished(actor: Actor, id: string, published: boolean): Promise<FicheView> {
    return this.update(actor, id, { status: published ? 'published' : 'draft' });
  }

  /** The programme's activities a fiche can be linked to (empty without the activities module). */
  activityChoices(centerId: string): Promise<ActivityChoice[]> {
    return this.activities ? this.activities.listActivityChoices(centerId) : Promise.resolve([]);
  }

  /** The pathways' modules a fiche can be given with (empty without the pathways module). */
  moduleChoices(centerId: string): Promise<ModuleChoice[]> {
    return this.pathways ? this.pathways.listModuleChoices(centerId) : Promise.resolve([]);
  }

  /** The published fiches given with each subject (a pathway module, a visit report). */
  async fichesOfSubjects(centerId: string, subject: FicheSubject, subjectIds: readonly string[]): Promise<Map<string, FicheLink[]>> {
    const out = new Map<string, FicheLink[]>();
    for (const row of await repo.publishedFichesOfSubjects(this.db, centerId, subject, subjectIds)) {
      out.set(row.subjectId, [...(out.get(row.subjectId) ?? []), { title: row.title, href: `/ressources/${row.slug}` }]);
    }
    return out;
  }

  /** The published fiches to give at an activity (its public page). */
  fichesOfActivity(centerId: string, activityId: string): Promise<{ slug: string; title: string; summary: string }[]> {
    return repo.publishedFichesOfActivity(this.db, centerId, activityId);
  }

  /** Markdown as the page shows it, for the editor's preview (nothing is saved). */
  preview(body: string): string {
    return renderMarkdown(body);
  }

  private async view(centerId: string, fiche: repo.FicheRow): Promise<FicheView> {
    return {
      ...fiche, html: renderMarkdown(fiche.body),
      activityIds: await repo.activityIdsOfFiche(this.db, centerId, fiche.id),
      moduleIds: await repo.subjectIdsOfFiche(this.db, centerId, fiche.id, 'pathway_module'),
    };
  }

  private write(input: { title: string; summary: string; body: string; level: string; themes: readonly string[]; competences: readonly string[] }): repo.FicheWrite {
    return {
      title: input.title, summary: input.summary, body: input.body, level: input.level, themes: [...input.themes], competences: [...input.competences],
      searchTitle: searchWords(input.title).join(' '),
      searchText: searchWords(`${input.summary} ${input.body}`).join(' '),
    };
  }

  private async checkModules(centerId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const known = new Set((await this.moduleChoices(centerId)).map((m) => m.id));
    if (ids.some((id) => !known.has(id))) throw invalid({ moduleIds: 'resources.modules.unknown' });
  }

  private async checkActivities(centerId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const known = new Set((await this.activityChoices(centerId)).map((a) => a.id));
    if (ids.some((id) => !known.has(id))) throw invalid({ activityIds: 'resources.activities.unknown' });
  }
}

function mayManage(actor: Actor | null, centerId: string): boolean {
  return actor !== null && actor.centerId === centerId && can(actor.role, 'resources.manage');
}
