/**
 * Zod schemas of the navette: a visit request as the API receives it. Error messages are
 * catalogue keys (src/platform/i18n/fr/shuttle.ts).
 */
import { z } from 'zod';
import { calendarDate } from '../../platform/dates.ts';
import { addDays, mondayOf } from '../../platform/time.ts';
import { MEDIATION_THEMES } from '../../platform/vocab/mediation.ts';
import { TOUR_STATUSES, URGENCIES } from './shuttle.vocab.ts';

const clock = z.string({ error: 'shuttle.request.timeInvalid' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'shuttle.request.timeInvalid' });

export const availabilityWindow = z
  .object({
    weekday: z.number({ error: 'shuttle.request.weekdayInvalid' }).int({ error: 'shuttle.request.weekdayInvalid' }).min(1, { error: 'shuttle.request.weekdayInvalid' }).max(7, { error: 'shuttle.request.weekdayInvalid' }).describe('1 = lundi … 7 = dimanche'),
    from: clock.describe('HH:MM, heure de Paris'),
    to: clock.describe('HH:MM, heure de Paris'),
  })
  .refine((w) => w.from < w.to, { error: 'shuttle.request.windowOrder', path: ['to'] });

export const visitRequestBody = z.object({
  personId: z.string({ error: 'shuttle.request.personUnknown' }).min(1, { error: 'shuttle.request.personUnknown' }),
  commune: z.string({ error: 'shuttle.request.communeRequired' }).trim().min(1, { error: 'shuttle.request.communeRequired' }).max(100, { error: 'shuttle.request.communeUnknown' }).describe('Code INSEE ou nom de la commune'),
  address: z.string().trim().max(300, { error: 'shuttle.text.tooLong' }).nullable().optional(),
  location: z
    .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], { error: 'shuttle.request.locationInvalid' })
    .nullable()
    .optional()
    .describe('[longitude, latitude] du domicile, si connue (sinon la tournée ne peut pas la placer)'),
  problem: z.string({ error: 'shuttle.request.problemRequired' }).trim().min(1, { error: 'shuttle.request.problemRequired' }).max(2000, { error: 'shuttle.text.tooLong' }),
  theme: z.enum(MEDIATION_THEMES, { error: 'shuttle.request.themeInvalid' }),
  urgency: z.enum(URGENCIES, { error: 'shuttle.request.urgencyInvalid' }).default('normale'),
  availability: z.array(availabilityWindow, { error: 'shuttle.request.availabilityRequired' }).min(1, { error: 'shuttle.request.availabilityRequired' }).max(14, { error: 'shuttle.request.availabilityRequired' }),
  notes: z.string().trim().max(2000, { error: 'shuttle.text.tooLong' }).nullable().optional(),
  durationMinutes: z.number({ error: 'shuttle.request.durationInvalid' }).int({ error: 'shuttle.request.durationInvalid' }).min(10, { error: 'shuttle.request.durationInvalid' }).max(240, { error: 'shuttle.request.durationInvalid' }).default(45),
});
export type VisitRequestInput = z.output<typeof visitRequestBody>;
export type AvailabilityWindow = z.output<typeof availabilityWindow>;

export const visitRequestQuery = z.object({ status: z.enum(['pending', 'planned', 'done', 'cancelled'], { error: 'shuttle.request.statusInvalid' }).optional() });

const dayClock = z.string({ error: 'shuttle.day.timeInvalid' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'shuttle.day.timeInvalid' });

const lunchWindow = z
  .object({ from: dayClock, to: dayClock, minutes: z.number({ error: 'shuttle.day.lunchInvalid' }).int({ error: 'shuttle.day.lunchInvalid' }).min(0, { error: 'shuttle.day.lunchInvalid' }).max(180, { error: 'shuttle.day.lunchInvalid' }) })
  .refine((w) => w.from <= w.to, { error: 'shuttle.request.windowOrder', path: ['to'] });

export const dayPlanBody = z
  .object({
    date: calendarDate('shuttle.day.dateInvalid').describe('Le jour planifié, AAAA-MM-JJ'),
    start: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], { error: 'shuttle.request.locationInvalid' }).describe('Départ et retour de la voiture, [longitude, latitude]'),
    shift: z.object({ from: dayClock, to: dayClock }).refine((w) => w.from < w.to, { error: 'shuttle.request.windowOrder', path: ['to'] }).default({ from: '08:30', to: '17:30' }),
    lunch: lunchWindow.nullable().default({ from: '12:00', to: '13:30', minutes: 60 }),
  });

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: 'errors.invalidId' });
export const idParams = z.object({ id: uuid });

