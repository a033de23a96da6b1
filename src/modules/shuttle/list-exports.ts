/** The navette's visit requests as a file (platform/exports): the pending ones, then the planned ones. */
import { communeName } from '../../platform/communes.ts';
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import type { RequestView } from './visit-request.service.ts';

const t = translator('fr');
const col = (key: string) => t(`exports.col.${key}` as MessageKey);

export function requestsExport(requests: readonly RequestView[], today: string): ExportResult {
  const header = ['createdAt', 'name', 'phone', 'commune', 'problem', 'urgency', 'duration', 'status'].map(col);
  const rows = requests.map((r) => [
    utcToParis(r.createdAt).date, r.personName, r.phone, communeName(r.communeInsee), r.problem, t(`shuttle.urgency.${r.urgency}` as MessageKey),
    r.durationMinutes, t(`shuttle.status.${r.status}` as MessageKey),
  ]);
  return { tables: { name: t('shuttle.status.pending'), header, rows }, basename: `navette-demandes-${today}`, personal: true };
}
