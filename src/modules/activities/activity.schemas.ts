/**
 * Zod schemas of the activities module: the JSON API (request and response bodies, which
 * also make the OpenAPI document) and the HTML forms (strings in, typed values out).
 * Error messages are catalogue keys, translated at render time.
 */
import { z } from 'zod';
import { normalizePhone } from '../../platform/text.ts';
import {
  ACTIVITY_KINDS, ATTENDANCE_STATUSES, AUDIENCES, EQUIPMENT, LEVELS, REGISTRATION_MODES, REGISTRATION_STATUSES, SESSION_STATUSES, THEMES,
} from './activity.vocab.ts';
import { blockErrors, parseTime, WEEKDAYS, weeklyRule, type Schedule, type WeeklyBlock } from './schedule.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { withLetter } from '../../platform/person-name.ts';

export const MAX_CAPACITY = 500;
const PHONE_RE = /^0[1-9]\d{8}$/;

// — what the service accepts —

export interface ActivityInput {
  title: string;
  description: string;
  kind: (typeof ACTIVITY_KINDS)[number];
  audience: (typeof AUDIENCES)[number];
  minAge: number | null;
  maxAge: number | null;
  theme: (typeof THEMES)[number];
  level: (typeof LEVELS)[number];
  siteId: string;
  facilitatorIds: string[];
  capacity: number;
  priceCents: number;
  reducedPriceCents: number | null;
  equipment: (typeof EQUIPMENT)[number][];
  registrationMode: (typeof REGISTRATION_MODES)[number];
  published: boolean;
  schedule: Schedule;
  /** Absent: none (creation) or unchanged (update). */
  speakers?: Speaker[];
  partners?: Partner[];
  /** Absent on creation: on for an information time, off otherwise. */
  surveyEnabled?: boolean;
}

// — speakers and partner organisations —

export interface Speaker {
  name: string;
  role: string | null;
}

export interface Partner {
  name: string;
  url: string | null;
}

const MAX_SPEAKERS = 20;
const SPEAKER_NAME_MAX = 120;
const SPEAKER_ROLE_MAX = 200;
const PARTNER_URL_MAX = 300;

// A dash with a space on each side (or a long dash) parts a name from a role: "Jean-Pierre" stays whole.
const SEPARATOR = /\s+[-–—]\s+|\s*[–—]\s*/;
const URL_WORD = /\bhttps?:\/\/\S+/i;

const nonEmptyLines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** One speaker per line: "Marie Dupont - conseillère à la CAF" (the role is optional). */
export function parseSpeakerLines(text: string): Speaker[] {
  return nonEmptyLines(text).map((line) => {
    const match = SEPARATOR.exec(line);
    if (!match) return { name: line, role: null };
    return { name: line.slice(0, match.index).trim(), role: line.slice(match.index + match[0].length).trim() || null };
  });
}

/** One organisation per line, its web address (https) anywhere on the line: "CAF du Nord - https://www.caf.fr". */
export function parsePartnerLines(text: string): Partner[] {
  return nonEmptyLines(text).map((line) => {
    const url = URL_WORD.exec(line)?.[0] ?? null;
    const name = (url ? line.replace(url, ' ') : line).split(SEPARATOR).map((p) => p.trim()).filter(Boolean).join(' ').replace(/[\s:,;(]+$|^[\s:,;)]+/g, '');
    return { name, url };
  });
}

/** The lines a form shows again for a list. */
export function speakerLines(speakers: Speaker[]): string {
  return speakers.map((s) => (s.role ? `${s.name} - ${s.role}` : s.name)).join('\n');
}

