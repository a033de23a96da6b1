// Equipment: items, components, loans, reservations, condition notes (src/modules/equipment).
import type { Generated } from 'kysely';
import type { Bool } from './bool.ts';

export interface EquipmentItemsTable {
  id: string;
  centerId: string;
  name: string;
  category: string;
  assetTag: string;
  serialNumber: string | null;
  funder: string | null;
  fundingProgramme: string | null;
  purchaseDate: string | null;
  purchaseValueCents: number | null;
  siteId: string | null;
  /** available, on_loan, repair, retired. */
  status: string;
  lendable: Bool;
  publicDescription: string | null;
  depositCents: number | null;
  /** The pathway module a person must have completed before borrowing or reserving it. */
  requiredModuleId: string | null;
  lockSeq: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface EquipmentComponentsTable {
  id: string;
  centerId: string;
  itemId: string;
  name: string;
  quantity: number;
  position: number;
}

export interface EquipmentLoansTable {
  id: string;
  centerId: string;
  itemId: string;
  personId: string;
  reservationId: string | null;
  lentAt: string;
  dueOn: string;
  returnedAt: string | null;
  conditionOut: string | null;
  conditionIn: string | null;
  /** JSON array of component names missing at check-in. */
  missingComponents: string | null;
  renewals: Generated<number>;
  depositCents: number | null;
  reminders: Bool;
  reminderBeforeAt: string | null;
  reminderOverdueAt: string | null;
  lentBy: string | null;
  returnedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EquipmentReservationsTable {
  id: string;
  centerId: string;
  itemId: string;
  personId: string | null;
  purpose: string;
  startsOn: string;
  endsOn: string;
  /** active, picked_up, cancelled. */
  status: string;
  loanId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EquipmentConditionNotesTable {
  id: string;
  centerId: string;
  itemId: string;
  loanId: string | null;
  note: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface EquipmentTables {
  equipmentItems: EquipmentItemsTable;
  equipmentComponents: EquipmentComponentsTable;
  equipmentLoans: EquipmentLoansTable;
  equipmentReservations: EquipmentReservationsTable;
  equipmentConditionNotes: EquipmentConditionNotesTable;
}
