/** Codes stored by the navette; labels in src/platform/i18n/fr/shuttle.ts. */
export const URGENCIES = ['normale', 'urgente'] as const;
export const REQUEST_STATUSES = ['pending', 'planned', 'done', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** A tour is a draft (API) until confirmed; cancelling it sends its requests back to pending. */
export const TOUR_STATUSES = ['draft', 'confirmed', 'cancelled'] as const;
export type TourStatus = (typeof TOUR_STATUSES)[number];

// ---- visit reports
export const REPORT_OUTCOMES = ['solved', 'follow_up'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
/** Follow-ups done afterwards from the staff pages (the appointment is booked from the report itself). */
export const REPORT_FOLLOW_UPS = ['pathway', 'tablet'] as const;
export type ReportFollowUp = (typeof REPORT_FOLLOW_UPS)[number];
export const APPOINTMENT_STATUSES = ['none', 'pending', 'booked', 'failed'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
