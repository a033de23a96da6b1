/**
 * Zod schemas of the equipment module: the JSON API bodies (strict types, in the OpenAPI
 * document) and the HTML forms (strings and checkbox lists). Error messages are catalogue keys.
 */
import { z } from 'zod';
import { calendarDate } from '../../platform/dates.ts';
import { CATEGORIES, ITEM_STATUSES, RESERVATION_STATUSES } from './equipment.vocab.ts';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'errors.invalidId' });
export const idParams = z.object({ id: uuid });

const TOO_LONG = 'equipment.text.tooLong';
const text = (max: number, required: string) => z.string({ error: required }).trim().min(1, { error: required }).max(max, { error: TOO_LONG });
const optionalText = (max: number) =>
  z.string().trim().max(max, { error: TOO_LONG }).transform((v) => (v === '' ? null : v)).nullable().optional().transform((v) => v ?? null);
const cents = z.number({ error: 'equipment.item.valueInvalid' }).int({ error: 'equipment.item.valueInvalid' }).min(0, { error: 'equipment.item.valueInvalid' }).max(100_000_000, { error: 'equipment.item.valueInvalid' });
const optionalDate = calendarDate().nullable().optional().transform((v) => v ?? null);

// ---------------------------------------------------------------- API

export const itemBody = z.object({
  name: text(120, 'equipment.item.nameRequired').describe('Nom, par exemple « Tablette Facilotab n°3 »'),
  category: z.enum(CATEGORIES, { error: 'equipment.item.categoryRequired' }),
  assetTag: text(40, 'equipment.item.tagRequired').describe('Numéro d’inventaire, unique dans le centre'),
  serialNumber: optionalText(80),
  funder: optionalText(120).describe('Financeur, par exemple « Carsat »'),
  fundingProgramme: optionalText(200),
  purchaseDate: optionalDate,
  purchaseValueCents: cents.nullable().optional().transform((v) => v ?? null),
  siteId: uuid.nullable().optional().transform((v) => v ?? null),
  lendable: z.boolean().default(true).describe('Se prête à domicile (sinon : sur place seulement)'),
  publicDescription: optionalText(1000).describe('Présentation publique sur /materiel ; vide : non affiché'),
  depositCents: cents.nullable().optional().transform((v) => v ?? null),
  requiredModuleId: uuid.nullable().optional().transform((v) => v ?? null).describe('Module de parcours à terminer avant d’emprunter ou de réserver'),
  components: z.array(z.object({ name: text(120, 'equipment.item.nameRequired'), quantity: z.number().int().min(1).max(999) }).strict()).max(50).default([]),
}).strict();

export const itemOutput = z.object({
  id: z.string(), name: z.string(), category: z.enum(CATEGORIES), assetTag: z.string(), serialNumber: z.string().nullable(),
  funder: z.string().nullable(), fundingProgramme: z.string().nullable(), purchaseDate: z.string().nullable(), purchaseValueCents: z.number().nullable(),
  siteId: z.string().nullable(), status: z.enum(ITEM_STATUSES), displayStatus: z.enum([...ITEM_STATUSES, 'reserved']), lendable: z.boolean(),
  publicDescription: z.string().nullable(), depositCents: z.number().nullable(), requiredModuleId: z.string().nullable(),
  requiredModuleTitle: z.string().nullable(), components: z.array(z.object({ name: z.string(), quantity: z.number() })),
  createdAt: z.string(), updatedAt: z.string(),
});

export const loanBody = z.object({
  itemId: uuid,
  personId: uuid,
  dueOn: optionalDate.describe('Date de retour (AAAA-MM-JJ) ; par défaut selon la catégorie'),
  conditionOut: optionalText(1000),
  depositCents: cents.nullable().optional().transform((v) => v ?? null),
  reminders: z.boolean().default(true).describe('Rappels par e-mail ou SMS avant la date de retour et en cas de retard'),
}).strict();

export const renewalBody = z.object({ dueOn: optionalDate }).strict();

export const returnBody = z.object({
  condition: optionalText(1000),
  missingComponents: z.array(z.string().max(120)).max(50).default([]),
  toRepair: z.boolean().default(false),
}).strict();

export const loanOutput = z.object({
  id: z.string(), itemId: z.string(), personId: z.string(), reservationId: z.string().nullable(), lentAt: z.string(), dueOn: z.string(),
  returnedAt: z.string().nullable(), conditionOut: z.string().nullable(), conditionIn: z.string().nullable(), missingComponents: z.array(z.string()),
  renewals: z.number(), depositCents: z.number().nullable(), reminders: z.boolean(), overdue: z.boolean(),
});

export const loanQuery = z.object({
  itemId: uuid.optional(),
  personId: uuid.optional(),
  active: z.enum(['true', 'false']).optional().describe('Seulement les prêts en cours'),
  overdue: z.enum(['true', 'false']).optional().describe('Seulement les prêts en retard'),
});

