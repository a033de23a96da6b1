/**
 * Zod schemas of the help desk, shared by the pages (values arrive as strings, '' meaning
 * "not given"), the JSON API and the OpenAPI document. Messages are catalogue keys.
 */
import { z } from 'zod';
import type { FieldErrors } from '../../platform/errors.ts';
import { isCalendarDate, isoInstant as platformInstant } from '../../platform/dates.ts';
import { isMobilePhone, normalizePhone } from '../../platform/text.ts';
import {
  AUTONOMY, BOOKABLE_BY, EQUIPMENT, OUTCOMES, PLACE_TYPES, PROCEDURE_CATEGORIES, REDIRECT_STRUCTURES,
  REMINDER_CHOICES, THEMES,
} from './helpdesk.vocab.ts';
import { withLetter } from '../../platform/person-name.ts';

const PHONE_RE = /^0[1-9]\d{8}$/;
const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/**
 * Cross-field rules run even when some field failed, so that a form shows every error at
 * once (Zod skips them otherwise). They must cope with values that did not parse.
 */
const evenWithErrors = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

const isTime = (v: unknown): v is string => typeof v === 'string' && TIME_RE.test(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && isCalendarDate(v);

// The platform's date rules (a real day, in range), shared with every module.
export { isCalendarDate };

const uuid = (key: string) => z.string({ error: key }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: key });
const optionalUuid = (key: string) => z.preprocess(blankToUndefined, uuid(key).optional());
const date = (key: string) => z.string({ error: key }).trim().refine(isCalendarDate, { error: key });
const optionalDate = (key: string) => z.preprocess(blankToUndefined, date(key).optional());
const time = (key: string) => z.string({ error: key }).trim().regex(TIME_RE, { error: key });
const optionalTime = (key: string) => z.preprocess(blankToUndefined, time(key).optional());
// An empty field is missing, not 0 (z.coerce.number turns '' into 0).
const int = (min: number, max: number, key: string) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: key }).int({ error: key }).min(min, { error: key }).max(max, { error: key }));
const withDefault = <T extends z.ZodType>(schema: T, value: z.input<T>) => z.preprocess(blankToUndefined, schema.default(value as never));
const text = (max: number, requiredKey: string) =>
  z.string({ error: requiredKey }).trim().min(1, { error: requiredKey }).max(max, { error: 'helpdesk.tooLong' });
const optionalText = (max: number) =>
  z
    .string({ error: 'helpdesk.tooLong' })
    .trim()
    .max(max, { error: 'helpdesk.tooLong' })
    .optional()
    .nullable()
    .transform((v) => v || null);
/** Checkboxes come as one string or a list; the API sends a list. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));
/** Form radios "true"/"false" (or "oui"/"non", a checked checkbox "on"), JSON booleans. */
const bool = (key: string) =>
  z.preprocess(
    (v) => (v === 'true' || v === 'oui' || v === 'on' || v === '1' ? true : v === 'false' || v === 'non' || v === '0' ? false : v),
    z.boolean({ error: key }),
  );
export const isoInstant = (key: string) => platformInstant(key);

export const motifInput = z.object({
  name: text(120, 'helpdesk.motif.name.required'),
  description: optionalText(300),
  procedureCategory: z.enum(PROCEDURE_CATEGORIES, { error: 'helpdesk.motif.category.required' }),
  durationMinutes: withDefault(int(5, 480, 'helpdesk.motif.duration.invalid'), 30),
  whatToBring: optionalText(1000),
  bookableBy: withDefault(z.enum(BOOKABLE_BY, { error: 'helpdesk.motif.bookableBy.required' }), 'public'),
  minDelayHours: withDefault(int(0, 24 * 30, 'helpdesk.motif.minDelay.invalid'), 2),
  horizonDays: withDefault(int(1, 365, 'helpdesk.motif.horizon.invalid'), 56),
});
export type MotifInput = z.output<typeof motifInput>;

export const openingInput = z
  .object({
    siteId: uuid('helpdesk.opening.site.required'),
    staffUserId: optionalUuid('helpdesk.opening.staff.invalid'),
    weekday: int(1, 7, 'helpdesk.opening.weekday.required'),
    startTime: time('helpdesk.opening.startTime.invalid'),
    endTime: time('helpdesk.opening.endTime.invalid'),
    startsOn: date('helpdesk.opening.startsOn.invalid'),
    endsOn: optionalDate('helpdesk.opening.endsOn.invalid'),
    everyWeeks: withDefault(int(1, 4, 'helpdesk.opening.everyWeeks.invalid'), 1),
    motifIds: list(uuid('helpdesk.opening.motifs.required')).refine((l) => l.length > 0 && l.length <= 50, {
      error: 'helpdesk.opening.motifs.required',
    }),
  })
  .superRefine((v, ctx) => {
    // Compared only when both parsed: a wrong time already has its own message.
    if (isTime(v.startTime) && isTime(v.endTime) && v.endTime <= v.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'helpdesk.opening.endBeforeStart' });
    if (isDate(v.endsOn) && isDate(v.startsOn) && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'helpdesk.opening.endsBeforeStart' });
  }, evenWithErrors);
