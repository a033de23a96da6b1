/**
 * The closed lists an activity is described with. Themes, levels and equipment are the
 * national mediation vocabularies (La Coop de la médiation numérique, PRODUCT.md): keep their
 * exact values, reports and exports rely on them.
 */
export const ACTIVITY_KINDS = ['atelier', 'stage', 'atelier_tablette', 'temps_info', 'autre'] as const;

export const AUDIENCES = ['enfants_6_11', 'ados_12_17', 'adultes', 'seniors', 'familles'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** The ages an audience suggests when the coordinator does not say otherwise. */
export const AUDIENCE_AGES: Record<Audience, { min: number | null; max: number | null }> = {
  enfants_6_11: { min: 6, max: 11 },
  ados_12_17: { min: 12, max: 17 },
  adultes: { min: 18, max: null },
  seniors: { min: null, max: null },
  familles: { min: null, max: null },
};

export { MEDIATION_THEMES as THEMES } from '../../platform/vocab/mediation.ts';

export const LEVELS = ['debutant', 'intermediaire', 'avance'] as const;

export { MEDIATION_EQUIPMENT as EQUIPMENT } from '../../platform/vocab/mediation.ts';

export const REGISTRATION_MODES = ['session', 'series'] as const;

export const SESSION_STATUSES = ['scheduled', 'cancelled'] as const;

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;

export const ATTENDANCE_STATUSES = ['present', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** Every attended session is reported as this national type of mediation activity. */
export const MEDIATION_TYPE = 'collectif';
