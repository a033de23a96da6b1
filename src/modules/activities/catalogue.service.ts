/**
 * The public catalogue: what residents see of the programme, without an account (the centre
 * comes from the request). Rules owned here:
 * - only published, not archived activities, and only their scheduled, upcoming sessions,
 *   soonest first, with the seats left; a filter by audience, place (a site or a commune),
 *   theme and first day;
 * - the catalogue is the same for every visitor: it is kept a few seconds, and dropped at
 *   once when the centre's programme, a registration or a site changes — in this process or,
 *   on PostgreSQL, in any other instance (the change bus). Registering always counts seats
 *   afresh, so a stale "2 places" can only lead to the waiting list.
 */
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { PublicCache } from '../../platform/public-cache.ts';
import * as repo from './activity.repository.ts';
import type { SessionWithActivity } from './activity.repository.ts';
import { toActivity, type Activity, type ProgrammeService } from './activity.service.ts';
import type { SiteInfo } from './ports.ts';
import { parseLocalDate, parisToUtc } from './schedule.ts';
import { compareFrench } from '../../platform/text.ts';

export interface CatalogueFilter {
  audience?: string;
  /** A site id or a commune INSEE code. */
  place?: string;
  theme?: string;
  from?: string;
}

export interface CatalogueEntry {
  activity: Activity;
  site: SiteInfo | null;
  sessions: (SessionWithActivity & { seatsLeft: number; siteId: string })[];
}

const CATALOGUE_CACHE_MS = 5_000;

export class CatalogueService {
  #catalogueCache: PublicCache<CatalogueEntry[]> | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly programme: ProgrammeService,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  async catalogue(centerId: string, filter: CatalogueFilter = {}, now = this.ctx.clock.now()): Promise<CatalogueEntry[]> {
    this.#catalogueCache ??= new PublicCache({
      bus: this.ctx.changes, topics: ['activities', 'centre'], clock: this.ctx.clock, ttlMs: CATALOGUE_CACHE_MS, maxEntries: 200,
    });
    const key = JSON.stringify([filter.audience, filter.place, filter.theme, filter.from]);
    return this.#catalogueCache.get(centerId, key, () => this.readCatalogue(centerId, filter, now));
  }

  private async readCatalogue(centerId: string, filter: CatalogueFilter, now: Date): Promise<CatalogueEntry[]> {
    const from = filter.from && parseLocalDate(filter.from) ? parisToUtc(parseLocalDate(filter.from)!, '00:00') : now.toISOString();
    const sites = await this.programme.siteMap(centerId);
    const sessions = await repo.listSessions(this.db, centerId, {
      from: from < now.toISOString() ? now.toISOString() : from,
      audience: filter.audience,
      theme: filter.theme,
      publishedOnly: true,
      scheduledOnly: true,
      limit: 1000,
    });
    const matchesPlace = (siteId: string) => {
      if (!filter.place) return true;
      const site = sites.get(siteId);
      return siteId === filter.place || site?.communeInsee === filter.place;
    };
    const visible = sessions.filter((s) => matchesPlace(s.siteId ?? s.activitySiteId));
    const counts = await repo.seatCounts(this.db, visible.map((s) => s.id));
    const byActivity = new Map<string, CatalogueEntry['sessions']>();
    for (const s of visible) {
      const list = byActivity.get(s.activityId) ?? [];
      list.push({ ...s, siteId: s.siteId ?? s.activitySiteId, seatsLeft: Math.max(0, s.capacity - counts.get(s.id)!.confirmed) });
      byActivity.set(s.activityId, list);
    }
    const rows = await repo.findActivities(this.db, centerId, [...byActivity.keys()]);
    const entries = rows.map((row) => {
      const activity = toActivity(row, []);
      return { activity, site: sites.get(activity.siteId) ?? null, sessions: byActivity.get(row.id)! };
    });
    // Soonest first: what a resident looks for is "what is on next, near me".
    return entries.sort((a, b) => a.sessions[0]!.startsAt.localeCompare(b.sessions[0]!.startsAt) || compareFrench(a.activity.title, b.activity.title));
  }

  /** A published activity of the centre with its upcoming sessions; 404 otherwise. */
  async publicActivity(centerId: string, id: string, now = this.ctx.clock.now()): Promise<CatalogueEntry> {
    const activity = await this.programme.load(centerId, id);
    if (!activity.published || activity.archivedAt) throw notFound();
    const sites = await this.programme.siteMap(centerId);
    const rows = await repo.listSessionsOfActivity(this.db, centerId, id, { from: now.toISOString(), scheduledOnly: true });
    const sessions = await this.programme.withSeats(rows, activity);
    return {
      activity,
      site: sites.get(activity.siteId) ?? null,
      sessions: sessions.map((s) => ({
        ...s,
        title: activity.title, kind: activity.kind, audience: activity.audience, theme: activity.theme, level: activity.level,
        activitySiteId: activity.siteId, registrationMode: activity.registrationMode, priceCents: activity.priceCents,
      })),
    };
  }
}
