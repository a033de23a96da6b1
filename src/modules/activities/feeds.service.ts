/**
 * Calendar feeds. The public programme needs no login; a staff member's own sessions are
 * behind a private address whose token is derived from a stored row (so the page can show it
 * again) and only its hash is looked up; making a new address revokes the old one.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { asBool } from '../../db/kysely.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { hmac, sha256 } from '../../platform/crypto.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import * as repo from './activity.repository.ts';
import { formatPlace } from './activity.format.ts';
import { partnerSummary, speakerSummary, type ProgrammeService } from './activity.service.ts';
import { translate } from '../../platform/i18n/index.ts';
import { buildCalendar, type CalendarEvent } from '../../platform/ical.ts';

/** Feeds show from a month back to a year ahead. */
const PAST_DAYS = 31;

export class FeedService {
  constructor(
    private readonly ctx: AppContext,
    private readonly programme: ProgrammeService,
  ) {}

  private get db() {
    return this.ctx.kysely;
  }

  private async events(centerId: string, rows: repo.SessionWithActivity[], staff: boolean): Promise<CalendarEvent[]> {
    const sites = await this.programme.siteMap(centerId);
    return rows.map((s) => {
      const site = sites.get(s.siteId ?? s.activitySiteId);
      const speakers = speakerSummary(s.speakers ?? null);
      const partners = partnerSummary(s.partners ?? null);
      return {
        id: s.id,
        kind: 'session',
        title: s.title,
        description: [
          speakers ? `${translate('fr', 'activities.page.speakers')} : ${speakers}` : '',
          partners ? `${translate('fr', 'activities.page.partners')} : ${partners}` : '',
        ].filter(Boolean).join('\n'),
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        location: site ? formatPlace(site) : '',
        url: `${this.ctx.config.publicUrl}${staff ? `/seances/${s.id}` : `/activites/${s.activityId}`}`,
        cancelled: s.status === 'cancelled',
        sequence: s.sequence,
        updatedAt: s.updatedAt,
      };
    });
  }

  /** The public programme (published activities), optionally for one site or audience. */
  async publicFeed(centerId: string, filter: { siteId?: string; audience?: string } = {}, now = this.ctx.clock.now()): Promise<string> {
    const centre = await findCentreById(this.db, centerId);
    let rows = await repo.listSessions(this.db, centerId, {
      from: new Date(now.getTime() - PAST_DAYS * 86_400_000).toISOString(),
      to: new Date(now.getTime() + 366 * 86_400_000).toISOString(),
      audience: filter.audience,
      publishedOnly: true,
      limit: 2000,
    });
    if (filter.siteId) rows = rows.filter((s) => (s.siteId ?? s.activitySiteId) === filter.siteId);
    return buildCalendar(centre?.name ?? 'Lieudit', await this.events(centerId, rows, false));
  }

  private tokenOf(rowId: string): string {
    return hmac(this.ctx.config.secret, `calendar:${rowId}`);
  }

  /** The actor's private feed address, or null before they asked for one. */
  async feedUrl(actor: Actor): Promise<string | null> {
    requirePermission(actor, 'activities.read');
    // A private feed is a staff member's own: an API token or the system has no user.
    if (!actor.userId) throw forbidden();
    const row = await repo.findCalendarTokenOfUser(this.db, actor.centerId, actor.userId);
    return row ? `${this.ctx.config.publicUrl}/agenda/${this.tokenOf(row.id)}.ics` : null;
  }

  /** A new private address (the previous one stops working). */
  async renewFeed(actor: Actor): Promise<string> {
    requirePermission(actor, 'activities.read');
    // A private feed is a staff member's own: an API token or the system has no user.
    if (!actor.userId) throw forbidden();
    const id = newId();
    await repo.replaceCalendarToken(this.db, { id, centerId: actor.centerId, userId: actor.userId, tokenHash: sha256(this.tokenOf(id)), createdAt: this.ctx.clock.nowIso() });
    return `${this.ctx.config.publicUrl}/agenda/${this.tokenOf(id)}.ics`;
  }

  /** A staff member's sessions (a coordinator's: the whole programme) by their private token; 404 once revoked. */
  async personalFeed(token: string, now = this.ctx.clock.now()): Promise<string> {
    if (!/^[\w-]{20,100}$/.test(token)) throw notFound();
    const found = await repo.findCalendarToken(this.db, sha256(token));
    if (!found || !asBool(found.active)) throw notFound();
    const rows = await repo.listSessions(this.db, found.centerId, {
      from: new Date(now.getTime() - PAST_DAYS * 86_400_000).toISOString(),
      to: new Date(now.getTime() + 366 * 86_400_000).toISOString(),
      // Coordinators run the whole programme; everyone else sees the sessions they lead.
      facilitatorId: found.role === 'admin' || found.role === 'coordinator' ? undefined : found.userId,
      limit: 2000,
    });
    return buildCalendar(`Mes séances – ${found.displayName}`, await this.events(found.centerId, rows, true));
  }
}
