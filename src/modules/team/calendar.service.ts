/**
 * A member's personal calendar feed. Rules owned here:
 * - the address holds a random token; only its SHA-256 is stored, so the address is shown
 *   once, to its owner, when it is made (never again, never to other staff, never in the logs,
 *   backups or the outbox); making a new one revokes the old one;
 * - the feed lists the member's assignments from a month back to a year ahead, in
 *   Europe/Paris with its VTIMEZONE (platform/ical.ts); a deactivated account's feed is gone.
 */
import { asBool } from '../../db/kysely.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { buildCalendar } from '../../platform/ical.ts';
import { newId } from '../../platform/ids.ts';
import * as repo from './team.repository.ts';
import { isTeamRole } from './team.model.ts';

const PAST_DAYS = 31;
const AHEAD_DAYS = 366;
const DAY_MS = 86_400_000;

export class CalendarService {
  constructor(private readonly ctx: AppContext) {}

  private get db() {
    return this.ctx.kysely;
  }

  private own(actor: Actor): string {
    if (!actor.userId || actor.via !== 'session' || !isTeamRole(actor.role)) throw forbidden();
    return actor.userId;
  }

  /** When the actor's current address was made, or null before they made one. */
  async madeAt(actor: Actor): Promise<string | null> {
    const row = await repo.findCalendarTokenOfUser(this.db, actor.centerId, this.own(actor));
    return row?.createdAt ?? null;
  }

  /** A new address for the actor (the previous one stops working); the only time it is given. */
  async renew(actor: Actor): Promise<string> {
    const userId = this.own(actor);
    const token = randomToken(32);
    const id = newId();
    await repo.replaceCalendarToken(this.db, { id, centerId: actor.centerId, userId, tokenHash: sha256(token), createdAt: this.ctx.clock.nowIso() });
    await audit(this.db, this.ctx.clock, actor, 'grant', 'team_calendar', id);
    return `${this.ctx.config.publicUrl}/calendrier/${token}.ics`;
  }

  /** The feed of the address's owner; 404 for an unknown, revoked or deactivated one. */
  async feed(token: string): Promise<string> {
    if (!/^[\w-]{20,100}$/.test(token)) throw notFound();
    const found = await repo.findCalendarToken(this.db, sha256(token));
    if (!found || !asBool(found.active)) throw notFound();
    const now = this.ctx.clock.now().getTime();
    const rows = await repo.listAssignments(this.db, found.centerId, {
      userId: found.userId,
      from: new Date(now - PAST_DAYS * DAY_MS).toISOString(),
      to: new Date(now + AHEAD_DAYS * DAY_MS).toISOString(),
    });
    const events = rows.map((a) => ({
      id: a.id,
      kind: 'assignment' as const,
      title: a.title,
      location: a.place,
      url: `${this.ctx.config.publicUrl}/ma-semaine?semaine=${a.day}`,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      cancelled: a.cancelledAt !== null,
      sequence: a.sequence,
      updatedAt: a.updatedAt,
    }));
    return buildCalendar(translate('fr', 'team.calendar.feedName', { name: found.displayName }), events, 'equipe');
  }
}
