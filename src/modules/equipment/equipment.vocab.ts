/** Codes stored by the equipment module; labels in src/platform/i18n/fr/equipment.ts. */

export const CATEGORIES = ['tablette', 'ordinateur', 'robotique', 'electronique', 'impression_3d', 'photo_video', 'espace', 'autre'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Stored status; "réservé" is shown from the reservations, never stored. */
export const ITEM_STATUSES = ['available', 'on_loan', 'repair', 'retired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const RESERVATION_STATUSES = ['active', 'picked_up', 'cancelled'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** How many days a loan lasts unless staff choose another due date: tablets go home for a month. */
export const DEFAULT_LOAN_DAYS: Record<Category, number> = {
  tablette: 28,
  ordinateur: 14,
  robotique: 14,
  electronique: 14,
  impression_3d: 7,
  photo_video: 7,
  espace: 1,
  autre: 14,
};

/** A renewal adds the category's default length again; at most this many renewals. */
export const MAX_RENEWALS = 2;

/** The first reminder goes this many days before the due date. */
export const REMINDER_DAYS_BEFORE = 3;
