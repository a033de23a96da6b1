import { z } from 'zod';
import { optionalCalendarDate } from '../../../platform/dates.ts';
import { apiErrors } from '../../../platform/http/api-docs.ts';
import { AUTONOMY, BOOKABLE_BY, CHANNELS, EQUIPMENT, OUTCOMES, PLACE_TYPES, PROCEDURE_CATEGORIES, REDIRECT_STRUCTURES, THEMES } from '../helpdesk.vocab.ts';

// The shapes the help desk API answers with, and the queries its lists read.

export const tags = ['Permanences'];
export const errors = apiErrors(400, 401, 403, 404, 422);

export const motifSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  procedureCategory: z.enum(PROCEDURE_CATEGORIES),
  durationMinutes: z.number().int(),
  whatToBring: z.string().nullable(),
  bookableBy: z.enum(BOOKABLE_BY),
  minDelayHours: z.number().int(),
  horizonDays: z.number().int(),
  archived: z.boolean(),
});
export const openingSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  staffUserId: z.string().nullable(),
  staffName: z.string().nullable(),
  weekday: z.number().int().describe('1 = lundi … 7 = dimanche'),
  startTime: z.string().describe('Heure de Paris, HH:MM'),
  endTime: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  everyWeeks: z.number().int(),
  motifIds: z.array(z.string()),
  motifNames: z.array(z.string()),
});
export const absenceSchema = z.object({
  id: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  staffUserId: z.string().nullable(),
  staffName: z.string().nullable(),
  firstDay: z.string(),
  lastDay: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  repeatWeeklyUntil: z.string().nullable(),
  reason: z.string().nullable(),
});
const slotSchema = z.object({ startAt: z.string(), endAt: z.string(), siteId: z.string() });
export const slotsSchema = z.object({ motif: motifSchema, from: z.string(), to: z.string(), slots: z.array(slotSchema) });
export const appointmentSchema = z.object({
  id: z.string(),
  motifId: z.string(),
  motifName: z.string(),
  whatToBring: z.string().nullable(),
  procedureCategory: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  siteAddress: z.string().nullable(),
  startAt: z.string(),
  endAt: z.string(),
  kind: z.enum(['appointment', 'drop_in']),
  channel: z.enum(CHANNELS),
  status: z.enum(['booked', 'cancelled']),
  outcome: z.enum(OUTCOMES).nullable(),
  staffUserId: z.string().nullable(),
  personId: z.string().nullable(),
  note: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  createdAt: z.string(),
  needsOutcome: z.boolean(),
  accompanimentId: z.string().nullable(),
});
/** What a booking answers: the resident's own appointment, and their "cancel or change" link. */
export const bookingSchema = z.object({ appointment: appointmentSchema, manageToken: z.string(), manageUrl: z.string() });
export const accompanimentSchema = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  siteId: z.string().nullable(),
  recordedBy: z.string().nullable(),
  occurredAt: z.string(),
  durationMinutes: z.number().int(),
  placeType: z.enum(PLACE_TYPES),
  equipment: z.array(z.enum(EQUIPMENT)),
  themes: z.array(z.enum(THEMES)),
  procedureCategory: z.enum(PROCEDURE_CATEGORIES).nullable(),
  details: z.string().nullable(),
  autonomy: z.enum(AUTONOMY),
  redirected: z.boolean(),
  redirectStructure: z.enum(REDIRECT_STRUCTURES).nullable(),
  followUp: z.boolean(),
  origin: z.enum(['appointment', 'drop_in', 'other']),
  createdAt: z.string(),
});
export const settingsSchema = z.object({ cancelUntilHours: z.number().int(), reminderDayBefore: z.boolean() });
export const idParams = z.object({ id: z.string() });
export const dateQuery = z.object({
  from: optionalCalendarDate().describe('Premier jour (AAAA-MM-JJ, heure de Paris) ; par défaut aujourd’hui'),
  to: optionalCalendarDate().describe('Dernier jour inclus ; par défaut 7 jours après le premier'),
  site: z.string().optional(),
});
export const listQuery = z.object({
  from: optionalCalendarDate().describe('Depuis (AAAA-MM-JJ)'),
  to: optionalCalendarDate().describe('Jusqu’au (AAAA-MM-JJ, inclus)'),
  person: z.string().optional().describe('Identifiant de la personne'),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