export const reservationBody = z.object({
  itemId: uuid,
  personId: uuid.nullable().optional().transform((v) => v ?? null),
  purpose: text(300, 'equipment.reservation.purposeRequired').describe('Pour quoi ou pour qui : un stage, une personne, un village partenaire'),
  startsOn: calendarDate(),
  endsOn: calendarDate(),
}).strict();

export const pickUpBody = z.object({
  personId: uuid.nullable().optional().transform((v) => v ?? null),
  dueOn: optionalDate,
  conditionOut: optionalText(1000),
  reminders: z.boolean().default(true),
}).strict();

export const reservationOutput = z.object({
  id: z.string(), itemId: z.string(), personId: z.string().nullable(), purpose: z.string(), startsOn: z.string(), endsOn: z.string(),
  status: z.enum(RESERVATION_STATUSES), loanId: z.string().nullable(), createdAt: z.string(),
});

export const reservationQuery = z.object({
  itemId: uuid.optional(),
  personId: uuid.optional(),
  upcoming: z.enum(['true', 'false']).optional().describe('Seulement les réservations actives qui ne sont pas encore passées'),
  status: z.enum(RESERVATION_STATUSES).optional().describe('Seulement les réservations de ce statut (comme le filtre de la page des réservations)'),
});

// ---------------------------------------------------------------- HTML forms

const formString = (v: unknown) => (typeof v === 'string' ? v : '');
const formText = (max: number, required: string) => z.preprocess(formString, text(max, required));
const formOptionalText = (max: number) => z.preprocess(formString, z.string().trim().max(max, { error: TOO_LONG }).transform((v) => (v === '' ? null : v)));
const formDate = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null), calendarDate().nullable());
const optionalId = z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : null), z.string().max(64).nullable());
const formList = z.preprocess((v) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []), z.array(z.string().max(120)).max(50));
const yes = z.preprocess((v) => v === 'oui' || v === 'on', z.boolean());

/** "249,90", "249.9 €" → 24990; "" → null. */
export function parseEuros(input: string): number | null | 'invalid' {
  const cleaned = input.replace(/€/g, '').replace(/\s/g, '').replace(',', '.');
  if (cleaned === '') return null;
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return 'invalid';
  return Math.round(Number(cleaned) * 100);
}

const formEuros = z.preprocess(
  formString,
  z.string().transform((v, ctx) => {
    const amount = parseEuros(v);
    if (amount === 'invalid') {
      ctx.addIssue({ code: 'custom', message: 'equipment.item.valueInvalid' });
      return z.NEVER;
    }
    return amount;
  }),
);

/** One component a line: "6 Robot Thymio" (a quantity first) or "Chargeur" (one). */
export function parseComponents(textValue: string): { name: string; quantity: number }[] {
  return textValue
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 50)
    .map((line) => {
      const match = /^(\d{1,3})\s*[x×]?\s+(.+)$/.exec(line);
      return match ? { quantity: Math.max(1, Number(match[1])), name: match[2]!.slice(0, 120) } : { quantity: 1, name: line.slice(0, 120) };
    });
}

export const itemForm = z.object({
  name: formText(120, 'equipment.item.nameRequired'),
  category: z.preprocess(formString, z.enum(CATEGORIES, { error: 'equipment.item.categoryRequired' })),
  assetTag: formText(40, 'equipment.item.tagRequired'),
  serialNumber: formOptionalText(80),
  funder: formOptionalText(120),
  fundingProgramme: formOptionalText(200),
  purchaseDate: formDate,
  purchaseValue: formEuros,
  siteId: optionalId,
  lendable: z.preprocess(formString, z.enum(['oui', 'non'], { error: 'equipment.item.lendableRequired' })),
  publicDescription: formOptionalText(1000),
  deposit: formEuros,
  requiredModuleId: optionalId,
  components: z.preprocess(formString, z.string().max(4000, { error: TOO_LONG })),
});

export const lendForm = z.object({
  personId: z.preprocess(formString, z.string().min(1, { error: 'equipment.lend.personSearchFirst' }).max(64)),
  dueOn: formDate,
  conditionOut: formOptionalText(1000),
  deposit: formEuros,
  reminders: yes,
});

export const checkInForm = z.object({
  condition: formOptionalText(1000),
  missingComponents: formList,
  toRepair: z.preprocess((v) => v === 'oui', z.boolean()),
});

export const renewForm = z.object({ dueOn: formDate });

export const reserveForm = z.object({
  purpose: formText(300, 'equipment.reservation.purposeRequired'),
  startsOn: z.preprocess(formString, calendarDate()),
  endsOn: z.preprocess(formString, calendarDate()),
  personId: optionalId,
});

export const pickUpForm = z.object({
  personId: optionalId,
  dueOn: formDate,
  conditionOut: formOptionalText(1000),
  reminders: yes,
});

export const noteForm = z.object({ note: formText(1000, 'equipment.item.noteRequired') });