/** A day's tour to plan and save (POST /api/v1/shuttle/tours). */
export const tourBody = dayPlanBody
  .extend({
    start: dayPlanBody.shape.start.nullable().optional().describe('Départ et retour, [longitude, latitude] ; par défaut le centre de la commune du centre social'),
    exclude: z.array(uuid).max(200).default([]).describe('Demandes laissées de côté ce jour-là'),
    force: z.array(uuid).max(50).default([]).describe('Demandes à placer en priorité, sans tenir compte des heures de présence (accord pris au téléphone)'),
    confirm: z.boolean().default(false).describe('Vrai : la tournée est confirmée tout de suite (ses demandes passent « planifiées ») ; faux : brouillon'),
    order: z.array(uuid).max(50).optional().describe('Les visites dans un ordre choisi à la main (pas de calcul d’ordre) : heures recalculées, avertissements si l’ordre dépasse les heures de présence ou la journée'),
  })
  .strict();

/** A tour's visits in a new order (those left out are taken out of the tour). */
export const tourOrderBody = z
  .object({ order: z.array(uuid, { error: 'shuttle.tour.orderInvalid' }).min(1, { error: 'shuttle.tour.lastStop' }).max(50, { error: 'shuttle.tour.orderInvalid' }).describe('Les demandes de la tournée dans le nouvel ordre ; une demande absente est retirée de la tournée') })
  .strict();

const weekDay = z.object({
  date: calendarDate('shuttle.day.dateInvalid').describe('Un jour de cette semaine, AAAA-MM-JJ'),
  shift: z.object({ from: dayClock, to: dayClock }).refine((w) => w.from < w.to, { error: 'shuttle.request.windowOrder', path: ['to'] }).optional().describe('Les heures de la voiture ce jour-là (par défaut 08:30 – 17:30)'),
  lunch: lunchWindow.nullable().optional().describe('La pause de ce jour-là (par défaut celle de la semaine)'),
});

/** A week to plan (POST /api/v1/shuttle/plan-week). */
export const weekPlanBody = z
  .object({
    monday: calendarDate('shuttle.day.dateInvalid').describe('Un jour de la semaine (son lundi de préférence), AAAA-MM-JJ'),
    days: z.array(weekDay, { error: 'shuttle.week.noDay' }).min(1, { error: 'shuttle.week.noDay' }).max(7, { error: 'shuttle.week.noDay' }).optional().describe('Les jours où la voiture sort (par défaut du lundi au vendredi, 08:30 – 17:30)'),
    lunch: dayPlanBody.shape.lunch.describe('La pause du midi, chaque jour'),
    start: dayPlanBody.shape.start.nullable().optional().describe('Départ et retour, [longitude, latitude] ; par défaut le centre de la commune du centre social'),
    exclude: z.array(uuid).max(200).default([]).describe('Demandes laissées de côté cette semaine'),
    confirm: z.boolean().default(false).describe('Vrai : chaque jour avec des visites devient une tournée confirmée (ses demandes passent « planifiées ») ; faux : proposition, rien n’est enregistré'),
  })
  .strict();

export const tourQuery = z.object({
  from: calendarDate('shuttle.day.dateInvalid').optional().describe('À partir de ce jour, AAAA-MM-JJ'),
  status: z.enum(TOUR_STATUSES, { error: 'shuttle.tour.statusInvalid' }).optional(),
});

// ---------------------------------------------------------------- HTML forms (strings)

/** Rows of "when the person is at home" on the request form: weekday1/from1/to1 … */
export const WINDOW_ROWS = 4;
const field = z.string().trim().optional().transform((v) => v ?? '');
const decimal = (v: string) => Number(v.replace(',', '.'));
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const rowFields = Object.fromEntries(
  Array.from({ length: WINDOW_ROWS }, (_, i) => i + 1).flatMap((n) => [[`weekday${n}`, field], [`from${n}`, field], [`to${n}`, field]]),
) as Record<string, typeof field>;

/**
 * The request form as typed: a person picked from the search, the commune as typed (resolved
 * by the service), an optional pin as two decimal fields, the at-home windows as rows (empty
 * rows ignored). Turns into the API's body.
 */
