/**
 * The team notice board: short posts (a title, a Markdown text rendered sanitised) that every
 * staff member of the centre sees, pinned ones first then the newest; a post may end on a day
 * (its last day shown) that cannot be in the past. Only coordinators and admins pin. Opening a
 * post records a read receipt (the first reading counts); its author and the coordinators see
 * who read it and who has not. Partners are not part of the team: they neither read nor count.
 *
 * The e-mail digest lists, for each team member, the current posts they have not read and
 * were never sent: daily by default (weekly on Mondays, or never, as the centre chooses), from
 * 8 h in Paris. A post goes at most once to a person (the digests table), and a person gets at
 * most one digest a day (the outbox's dedupe key): the job can run every hour, twice, or on
 * two instances at once.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { can } from '../../platform/auth/roles.ts';
import type { UserRow } from '../../platform/auth/auth.repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { renderMarkdown } from '../../platform/markdown.ts';
import { addDays, mondayOf, parisDate, utcToParis } from '../../platform/time.ts';
import * as repo from './notice-board.repository.ts';
import { DEFAULT_DIGEST, DIGEST_FREQUENCIES, DIGEST_HOUR, type DigestFrequency } from './notice-board.vocab.ts';

export interface NoticeInput {
  title: string;
  body: string;
  pinned: boolean;
  expiresOn: string | null;
}

export interface NoticeSummary extends repo.NoticeRow {
  authorName: string | null;
  read: boolean;
}

export interface Receipts {
  read: { userId: string; name: string; readAt: string }[];
  unread: { userId: string; name: string }[];
}

export interface NoticeDetail extends NoticeSummary {
  html: string;
  /** Who read it and who has not: for its author and the coordinators only, else null. */
  receipts: Receipts | null;
}

/** The longest a post may stay up. */
const MAX_DAYS_SHOWN = 366;

const isTeam = (u: UserRow) => u.active && u.role !== 'partner';

export class NoticeBoardService {
  constructor(private readonly ctx: AppContext) {}

  private get db() {
    return this.ctx.kysely;
  }

  today(): string {
    return parisDate(this.ctx.clock.now());
  }

  private async names(centerId: string): Promise<Map<string, UserRow>> {
    return new Map((await this.ctx.auth.listUsers(centerId)).map((u) => [u.id, u]));
  }

  async list(actor: Actor): Promise<NoticeSummary[]> {
    requirePermission(actor, 'team.notices');
    const [rows, users, read] = await Promise.all([
      repo.listCurrentNotices(this.db, actor.centerId, this.today()),
      this.names(actor.centerId),
      actor.userId ? repo.readIds(this.db, actor.centerId, actor.userId) : Promise.resolve(new Set<string>()),
    ]);
    return rows.map((n) => ({ ...n, authorName: n.authorId ? (users.get(n.authorId)?.displayName ?? null) : null, read: read.has(n.id) }));
  }

  /** How many current posts the actor has not read (the home page says so). */
  async unreadCount(actor: Actor): Promise<number> {
    return (await this.list(actor)).filter((n) => !n.read).length;
  }

  async post(actor: Actor, input: NoticeInput): Promise<repo.NoticeRow> {
    requirePermission(actor, 'team.notices');
    if (input.pinned) requirePermission(actor, 'team.notices.manage');
    const today = this.today();
    if (input.expiresOn !== null && input.expiresOn < today) throw invalid({ expiresOn: 'board.notice.expiryPast' });
    if (input.expiresOn !== null && input.expiresOn > addDays(today, MAX_DAYS_SHOWN)) throw invalid({ expiresOn: 'board.notice.expiryTooFar' });
    const now = this.ctx.clock.nowIso();
    const row: repo.NoticeRow = { id: newId(), centerId: actor.centerId, authorId: actor.userId, ...input, createdAt: now };
    await this.db.transaction().execute(async (trx) => {
      await repo.insertNotice(trx, row);
      // The author has read what they wrote: never "unread" for them, nor in their digest.
      if (actor.userId) await repo.markRead(trx, { centerId: actor.centerId, noticeId: row.id, userId: actor.userId, readAt: now });
    });
    return row;
  }