export function partnerLines(partners: Partner[]): string {
  return partners.map((p) => (p.url ? `${p.name} - ${p.url}` : p.name)).join('\n');
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** What is wrong with a list of speakers (a catalogue key), or null. */
export function speakersError(speakers: Speaker[]): string | null {
  if (speakers.length > MAX_SPEAKERS) return 'activities.speakers.tooMany';
  if (speakers.some((s) => s.name.trim() === '')) return 'activities.speakers.nameRequired';
  if (speakers.some((s) => s.name.length > SPEAKER_NAME_MAX || (s.role?.length ?? 0) > SPEAKER_ROLE_MAX)) return 'activities.speakers.tooLong';
  return null;
}

export function partnersError(partners: Partner[]): string | null {
  if (partners.length > MAX_SPEAKERS) return 'activities.partners.tooMany';
  if (partners.some((p) => p.name.trim() === '')) return 'activities.partners.nameRequired';
  if (partners.some((p) => p.name.length > SPEAKER_NAME_MAX)) return 'activities.partners.tooLong';
  if (partners.some((p) => p.url !== null && (p.url.length > PARTNER_URL_MAX || !isHttpsUrl(p.url)))) return 'activities.partners.urlInvalid';
  return null;
}

export interface RegistrantInput {
  /** An existing person (staff, API)… */
  personId?: string;
  /** …or the identity typed in a form, matched to a file or turned into one. */
  person?: { firstName: string; lastName: string; birthYear: number | null; commune: string | null; phone: string | null; email: string | null };
  guardianName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  parentalAuthorisation?: boolean;
  remindersConsent?: boolean;
  /** Consent to keep a new person's file (asked before creating one). */
  dataProcessing?: boolean;
  /** The connection address of a resident registering online (counted for the daily limits). */
  ip?: string | null;
}

// — building blocks —

const text = (max: number, required: string | null, tooLong = 'activities.text.tooLong') => {
  const base = z.string({ error: required ?? tooLong }).trim().max(max, { error: tooLong });
  return required ? base.min(1, { error: required }) : base;
};

export const phoneField = z
  .string({ error: 'activities.phone.invalid' })
  .trim()
  .max(30, { error: 'activities.phone.invalid' })
  .transform((v) => (v === '' ? null : normalizePhone(v)))
  .refine((v) => v === null || PHONE_RE.test(v), { error: 'activities.phone.invalid' });

export const emailField = z
  .string({ error: 'activities.email.invalid' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'activities.email.invalid' })
  .refine((v) => v === '' || z.regexes.email.test(v), { error: 'activities.email.invalid' })
  .transform((v) => (v === '' ? null : v));

const age = z.number({ error: 'activities.age.invalid' }).int({ error: 'activities.age.invalid' }).min(0, { error: 'activities.age.invalid' }).max(120, { error: 'activities.age.invalid' });
const cents = (key: string) => z.number({ error: key }).int({ error: key }).min(0, { error: key }).max(100_000_00, { error: key });
const localDate = z.string({ error: 'activities.schedule.dateInvalid' }).max(20).describe('Date locale (Europe/Paris), AAAA-MM-JJ');
const localTime = z.string({ error: 'activities.schedule.timeInvalid' }).max(10).describe('Heure locale (Europe/Paris), HH:MM');

const weeklyBlock = z.object({
  weekday: z.enum(WEEKDAYS, { error: 'activities.schedule.blockWeekdayRequired' }).describe('Jour : MO, TU, WE, TH, FR, SA ou SU'),
  startTime: localTime,
  endTime: localTime,
});

const scheduleSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('single'), date: localDate, startTime: localTime, endTime: localTime }),
    z.object({ kind: z.literal('dates'), dates: z.array(localDate).min(1, { error: 'activities.schedule.datesRequired' }).max(200), startTime: localTime, endTime: localTime }),
    z.object({
      kind: z.literal('rrule'),
      rrule: z.string().max(500).describe('Règle RRULE (RFC 5545) sans DTSTART, par exemple FREQ=WEEKLY;BYDAY=TU'),
      startDate: localDate,
      endDate: localDate.optional(),
      startTime: localTime,
      endTime: localTime,
      exceptions: z.array(z.string().max(50)).max(100).optional().describe('Dates ou périodes sans séance : AAAA-MM-JJ ou AAAA-MM-JJ..AAAA-MM-JJ'),
      blocks: z.array(weeklyBlock).max(WEEKDAYS.length).optional()
        .describe('Créneaux hebdomadaires, chacun avec ses heures : une date tombant ce jour-là prend ses heures ; les autres dates prennent startTime et endTime'),
    }),
  ], { error: 'activities.schedule.kindInvalid' })
  .describe('Calendrier : une date, une liste de dates, ou une récurrence évaluée à l’heure de Paris');