export const requestForm = z
  .object({
    personId: z.string({ error: 'shuttle.request.personUnknown' }).trim().min(1, { error: 'shuttle.request.personUnknown' }),
    commune: z.string({ error: 'shuttle.request.communeRequired' }).trim().min(1, { error: 'shuttle.request.communeRequired' }),
    address: field, longitude: field, latitude: field,
    problem: z.string({ error: 'shuttle.request.problemRequired' }).trim().min(1, { error: 'shuttle.request.problemRequired' }),
    theme: z.enum(MEDIATION_THEMES, { error: 'shuttle.request.themeInvalid' }),
    urgency: z.enum(URGENCIES, { error: 'shuttle.request.urgencyInvalid' }).optional(),
    durationMinutes: field, notes: field, ...rowFields,
  })
  .superRefine((typed, issue) => {
    const form = typed as unknown as Record<string, string | undefined>;
    const lon = form.longitude ?? '';
    const lat = form.latitude ?? '';
    if ((lon === '') !== (lat === '')) issue.addIssue({ code: 'custom', path: [lon === '' ? 'longitude' : 'latitude'], message: 'shuttle.request.pinIncomplete' });
    else if (lon !== '' && (!(Math.abs(decimal(lon)) <= 180) || !(Math.abs(decimal(lat)) <= 90))) issue.addIssue({ code: 'custom', path: ['longitude'], message: 'shuttle.request.pinInvalid' });
    let rows = 0;
    for (let n = 1; n <= WINDOW_ROWS; n++) {
      const [day, from, to] = [form[`weekday${n}`] ?? '', form[`from${n}`] ?? '', form[`to${n}`] ?? ''];
      if (!day && !from && !to) continue;
      rows++;
      if (!/^[1-7]$/.test(day)) issue.addIssue({ code: 'custom', path: [`weekday${n}`], message: 'shuttle.request.weekdayMissing' });
      else if (!HHMM.test(from)) issue.addIssue({ code: 'custom', path: [`from${n}`], message: 'shuttle.request.timeInvalid' });
      else if (!HHMM.test(to)) issue.addIssue({ code: 'custom', path: [`to${n}`], message: 'shuttle.request.timeInvalid' });
      else if (from >= to) issue.addIssue({ code: 'custom', path: [`to${n}`], message: 'shuttle.request.windowOrder' });
    }
    if (rows === 0) issue.addIssue({ code: 'custom', path: ['weekday1'], message: 'shuttle.request.availabilityRequired' });
    if (form.durationMinutes && !/^\d{1,3}$/.test(form.durationMinutes)) issue.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'shuttle.request.durationInvalid' });
  })
  .transform((typed): z.input<typeof visitRequestBody> => {
    const form = typed as unknown as Record<string, string>;
    const availability: AvailabilityWindow[] = [];
    for (let n = 1; n <= WINDOW_ROWS; n++) {
      const day = form[`weekday${n}`];
      if (day) availability.push({ weekday: Number(day), from: form[`from${n}`] ?? '', to: form[`to${n}`] ?? '' });
    }
    return {
      personId: form.personId,
      commune: form.commune,
      address: form.address || null,
      location: form.longitude !== '' ? ([decimal(form.longitude), decimal(form.latitude)] as [number, number]) : null,
      problem: form.problem,
      theme: typed.theme,
      urgency: typed.urgency ?? 'normale',
      availability,
      notes: form.notes || null,
      durationMinutes: form.durationMinutes ? Number(form.durationMinutes) : 45,
    };
  })
  .pipe(visitRequestBody);

const list = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => /^[0-9a-f-]{36}$/i.test(x)));

/** The planning page's day, as a GET query (or the confirming form's hidden fields). */
export const planForm = z
  .object({
    date: calendarDate('shuttle.day.dateInvalid'),
    from: z.string({ error: 'shuttle.day.timeInvalid' }).trim().regex(HHMM, { error: 'shuttle.day.timeInvalid' }),
    to: z.string({ error: 'shuttle.day.timeInvalid' }).trim().regex(HHMM, { error: 'shuttle.day.timeInvalid' }),
    lunchFrom: z.string().trim().regex(HHMM, { error: 'shuttle.day.timeInvalid' }).or(z.literal('')).optional(),
    lunchTo: z.string().trim().regex(HHMM, { error: 'shuttle.day.timeInvalid' }).or(z.literal('')).optional(),
    lunchMinutes: z.string().trim().regex(/^\d{0,3}$/, { error: 'shuttle.day.lunchInvalid' }).optional(),
    exclude: list,
    force: list,
    expected: list,
    order: list,
  })
  .superRefine((form, issue) => {
    if (form.from >= form.to) issue.addIssue({ code: 'custom', path: ['to'], message: 'shuttle.request.windowOrder' });
    const minutes = Number(form.lunchMinutes || '0');
    if (minutes > 180) issue.addIssue({ code: 'custom', path: ['lunchMinutes'], message: 'shuttle.day.lunchInvalid' });
    if (minutes > 0 && (!form.lunchFrom || !form.lunchTo)) issue.addIssue({ code: 'custom', path: [form.lunchFrom ? 'lunchTo' : 'lunchFrom'], message: 'shuttle.day.lunchWindow' });
    else if (minutes > 0 && form.lunchFrom! > form.lunchTo!) issue.addIssue({ code: 'custom', path: ['lunchTo'], message: 'shuttle.request.windowOrder' });
  })
  .transform((form) => {
    const minutes = Number(form.lunchMinutes || '0');
    return {
      options: {
        date: form.date,
        shift: { from: form.from, to: form.to },
        lunch: minutes > 0 ? { from: form.lunchFrom!, to: form.lunchTo!, minutes } : null,
        exclude: form.exclude,
        force: form.force,
        order: form.order,
      },
      expected: form.expected,
    };
  });

