import { z } from 'zod';
import { CENTRE_ROLES, ROLES } from '../../platform/auth/roles.ts';
import { normalizePhone } from '../../platform/text.ts';
import { resolveCommune } from '../../platform/communes.ts';
import { isSiret } from './centre.rules.ts';
import { normalizeOpeningHours, OPENING_HOURS_MAX_LENGTH } from './opening-hours.ts';

/**
 * Zod schemas of the centre module: the page forms (every value a string, '' meaning "not
 * given") and the JSON API (null meaning "clear it"). Messages are catalogue keys.
 */

export const SITE_KINDS = ['centre', 'studio', 'village_hall', 'mobile', 'other'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

const emailRule = z.email();

/** Trimmed text, '' → null. */
const optionalText = (max: number) =>
  z
    .string({ error: 'admin.textInvalid' })
    .trim()
    .max(max, { error: 'admin.tooLong' })
    .transform((v) => v || null);

const requiredText = (max: number, requiredKey: string) =>
  z.string({ error: requiredKey }).trim().min(1, { error: requiredKey }).max(max, { error: 'admin.tooLong' });

const optionalEmail = z
  .string({ error: 'admin.emailInvalid' })
  .trim()
  .max(254, { error: 'admin.emailInvalid' })
  .refine((v) => v === '' || emailRule.safeParse(v).success, { error: 'admin.emailInvalid' })
  .transform((v) => (v ? v.toLowerCase() : null));

const optionalPhone = z
  .string({ error: 'admin.phoneInvalid' })
  .trim()
  .max(30, { error: 'admin.phoneInvalid' })
  .refine((v) => v === '' || /^0\d{9}$/.test(normalizePhone(v)), { error: 'admin.phoneInvalid' })
  .transform((v) => (v ? normalizePhone(v) : null));

/** 14 digits with a valid check digit; spaces and dots as people copy them are dropped. */
const optionalSiret = z
  .string({ error: 'admin.centre.siretInvalid' })
  .trim()
  .max(20, { error: 'admin.centre.siretInvalid' })
  .transform((v) => v.replace(/[\s.]/g, ''))
  .refine((v) => v === '' || isSiret(v), { error: 'admin.centre.siretInvalid' })
  .transform((v) => v || null);

const optionalPostalCode = z
  .string({ error: 'admin.postalCodeInvalid' })
  .trim()
  .regex(/^(\d{5})?$/, { error: 'admin.postalCodeInvalid' })
  .transform((v) => v || null);

const openingHoursText = z
  .string({ error: 'admin.centre.openingHoursInvalid' })
  .trim()
  .max(OPENING_HOURS_MAX_LENGTH, { error: 'admin.tooLong' })
  .transform((v) => v || null);

const inseeCode = z.string({ error: 'admin.commune.unknown' }).regex(/^(\d{5}|2[AB]\d{3})$/, { error: 'admin.commune.unknown' });

const siteKind = z.enum(SITE_KINDS, { error: 'admin.site.kindRequired' });
const role = z.enum(CENTRE_ROLES, { error: 'admin.user.roleInvalid' });

// Page forms. A browser sends every text input, even empty; an input that is missing
// altogether counts as empty too.
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined ? '' : v), schema);
// The pages check these early too, so that every error shows at once; the service stays
// the judge (and the only one for the API).
const knownCommune = (v: string | null) => v === null || ['found', 'ambiguous'].includes(resolveCommune(v).kind);
const readableHours = (v: string | null) => v === null || normalizeOpeningHours(v) !== null;
const formCommune = requiredText(120, 'admin.commune.required').refine(knownCommune, { error: 'admin.commune.unknown' });

export const centreForm = z.object({
  name: requiredText(120, 'admin.centre.nameRequired'),
  address: blank(optionalText(200)),
  postalCode: blank(optionalPostalCode),
  commune: formCommune,
  phone: blank(optionalPhone),
  email: blank(optionalEmail),
  siret: blank(optionalSiret),
  openingHours: blank(openingHoursText.refine(readableHours, { error: 'admin.centre.openingHoursInvalid' })),
});

export const siteForm = z.object({
  name: requiredText(120, 'admin.site.nameRequired'),
  kind: siteKind,
  address: blank(optionalText(200)),
  commune: blank(optionalText(120).refine(knownCommune, { error: 'admin.commune.unknown' })),
  accessibility: blank(optionalText(1000)),
});

