/**
 * The equipment module's SQL: items, kit components, condition notes, loans, reservations.
 * Every function takes `db` (or a transaction) and the centre id it is scoped to; nothing here
 * decides — the services do.
 */
import type { Kysely, Selectable } from 'kysely';
import { asBool } from '../../db/kysely.ts';
import type {
  Database, EquipmentComponentsTable, EquipmentConditionNotesTable, EquipmentItemsTable, EquipmentLoansTable, EquipmentReservationsTable,
} from '../../db/schema.ts';

type Q = Kysely<Database>;

export type ItemRow = Omit<Selectable<EquipmentItemsTable>, 'lendable'> & { lendable: boolean };
export type ComponentRow = Selectable<EquipmentComponentsTable>;
export type NoteRow = Selectable<EquipmentConditionNotesTable>;
export type LoanRow = Omit<Selectable<EquipmentLoansTable>, 'reminders'> & { reminders: boolean };
export type ReservationRow = Selectable<EquipmentReservationsTable>;

const toItem = (row: Selectable<EquipmentItemsTable>): ItemRow => ({ ...row, lendable: asBool(row.lendable) });
const toLoan = (row: Selectable<EquipmentLoansTable>): LoanRow => ({ ...row, reminders: asBool(row.reminders) });

// — items —

export async function insertItem(db: Q, row: Omit<ItemRow, 'lockSeq'>): Promise<void> {
  await db.insertInto('equipmentItems').values({ ...row, lockSeq: 0 }).execute();
}

