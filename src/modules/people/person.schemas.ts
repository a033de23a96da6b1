import { z } from 'zod';
import { apiErrorSchema } from '../../platform/http/api-docs.ts';
import { currentYear, type Clock } from '../../platform/clock.ts';
import { normalizePhone } from '../../platform/text.ts';
import { AGE_BRACKETS, MIN_BIRTH_YEAR } from './age-bracket.ts';
import { withLetter } from '../../platform/person-name.ts';

/** National values (PRODUCT.md) and the consent kinds the centre asks for. */
export const GENDERS = ['masculin', 'feminin', 'non_communique'] as const;
export type Gender = (typeof GENDERS)[number];
export const SOCIAL_STATUSES = ['scolarise', 'sans_emploi', 'en_emploi', 'retraite', 'non_communique'] as const;
export type SocialStatus = (typeof SOCIAL_STATUSES)[number];
export const CONSENT_KINDS = ['data_processing', 'sms_reminders', 'email_reminders', 'photos', 'parental_authorisation'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/**
 * The version of the consent texts (catalogue keys `people.consent.<kind>.*`). Change it
 * whenever one of those texts changes: each consent row keeps the version the person saw.
 */
export const CONSENT_WORDING_VERSION = '2026-11-v1';

export function isConsentKind(value: string): value is ConsentKind {
  return (CONSENT_KINDS as readonly string[]).includes(value);
}

const PHONE_RE = /^0[1-9]\d{8}$/;
const NAME_MAX = 100;
const TEXT_MAX = 1000;

/** What a person's file is made of, as a service receives it (typed, already trimmed). */
export interface PersonInput {
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  birthYear: number | null;
  /** As typed: a commune name, "Name (postal code)" or an INSEE code; resolved by the service. */
  commune: string | null;
  socialStatus: SocialStatus;
  gender: Gender;
  accessibilityNeeds: string | null;
  /** The household to join (by name, accents and case ignored) or to create. */
  household: string | null;
  /** Member for the current year, with the amount paid (cents) if any; null: not a member. */
  membership: { amountCents: number | null } | null;
  consents: Partial<Record<ConsentKind, boolean>>;
}

/**
 * Control characters never belong in a name or a note (and PostgreSQL refuses NUL in text):
 * one-line fields turn them into spaces, notes keep only their line breaks and tabs.
 */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/[\u0000-\u001F\u007F]+/g, ' ').replace(/\s+/g, ' ').trim();
}
export function multiLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
}

// Building blocks shared by the JSON API and the service. Messages are catalogue keys.
const requiredName = (key: string) =>
  z
    .string({ error: key })
    .transform(oneLine)
    .pipe(withLetter(z.string().min(1, { error: key }).max(NAME_MAX, { error: 'people.name.tooLong' })));

export const phoneSchema = z
  .string({ error: 'people.phone.invalid' })
  .trim()
  .max(30, { error: 'people.phone.invalid' })
  .transform((v) => (v === '' ? null : normalizePhone(v)))
  .refine((v) => v === null || PHONE_RE.test(v), { error: 'people.phone.invalid' });

export const emailSchema = z
  .string({ error: 'people.email.invalid' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'people.email.invalid' })
  .refine((v) => v === '' || z.regexes.email.test(v), { error: 'people.email.invalid' })
  .transform((v) => (v === '' ? null : v));

const optionalText = (max: number, key = 'people.text.tooLong', clean: (v: string) => string = oneLine) =>
  z
    .string({ error: key })
    .transform(clean)
    .pipe(z.string().max(max, { error: key }))
    .transform((v) => (v === '' ? null : v));

const consentsShape = Object.fromEntries(CONSENT_KINDS.map((k) => [k, z.boolean({ error: 'errors.invalid' }).optional()])) as Record<
  ConsentKind,
  z.ZodOptional<z.ZodBoolean>
>;
export const consentsSchema = z.object(consentsShape);

const membershipSchema = z.object({
  amountCents: z
    .number({ error: 'people.membership.amountInvalid' })
    .int({ error: 'people.membership.amountInvalid' })
    .min(0, { error: 'people.membership.amountInvalid' })
    .max(1_000_000, { error: 'people.membership.amountInvalid' })
    .nullish()
    .transform((v) => v ?? null),
});