  /** Opens a post: records the actor's read receipt, answers the post and, when allowed, its receipts. */
  async open(actor: Actor, id: string): Promise<NoticeDetail> {
    requirePermission(actor, 'team.notices');
    const notice = isUuid(id) ? await repo.findNotice(this.db, actor.centerId, id) : undefined;
    if (!notice) throw notFound();
    if (actor.userId) await repo.markRead(this.db, { centerId: actor.centerId, noticeId: id, userId: actor.userId, readAt: this.ctx.clock.nowIso() });
    const users = await this.names(actor.centerId);
    const mayTrack = (actor.userId !== null && actor.userId === notice.authorId) || can(actor.role, 'team.notices.manage');
    return {
      ...notice,
      authorName: notice.authorId ? (users.get(notice.authorId)?.displayName ?? null) : null,
      read: true,
      html: renderMarkdown(notice.body),
      receipts: mayTrack ? await this.receipts(actor.centerId, id, users) : null,
    };
  }

  private async receipts(centerId: string, noticeId: string, users: Map<string, UserRow>): Promise<Receipts> {
    const reads = await repo.readsOf(this.db, centerId, noticeId);
    const readers = new Set(reads.map((r) => r.userId));
    const name = (id: string) => users.get(id)?.displayName ?? '';
    return {
      read: reads.map((r) => ({ userId: r.userId, name: name(r.userId), readAt: r.readAt })),
      unread: [...users.values()].filter((u) => isTeam(u) && !readers.has(u.id)).map((u) => ({ userId: u.id, name: u.displayName })),
    };
  }

  async digestFrequency(centerId: string): Promise<DigestFrequency> {
    const stored = await repo.digestFrequency(this.db, centerId);
    return DIGEST_FREQUENCIES.find((f) => f === stored) ?? DEFAULT_DIGEST;
  }

  async setDigestFrequency(actor: Actor, frequency: DigestFrequency): Promise<void> {
    requirePermission(actor, 'team.notices.manage');
    await repo.saveDigestFrequency(this.db, actor.centerId, frequency, this.ctx.clock.nowIso());
  }

  /** The scheduled job: queues each team member's digest when it is due; answers how many were queued. */
  async sendDigests(): Promise<number> {
    const now = this.ctx.clock.nowIso();
    const { date: today, time } = utcToParis(now);
    if (Number(time.slice(0, 2)) < DIGEST_HOUR) return 0;
    let queued = 0;
    for (const centerId of await repo.centresWithNotices(this.db)) {
      const frequency = await this.digestFrequency(centerId);
      if (frequency === 'never' || (frequency === 'weekly' && mondayOf(today) !== today)) continue;
      for (const user of (await this.ctx.auth.listUsers(centerId)).filter(isTeam)) {
        if (await this.digestFor(centerId, user, today, now)) queued += 1;
      }
    }
    return queued;
  }

  private async digestFor(centerId: string, user: UserRow, today: string, now: string): Promise<boolean> {
    const pending = await repo.undigested(this.db, centerId, user.id, today);
    if (pending.length === 0) return false;
    const links = pending.map((n) => `- ${n.title}\n  ${this.ctx.config.publicUrl}/equipe/annonces/${n.id}`).join('\n');
    return this.db.transaction().execute(async (trx) => {
      const sent = await this.ctx.outbox.queue({
        centerId, channel: 'email', recipient: user.email,
        subject: translate('fr', 'board.digest.subject', { count: pending.length }),
        body: translate('fr', 'board.digest.body', { name: user.displayName, count: pending.length, links, url: `${this.ctx.config.publicUrl}/equipe/annonces` }),
        // One digest a person a day; posts that arrive after it wait for the next one.
        dedupeKey: `team-notice-digest:${user.id}:${today}`, relatedType: 'team_notice_digest', relatedId: user.id, personId: null,
      }, trx);
      if (sent) await repo.markDigested(trx, centerId, user.id, pending.map((n) => n.id), now);
      return sent;
    });
  }
}
