/**
 * Retention of personal data. Rules owned here: each centre keeps each kind of data for its own
 * period (the product's defaults until an administrator changes them, within each kind's
 * bounds); the purge runs every night at 3 h in Paris, under the scheduler's lock (one
 * instance), centre by centre, and asks each registered purger (src/platform/retention.ts) to
 * remove that centre's data older than the cutoff — the owners know how (an inactive file is
 * erased like any erasure, statistics kept; a note is cleared, its row kept). The register of
 * processing activities is drawn from these periods (register.ts).
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import { translator } from '../../platform/i18n/index.ts';
import { cutoffOf, defaultPeriods, RETENTION_KINDS, retentionKinds, type RetentionKind, type RetentionPeriods } from '../../platform/retention.ts';
import { utcToParis } from '../../platform/time.ts';
import type { CentreService } from '../centre/centre.service.ts';
import { buildRegister, type ProcessingRegister } from './register.ts';
import * as repo from './retention.repository.ts';

/** The hour (Paris) of the nightly purge: after the evening's activities, before the first opening. */
const PURGE_HOUR = '03';

export type PurgeReport = Record<RetentionKind, number>;

export class RetentionService {
  constructor(
    private readonly ctx: AppContext,
    private readonly centre: CentreService,
  ) {}

  /** A centre's periods: its own where set, the defaults elsewhere. */
  async periodsOf(centerId: string): Promise<RetentionPeriods> {
    const periods = defaultPeriods();
    for (const row of await repo.readPeriods(this.ctx.kysely, centerId)) {
      if (row.kind in RETENTION_KINDS) periods[row.kind as RetentionKind] = row.amount;
    }
    return periods;
  }

  async periodsAs(actor: Actor): Promise<RetentionPeriods> {
    requirePermission(actor, 'privacy.manage');
    return this.periodsOf(actor.centerId);
  }

  async updateAs(actor: Actor, periods: RetentionPeriods): Promise<RetentionPeriods> {
    requirePermission(actor, 'privacy.manage');
    await repo.savePeriods(this.ctx.kysely, actor.centerId, periods, this.ctx.clock.nowIso());
    return this.periodsOf(actor.centerId);
  }

  /** The register of processing activities of the actor's centre, in French. */
  async registerAs(actor: Actor): Promise<ProcessingRegister> {
    requirePermission(actor, 'privacy.read');
    const centre = await this.centre.getCentreAs(actor);
    const address = [centre.address, [centre.postalCode, centre.communeName].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return buildRegister(
      translator('fr'),
      { name: centre.name, address, email: centre.email, phone: centre.phone },
      await this.periodsOf(actor.centerId),
      this.ctx.clock.nowIso(),
    );
  }

  /** One centre's purge: every kind, each past its own period. Answers the rows touched per kind. */
  async purgeCentre(centerId: string): Promise<PurgeReport> {
    const periods = await this.periodsOf(centerId);
    const now = this.ctx.clock.now();
    const report = Object.fromEntries(retentionKinds.map((kind) => [kind, 0])) as PurgeReport;
    for (const purger of this.ctx.retention.purgers) {
      report[purger.kind] += await purger.purge(this.ctx.kysely, centerId, cutoffOf(now, purger.kind, periods[purger.kind]));
    }
    return report;
  }

  async purgeAll(): Promise<PurgeReport[]> {
    const reports: PurgeReport[] = [];
    for (const centerId of await repo.centreIds(this.ctx.kysely)) reports.push(await this.purgeCentre(centerId));
    return reports;
  }

  /** The scheduler's hourly tick: the purge runs in the 3 h hour of Paris, once a night. */
  async nightly(): Promise<PurgeReport[] | null> {
    if (utcToParis(this.ctx.clock.nowIso()).time.slice(0, 2) !== PURGE_HOUR) return null;
    return this.purgeAll();
  }
}
