/** The exports of volunteer hours: CSV, one line per entry with its valorisation (platform/csv.ts), and XLSX with the totals (platform/xlsx.ts). */
import { toCsv } from '../../platform/csv.ts';
import { translate } from '../../platform/i18n/index.ts';
import { toXlsx } from '../../platform/xlsx.ts';
import type { HoursSummary } from './volunteer-hours.service.ts';

const HEADER = ['Date', 'Bénévole', 'Type d’aide', 'Séance', 'Durée (heures)', 'Valorisation (euros)', 'Remarque'];
const hours = (minutes: number) => Math.round(minutes / 0.6) / 100;
const euros = (cents: number) => Math.round(cents) / 100;
const decimal = (value: number) => value.toFixed(2).replace('.', ',');

export function hoursCsv(summary: HoursSummary): string {
  const header = HEADER;
  const rows = summary.entries.map((e) => [
    e.workedOn, e.volunteerName, translate('fr', `volunteerHours.kind.${e.kind}`), e.sessionTitle ?? '',
    decimal(e.minutes / 60), decimal((e.minutes * summary.rateCents) / 6000), e.note ?? '',
  ]);
  return toCsv(header, rows);
}

/** The same entries in a workbook, numbers as numbers, with the totals by volunteer and by month. */
export function hoursXlsx(summary: HoursSummary, centreName: string, createdAt: string): Promise<Buffer> {
  return toXlsx(
    [
      {
        name: 'Heures',
        header: HEADER,
        rows: summary.entries.map((e) => [
          e.workedOn, e.volunteerName, translate('fr', `volunteerHours.kind.${e.kind}`), e.sessionTitle ?? '', hours(e.minutes), euros((e.minutes * summary.rateCents) / 60), e.note ?? '',
        ]),
      },
      { name: 'Par bénévole', header: ['Bénévole', 'Heures', 'Valorisation (euros)'], rows: summary.byVolunteer.map((v) => [v.name, hours(v.minutes), euros(v.valueCents)]) },
      { name: 'Par mois', header: ['Mois', 'Heures', 'Valorisation (euros)'], rows: summary.byMonth.map((m) => [m.month, hours(m.minutes), euros(m.valueCents)]) },
    ],
    { creator: centreName, createdAt, title: `Bénévolat du ${summary.from} au ${summary.to}` },
  );
}