export function scheduleFromApi(input: z.output<typeof scheduleSchema>): Schedule {
  switch (input.kind) {
    case 'single':
      return { kind: 'single', dates: [input.date], rrule: null, startDate: null, endDate: null, startTime: input.startTime, endTime: input.endTime, exceptions: [] };
    case 'dates':
      return { kind: 'dates', dates: input.dates, rrule: null, startDate: null, endDate: null, startTime: input.startTime, endTime: input.endTime, exceptions: [] };
    default:
      return {
        kind: 'rrule', dates: [], rrule: input.rrule, startDate: input.startDate, endDate: input.endDate ?? null,
        startTime: input.startTime, endTime: input.endTime, exceptions: input.exceptions ?? [], blocks: input.blocks ?? [],
      };
  }
}

// — JSON API —

const activityFields = {
  title: text(120, 'activities.title.required'),
  description: text(4000, null).optional(),
  kind: z.enum(ACTIVITY_KINDS, { error: 'activities.kind.invalid' }),
  audience: z.enum(AUDIENCES, { error: 'activities.audience.invalid' }),
  minAge: age.nullish(),
  maxAge: age.nullish(),
  theme: z.enum(THEMES, { error: 'activities.theme.invalid' }),
  level: z.enum(LEVELS, { error: 'activities.level.invalid' }),
  siteId: z.string({ error: 'activities.site.required' }).max(64),
  facilitatorIds: z.array(z.string().max(64)).max(20).optional(),
  capacity: z.number({ error: 'activities.capacity.invalid' }).int({ error: 'activities.capacity.invalid' }).min(1, { error: 'activities.capacity.invalid' }).max(MAX_CAPACITY, { error: 'activities.capacity.invalid' }),
  priceCents: cents('activities.price.invalid').optional().describe('Prix en centimes ; 0 ou absent : gratuit'),
  reducedPriceCents: cents('activities.price.invalid').nullish().describe('Tarif réduit en centimes'),
  equipment: z.array(z.enum(EQUIPMENT, { error: 'activities.equipment.invalid' })).max(5).optional(),
  registrationMode: z.enum(REGISTRATION_MODES, { error: 'activities.registrationMode.invalid' }).optional().describe('session : inscription séance par séance ; series : pour l’ensemble (toujours le cas d’un stage)'),
  published: z.boolean().optional().describe('Visible dans le programme public (par défaut : oui)'),
  schedule: scheduleSchema,
  speakers: z.array(z.object({
    name: text(SPEAKER_NAME_MAX, 'activities.speakers.nameRequired', 'activities.speakers.tooLong'),
    role: text(SPEAKER_ROLE_MAX, null, 'activities.speakers.tooLong').nullish().describe('Rôle ou organisation'),
  }).strict(), { error: 'activities.speakers.invalid' }).max(MAX_SPEAKERS, { error: 'activities.speakers.tooMany' }).optional().describe('Intervenants, dans l’ordre où les montrer'),
  partners: z.array(z.object({
    name: text(SPEAKER_NAME_MAX, 'activities.partners.nameRequired', 'activities.partners.tooLong'),
    url: z.string({ error: 'activities.partners.urlInvalid' }).trim().max(PARTNER_URL_MAX, { error: 'activities.partners.urlInvalid' })
      .refine(isHttpsUrl, { error: 'activities.partners.urlInvalid' }).nullish().describe('Site web, https seulement'),
  }).strict(), { error: 'activities.partners.invalid' }).max(MAX_SPEAKERS, { error: 'activities.partners.tooMany' }).optional().describe('Organisations partenaires'),
  surveyEnabled: z.boolean().optional().describe('Questionnaire « Votre avis » après chaque séance (par défaut : oui pour un temps d’information)'),
};

