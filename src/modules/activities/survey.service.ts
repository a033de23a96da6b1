/**
 * The satisfaction survey after a session ("Votre avis"). Rules owned here:
 * - it is on for information times by default and can be switched on for any activity;
 * - once a session has ended, each registration marked present gets one message with a
 *   personal link (a scheduler job, once per registration: a unique invitation and the outbox
 *   dedupe key), only on a channel the person agreed to; the link is random, only its hash is
 *   kept, it is hidden from staff in the outbox and it lasts 30 days after the session;
 * - a registration answers once (a unique index): a second answer changes nothing and the page
 *   says the first one is recorded; a bad or expired link is 404;
 * - staff who mark attendance enter what was collected on paper for a session (a count per
 *   face and the comments); entering it again replaces the previous paper entry;
 * - results are aggregates only — counts per face, average, answers against persons present,
 *   the comments in alphabetical order, never with a name, a time or a face beside them — and
 *   the detail shows from 3 answers on, so that nobody's answer can be told apart;
 * - erasing a person deletes their invitations and the words of their answers; the face they
 *   chose stays, tied to no one, as a statistic. Their export says which surveys were sent and
 *   whether they answered, not what: the answer was promised anonymous to the team.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { seesAllPersons } from '../../platform/auth/roles.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, forbidden, invalid } from '../../platform/errors.ts';
import { translate } from '../../platform/i18n/index.ts';
import { newId } from '../../platform/ids.ts';
import { SECRET_MARK } from '../../platform/outbox/outbox.service.ts';
import { compareFrench } from '../../platform/text.ts';
import { findCentreById } from '../../platform/tenancy.ts';
import { formatSession } from './activity.format.ts';
import type { SessionDetail } from './activity.service.ts';
import { SURVEY_COMMENT_MAX, SURVEY_RATINGS } from './activity.schemas.ts';
import { RegistrationUseCase } from './registration.model.ts';
import * as repo from './survey.repository.ts';

/** Invitations go for sessions that ended in the last week (a late attendance mark still counts). */
const INVITE_WITHIN_DAYS = 7;
/** How long a link may be answered, after the session's end. */
const LINK_DAYS = 30;
/** Fewer answers than this: only their number is shown. */
const SURVEY_MIN_SHOWN = 3;

type Rating = (typeof SURVEY_RATINGS)[number];

export interface SurveyResults {
  present: number;
  answers: number;
  paper: number;
  shown: boolean;
  average: number | null;
  counts: Record<Rating, number>;
  comments: string[];
}

export interface PublicSurvey {
  title: string;
  startsAt: string;
  endsAt: string;
  answered: boolean;
}

interface PaperEntry {
  counts: Record<Rating, number>;
  comments: string[];
}

const noCounts = (): Record<Rating, number> => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });

/** The aggregate of some answers (pure): what every results view shows. */
function aggregate(rows: { rating: number | null; comment: string | null; source: string }[], present: number): SurveyResults {
  const counts = noCounts();
  let sum = 0;
  let answers = 0;
  for (const row of rows) {
    if (row.rating === null || !SURVEY_RATINGS.includes(row.rating as Rating)) continue;
    counts[row.rating as Rating]++;
    sum += row.rating;
    answers++;
  }
  const shown = answers >= SURVEY_MIN_SHOWN;
  return {
    present,
    answers,
    paper: rows.filter((r) => r.source === 'paper' && r.rating !== null).length,
    shown,
    average: shown ? Math.round((sum / answers) * 10) / 10 : null,
    counts: shown ? counts : noCounts(),
    comments: shown ? rows.map((r) => r.comment?.trim() ?? '').filter(Boolean).sort(compareFrench) : [],
  };
}

export class SurveyService extends RegistrationUseCase {
  // ——— the job ———