/** A "Monter", "Descendre" or "Retirer" button: the move and the request, "up:<id>". */
export const moveField = z
  .string({ error: 'shuttle.tour.orderInvalid' })
  .regex(/^(up|down|remove):[0-9a-f-]{36}$/i, { error: 'shuttle.tour.orderInvalid' })
  .transform((v) => ({ move: v.slice(0, v.indexOf(':')) as 'up' | 'down' | 'remove', requestId: v.slice(v.indexOf(':') + 1) }));

/** The order after one move; unchanged when the visit is already first (up) or last (down). */
export function moved(order: readonly string[], move: 'up' | 'down' | 'remove', requestId: string): string[] {
  const at = order.indexOf(requestId);
  if (at < 0) return [...order];
  if (move === 'remove') return order.filter((id) => id !== requestId);
  const to = move === 'up' ? at - 1 : at + 1;
  if (to < 0 || to >= order.length) return [...order];
  const out = [...order];
  [out[at], out[to]] = [out[to]!, out[at]!];
  return out;
}

/** The week planning page, as a GET query (or the confirming form's hidden fields): the Monday, each day on or off with its hours, one lunch break. */
export const WEEK_DAYS = 6;
const dayFields = Object.fromEntries(
  Array.from({ length: WEEK_DAYS }, (_, i) => i + 1).flatMap((n) => [[`on${n}`, field], [`from${n}`, field], [`to${n}`, field]]),
) as Record<string, typeof field>;

export const weekForm = z
  .object({
    monday: calendarDate('shuttle.day.dateInvalid'),
    lunchFrom: z.string().trim().regex(HHMM, { error: 'shuttle.day.timeInvalid' }).or(z.literal('')).optional(),
    lunchTo: z.string().trim().regex(HHMM, { error: 'shuttle.day.timeInvalid' }).or(z.literal('')).optional(),
    lunchMinutes: z.string().trim().regex(/^\d{0,3}$/, { error: 'shuttle.day.lunchInvalid' }).optional(),
    exclude: list,
    expected: z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
    ...dayFields,
  })
  .superRefine((typed, issue) => {
    const form = typed as unknown as Record<string, string | undefined>;
    let on = 0;
    for (let n = 1; n <= WEEK_DAYS; n++) {
      if (!form[`on${n}`]) continue;
      on++;
      const [from, to] = [form[`from${n}`] ?? '', form[`to${n}`] ?? ''];
      if (!HHMM.test(from)) issue.addIssue({ code: 'custom', path: [`from${n}`], message: 'shuttle.day.timeInvalid' });
      else if (!HHMM.test(to)) issue.addIssue({ code: 'custom', path: [`to${n}`], message: 'shuttle.day.timeInvalid' });
      else if (from >= to) issue.addIssue({ code: 'custom', path: [`to${n}`], message: 'shuttle.request.windowOrder' });
    }
    if (on === 0) issue.addIssue({ code: 'custom', path: ['on1'], message: 'shuttle.week.noDay' });
    const minutes = Number(typed.lunchMinutes || '0');
    if (minutes > 180) issue.addIssue({ code: 'custom', path: ['lunchMinutes'], message: 'shuttle.day.lunchInvalid' });
    if (minutes > 0 && (!typed.lunchFrom || !typed.lunchTo)) issue.addIssue({ code: 'custom', path: [typed.lunchFrom ? 'lunchTo' : 'lunchFrom'], message: 'shuttle.day.lunchWindow' });
    else if (minutes > 0 && typed.lunchFrom! > typed.lunchTo!) issue.addIssue({ code: 'custom', path: ['lunchTo'], message: 'shuttle.request.windowOrder' });
  })
  .transform((typed) => {
    const form = typed as unknown as Record<string, string>;
    const minutes = Number(typed.lunchMinutes || '0');
    const monday = mondayOf(typed.monday);
    const days: { date: string; shift: { from: string; to: string } }[] = [];
    for (let n = 1; n <= WEEK_DAYS; n++) if (form[`on${n}`]) days.push({ date: addDays(monday, n - 1), shift: { from: form[`from${n}`]!, to: form[`to${n}`]! } });
    return {
      options: { monday, days, lunch: minutes > 0 ? { from: typed.lunchFrom!, to: typed.lunchTo!, minutes } : null, exclude: typed.exclude },
      expected: typed.expected,
    };
  });