// ---- The HTML form: every value arrives as a string (or several, for checkboxes). ----

const formString = z.preprocess((v) => v ?? '', z.string({ error: 'errors.invalid' }).max(2000, { error: 'people.text.tooLong' }));
const formList = z.preprocess(
  (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string({ error: 'errors.invalid' }), { error: 'errors.invalid' }).max(CONSENT_KINDS.length * 2, { error: 'errors.invalid' }),
);

/** "10", "10,50", "10.5 €" → cents; empty → null. */
export function parseEuros(text: string): number | null | 'invalid' {
  const cleaned = text.replace(/\s|€/g, '');
  if (cleaned === '') return null;
  const match = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return 'invalid';
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

export function formatEuros(cents: number | null): string {
  if (cents === null) return '';
  const euros = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(euros) : `${euros},${String(rest).padStart(2, '0')}`;
}

/** The fields of the form in the order they appear: the error summary follows it. */
export const FORM_FIELD_ORDER = [
  'firstName',
  'lastName',
  'birthYear',
  'phone',
  'email',
  'commune',
  'socialStatus',
  'gender',
  'accessibilityNeeds',
  'household',
  'member',
  'membershipAmount',
  'consents',
  ...CONSENT_KINDS.map((k) => `consents.${k}`),
];

// ---- API responses (plain shapes: the serializer encodes them, so no transforms here). ----

export const personIdParams = z.object({ id: z.string().describe('Identifiant de la personne (UUID)') });

export const personSummarySchema = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable().describe('10 chiffres, sans espaces'),
  email: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  ageBracket: z.enum(AGE_BRACKETS),
  communeInsee: z.string().nullable(),
  communeName: z.string().nullable(),
  erased: z.boolean(),
});

const consentStateSchema = z.object({
  granted: z.boolean(),
  wordingVersion: z.string(),
  recordedAt: z.string(),
});

