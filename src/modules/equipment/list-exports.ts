/** The equipment's lists as files (platform/exports): the inventory, the overdue loans and the reservations. */
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import type { ItemSummary } from './inventory.service.ts';
import type { LoanView } from './loan.service.ts';
import type { ReservationView } from './reservation.service.ts';

const t = translator('fr');
const col = (key: string) => t(`exports.col.${key}` as MessageKey);

/** The inventory as the page lists it (no borrower). */
export function inventoryExport(items: readonly ItemSummary[]): ExportResult {
  const header = ['item', 'assetTag', 'category', 'funder', 'status'].map(col);
  const rows = items.map((i) => [i.name, i.assetTag, t(`equipment.category.${i.category}` as MessageKey), i.funder ?? '', t(`equipment.status.${i.displayStatus}` as MessageKey)]);
  return { tables: { name: t('equipment.inventory.title'), header, rows }, basename: 'inventaire', personal: false };
}

/** The overdue loans, with whom to call. */
export function overdueExport(loans: readonly LoanView[]): ExportResult {
  const header = ['item', 'assetTag', 'borrower', 'date', 'dueOn'].map(col);
  const rows = loans.map((l) => [l.itemName, l.assetTag, l.personName, utcToParis(l.lentAt).date, l.dueOn]);
  return { tables: { name: t('equipment.overdue.title'), header, rows }, basename: 'prets-en-retard', personal: true };
}

/** The reservations as the page lists them (its filter applied): what, when, for what and for whom. */
export function reservationsExport(reservations: readonly ReservationView[]): ExportResult {
  const header = ['item', 'assetTag', 'startsOn', 'endsOn', 'purpose', 'person', 'status'].map(col);
  const rows = reservations.map((r) => [r.itemName, r.assetTag, r.startsOn, r.endsOn, r.purpose, r.personName ?? '', t(`equipment.reservationStatus.${r.status}` as MessageKey)]);
  return { tables: { name: t('equipment.reservations.title'), header, rows }, basename: 'reservations-materiel', personal: true };
}
