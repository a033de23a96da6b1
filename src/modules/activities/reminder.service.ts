/**
 * Reminders before a session (a scheduler job). Rules owned here:
 * - a reminder goes 48 hours before a session to each confirmed registration of a scheduled
 *   session, once (outbox dedupe key), when the person consented for the channel used; a
 *   registration made inside the window (and not promoted) gets none, its confirmation is
 *   recent enough;
 * - while a public match waits for staff, only what was ticked on the form counts as consent;
 * - the job also re-queues the promotion notices of the last day that a crash between commit
 *   and queue could have lost (same keys, so never twice).
 */
import { findCentreById } from '../../platform/tenancy.ts';
import * as repo from './activity.repository.ts';
import { formatPlace } from './activity.format.ts';
import type { ProgrammeService } from './activity.service.ts';
import { RegistrationUseCase } from './registration.model.ts';

const REMINDER_HOURS = 48;

export class ReminderService extends RegistrationUseCase {
  /**
   * Queues the reminders due now: sessions starting within 48 hours, confirmed registrations
   * made before that window opened, person consenting. Idempotent (one dedupe key per
   * registration), so it may run as often as wanted. Also re-queues promotion notices that a
   * crash between commit and queue could have lost (same keys as the first attempt).
   */
  async sendDueReminders(now = this.ctx.clock.now()): Promise<{ queued: number; skipped: number }> {
    const from = now.toISOString();
    const to = new Date(now.getTime() + REMINDER_HOURS * 3_600_000).toISOString();
    let queued = 0;
    let skipped = 0;
    const sitesByCentre = new Map<string, Awaited<ReturnType<ProgrammeService['siteMap']>>>();
    const centreNames = new Map<string, string>();
    for (const due of await repo.listDueReminders(this.db, from, to)) {
      const windowOpened = new Date(Date.parse(due.startsAt) - REMINDER_HOURS * 3_600_000).toISOString();
      const reg = await repo.findRegistration(this.db, due.centerId, due.id);
      if (!reg || (reg.createdAt > windowOpened && reg.promotedAt === null)) {
        skipped++;
        continue;
      }
      const person = await this.people.getSummary(due.centerId, due.personId);
      const recipient = this.notifier.recipient(reg, person);
      if (!recipient || !(await this.consentsTo(reg, recipient.channel))) {
        skipped++;
        continue;
      }
      if (!sitesByCentre.has(due.centerId)) sitesByCentre.set(due.centerId, await this.programme.siteMap(due.centerId));
      if (!centreNames.has(due.centerId)) centreNames.set(due.centerId, (await findCentreById(this.db, due.centerId))?.name ?? '');
      const site = sitesByCentre.get(due.centerId)!.get(due.siteId ?? due.activitySiteId);
      const sent = await this.notifier.send('reminder', reg, {
        title: due.title,
        sessions: [{ startsAt: due.startsAt, endsAt: due.endsAt }],
        place: site ? formatPlace(site) : '',
        centreName: centreNames.get(due.centerId)!,
      }, `reminder:registration:${reg.id}`, { person });
      if (sent) queued++;
      else skipped++;
    }
    const since = new Date(now.getTime() - 86_400_000).toISOString();
    const promoted = await repo.listRecentlyPromoted(this.db, since);
    await this.notifyPromoted(promoted);
    return { queued, skipped };
  }
}