export const activityCreateSchema = z.object(activityFields).strict();
export const activityPatchSchema = z.object(activityFields).partial().strict();

export function activityInputFromApi(body: z.output<typeof activityCreateSchema>): ActivityInput {
  return {
    title: body.title,
    description: body.description ?? '',
    kind: body.kind,
    audience: body.audience,
    minAge: body.minAge ?? null,
    maxAge: body.maxAge ?? null,
    theme: body.theme,
    level: body.level,
    siteId: body.siteId,
    facilitatorIds: body.facilitatorIds ?? [],
    capacity: body.capacity,
    priceCents: body.priceCents ?? 0,
    reducedPriceCents: body.reducedPriceCents ?? null,
    equipment: body.equipment ?? [],
    registrationMode: body.registrationMode ?? 'session',
    published: body.published ?? true,
    schedule: scheduleFromApi(body.schedule),
    speakers: body.speakers?.map((sp) => ({ name: sp.name, role: sp.role || null })),
    partners: body.partners?.map((p) => ({ name: p.name, url: p.url || null })),
    surveyEnabled: body.surveyEnabled,
  };
}

export const idParams = z.object({ id: z.string().max(64).describe('Identifiant (UUID)') });

export const activityOutput = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.string(),
  audience: z.string(),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  theme: z.string(),
  level: z.string(),
  siteId: z.string(),
  facilitatorIds: z.array(z.string()),
  capacity: z.number(),
  priceCents: z.number(),
  reducedPriceCents: z.number().nullable(),
  equipment: z.array(z.string()),
  registrationMode: z.string(),
  published: z.boolean(),
  speakers: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
  partners: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
  surveyEnabled: z.boolean(),
  schedule: z.object({
    kind: z.string(),
    dates: z.array(z.string()),
    rrule: z.string().nullable(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    startTime: z.string(),
    endTime: z.string(),
    exceptions: z.array(z.string()),
    blocks: z.array(z.object({ weekday: z.string(), startTime: z.string(), endTime: z.string() })).describe('Créneaux hebdomadaires (récurrence seulement)'),
  }),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const sessionOutput = z.object({
  id: z.string(),
  activityId: z.string(),
  startsAt: z.string().describe('Début, UTC ISO-8601'),
  endsAt: z.string(),
  siteId: z.string(),
  status: z.enum(SESSION_STATUSES),
  cancelReason: z.string().nullable(),
  capacity: z.number(),
  confirmed: z.number(),
  waitlisted: z.number(),
  seatsLeft: z.number(),
});

export const sessionPatchSchema = z
  .object({
    status: z.enum(['cancelled'], { error: 'activities.session.statusInvalid' }).optional().describe('« cancelled » annule la séance et prévient les personnes inscrites'),
    reason: text(500, null).optional(),
    date: localDate.optional().describe('Nouvelle date (heure de Paris), pour déplacer la séance'),
    startTime: localTime.optional(),
    endTime: localTime.optional(),
    siteId: z.string().max(64).optional(),
  })
  .strict();

const registrantPerson = z.object({
  firstName: withLetter(text(100, 'activities.firstName.required')),
  lastName: withLetter(text(100, 'activities.lastName.required')),
  birthYear: z.number({ error: 'activities.birthYear.invalid' }).int({ error: 'activities.birthYear.invalid' }).nullish(),
  commune: text(120, null).nullish().describe('Commune : nom, « Nom (code postal) » ou code INSEE'),
  phone: phoneField.nullish(),
  email: emailField.nullish(),
});

export const registrationCreateSchema = z
  .object({
    personId: z.string().max(64).optional().describe('Une personne existante…'),
    person: registrantPerson.optional().describe('…ou une personne à retrouver ou créer'),
    guardianName: text(200, null).nullish(),
    contactPhone: phoneField.nullish(),
    contactEmail: emailField.nullish(),
    parentalAuthorisation: z.boolean().optional(),
    remindersConsent: z.boolean().optional(),
    dataProcessing: z.boolean().optional().describe('Accord pour conserver la fiche d’une nouvelle personne (obligatoire pour en créer une)'),
  })
  .strict();

export const registrationOutput = z.object({
  id: z.string(),
  groupId: z.string(),
  sessionId: z.string(),
  activityId: z.string(),
  personId: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  waitlistPosition: z.number().nullable(),
  matchStatus: z.string(),
  createdAt: z.string(),
});

export const registrationResult = registrationOutput.extend({
  duplicate: z.boolean().describe('Vrai si la personne était déjà inscrite (rien n’a été créé)'),
  registrations: z.array(registrationOutput).describe('Toutes les inscriptions créées ensemble (stage : une par séance)'),
});

export const attendancePutSchema = z
  .object({
    entries: z
      .array(z.object({ personId: z.string().max(64), status: z.enum(ATTENDANCE_STATUSES, { error: 'activities.attendance.statusInvalid' }) }))
      .max(MAX_CAPACITY * 2),
  })
  .strict();

export const attendanceOutput = z.object({
  sessionId: z.string(),
  entries: z.array(z.object({ personId: z.string(), status: z.enum(ATTENDANCE_STATUSES), walkIn: z.boolean() })),
});

export const publicActivityOutput = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.string(),
  audience: z.string(),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  theme: z.string(),
  level: z.string(),
  priceCents: z.number(),
  reducedPriceCents: z.number().nullable(),
  registrationMode: z.string(),
  speakers: z.array(z.object({ name: z.string(), role: z.string().nullable() })),
  partners: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
  url: z.string(),
  site: z.object({ name: z.string(), address: z.string().nullable(), communeInsee: z.string().nullable(), commune: z.string(), accessibility: z.string().nullable() }),
  sessions: z.array(z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), seatsLeft: z.number(), full: z.boolean() })),
});