export const partnerCommuneForm = z.object({
  commune: formCommune,
  contactName: blank(optionalText(120)),
  contactEmail: blank(optionalEmail),
});

export const partnerContactForm = partnerCommuneForm.omit({ commune: true });

export const staffForm = z.object({
  displayName: requiredText(120, 'admin.team.nameRequired'),
  email: z
    .string({ error: 'admin.team.emailRequired' })
    .trim()
    .max(254, { error: 'admin.team.emailRequired' })
    .pipe(z.email({ error: 'admin.team.emailRequired' })),
  role,
  partnerCommuneInsee: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null),
});

export const staffEditForm = staffForm.omit({ email: true });

export const tokenForm = z.object({
  name: requiredText(80, 'admin.tokens.nameRequired'),
  role,
});

// JSON API

export const idParams = z.object({ id: z.string().max(64) });

export const centreJson = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  communeInsee: z.string(),
  communeName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  siret: z.string().nullable().describe('SIRET du centre (14 chiffres) ; identifie ses lieux dans la liste nationale des lieux de médiation numérique'),
  openingHours: z.string().nullable().describe('Horaires au format OpenStreetMap opening_hours'),
  openingHoursText: z.array(z.string()).nullable().describe('Les horaires d’une semaine habituelle, en français'),
  updatedAt: z.string(),
});

export const centrePatchBody = z.strictObject({
  name: requiredText(120, 'admin.centre.nameRequired').optional(),
  address: optionalText(200).nullable().optional(),
  postalCode: optionalPostalCode.nullable().optional(),
  communeInsee: inseeCode.optional().describe('Code INSEE de la commune'),
  phone: optionalPhone.nullable().optional(),
  email: optionalEmail.nullable().optional(),
  siret: optionalSiret.nullable().optional().describe('14 chiffres ; null pour l’effacer'),
  openingHours: openingHoursText.nullable().optional(),
});

export const siteJson = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(SITE_KINDS),
  address: z.string().nullable(),
  communeInsee: z.string().nullable(),
  communeName: z.string().nullable(),
  accessibility: z.string().nullable(),
  archived: z.boolean(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const siteCreateBody = z.strictObject({
  name: requiredText(120, 'admin.site.nameRequired'),
  kind: siteKind,
  address: optionalText(200).nullable().optional(),
  communeInsee: inseeCode.nullable().optional(),
  accessibility: optionalText(1000).nullable().optional(),
});

export const sitePatchBody = z.strictObject({
  name: requiredText(120, 'admin.site.nameRequired').optional(),
  kind: siteKind.optional(),
  address: optionalText(200).nullable().optional(),
  communeInsee: inseeCode.nullable().optional(),
  accessibility: optionalText(1000).nullable().optional(),
  archived: z.boolean().optional().describe('true archive le lieu (il reste conservé), false le remet en service'),
});

export const sitesQuery = z.object({
  archives: z.enum(['true', 'false']).optional().describe('true : inclure les lieux archivés'),
});

export const partnerCommuneJson = z.object({
  id: z.string(),
  communeInsee: z.string(),
  communeName: z.string(),
  postalCode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  createdAt: z.string(),
});

export const partnerCommuneCreateBody = z.strictObject({
  communeInsee: inseeCode,
  contactName: optionalText(120).nullable().optional(),
  contactEmail: optionalEmail.nullable().optional(),
});

export const partnerCommunePatchBody = z.strictObject({
  contactName: optionalText(120).nullable().optional(),
  contactEmail: optionalEmail.nullable().optional(),
});

export const userJson = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  partnerCommuneInsee: z.string().nullable(),
  active: z.boolean(),
  invitationPending: z.boolean().describe('Le compte n’a pas encore choisi son mot de passe'),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const userCreateBody = z.strictObject({
  displayName: requiredText(120, 'admin.team.nameRequired'),
  email: z.email({ error: 'admin.team.emailRequired' }).max(254, { error: 'admin.team.emailRequired' }),
  role,
  partnerCommuneInsee: inseeCode.nullable().optional().describe('Obligatoire pour le rôle partner : une commune partenaire du centre'),
});

export const userPatchBody = z.strictObject({
  displayName: requiredText(120, 'admin.team.nameRequired').optional(),
  role: role.optional(),
  partnerCommuneInsee: inseeCode.nullable().optional(),
  active: z.boolean().optional(),
});

/** The roles that must use two-step sign-in: none ticked sends no field at all. */
export const twoStepRolesForm = z.object({
  roles: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : [v].flat())),
});
