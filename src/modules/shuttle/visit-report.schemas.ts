/**
 * Zod schemas of a visit report, as the JSON API receives it (from the offline queue or any
 * client) and as the form posts it without JavaScript (strings, checkboxes, one "slot" field).
 * Messages are catalogue keys (src/platform/i18n/fr/shuttle.ts).
 */
import { z } from 'zod';
import { AUTONOMY } from '../helpdesk/helpdesk.vocab.ts';
import { MEDIATION_EQUIPMENT, MEDIATION_THEMES } from '../../platform/vocab/mediation.ts';
import { REPORT_FOLLOW_UPS, REPORT_OUTCOMES } from './shuttle.vocab.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (key: string) => z.string({ error: key }).regex(UUID_RE, { error: key });

export const appointmentWanted = z
  .object({
    motifId: uuid('shuttle.report.slotInvalid').describe('Motif de la permanence'),
    siteId: uuid('shuttle.report.slotInvalid').describe('Lieu de la permanence'),
    startAt: z.iso.datetime({ error: 'shuttle.report.slotInvalid', offset: true }).describe('Début du créneau (ISO 8601)'),
  })
  .describe('Le rendez-vous à la permanence à prendre pour la personne');
export type AppointmentWanted = z.output<typeof appointmentWanted>;

export const visitReportBody = z.object({
  clientId: uuid('shuttle.report.clientIdInvalid').describe('UUID donné au compte rendu par l’appareil : un compte rendu envoyé deux fois n’est enregistré qu’une fois'),
  requestId: uuid('shuttle.report.requestUnknown').describe('La demande de visite'),
  summary: z.string({ error: 'shuttle.report.summaryRequired' }).trim().min(1, { error: 'shuttle.report.summaryRequired' }).max(2000, { error: 'shuttle.text.tooLong' }).describe('Ce qui a été fait, en mots simples'),
  themes: z.array(z.enum(MEDIATION_THEMES, { error: 'shuttle.report.themesRequired' }), { error: 'shuttle.report.themesRequired' }).min(1, { error: 'shuttle.report.themesRequired' }).max(19, { error: 'shuttle.report.themesRequired' }),
  equipment: z.array(z.enum(MEDIATION_EQUIPMENT, { error: 'shuttle.report.equipmentRequired' }), { error: 'shuttle.report.equipmentRequired' }).min(1, { error: 'shuttle.report.equipmentRequired' }).max(5, { error: 'shuttle.report.equipmentRequired' }),
  autonomy: z.enum(AUTONOMY, { error: 'shuttle.report.autonomyRequired' }),
  durationMinutes: z.number({ error: 'shuttle.report.durationInvalid' }).int({ error: 'shuttle.report.durationInvalid' }).min(1, { error: 'shuttle.report.durationInvalid' }).max(600, { error: 'shuttle.report.durationInvalid' }).describe('Temps passé chez la personne, en minutes'),
  outcome: z.enum(REPORT_OUTCOMES, { error: 'shuttle.report.outcomeRequired' }).describe('solved : réglé ; follow_up : une suite est nécessaire'),
  appointment: appointmentWanted.nullable().optional(),
  followUps: z.array(z.enum(REPORT_FOLLOW_UPS, { error: 'shuttle.report.followUpInvalid' }), { error: 'shuttle.report.followUpInvalid' }).max(2, { error: 'shuttle.report.followUpInvalid' }).default([]).describe('Suites à faire depuis les pages de l’équipe : pathway (parcours), tablet (prêt de tablette)'),
  writtenAt: z.iso.datetime({ error: 'shuttle.report.writtenAtInvalid', offset: true }).optional().describe('Quand le compte rendu a été écrit sur l’appareil (par défaut : à la réception)'),
});
export type VisitReportInput = z.output<typeof visitReportBody>;

const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** The form without JavaScript: the same fields as strings, the slot as "motif|site|start". */
export const visitReportForm = z.preprocess((raw) => {
  const body = (raw ?? {}) as Record<string, unknown>;
  const slot = typeof body.appointment === 'string' && body.appointment ? body.appointment.split('|') : null;
  const minutes = blankToUndefined(body.durationMinutes);
  return {
    ...body,
    themes: asList(body.themes),
    equipment: asList(body.equipment),
    followUps: asList(body.followUps),
    autonomy: blankToUndefined(body.autonomy),
    outcome: blankToUndefined(body.outcome),
    durationMinutes: typeof minutes === 'string' && /^\s*\d+\s*$/.test(minutes) ? Number(minutes) : minutes,
    appointment: slot ? { motifId: slot[0], siteId: slot[1], startAt: slot[2] } : null,
  };
}, visitReportBody);

/** Booking again the appointment of a stored report: the report and the slot as "motif|site|start". */
export const retryForm = z.preprocess(
  (raw) => {
    const body = (raw ?? {}) as Record<string, unknown>;
    const slot = typeof body.appointment === 'string' && body.appointment ? body.appointment.split('|') : null;
    return { reportId: body.reportId, appointment: slot ? { motifId: slot[0], siteId: slot[1], startAt: slot[2] } : undefined };
  },
  z.object({
    reportId: uuid('shuttle.report.appointmentNotToDo'),
    appointment: appointmentWanted.optional().refine((v) => v !== undefined, { error: 'shuttle.report.retrySlotRequired' }).transform((v) => v!),
  }),
);