export const catalogueQuery = z.object({
  public: z.enum(AUDIENCES).optional().describe('Public'),
  lieu: z.string().max(64).optional().describe('Lieu (identifiant) ou commune (code INSEE)'),
  theme: z.enum(THEMES).optional(),
  du: z.string().max(20).optional().describe('À partir de cette date (AAAA-MM-JJ)'),
});

// — HTML forms (everything arrives as strings) —

const formText = (max: number, required: string | null) =>
  z.preprocess((v) => (typeof v === 'string' ? v : ''), required ? text(max, required) : text(max, null));
const formList = z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []), z.array(z.string().max(64)).max(20));
const formInt = (key: string, options: { min?: number; max?: number; optional?: boolean } = {}) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .refine((v) => (options.optional && v === '') || /^\d{1,7}$/.test(v), { error: key })
      .transform((v) => (v === '' ? null : Number(v)))
      .refine((v) => v === null || ((options.min === undefined || v >= options.min) && (options.max === undefined || v <= options.max)), { error: key }),
  );

/** "5", "5,50", "5.5 €" → 550; "" → null. */
export function parseEuros(input: string): number | null | 'invalid' {
  const cleaned = input.replace(/€/g, '').replace(/\s/g, '').replace(',', '.');
  if (cleaned === '') return null;
  if (!/^\d{1,6}(\.\d{1,2})?$/.test(cleaned)) return 'invalid';
  return Math.round(Number(cleaned) * 100);
}

const formEuros = z.preprocess(
  (v) => (typeof v === 'string' ? v : ''),
  z.string().transform((v, ctx) => {
    const cents = parseEuros(v);
    if (cents === 'invalid') {
      ctx.addIssue({ code: 'custom', message: 'activities.price.invalid' });
      return z.NEVER;
    }
    return cents;
  }),
);

/** The most weekly slots a form holds: one per weekday. */
export const MAX_BLOCKS = WEEKDAYS.length;
const blockKey = (n: number, part: 'Weekday' | 'Start' | 'End') => `block${n}${part}`;

/** How many weekly slots the submitted values hold (block1Weekday, block1Start, block1End, block2…). */
export function blockCount(values: Record<string, unknown>): number {
  let count = 0;
  for (let n = 1; n <= MAX_BLOCKS; n++) {
    if ((['Weekday', 'Start', 'End'] as const).some((part) => blockKey(n, part) in values)) count = n;
  }
  return count;
}

