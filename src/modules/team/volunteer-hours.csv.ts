/** The CSV export of volunteer hours: one line per entry, with its valorisation (platform/csv.ts). */
import { toCsv } from '../../platform/csv.ts';
import { translate } from '../../platform/i18n/index.ts';
import type { HoursSummary } from './volunteer-hours.service.ts';

const decimal = (value: number) => value.toFixed(2).replace('.', ',');

export function hoursCsv(summary: HoursSummary): string {
  const header = ['Date', 'Bénévole', 'Type d’aide', 'Séance', 'Durée (heures)', 'Valorisation (euros)', 'Remarque'];
  const rows = summary.entries.map((e) => [
    e.workedOn, e.volunteerName, translate('fr', `volunteerHours.kind.${e.kind}`), e.sessionTitle ?? '',
    decimal(e.minutes / 60), decimal((e.minutes * summary.rateCents) / 6000), e.note ?? '',
  ]);
  return toCsv(header, rows);
}
