/** The equipment's lists as files (platform/exports): the inventory and the overdue loans. */
import type { ExportResult } from '../../platform/exports/exports.service.ts';
import { translator, type MessageKey } from '../../platform/i18n/index.ts';
import { utcToParis } from '../../platform/time.ts';
import type { ItemSummary } from './inventory.service.ts';
import type { LoanView } from './loan.service.ts';

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