/** The weekly slots as typed, in order. */
export function formBlocks(values: Record<string, unknown>): { weekday: string; startTime: string; endTime: string }[] {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string).trim() : '');
  return Array.from({ length: blockCount(values) }, (_, i) => ({
    weekday: text(blockKey(i + 1, 'Weekday')), startTime: text(blockKey(i + 1, 'Start')), endTime: text(blockKey(i + 1, 'End')),
  }));
}

/** The values with the weekly slots replaced (renumbered from 1). */
function withBlocks(values: FormValues, blocks: { weekday: string; startTime: string; endTime: string }[]): FormValues {
  const rest = Object.fromEntries(Object.entries(values).filter(([key]) => !/^block\d+(Weekday|Start|End)$/.test(key)));
  blocks.forEach((b, i) => {
    rest[blockKey(i + 1, 'Weekday')] = b.weekday;
    rest[blockKey(i + 1, 'Start')] = b.startTime;
    rest[blockKey(i + 1, 'End')] = b.endTime;
  });
  return rest;
}

/**
 * The "add a slot" and "remove this slot" buttons of the form: they post the whole form (so it
 * works without JavaScript) with action=add-block or action=remove-block-N. Answers the values
 * to show again, every typed value kept, or null when the post is a real submission.
 */
export function blockAction(values: FormValues, action: unknown): { values: FormValues; focus: number } | null {
  if (typeof action !== 'string') return null;
  const { action: _action, ...kept } = values;
  const blocks = formBlocks(kept);
  if (blocks.length === 0) blocks.push({ weekday: '', startTime: '', endTime: '' });
  if (action === 'add-block') {
    if (blocks.length < MAX_BLOCKS) blocks.push({ weekday: '', startTime: '', endTime: '' });
    return { values: withBlocks({ ...kept, scheduleKind: 'rrule' }, blocks), focus: blocks.length };
  }
  const removed = /^remove-block-(\d+)$/.exec(action);
  if (!removed) return null;
  const n = Number(removed[1]);
  // The first slot stays: a weekly activity has at least one.
  if (n > 1 && n <= blocks.length) blocks.splice(n - 1, 1);
  return { values: withBlocks(kept, blocks), focus: Math.min(n, blocks.length) };
}

