/**
 * Zod schemas of volunteer hours: the JSON API (strict types, in the OpenAPI document) and the
 * HTML forms (strings). Error messages are catalogue keys.
 */
import { z } from 'zod';
import { calendarDate } from '../../platform/dates.ts';
import { HELP_KINDS, MAX_MINUTES } from './volunteer-hours.vocab.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'errors.invalidId' });
export const hoursIdParams = z.object({ id: uuid });
const TOO_LONG = 'board.text.tooLong';

// ---------------------------------------------------------------- API

export const hoursBody = z.object({
  userId: uuid.describe('Le compte du ou de la bénévole (rôle bénévole)'),
  kind: z.enum(HELP_KINDS, { error: 'volunteerHours.kindRequired' }),
  sessionId: uuid.nullable().optional().transform((v) => v ?? null).describe('La séance d’atelier, pour le type « atelier »'),
  workedOn: calendarDate().describe('Le jour (AAAA-MM-JJ), aujourd’hui ou avant'),
  minutes: z.number({ error: 'volunteerHours.durationPositive' }).int({ error: 'volunteerHours.durationPositive' })
    .min(1, { error: 'volunteerHours.durationPositive' }).max(MAX_MINUTES, { error: 'volunteerHours.durationTooLong' }).describe('Durée en minutes (de 1 à 1440)'),
  note: z.string().trim().max(300, { error: TOO_LONG }).nullable().optional().transform((v) => (v ? v : null)),
}).strict();

export const hoursQuery = z.object({
  from: calendarDate().optional().describe('Premier jour (par défaut le 1er janvier)'),
  to: calendarDate().optional().describe('Dernier jour (par défaut aujourd’hui)'),
});

const total = { minutes: z.number(), valueCents: z.number().describe('Valorisation : heures × taux horaire, en centimes') };

export const hoursOutput = z.object({
  id: z.string(), userId: z.string(), volunteerName: z.string(), kind: z.enum(HELP_KINDS), sessionId: z.string().nullable(), sessionTitle: z.string().nullable(),
  workedOn: z.string(), minutes: z.number(), note: z.string().nullable(), createdAt: z.string(),
});

export const hoursSummaryOutput = z.object({
  from: z.string(), to: z.string(), rateCents: z.number().describe('Taux horaire de valorisation, en centimes'),
  items: z.array(hoursOutput),
  byVolunteer: z.array(z.object({ userId: z.string(), name: z.string(), ...total })),
  byMonth: z.array(z.object({ month: z.string().describe('AAAA-MM'), ...total })),
  total: z.object(total),
});

// ---------------------------------------------------------------- HTML forms

const formString = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const wholeNumber = (max: number, key: string) =>
  z.preprocess(formString, z.string().regex(/^-?\d{0,4}$/, { error: key }).transform((v) => (v === '' ? 0 : Number(v))).refine((n) => n >= 0, { error: 'volunteerHours.durationPositive' }).refine((n) => n <= max, { error: key }));

export const hoursForm = z.object({
  userId: z.preprocess(formString, z.string().min(1, { error: 'volunteerHours.volunteerRequired' }).max(64)),
  kind: z.preprocess(formString, z.enum(HELP_KINDS, { error: 'volunteerHours.kindRequired' })),
  sessionId: z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : null), z.string().max(64).nullable()),
  workedOn: z.preprocess(formString, calendarDate()),
  durationHours: wholeNumber(99, 'volunteerHours.hoursInvalid'),
  durationMinutes: wholeNumber(59, 'volunteerHours.minutesInvalid'),
  note: z.preprocess(formString, z.string().max(300, { error: TOO_LONG })),
});

/** "12,02", "12.5 €" → cents; anything else → 'invalid'. */
export function parseRate(input: string): number | 'invalid' {
  const cleaned = input.replace(/€/g, '').replace(/\s/g, '').replace(',', '.');
  if (!/^\d{1,4}(\.\d{1,2})?$/.test(cleaned)) return 'invalid';
  return Math.round(Number(cleaned) * 100);
}

export const rateForm = z.object({
  rate: z.preprocess(formString, z.string().transform((v, ctx) => {
    const cents = parseRate(v);
    if (cents === 'invalid' || cents === 0) {
      ctx.addIssue({ code: 'custom', message: 'volunteerHours.rateInvalid' });
      return z.NEVER;
    }
    return cents;
  })),
});