  /**
   * Queues the invitations due now: registrations marked present at a session of a
   * survey-enabled activity that ended within the last week, person consenting. Idempotent
   * (one invitation per registration, one dedupe key), so it may run as often as wanted.
   */
  async sendDueInvitations(now = this.ctx.clock.now()): Promise<{ queued: number; skipped: number }> {
    const since = new Date(now.getTime() - INVITE_WITHIN_DAYS * 86_400_000).toISOString();
    let queued = 0;
    let skipped = 0;
    const centreNames = new Map<string, string>();
    for (const due of await repo.listDueInvitations(this.db, since, now.toISOString())) {
      const person = await this.people.getSummary(due.centerId, due.personId);
      const recipient = this.notifier.recipient(due, person);
      if (!recipient || !(await this.consentsTo(due, recipient.channel))) {
        skipped++;
        continue;
      }
      if (!centreNames.has(due.centerId)) centreNames.set(due.centerId, (await findCentreById(this.db, due.centerId))?.name ?? '');
      const token = randomToken();
      const params = {
        name: recipient.name,
        title: due.title,
        when: formatSession(due.startsAt, due.endsAt, now),
        centre: centreNames.get(due.centerId)!,
        link: SECRET_MARK,
      };
      const sent = await this.db.transaction().execute(async (trx) => {
        const created = await repo.insertInvitation(trx, {
          id: newId(), centerId: due.centerId, sessionId: due.sessionId, registrationId: due.id, tokenHash: sha256(token),
          expiresAt: new Date(Date.parse(due.endsAt) + LINK_DAYS * 86_400_000).toISOString(), createdAt: now.toISOString(),
        });
        if (!created) return false;
        return this.ctx.outbox.queue({
          centerId: due.centerId,
          channel: recipient.channel,
          recipient: recipient.address,
          subject: recipient.channel === 'email' ? translate('fr', 'activities.mail.survey.subject', params) : undefined,
          body: translate('fr', `activities.${recipient.channel === 'email' ? 'mail' : 'sms'}.survey.body`, params),
          // The link is for the person alone: staff reading the outbox cannot answer for them.
          secret: `${this.ctx.config.publicUrl}/avis/${token}`,
          dedupeKey: `survey:registration:${due.id}`,
          relatedType: 'activity_registration',
          relatedId: due.id,
          personId: due.personId,
        }, trx);
      });
      if (sent) queued++;
      else skipped++;
    }
    return { queued, skipped };
  }

  // ——— the resident's link ———

  private async invitation(token: string, now: Date) {
    const found = token.length <= 100 ? await repo.findInvitation(this.db, sha256(token)) : undefined;
    if (!found || found.expiresAt <= now.toISOString()) throw new AppError(404, 'link_invalid', 'activities.survey.linkInvalid');
    return found;
  }

  async publicSurvey(token: string, now = this.ctx.clock.now()): Promise<PublicSurvey> {
    const found = await this.invitation(token, now);
    return { title: found.title, startsAt: found.startsAt, endsAt: found.endsAt, answered: found.answerId !== null };
  }