export const personSchema = personSummarySchema.extend({
  socialStatus: z.enum(SOCIAL_STATUSES),
  gender: z.enum(GENDERS),
  accessibilityNeeds: z.string().nullable(),
  household: z
    .object({
      id: z.string(),
      name: z.string(),
      members: z.array(z.object({ id: z.string(), firstName: z.string().nullable(), lastName: z.string().nullable() })),
    })
    .nullable(),
  memberships: z.array(z.object({ year: z.number().int(), amountCents: z.number().int().nullable(), recordedAt: z.string() })),
  consents: z.object(Object.fromEntries(CONSENT_KINDS.map((k) => [k, consentStateSchema.nullable()])) as Record<ConsentKind, z.ZodNullable<typeof consentStateSchema>>),
  consentHistory: z.array(consentStateSchema.extend({ kind: z.enum(CONSENT_KINDS) })),
  erasedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const personListSchema = z.object({
  items: z.array(personSummarySchema),
  total: z.number().int().describe('Nombre de personnes trouvées, compté jusqu’à 1 000 (voir `totalCapped`)'),
  totalCapped: z.boolean().describe('Vrai quand plus de `total` personnes correspondent : le compte s’est arrêté à 1 000'),
  pageSize: z.number().int(),
  next: z.string().nullable().describe('Curseur de la page suivante (à passer dans `cursor`), null sur la dernière page'),
  previous: z.string().nullable().describe('Curseur de la page précédente (à passer dans `cursor`), null sur la première page'),
});

export const personListQuery = z.object({
  q: z.string().max(200).optional().describe('Texte cherché : chaque mot doit commencer un mot du nom, du prénom, du téléphone, de l’e-mail ou de la commune (sans tenir compte des accents)'),
  cursor: z
    .string()
    .max(600)
    .optional()
    .describe('Curseur opaque de la page voulue : le `next` ou le `previous` d’une réponse précédente. Absent : la première page.'),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

export const mergeBody = z.object({ duplicateId: z.string({ error: 'errors.required' }).min(1, { error: 'errors.required' }).max(100) });

export const duplicateSchema = personSummarySchema.extend({
  matchedOn: z.array(z.enum(['name', 'phone', 'email'])),
});

export const duplicateErrorSchema = apiErrorSchema.extend({
  duplicates: z.array(duplicateSchema),
  hiddenCount: z.number().int().describe('Fiches semblables que ce compte ne peut pas voir'),
});

export const exportSchema = z.object({
  exportedAt: z.string(),
  person: personSchema,
  auditEntries: z.array(z.object({ actorLabel: z.string(), action: z.string(), details: z.string().nullable(), at: z.string() })),
  mergedRecords: z.array(z.string()),
  modules: z.record(z.string(), z.unknown()),
});

export const communeListSchema = z.array(
  z.object({ code: z.string(), name: z.string(), postalCodes: z.array(z.string()), label: z.string() }),
);

/** The person form of /personnes/nouvelle and /personnes/:id/modifier, as posted. */
const personFormPost = z.object({
  firstName: formString,
  lastName: formString,
  phone: formString,
  email: formString,
  birthYear: formString,
  commune: formString,
  socialStatus: formString,
  gender: formString,
  accessibilityNeeds: formString,
  household: formString,
  member: formString,
  membershipAmount: formString,
  consents: formList,
});

/** Reads a posted person form into what the service takes; `issue` notes each field's refusal. */
function readPersonForm(
  form: z.output<typeof personFormPost>,
  issue: (path: string, message: string) => void,
  birthYearSchema: z.ZodType<number>,
): PersonInput {
  const first = requiredName('people.firstName.required').safeParse(form.firstName);
  if (!first.success) issue('firstName', first.error.issues[0]!.message);
  const last = requiredName('people.lastName.required').safeParse(form.lastName);
  if (!last.success) issue('lastName', last.error.issues[0]!.message);
  const phone = phoneSchema.safeParse(form.phone);
  if (!phone.success) issue('phone', 'people.phone.invalid');
  const email = emailSchema.safeParse(form.email);
  if (!email.success) issue('email', 'people.email.invalid');

  let birthYear: number | null = null;
  const yearText = form.birthYear.trim();
  if (yearText !== '') {
    const parsed = /^\d{4}$/.test(yearText) ? birthYearSchema.safeParse(Number(yearText)) : undefined;
    if (parsed?.success) birthYear = parsed.data;
    else issue('birthYear', 'people.birthYear.invalid');
  }
  const socialStatus = form.socialStatus === '' ? 'non_communique' : form.socialStatus;
  if (!(SOCIAL_STATUSES as readonly string[]).includes(socialStatus)) issue('socialStatus', 'people.socialStatus.invalid');
  const gender = form.gender === '' ? 'non_communique' : form.gender;
  if (!(GENDERS as readonly string[]).includes(gender)) issue('gender', 'people.gender.invalid');

  const commune = oneLine(form.commune);
  if (commune.length > 120) issue('commune', 'people.commune.unknown');
  const needs = multiLine(form.accessibilityNeeds);
  if (needs.length > TEXT_MAX) issue('accessibilityNeeds', 'people.text.tooLong');
  const household = oneLine(form.household);
  if (household.length > NAME_MAX) issue('household', 'people.household.tooLong');

  let membership: PersonInput['membership'] = null;
  const amount = parseEuros(form.membershipAmount);
  if (amount === 'invalid') issue('membershipAmount', 'people.membership.amountInvalid');
  else if (form.member !== '') membership = { amountCents: amount };
  else if (amount !== null) issue('member', 'people.membership.tickToPay');

  const consents: Partial<Record<ConsentKind, boolean>> = {};
  for (const kind of CONSENT_KINDS) consents[kind] = false;
  for (const value of form.consents) {
    if (isConsentKind(value)) consents[value] = true;
    else issue('consents', 'errors.invalid');
  }

  return {
    firstName: first.success ? first.data : '',
    lastName: last.success ? last.data : '',
    phone: phone.success ? phone.data : null,
    email: email.success ? email.data : null,
    birthYear,
    commune: commune || null,
    socialStatus: socialStatus as SocialStatus,
    gender: gender as Gender,
    accessibilityNeeds: needs || null,
    household: household || null,
    membership,
    consents,
  };
}

/**
 * What the service's rules look at (commune, birth year, consents), read leniently from a
 * form that failed validation elsewhere, so that those errors can be shown at once.
 */
function readRuleInput(
  body: unknown,
  birthYearSchema: z.ZodType<number>,
): { commune: string | null; birthYear: number | null; consents: Partial<Record<ConsentKind, boolean>> } {
  const form = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const year = birthYearSchema.safeParse(Number(text(form.birthYear).trim() || 'x'));
  const ticked = Array.isArray(form.consents) ? form.consents : [form.consents];
  const consents: Partial<Record<ConsentKind, boolean>> = {};
  for (const kind of CONSENT_KINDS) consents[kind] = ticked.includes(kind);
  return { commune: oneLine(text(form.commune).slice(0, 120)) || null, birthYear: year.success ? year.data : null, consents };
}

/**
 * The schemas that depend on today's date (a birth year cannot be in the future), built once
 * per app with its clock, so that they check against the app's "now".
 */
export function personSchemas(clock: Clock) {
  const birthYearSchema = z
    .number({ error: 'people.birthYear.invalid' })
    .int({ error: 'people.birthYear.invalid' })
    .min(MIN_BIRTH_YEAR, { error: 'people.birthYear.invalid' })
    .refine((y) => y <= currentYear(clock.now()), { error: 'people.birthYear.invalid' });

  const personFields = {
    firstName: requiredName('people.firstName.required'),
    lastName: requiredName('people.lastName.required'),
    phone: phoneSchema.nullish(),
    email: emailSchema.nullish(),
    birthYear: birthYearSchema.nullish(),
    commune: optionalText(120, 'people.commune.unknown').nullish(),
    socialStatus: z.enum(SOCIAL_STATUSES, { error: 'people.socialStatus.invalid' }),
    gender: z.enum(GENDERS, { error: 'people.gender.invalid' }),
    accessibilityNeeds: optionalText(TEXT_MAX, 'people.text.tooLong', multiLine).nullish(),
    household: optionalText(NAME_MAX, 'people.household.tooLong').nullish(),
    membership: membershipSchema.nullish(),
    consents: consentsSchema,
  };

  /** POST /api/v1/persons, and what PeopleService.create accepts from any caller. */
  const create = z
    .object({
      ...personFields,
      socialStatus: personFields.socialStatus.optional(),
      gender: personFields.gender.optional(),
      consents: consentsSchema.optional(),
      confirmNotDuplicate: z.boolean({ error: 'errors.invalid' }).optional(),
    })
    .transform(
      (v): PersonInput & { confirmNotDuplicate: boolean } => ({
        firstName: v.firstName,
        lastName: v.lastName,
        phone: v.phone ?? null,
        email: v.email ?? null,
        birthYear: v.birthYear ?? null,
        commune: v.commune ?? null,
        socialStatus: v.socialStatus ?? 'non_communique',
        gender: v.gender ?? 'non_communique',
        accessibilityNeeds: v.accessibilityNeeds ?? null,
        household: v.household ?? null,
        membership: v.membership ?? null,
        consents: v.consents ?? {},
        confirmNotDuplicate: v.confirmNotDuplicate ?? false,
      }),
    );

  /** PATCH /api/v1/persons/{id}: only the fields sent change; null clears an optional field. */
  const patch = z.object({
    firstName: personFields.firstName.optional(),
    lastName: personFields.lastName.optional(),
    phone: personFields.phone,
    email: personFields.email,
    birthYear: personFields.birthYear,
    commune: personFields.commune,
    socialStatus: personFields.socialStatus.optional(),
    gender: personFields.gender.optional(),
    accessibilityNeeds: personFields.accessibilityNeeds,
    household: personFields.household,
    membership: personFields.membership,
    consents: consentsSchema.optional(),
  });

  /** What the service's rules look at, read leniently from a form that failed validation. */
  const ruleInput = (body: unknown) => readRuleInput(body, birthYearSchema);

  /** The person form of /personnes/nouvelle and /personnes/:id/modifier. */
  const form = personFormPost.transform((post, ctx): PersonInput =>
    readPersonForm(post, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message }), birthYearSchema),
  );

  return { birthYear: birthYearSchema, create, patch, form, ruleInput };
}

export type PersonSchemas = ReturnType<typeof personSchemas>;
