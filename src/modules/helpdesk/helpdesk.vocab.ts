/**
 * The closed lists of the help desk. Procedure categories, themes, place types, equipment,
 * autonomy and redirection are the national mediation vocabularies (La Coop de la médiation
 * numérique, PRODUCT.md): their exact values go into reports and exports — never rename them.
 */
export const PROCEDURE_CATEGORIES = [
  'papiers_elections_citoyennete', 'famille_scolarite', 'social_sante', 'travail_formation', 'logement',
  'transports_mobilite', 'argent_impots', 'justice', 'etrangers_europe', 'loisirs_sports_culture', 'associations',
] as const;
export type ProcedureCategory = (typeof PROCEDURE_CATEGORIES)[number];

export { MEDIATION_THEMES as THEMES, type MediationTheme as Theme } from '../../platform/vocab/mediation.ts';

export const PLACE_TYPES = ['lieu_activite', 'domicile', 'a_distance', 'autre'] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

export { MEDIATION_EQUIPMENT as EQUIPMENT, type MediationEquipment as Equipment } from '../../platform/vocab/mediation.ts';

export const AUTONOMY = ['entierement_accompagne', 'partiellement_autonome', 'autonome'] as const;
export type Autonomy = (typeof AUTONOMY)[number];

export const REDIRECT_STRUCTURES = [
  'administration', 'mediation_numerique', 'operateur_ou_organisme_en_charge', 'aide_sociale',
  'insertion_professionnelle', 'aide_aux_demarches_administratives', 'autre',
] as const;
export type RedirectStructure = (typeof REDIRECT_STRUCTURES)[number];

/** After the appointment time, one of these closes it; the no-show rate is measured on them. */
export const OUTCOMES = ['seen', 'excused', 'no_show'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const BOOKABLE_BY = ['public', 'staff'] as const;


export const CHANNELS = ['online', 'phone', 'desk'] as const;
export type BookingChannel = (typeof CHANNELS)[number];

export const ACCOMPANIMENT_ORIGINS = ['appointment', 'drop_in', 'other'] as const;
export type AccompanimentOrigin = (typeof ACCOMPANIMENT_ORIGINS)[number];

/** How a resident wants the reminder; it becomes the matching consent on their file. */
export const REMINDER_CHOICES = ['sms', 'email', 'none'] as const;
export type ReminderChoice = (typeof REMINDER_CHOICES)[number];

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
