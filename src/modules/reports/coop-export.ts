/**
 * La Coop's activity export as a kind of export (platform/exports): the period checked like the
 * report page's, the figures' readers only (reports.read), personal data (the participants'
 * names), so audited; a long period runs in the background.
 */
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/require-permission.ts';
import { communeByCode } from '../../platform/communes.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ExportKind, ExportParams } from '../../platform/exports/exports.service.ts';
import { addDays, parisDate, parisToUtcMs } from '../../platform/time.ts';
import { coopTable, type CoopActivity, type CoopBeneficiary } from './coop.ts';
import * as repo from './coop.repository.ts';
import type { CoopPersonRow } from './coop.repository.ts';
import type { Period, ReportsService } from './reports.service.ts';
import { notFound } from '../../platform/errors.ts';
import { translator } from '../../platform/i18n/index.ts';
import { formatDateRange } from '../../ui/format.ts';
import { funderSheets } from './funders.documents.ts';
import type { FundersService } from './funders.service.ts';
import { isFunder } from './funders.ts';

const utc = (date: string) => new Date(parisToUtcMs(date, 0)).toISOString();
const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);

function beneficiary(row: CoopPersonRow): CoopBeneficiary {
  const commune = communeByCode(row.communeInsee);
  return {
    name: [row.firstName, row.lastName].filter(Boolean).join(' '),
    commune: commune ? [commune.postalCodes[0], commune.name].filter(Boolean).join(' ') : null,
    gender: row.gender, ageBracket: row.ageBracket, socialStatus: row.socialStatus,
  };
}

const split = (codes: string) => (codes ? codes.split('|') : []);

export async function coopActivities(ctx: AppContext, actor: Actor, period: Period): Promise<CoopActivity[]> {
  requirePermission(actor, 'reports.read');
  const from = utc(period.from);
  const to = utc(addDays(period.to, 1));
  const [attended, accompanied] = await Promise.all([
    repo.listCoopAttendance(ctx.kysely, actor.centerId, from, to),
    repo.listCoopAccompaniments(ctx.kysely, actor.centerId, from, to),
  ]);
  const sessions = new Map<string, CoopActivity & { kind: 'collectif' }>();
  for (const row of attended) {
    let session = sessions.get(row.sessionId);
    if (!session) {
      session = {
        kind: 'collectif', date: row.localDate, title: row.title, place: row.siteName ?? '', durationMinutes: minutesBetween(row.startsAt, row.endsAt),
        themes: [], level: row.level || null, equipment: [], participants: [],
      };
      sessions.set(row.sessionId, session);
    }
    if (row.theme && !session.themes.includes(row.theme)) session.themes.push(row.theme);
    for (const e of split(row.equipment)) if (!session.equipment.includes(e)) session.equipment.push(e);
    session.participants.push(beneficiary(row));
  }
  const individual = accompanied.map((row): CoopActivity => ({
    kind: 'individuel', date: parisDate(new Date(row.occurredAt)), place: row.siteName ?? '', placeType: row.placeType, durationMinutes: row.durationMinutes,
    themes: split(row.themes), procedureCategory: row.procedureCategory, equipment: split(row.equipment), autonomy: row.autonomy || null,
    redirected: row.redirected, redirectStructure: row.redirectStructure, notes: row.details,
    beneficiary: row.firstName !== null || row.lastName !== null || row.communeInsee !== null ? beneficiary(row) : null,
  }));
  return [...sessions.values(), ...individual];
}

/** The period of an export's parameters (`from`, `to`), checked as the report page checks it. */
export function coopPeriod(reports: ReportsService, params: ExportParams): Period {
  return reports.period({ from: params.from, to: params.to });
}

export function coopActivitiesExport(ctx: AppContext, reports: ReportsService): ExportKind {
  return {
    name: 'coop-activities',
    async count(actor, params) {
      requirePermission(actor, 'reports.read');
      const period = coopPeriod(reports, params);
      return repo.countCoopLines(ctx.kysely, actor.centerId, utc(period.from), utc(addDays(period.to, 1)));
    },
    async produce(actor, params, progress) {
      const period = coopPeriod(reports, params);
      const activities = await coopActivities(ctx, actor, period);
      await progress(0.9);
      return { tables: coopTable(activities), basename: `activites-coop-${period.from}-${period.to}`, title: 'Activités', personal: true };
    },
  };
}

/**
 * A funder's report as a workbook, through the exports so that a long period runs in the
 * background: its size is read as the number of sessions and accompaniments it covers.
 */
export function funderReportExport(ctx: AppContext, funders: FundersService): ExportKind {
  return {
    name: 'funder-report',
    async count(actor, params) {
      requirePermission(actor, 'reports.read');
      const period = funders.period({ from: params.from, to: params.to });
      return repo.countCoopLines(ctx.kysely, actor.centerId, utc(period.from), utc(addDays(period.to, 1)));
    },
    async produce(actor, params, progress) {
      if (!params.funder || !isFunder(params.funder)) throw notFound();
      const period = funders.period({ from: params.from, to: params.to });
      const report = await funders.report(actor, params.funder, period);
      await progress(0.9);
      const t = translator('fr');
      return {
        tables: funderSheets(report, t('reports.csv.code')), basename: `rapport-${params.funder}-${period.from}-${period.to}`,
        title: `${report.title} — ${formatDateRange(period.from, period.to, 'fr')}`, personal: false,
      };
    },
  };
}