export const activityForm = z.preprocess(
  (body) => ({ ...(body && typeof body === 'object' ? body : {}), blocks: formBlocks(body && typeof body === 'object' ? (body as Record<string, unknown>) : {}) }),
  z
    .object({
      title: formText(120, 'activities.title.required'),
      description: formText(4000, null),
      kind: z.enum(ACTIVITY_KINDS, { error: 'activities.kind.invalid' }),
      audience: z.enum(AUDIENCES, { error: 'activities.audience.invalid' }),
      minAge: formInt('activities.age.invalid', { min: 0, max: 120, optional: true }),
      maxAge: formInt('activities.age.invalid', { min: 0, max: 120, optional: true }),
      theme: z.enum(THEMES, { error: 'activities.theme.invalid' }),
      level: z.enum(LEVELS, { error: 'activities.level.invalid' }),
      siteId: z.string({ error: 'activities.site.required' }).min(1, { error: 'activities.site.required' }).max(64),
      facilitatorIds: formList,
      capacity: formInt('activities.capacity.invalid', { min: 1, max: MAX_CAPACITY }),
      price: formEuros,
      reducedPrice: formEuros,
      equipment: formList.pipe(z.array(z.enum(EQUIPMENT, { error: 'activities.equipment.invalid' }))),
      registrationMode: z.enum(REGISTRATION_MODES, { error: 'activities.registrationMode.invalid' }).optional(),
      published: z.preprocess((v) => v === 'oui', z.boolean()),
      speakers: formText(4000, null),
      partners: formText(4000, null),
      surveyEnabled: z.preprocess((v) => v === 'oui', z.boolean()),
      scheduleKind: z.enum(['single', 'dates', 'rrule'], { error: 'activities.schedule.kindInvalid' }),
      date: formText(20, null),
      dates: formText(4000, null),
      blocks: z.array(z.object({ weekday: z.string(), startTime: z.string(), endTime: z.string() })),
      interval: z.preprocess((v) => (v === '2' ? 2 : 1), z.number()),
      startDate: formText(20, null),
      endDate: formText(20, null),
      sessionCount: formInt('activities.schedule.countInvalid', { min: 1, max: 200, optional: true }),
      // The times of a single date or a list of dates; weekly slots carry their own.
      startTime: formText(10, null),
      endTime: formText(10, null),
      exceptions: formText(4000, null),
    })
    .superRefine((form, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (form.scheduleKind === 'rrule') {
        // Every slot's errors at once, keyed by its fields, as the service would find them.
        const errors = blockErrors(form.blocks as WeeklyBlock[]);
        if (form.blocks.length === 0) errors.block1Weekday = 'activities.schedule.blockWeekdayRequired';
        for (const [field, message] of Object.entries(errors)) issue(field, message);
        // A weekly block ends on a date or after a number of sessions: one of the two, not both.
        if (form.sessionCount !== null && form.endDate.trim() !== '') issue('sessionCount', 'activities.schedule.endDateOrCount');
      } else {
        if (!parseTime(form.startTime)) issue('startTime', 'activities.schedule.timeInvalid');
        if (!parseTime(form.endTime)) issue('endTime', 'activities.schedule.timeInvalid');
      }
      if (form.minAge !== null && form.maxAge !== null && form.maxAge < form.minAge) issue('maxAge', 'activities.age.maxBelowMin');
    }),
);

export function activityInputFromForm(form: z.output<typeof activityForm>): ActivityInput {
  const lines = (value: string) => value.split(/[\n,;]+/).map((l) => l.trim()).filter(Boolean);
  const weekly = form.scheduleKind === 'rrule';
  // Checked by the form: every slot has a weekday of its own.
  const blocks = weekly ? (form.blocks as WeeklyBlock[]) : [];
  const schedule: Schedule = {
    kind: form.scheduleKind,
    dates: form.scheduleKind === 'single' ? [form.date].filter(Boolean) : form.scheduleKind === 'dates' ? lines(form.dates) : [],
    rrule: weekly ? weeklyRule(blocks.map((b) => b.weekday), form.interval, form.sessionCount) : null,
    startDate: weekly ? form.startDate || null : null,
    endDate: weekly ? form.endDate || null : null,
    // The first slot's times stand for the activity where one time is shown (and in the API).
    startTime: weekly ? blocks[0]!.startTime : form.startTime,
    endTime: weekly ? blocks[0]!.endTime : form.endTime,
    // Exceptions go one per line: a range ("du 14/02/2026 au 01/03/2026") holds spaces.
    exceptions: weekly ? form.exceptions.split('\n').map((l) => l.trim()).filter(Boolean) : [],
    blocks,
  };
  return {
    title: form.title,
    description: form.description,
    kind: form.kind,
    audience: form.audience,
    minAge: form.minAge,
    maxAge: form.maxAge,
    theme: form.theme,
    level: form.level,
    siteId: form.siteId,
    facilitatorIds: form.facilitatorIds,
    capacity: form.capacity!,
    priceCents: form.price ?? 0,
    reducedPriceCents: form.reducedPrice,
    equipment: form.equipment,
    registrationMode: form.registrationMode ?? 'session',
    published: form.published,
    schedule,
    speakers: parseSpeakerLines(form.speakers),
    partners: parsePartnerLines(form.partners),
    surveyEnabled: form.surveyEnabled,
  };
}

export const sessionMoveForm = z.object({
  date: formText(20, 'activities.schedule.dateRequired'),
  startTime: formText(10, 'activities.schedule.timeInvalid'),
  endTime: formText(10, 'activities.schedule.timeInvalid'),
  siteId: formText(64, null),
});