export type OpeningInput = z.output<typeof openingInput>;

export const absenceInput = z
  .object({
    siteId: optionalUuid('helpdesk.absence.site.invalid'),
    staffUserId: optionalUuid('helpdesk.absence.staff.invalid'),
    firstDay: date('helpdesk.absence.firstDay.invalid'),
    lastDay: optionalDate('helpdesk.absence.lastDay.invalid'),
    startTime: optionalTime('helpdesk.absence.startTime.invalid'),
    endTime: optionalTime('helpdesk.absence.endTime.invalid'),
    repeatWeeklyUntil: optionalDate('helpdesk.absence.repeatUntil.invalid'),
    reason: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (!isDate(v.firstDay) || (v.lastDay !== undefined && !isDate(v.lastDay))) return;
    const last = v.lastDay ?? v.firstDay;
    if (last < v.firstDay) ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'helpdesk.absence.endBeforeStart' });
    else if (last === v.firstDay && isTime(v.startTime) && isTime(v.endTime) && v.endTime <= v.startTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'helpdesk.absence.endBeforeStart' });
    }
    if (isDate(v.repeatWeeklyUntil)) {
      if (v.repeatWeeklyUntil < v.firstDay) {
        ctx.addIssue({ code: 'custom', path: ['repeatWeeklyUntil'], message: 'helpdesk.absence.repeatBeforeStart' });
      } else if (last > v.firstDay && Date.parse(last) - Date.parse(v.firstDay) >= 6 * 86_400_000) {
        ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'helpdesk.absence.repeatTooLong' });
      }
    }
  }, evenWithErrors);
export type AbsenceInput = z.output<typeof absenceInput>;

export const phoneField = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'helpdesk.booking.phone.invalid' })
    .trim()
    .max(30, { error: 'helpdesk.booking.phone.invalid' })
    .transform((v) => normalizePhone(v))
    .refine((v) => PHONE_RE.test(v), { error: 'helpdesk.booking.phone.invalid' })
    .optional(),
);
export const emailField = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'helpdesk.booking.email.invalid' })
    .trim()
    .toLowerCase()
    .max(254, { error: 'helpdesk.booking.email.invalid' })
    .refine((v) => z.regexes.email.test(v), { error: 'helpdesk.booking.email.invalid' })
    .optional(),
);

/** Who the appointment is for, as a resident types it (or staff on the phone). */
export const contactFields = {
  firstName: withLetter(text(100, 'helpdesk.booking.firstName.required')),
  lastName: withLetter(text(100, 'helpdesk.booking.lastName.required')),
  phone: phoneField,
  email: emailField,
  reminder: z.preprocess(blankToUndefined, z.enum(REMINDER_CHOICES, { error: 'helpdesk.booking.reminder.required' }).optional()),
  note: optionalText(500),
};

/** The contact rules shared by the public form and the API: a way to reach the person. */
export function refineContact(
  v: { phone?: string; email?: string; reminder?: string },
  ctx: z.RefinementCtx,
): void {
  if (!v.phone && !v.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'helpdesk.booking.contact.required' });
  if (v.reminder === 'sms' && !v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'helpdesk.booking.reminder.needsPhone' });
  // An SMS cannot reach a landline: say so now rather than promise a reminder that never comes.
  else if (v.reminder === 'sms' && v.phone && !isMobilePhone(v.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'helpdesk.booking.reminder.needsMobile' });
  if (v.reminder === 'email' && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'helpdesk.booking.reminder.needsEmail' });
}

/** The resident's details page (public booking, step 4). */
export const publicDetailsForm = z
  .object({
    ...contactFields,
    // The resident says yes or no to reminders: a consent is never assumed.
    reminder: z.enum(REMINDER_CHOICES, { error: 'helpdesk.booking.reminder.required' }),
    consent: z.preprocess((v) => v === 'oui' || v === 'on' || v === true, z.literal(true, { error: 'helpdesk.booking.consent.required' })),
  })
  .superRefine(refineContact, evenWithErrors);
export type PublicDetails = z.output<typeof publicDetailsForm>;

/** POST /api/v1/helpdesk/appointments: a resident (no account) or staff booking. */
export const appointmentCreate = z
  .object({
    motifId: uuid('helpdesk.booking.motif.required').describe('Identifiant du motif'),
    siteId: uuid('helpdesk.booking.site.required').describe('Identifiant du lieu'),
    startAt: isoInstant('helpdesk.booking.slot.required').describe('Début du créneau (ISO 8601, UTC)'),
    personId: optionalUuid('helpdesk.booking.person.invalid').describe('Personne déjà connue (équipe seulement)'),
    firstName: z.preprocess(blankToUndefined, withLetter(text(100, 'helpdesk.booking.firstName.required')).optional()),
    lastName: z.preprocess(blankToUndefined, withLetter(text(100, 'helpdesk.booking.lastName.required')).optional()),
    phone: phoneField,
    email: emailField,
    reminder: z
      .enum(REMINDER_CHOICES, { error: 'helpdesk.booking.reminder.required' })
      .optional()
      .describe('Rappel souhaité : sms, email ou none (enregistré comme consentement)'),
    consent: z.boolean({ error: 'helpdesk.booking.consent.required' }).optional().describe('Accord au traitement des données (obligatoire sans compte)'),
    note: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.personId) return;
    if (!v.firstName) ctx.addIssue({ code: 'custom', path: ['firstName'], message: 'helpdesk.booking.firstName.required' });
    if (!v.lastName) ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'helpdesk.booking.lastName.required' });
    refineContact(v, ctx);
  }, evenWithErrors);
