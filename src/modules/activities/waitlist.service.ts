/**
 * The waiting list and the seats that free up. Rules owned here:
 * - a cancellation runs under the same lock as a registration (the activity row in series
 *   mode, each session row otherwise, in id order), so a freed seat is counted once;
 * - a freed seat promotes the first person waiting, exactly one per seat, who is told through
 *   the outbox; in series mode whole groups are promoted, in the order they joined, when each
 *   of their sessions has a seat, and the first group that does not fit stops the line;
 * - raising an activity's capacity fills its upcoming sessions the same way;
 * - erasing a person cancels their upcoming registrations inside the people module's
 *   transaction and offers the seats to the waiting list; attendance stays for statistics.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import * as repo from './activity.repository.ts';
import type { RegistrationRow } from './activity.repository.ts';
import { RegistrationUseCase } from './registration.model.ts';

export class WaitlistService extends RegistrationUseCase {
  /** Cancels registrations and fills the seats they free, in one locked transaction. */
  async cancelRows(centerId: string, activityId: string, ids: string[], by: string, now: Date): Promise<void> {
    const at = now.toISOString();
    const promoted = await this.db.transaction().execute(async (trx) => {
      const activity = (await repo.findActivity(trx, centerId, activityId))!;
      const rows = await repo.findRegistrations(trx, centerId, ids);
      if (activity.registrationMode === 'series') await repo.lockActivity(trx, centerId, activityId);
      else for (const sessionId of [...new Set(rows.map((r) => r.sessionId))].sort()) await repo.lockSession(trx, centerId, sessionId);
      const fresh = (await repo.findRegistrations(trx, centerId, ids)).filter((r) => r.status !== 'cancelled');
      await repo.updateRegistrations(trx, centerId, fresh.map((r) => r.id), { status: 'cancelled', waitlistPosition: null, cancelledAt: at, cancelledBy: by, updatedAt: at });
      const freed = fresh.filter((r) => r.status === 'confirmed').map((r) => r.sessionId);
      return freed.length > 0 ? this.fill(trx, centerId, activityId, freed, at) : [];
    });
    await this.programme.changed(centerId);
    await this.notifyPromoted(promoted);
  }

  /**
   * Promotes waiting persons into free seats of these sessions, first in line first. Runs
   * inside the caller's locked transaction; answers the promoted registrations.
   */
  private async fill(trx: Kysely<Database>, centerId: string, activityId: string, sessionIds: string[], at: string): Promise<RegistrationRow[]> {
    const activity = (await repo.findActivity(trx, centerId, activityId))!;
    const sessions = (await repo.findSessions(trx, centerId, [...new Set(sessionIds)])).filter((s) => s.status === 'scheduled' && s.startsAt > at);
    const promoted: RegistrationRow[] = [];
    const promote = async (rows: RegistrationRow[]) => {
      await repo.updateRegistrations(trx, centerId, rows.map((r) => r.id), { status: 'confirmed', waitlistPosition: null, promotedAt: at, updatedAt: at });
      promoted.push(...rows.map((r) => ({ ...r, status: 'confirmed', waitlistPosition: null, promotedAt: at })));
    };
    if (activity.registrationMode !== 'series') {
      for (const s of sessions) {
        const free = activity.capacity - (await repo.countConfirmed(trx, s.id));
        if (free > 0) await promote((await repo.listWaitlisted(trx, s.id)).slice(0, free));
      }
      return promoted;
    }
    // Series: whole groups, in the order they joined; the first that does not fit stops the
    // line (nobody overtakes the person first in line).
    // One statement at a time on a transaction's connection (pg refuses concurrent ones from version 9).
    const waiting: RegistrationRow[] = [];
    for (const s of sessions) waiting.push(...(await repo.listWaitlisted(trx, s.id)));
    const groups = [...new Set(waiting.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)).map((r) => r.groupId))];
    for (const groupId of groups) {
      const rows = (await repo.findGroup(trx, groupId)).filter((r) => r.status === 'waitlisted');
      const groupSessions = await repo.findSessions(trx, centerId, rows.map((r) => r.sessionId));
      const live = new Set(groupSessions.filter((s) => s.status === 'scheduled' && s.startsAt > at).map((s) => s.id));
      const candidates = rows.filter((r) => live.has(r.sessionId));
      if (candidates.length === 0) continue;
      let fits = true;
      for (const r of candidates) if ((await repo.countConfirmed(trx, r.sessionId)) >= activity.capacity) fits = false;
      if (!fits) break;
      await promote(candidates);
    }
    return promoted;
  }

  /**
   * Erasure of a person (inside the people module's transaction): contacts and guardian are
   * cleared, upcoming registrations cancelled and their seats offered to the waiting list
   * (the promoted persons are told by the next reminder run); attendance stays for statistics.
   */
  async eraseInTransaction(trx: Transaction<Database>, centerId: string, personId: string, now = this.ctx.clock.now()): Promise<void> {
    const at = now.toISOString();
    const future = await repo.erasePersonRegistrations(trx, centerId, personId, at);
    const byActivity = new Map<string, RegistrationRow[]>();
    for (const r of future) byActivity.set(r.activityId, [...(byActivity.get(r.activityId) ?? []), r]);
    for (const [activityId, rows] of byActivity) {
      const activity = await repo.findActivity(trx, centerId, activityId);
      if (activity?.registrationMode === 'series') await repo.lockActivity(trx, centerId, activityId);
      else for (const sessionId of [...new Set(rows.map((r) => r.sessionId))].sort()) await repo.lockSession(trx, centerId, sessionId);
      await repo.updateRegistrations(trx, centerId, rows.map((r) => r.id), { status: 'cancelled', waitlistPosition: null, cancelledAt: at, cancelledBy: 'erasure', updatedAt: at });
      const freed = rows.filter((r) => r.status === 'confirmed').map((r) => r.sessionId);
      if (freed.length > 0) await this.fill(trx, centerId, activityId, freed, at);
    }
    await this.programme.changed(centerId, trx);
  }

  /** Fills every upcoming session of an activity (after its capacity was raised). */
  async fillSeats(centerId: string, activityId: string, now = this.ctx.clock.now()): Promise<RegistrationRow[]> {
    const at = now.toISOString();
    const sessions = await repo.listSessionsOfActivity(this.db, centerId, activityId, { from: at, scheduledOnly: true });
    const activity = await repo.findActivity(this.db, centerId, activityId);
    if (!activity || sessions.length === 0) return [];
    const promoted = await this.db.transaction().execute(async (trx) => {
      if (activity.registrationMode === 'series') await repo.lockActivity(trx, centerId, activityId);
      else for (const s of [...sessions].sort((a, b) => a.id.localeCompare(b.id))) await repo.lockSession(trx, centerId, s.id);
      return this.fill(trx, centerId, activityId, sessions.map((s) => s.id), at);
    });
    await this.programme.changed(centerId);
    await this.notifyPromoted(promoted);
    return promoted;
  }

}