export async function updateItem(db: Q, centerId: string, id: string, patch: Partial<Omit<ItemRow, 'id' | 'centerId' | 'lockSeq'>>): Promise<void> {
  await db.updateTable('equipmentItems').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function findItem(db: Q, centerId: string, id: string): Promise<ItemRow | undefined> {
  const row = await db.selectFrom('equipmentItems').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row && toItem(row);
}

export async function listItems(db: Q, centerId: string): Promise<ItemRow[]> {
  const rows = await db.selectFrom('equipmentItems').selectAll().where('centerId', '=', centerId).orderBy('category').orderBy('assetTag').execute();
  return rows.map(toItem);
}

/**
 * Serialises the writes that concern one item (reservations, loans): an update takes the
 * row's write lock on both dialects until the transaction ends. Answers false when the item
 * is not this centre's.
 */
export async function lockItem(db: Q, centerId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('equipmentItems')
    .set((eb) => ({ lockSeq: eb('lockSeq', '+', 1) }))
    .where('centerId', '=', centerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// — components —

export async function replaceComponents(db: Q, centerId: string, itemId: string, rows: ComponentRow[]): Promise<void> {
  await db.deleteFrom('equipmentComponents').where('centerId', '=', centerId).where('itemId', '=', itemId).execute();
  if (rows.length > 0) await db.insertInto('equipmentComponents').values(rows).execute();
}

export async function listComponents(db: Q, centerId: string, itemIds: string[]): Promise<ComponentRow[]> {
  if (itemIds.length === 0) return [];
  return db.selectFrom('equipmentComponents').selectAll().where('centerId', '=', centerId).where('itemId', 'in', itemIds).orderBy('position').execute();
}

// — condition notes —

export async function insertNote(db: Q, row: NoteRow): Promise<void> {
  await db.insertInto('equipmentConditionNotes').values(row).execute();
}

export async function listNotes(db: Q, centerId: string, itemId: string): Promise<NoteRow[]> {
  return db.selectFrom('equipmentConditionNotes').selectAll().where('centerId', '=', centerId).where('itemId', '=', itemId).orderBy('recordedAt', 'desc').orderBy('id', 'desc').execute();
}

// — loans —

export async function insertLoan(db: Q, row: Omit<LoanRow, 'renewals'> & { renewals?: number }): Promise<void> {
  await db.insertInto('equipmentLoans').values({ ...row, renewals: row.renewals ?? 0 }).execute();
}

export async function updateLoan(db: Q, centerId: string, id: string, patch: Partial<Omit<LoanRow, 'id' | 'centerId'>>): Promise<void> {
  await db.updateTable('equipmentLoans').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function findLoan(db: Q, centerId: string, id: string): Promise<LoanRow | undefined> {
  const row = await db.selectFrom('equipmentLoans').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
  return row && toLoan(row);
}

export async function activeLoanOfItem(db: Q, centerId: string, itemId: string): Promise<LoanRow | undefined> {
  const row = await db.selectFrom('equipmentLoans').selectAll().where('centerId', '=', centerId).where('itemId', '=', itemId).where('returnedAt', 'is', null).executeTakeFirst();
  return row && toLoan(row);
}

export async function listLoans(db: Q, centerId: string, filter: { itemId?: string; personId?: string; active?: boolean; dueBefore?: string } = {}): Promise<LoanRow[]> {
  let query = db.selectFrom('equipmentLoans').selectAll().where('centerId', '=', centerId);
  if (filter.itemId) query = query.where('itemId', '=', filter.itemId);
  if (filter.personId) query = query.where('personId', '=', filter.personId);
  if (filter.active) query = query.where('returnedAt', 'is', null);
  if (filter.dueBefore) query = query.where('dueOn', '<', filter.dueBefore);
  const rows = await query.orderBy('lentAt', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toLoan);
}

/** Loans that started between two UTC instants (from inclusive, to exclusive), with the item's category: the funders' reports. */
export async function loansStartedBetween(db: Q, centerId: string, from: string, to: string): Promise<{ personId: string; category: string; lentAt: string; returnedAt: string | null }[]> {
  return db
    .selectFrom('equipmentLoans as l')
    .innerJoin('equipmentItems as i', (join) => join.onRef('i.id', '=', 'l.itemId').onRef('i.centerId', '=', 'l.centerId'))
    .select(['l.personId', 'i.category', 'l.lentAt', 'l.returnedAt'])
    .where('l.centerId', '=', centerId)
    .where('l.lentAt', '>=', from)
    .where('l.lentAt', '<', to)
    .orderBy('l.lentAt')
    .execute();
}

/** Active loans with reminders wanted, due on or before `lastDay`, across every centre (the reminder job). */
export async function loansToRemind(db: Q, lastDay: string): Promise<LoanRow[]> {
  const rows = await db
    .selectFrom('equipmentLoans')
    .selectAll()
    .where('returnedAt', 'is', null)
    .where('reminders', '=', true)
    .where('dueOn', '<=', lastDay)
    .where((eb) => eb.or([eb('reminderBeforeAt', 'is', null), eb('reminderOverdueAt', 'is', null)]))
    .execute();
  return rows.map(toLoan);
}

export async function mergeLoans(db: Q, centerId: string, keepId: string, duplicateId: string): Promise<void> {
  await db.updateTable('equipmentLoans').set({ personId: keepId }).where('centerId', '=', centerId).where('personId', '=', duplicateId).execute();
  await db.updateTable('equipmentReservations').set({ personId: keepId }).where('centerId', '=', centerId).where('personId', '=', duplicateId).execute();
}

/** Free text that could name the person: condition notes of their loans and their reservations' purpose. */
export async function eraseFreeText(db: Q, centerId: string, personId: string, placeholder: string): Promise<void> {
  const loanIds = db.selectFrom('equipmentLoans').select('id').where('centerId', '=', centerId).where('personId', '=', personId);
  await db.updateTable('equipmentConditionNotes').set({ note: placeholder }).where('centerId', '=', centerId).where('loanId', 'in', loanIds).execute();
  await db.updateTable('equipmentLoans').set({ conditionOut: null, conditionIn: null }).where('centerId', '=', centerId).where('personId', '=', personId).execute();
  await db.updateTable('equipmentReservations').set({ purpose: placeholder }).where('centerId', '=', centerId).where('personId', '=', personId).execute();
}

// — reservations —

export async function insertReservation(db: Q, row: ReservationRow): Promise<void> {
  await db.insertInto('equipmentReservations').values(row).execute();
}

export async function updateReservation(db: Q, centerId: string, id: string, patch: Partial<Omit<ReservationRow, 'id' | 'centerId'>>): Promise<void> {
  await db.updateTable('equipmentReservations').set(patch).where('centerId', '=', centerId).where('id', '=', id).execute();
}

export async function findReservation(db: Q, centerId: string, id: string): Promise<ReservationRow | undefined> {
  return db.selectFrom('equipmentReservations').selectAll().where('centerId', '=', centerId).where('id', '=', id).executeTakeFirst();
}

/** Active reservations of an item that share at least one day with [startsOn, endsOn]. */
export async function overlappingReservations(db: Q, centerId: string, itemId: string, startsOn: string, endsOn: string): Promise<ReservationRow[]> {
  return db
    .selectFrom('equipmentReservations')
    .selectAll()
    .where('centerId', '=', centerId)
    .where('itemId', '=', itemId)
    .where('status', '=', 'active')
    .where('startsOn', '<=', endsOn)
    .where('endsOn', '>=', startsOn)
    .execute();
}

export async function listReservations(db: Q, centerId: string, filter: { itemId?: string; personId?: string; fromDay?: string; status?: string } = {}): Promise<ReservationRow[]> {
  let query = db.selectFrom('equipmentReservations').selectAll().where('centerId', '=', centerId);
  if (filter.itemId) query = query.where('itemId', '=', filter.itemId);
  if (filter.personId) query = query.where('personId', '=', filter.personId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.fromDay) query = query.where('endsOn', '>=', filter.fromDay).where('status', '=', 'active');
  return query.orderBy('startsOn').orderBy('id').execute();
}