export const sessionCancelForm = z.object({ reason: formText(500, null) });

// The public registration, one question page at a time.
export const participantForm = z.object({
  firstName: withLetter(formText(100, 'activities.firstName.required')),
  lastName: withLetter(formText(100, 'activities.lastName.required')),
  birthYear: formInt('activities.birthYear.invalid', { min: 1900, max: 2100 }),
});

export const guardianForm = z.object({
  guardianName: formText(200, 'activities.guardian.nameRequired'),
  parentalAuthorisation: z.preprocess((v) => v === 'oui', z.boolean()).refine((v) => v, { error: 'activities.guardian.authorisationRequired' }),
});

export const contactForm = z
  .object({
    phone: z.preprocess((v) => (typeof v === 'string' ? v : ''), phoneField),
    email: z.preprocess((v) => (typeof v === 'string' ? v : ''), emailField),
    commune: formText(120, 'activities.commune.required'),
    reminders: z.preprocess((v) => v === 'oui', z.boolean()),
  })
  .superRefine((form, ctx) => {
    if (!form.phone && !form.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'activities.contact.required' });
  });

export const sessionChoiceForm = z.object({ sessionId: z.string({ error: 'activities.registration.chooseSession' }).min(1, { error: 'activities.registration.chooseSession' }).max(64) });

export const staffRegistrationForm = z.object({
  personId: formText(64, null),
  firstName: withLetter(formText(100, null)),
  lastName: withLetter(formText(100, null)),
  birthYear: formInt('activities.birthYear.invalid', { min: 1900, max: 2100, optional: true }),
  phone: z.preprocess((v) => (typeof v === 'string' ? v : ''), phoneField),
  email: z.preprocess((v) => (typeof v === 'string' ? v : ''), emailField),
  commune: formText(120, null),
  guardianName: formText(200, null),
  parentalAuthorisation: z.preprocess((v) => v === 'oui', z.boolean()),
});

// — the satisfaction survey ("Votre avis") —

export const SURVEY_RATINGS = [1, 2, 3, 4, 5] as const;
export const SURVEY_COMMENT_MAX = 2000;

/** The resident's answer: a face, and words if they want. */
export const surveyAnswerForm = z.object({
  rating: z.preprocess(
    (v) => (typeof v === 'string' && /^[1-5]$/.test(v.trim()) ? Number(v) : undefined),
    z.number({ error: 'activities.survey.ratingRequired' }).int().min(1).max(5),
  ),
  comment: formText(SURVEY_COMMENT_MAX, null),
});

/** Paper answers of a session: how many sheets per face, and the comments written on them, one per line. */
export const surveyPaperForm = z.object({
  face1: formInt('activities.survey.countInvalid', { min: 0, max: MAX_CAPACITY, optional: true }),
  face2: formInt('activities.survey.countInvalid', { min: 0, max: MAX_CAPACITY, optional: true }),
  face3: formInt('activities.survey.countInvalid', { min: 0, max: MAX_CAPACITY, optional: true }),
  face4: formInt('activities.survey.countInvalid', { min: 0, max: MAX_CAPACITY, optional: true }),
  face5: formInt('activities.survey.countInvalid', { min: 0, max: MAX_CAPACITY, optional: true }),
  comments: formText(20_000, null),
});

export const surveyResultsOutput = z.object({
  sessionId: z.string(),
  enabled: z.boolean().describe('Le questionnaire est proposé pour cette activité'),
  present: z.number().describe('Personnes présentes à la séance'),
  answers: z.number().describe('Réponses (en ligne et sur papier)'),
  paper: z.number().describe('Dont réponses sur papier'),
  shown: z.boolean().describe('Faux tant qu’il y a moins de 3 réponses : le détail n’est pas montré, pour que personne ne soit reconnu'),
  average: z.number().nullable().describe('Moyenne sur 5, à un chiffre après la virgule'),
  counts: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }).describe('Réponses par visage : 1 très mécontent … 5 très content'),
  comments: z.array(z.string()).describe('Réponses libres, sans nom, dans l’ordre alphabétique'),
});