  /** Records the answer; 'already' when this link was answered before (nothing changes). */
  async answer(token: string, input: { rating: number; comment: string | null }, now = this.ctx.clock.now()): Promise<'recorded' | 'already'> {
    const found = await this.invitation(token, now);
    if (!SURVEY_RATINGS.includes(input.rating as Rating)) throw invalid({ rating: 'activities.survey.ratingRequired' });
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > SURVEY_COMMENT_MAX) throw invalid({ comment: 'activities.text.tooLong' });
    if (found.answerId !== null) return 'already';
    try {
      await repo.insertAnswers(this.db, [{
        id: newId(), centerId: found.centerId, activityId: found.activityId, sessionId: found.sessionId, invitationId: found.id, source: 'link',
        rating: input.rating, comment, recordedBy: null, createdAt: now.toISOString(),
      }]);
    } catch (error) {
      // Sent twice at once: the unique index kept the first.
      if (isUniqueViolation(error)) return 'already';
      throw error;
    }
    return 'recorded';
  }

  // ——— staff ———

  /** A session's results, for any staff member (aggregates hold no personal data). */
  async sessionResults(actor: Actor, sessionId: string): Promise<SurveyResults & { enabled: boolean }> {
    requirePermission(actor, 'activities.read');
    const { activity, session } = await this.programme.session(actor.centerId, sessionId);
    const [rows, present] = await Promise.all([
      repo.listAnswers(this.db, actor.centerId, { sessionId: session.id }),
      repo.countPresent(this.db, actor.centerId, { sessionId: session.id }),
    ]);
    return { ...aggregate(rows, present), enabled: activity.surveyEnabled };
  }

  /** Every session of an activity together. */
  async activityResults(actor: Actor, activityId: string): Promise<SurveyResults> {
    const activity = await this.programme.get(actor, activityId);
    const [rows, present] = await Promise.all([
      repo.listAnswers(this.db, actor.centerId, { activityId: activity.id }),
      repo.countPresent(this.db, actor.centerId, { activityId: activity.id }),
    ]);
    return aggregate(rows, present);
  }

  /** Paper answers are entered by those who mark attendance (volunteers: for the sessions they run). */
  private async paperSession(actor: Actor, sessionId: string, now: Date): Promise<SessionDetail> {
    requirePermission(actor, 'activities.attendance');
    const detail = await this.programme.session(actor.centerId, sessionId);
    if (!seesAllPersons(actor.role) && !(await this.programme.runs(actor, detail.activity.id))) throw forbidden();
    if (!detail.activity.surveyEnabled) throw conflict('activities.survey.off');
    if (detail.session.status === 'cancelled') throw conflict('activities.session.cancelled');
    if (detail.session.startsAt > now.toISOString()) throw conflict('activities.survey.notYet');
    return detail;
  }

  /** What was entered from paper for a session, to show in its form. */
  async paper(actor: Actor, sessionId: string, now = this.ctx.clock.now()): Promise<PaperEntry & { detail: SessionDetail }> {
    const detail = await this.paperSession(actor, sessionId, now);
    const rows = (await repo.listAnswers(this.db, actor.centerId, { sessionId })).filter((r) => r.source === 'paper');
    const counts = noCounts();
    for (const r of rows) if (r.rating !== null && SURVEY_RATINGS.includes(r.rating as Rating)) counts[r.rating as Rating]++;
    return { detail, counts, comments: rows.map((r) => r.comment).filter((c): c is string => Boolean(c)).sort(compareFrench) };
  }

  /** Replaces the paper answers of a session: one row per sheet, one per comment. */
  async recordPaper(actor: Actor, sessionId: string, entry: PaperEntry, now = this.ctx.clock.now()): Promise<SurveyResults & { enabled: boolean }> {
    const { activity, session } = await this.paperSession(actor, sessionId, now);
    const errors: Record<string, string> = {};
    for (const r of SURVEY_RATINGS) {
      const n = entry.counts[r];
      if (!Number.isInteger(n) || n < 0 || n > 500) errors[`face${r}`] = 'activities.survey.countInvalid';
    }
    const comments = entry.comments.map((c) => c.trim()).filter(Boolean);
    if (comments.length > 500 || comments.some((c) => c.length > SURVEY_COMMENT_MAX)) errors.comments = 'activities.survey.commentsTooLong';
    if (Object.keys(errors).length > 0) throw invalid(errors);
    const at = now.toISOString();
    const row = (rating: number | null, comment: string | null): repo.AnswerRow => ({
      id: newId(), centerId: actor.centerId, activityId: activity.id, sessionId: session.id, invitationId: null, source: 'paper', rating, comment,
      recordedBy: actor.userId, createdAt: at,
    });
    const rows = [
      ...SURVEY_RATINGS.flatMap((r) => Array.from({ length: entry.counts[r] }, () => row(r, null))),
      ...comments.map((c) => row(null, c)),
    ];
    await this.db.transaction().execute(async (trx) => {
      await repo.deletePaperAnswers(trx, actor.centerId, session.id);
      await repo.insertAnswers(trx, rows);
    });
    return this.sessionResults(actor, session.id);
  }
}
