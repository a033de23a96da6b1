/**
 * Zod schemas of the team module: the JSON API bodies and answers (in the OpenAPI document)
 * and the HTML forms (strings and checkbox lists). Error messages are catalogue keys.
 */
import { z } from 'zod';
import { calendarDate } from '../../platform/dates.ts';
import { invalid, type FieldErrors } from '../../platform/errors.ts';
import type { ProfileInput } from './profile.service.ts';
import { parseDayAvailability, type AvailabilityWindow } from './schedule.ts';
import { ASSIGNMENT_KINDS, CONFLICT_KINDS, CONTACT_CHANNELS, WEEKDAYS } from './team.vocab.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'errors.invalidId' });
export const idParams = z.object({ id: uuid });

const TOO_LONG = 'team.text.tooLong';
const optionalText = (max: number) =>
  z.string().trim().max(max, { error: TOO_LONG }).transform((v) => (v === '' ? null : v)).nullable().optional().transform((v) => v ?? null);
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'team.profile.availabilityInvalid' });

// ---------------------------------------------------------------- API

const windowSchema = z.object({ weekday: z.number().int().min(1).max(7), startTime: time, endTime: time }).strict();

export const profileBody = z.object({
  skills: z.array(z.string().max(20)).max(100).default([]).describe('Compétences du référentiel du centre (codes, par exemple « 4.1 » ou « ACC.1 »)'),
  tags: z.array(z.string().max(40, { error: TOO_LONG })).max(20, { error: 'team.profile.tagsTooMany' }).default([]).describe('Étiquettes libres (« couture », « anglais »…)'),
  availability: z.array(windowSchema).max(50).default([]).describe('Disponibilités de la semaine, en heure de Paris'),
  contactChannel: z.enum(CONTACT_CHANNELS, { error: 'team.profile.channelRequired' }).default('email'),
  phone: optionalText(30),
  contactNote: optionalText(300),
}).strict().refine((b) => b.availability.every((w) => w.startTime < w.endTime), { error: 'team.profile.availabilityInvalid', path: ['availability'] });

const trainingOutput = z.object({ pathwayId: z.string(), title: z.string() });

export const memberOutput = z.object({
  id: z.string(), displayName: z.string(), role: z.string(), active: z.boolean(),
  skills: z.array(z.string()), tags: z.array(z.string()), availability: z.array(windowSchema),
  contactChannel: z.enum(CONTACT_CHANNELS), phone: z.string().nullable(), contactNote: z.string().nullable(),
  trainingsCompleted: z.array(trainingOutput),
});

export const memberDetailOutput = memberOutput.extend({
  trainingsRequired: z.array(trainingOutput.extend({ role: z.string().nullable(), kind: z.enum(ASSIGNMENT_KINDS).nullable(), done: z.boolean() })),
  absences: z.array(z.object({ id: z.string(), firstDay: z.string(), lastDay: z.string(), reason: z.string().nullable() })),
});

export const assignmentBody = z.object({
  userId: uuid,
  slot: z.string().max(120).describe('« session:<id de séance> », « helpdesk:<id d’horaire de permanence>:<AAAA-MM-JJ> » ou « tour:<id de tournée confirmée de la navette> »'),
  confirm: z.boolean().default(false).describe('Affecter malgré les conflits signalés'),
}).strict();

export const conflictOutput = z.object({ kind: z.enum(CONFLICT_KINDS), detail: z.string() });

export const assignmentOutput = z.object({
  id: z.string(), userId: z.string(), kind: z.enum(ASSIGNMENT_KINDS), sessionId: z.string().nullable(), openingId: z.string().nullable(), tourId: z.string().nullable(),
  day: z.string(), startsAt: z.string(), endsAt: z.string(), title: z.string(), place: z.string().nullable(), confirmedConflicts: z.array(z.enum(CONFLICT_KINDS)),
});

export const assignResultOutput = z.object({ saved: z.boolean(), assignment: assignmentOutput.nullable(), conflicts: z.array(conflictOutput) });

export const weekQuery = z.object({ week: calendarDate().optional().describe('Un jour de la semaine voulue (AAAA-MM-JJ) ; par défaut, cette semaine') });
export const assignmentsQuery = z.object({ userId: uuid, from: calendarDate().optional(), days: z.coerce.number().int().min(1).max(92).default(7) });

// ---------------------------------------------------------------- HTML forms

const formString = (v: unknown) => (typeof v === 'string' ? v : '');
const formOptionalText = (max: number) => z.preprocess(formString, z.string().trim().max(max, { error: TOO_LONG }).transform((v) => (v === '' ? null : v)));
const formList = z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []), z.array(z.string().max(20)).max(100));

/** One weekday's availability as typed ("9:00-12:00, 14:00-17:30"), read by profileInput. */
const dayText = z.preprocess(formString, z.string().max(200, { error: TOO_LONG }));

export const profileForm = z.object({
  skills: formList,
  tags: z.preprocess(formString, z.string().max(900, { error: TOO_LONG })),
  day1: dayText, day2: dayText, day3: dayText, day4: dayText, day5: dayText, day6: dayText, day7: dayText,
  contactChannel: z.preprocess(formString, z.enum(CONTACT_CHANNELS, { error: 'team.profile.channelRequired' })),
  phone: formOptionalText(30),
  contactNote: formOptionalText(300),
});

/** The profile form's values as the service takes them; unreadable availability lines are field errors. */
export function profileInput(form: z.output<typeof profileForm>): ProfileInput {
  const errors: FieldErrors = {};
  const availability: AvailabilityWindow[] = [];
  for (const d of WEEKDAYS) {
    const windows = parseDayAvailability(d, form[`day${d}`]);
    if (windows) availability.push(...windows);
    else errors[`day${d}`] = 'team.profile.availabilityInvalid';
  }
  if (Object.keys(errors).length > 0) throw invalid(errors);
  return {
    skills: form.skills, tags: form.tags.split(',').map((t) => t.trim()).filter(Boolean), availability,
    contactChannel: form.contactChannel, phone: form.phone, contactNote: form.contactNote,
  };
}

export const absenceForm = z.object({
  firstDay: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), calendarDate('team.absence.firstRequired')),
  lastDay: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined), calendarDate('team.absence.lastInvalid').optional()),
  reason: formOptionalText(200),
});

export const assignForm = z.object({
  userId: z.preprocess(formString, z.string().min(1, { error: 'team.assign.memberRequired' }).max(64)),
  slot: z.preprocess(formString, z.string().min(1, { error: 'team.assign.slotRequired' }).max(120)),
  confirm: z.preprocess((v) => v === 'oui', z.boolean()),
});

export const requirementForm = z.object({
  kind: z.preprocess(formString, z.enum(ASSIGNMENT_KINDS, { error: 'team.requirement.kindRequired' })),
  pathwayId: z.preprocess(formString, z.string().min(1, { error: 'team.requirement.pathwayRequired' }).max(64)),
});