export type AppointmentCreate = z.output<typeof appointmentCreate>;

export const appointmentPatch = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('cancel') }),
    z.object({
      action: z.literal('move'),
      startAt: isoInstant('helpdesk.booking.slot.required'),
      siteId: optionalUuid('helpdesk.booking.site.required'),
    }),
    z.object({ action: z.literal('outcome'), outcome: z.enum(OUTCOMES, { error: 'helpdesk.outcome.required' }) }),
  ],
  { error: 'helpdesk.patch.action.invalid' },
);
export type AppointmentPatch = z.output<typeof appointmentPatch>;

export const accompanimentInput = z
  .object({
    personId: optionalUuid('helpdesk.accompaniment.person.invalid'),
    appointmentId: optionalUuid('helpdesk.accompaniment.appointment.invalid'),
    siteId: optionalUuid('helpdesk.accompaniment.site.invalid'),
    occurredAt: z.preprocess(blankToUndefined, isoInstant('helpdesk.accompaniment.occurredAt.invalid').optional()),
    durationMinutes: int(1, 600, 'helpdesk.accompaniment.duration.invalid'),
    placeType: z.enum(PLACE_TYPES, { error: 'helpdesk.accompaniment.placeType.required' }),
    equipment: list(z.enum(EQUIPMENT, { error: 'helpdesk.accompaniment.equipment.required' })).refine((l) => l.length > 0, {
      error: 'helpdesk.accompaniment.equipment.required',
    }),
    themes: list(z.enum(THEMES, { error: 'helpdesk.accompaniment.themes.required' })).refine((l) => l.length > 0, {
      error: 'helpdesk.accompaniment.themes.required',
    }),
    procedureCategory: z.preprocess(
      blankToUndefined,
      z.enum(PROCEDURE_CATEGORIES, { error: 'helpdesk.accompaniment.procedureCategory.invalid' }).optional(),
    ),
    details: optionalText(2000),
    autonomy: z.enum(AUTONOMY, { error: 'helpdesk.accompaniment.autonomy.required' }),
    redirected: withDefault(bool('helpdesk.accompaniment.redirected.required'), false),
    redirectStructure: z.preprocess(
      blankToUndefined,
      z.enum(REDIRECT_STRUCTURES, { error: 'helpdesk.accompaniment.redirectStructure.required' }).optional(),
    ),
    followUp: withDefault(bool('helpdesk.accompaniment.followUp.invalid'), false),
  })
  .superRefine((v, ctx) => {
    if (v.redirected && !v.redirectStructure) {
      ctx.addIssue({ code: 'custom', path: ['redirectStructure'], message: 'helpdesk.accompaniment.redirectStructure.required' });
    }
    if (Array.isArray(v.equipment) && v.equipment.includes('aucun') && v.equipment.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['equipment'], message: 'helpdesk.accompaniment.equipment.noneAlone' });
    }
  }, evenWithErrors);
export type AccompanimentInput = z.output<typeof accompanimentInput>;

export const dropInInput = z.object({
  siteId: uuid('helpdesk.dropIn.site.required'),
  motifId: uuid('helpdesk.dropIn.motif.required'),
  personId: optionalUuid('helpdesk.dropIn.person.invalid'),
  firstName: z.preprocess(blankToUndefined, withLetter(text(100, 'helpdesk.booking.firstName.required')).optional()),
  lastName: z.preprocess(blankToUndefined, withLetter(text(100, 'helpdesk.booking.lastName.required')).optional()),
  phone: phoneField,
  note: optionalText(500),
});
export type DropInInput = z.output<typeof dropInInput>;

export const settingsInput = z.object({
  cancelUntilHours: int(0, 24 * 14, 'helpdesk.settings.cancelUntil.invalid'),
  reminderDayBefore: withDefault(bool('helpdesk.settings.dayBefore.invalid'), false),
});
export type SettingsInput = z.output<typeof settingsInput>;

export const slotsQuery = z.object({
  motif: uuid('helpdesk.booking.motif.required').describe('Identifiant du motif'),
  site: optionalUuid('helpdesk.booking.site.required').describe('Identifiant du lieu (facultatif)'),
  from: z.preprocess(blankToUndefined, z.union([date('helpdesk.slots.from.invalid'), isoInstant('helpdesk.slots.from.invalid')]).optional()),
  to: z.preprocess(blankToUndefined, z.union([date('helpdesk.slots.to.invalid'), isoInstant('helpdesk.slots.to.invalid')]).optional()),
});

/** Field errors in the order the fields appear on the page: the error summary follows it. */
export function inFormOrder(errors: FieldErrors, order: string[]): FieldErrors {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
