/**
 * The activity export of La Coop de la médiation numérique: the columns and the values of the
 * "Activités" sheet that La Coop itself exports, so that a centre's workshops and help-desk
 * accompaniments can be taken into La Coop (or compared with it) without retyping. Facts from
 * La Coop's source (github.com/inclusion-numerique/coop-mediation-numerique, apps/web/src/):
 * - the columns and their order: features/activites/use-cases/list/export/buildActivitesWorksheet.ts;
 * - the values' labels: features/activites/use-cases/cra/fields/{type-activite,type-lieu,materiel,thematique}.ts,
 *   cra/individuel/fields/{autonomie,structures-redirection}.ts, cra/collectif/fields/niveau-atelier.ts
 *   (autonomy and workshop level written as stars out of 3, "2/3"), and
 *   features/beneficiaire/domain/{genre,tranche-age,statut-social}.ts;
 * - several values in one cell are separated by a line break, as La Coop does; réorienté is
 *   "Oui" or "Non" (utils/yesNoBooleanOptions.ts).
 * Our stored codes are La Coop's API values (the same files' *ApiValues), so each maps to one label.
 * Pure: no I/O.
 */
import type { ExportCell, ExportTable } from '../../platform/exports/table-export.ts';

export const COOP_HEADER = [
  'Date',
  'Type',
  'Nombre de participants',
  'Bénéficiaire',
  'Canaux d’accompagnement',
  'Lieu',
  'Durée (min)',
  'Nom de l’atelier',
  'Matériel numérique utilisé',
  'Thématique(s) d’accompagnement',
  'Tags',
  'Nom de la démarche administrative',
  'Niveau d’autonomie (ou de l’atelier)',
  'Bénéficiaire réorienté',
  'Structure de redirection',
  'Commune de résidence du bénéficiaire',
  'Genre du bénéficiaire',
  'Tranche d’âge du bénéficiaire',
  'Statut du bénéficiaire',
  'Notes supplémentaires',
] as const;

export const COOP_SHEET = 'Activités';

export const COOP_TYPE = { individuel: 'Accompagnement individuel', collectif: 'Atelier collectif' } as const;

export const COOP_PLACE_TYPE: Record<string, string> = {
  lieu_activite: 'Lieu d’activité',
  autre: 'Autre lieu',
  domicile: 'À domicile',
  a_distance: 'À distance',
};

export const COOP_EQUIPMENT: Record<string, string> = {
  ordinateur: 'Ordinateur',
  telephone: 'Téléphone',
  tablette: 'Tablette',
  autre: 'Autre',
  aucun: 'Pas de matériel',
};

export const COOP_THEMES: Record<string, string> = {
  diagnostic_numerique: 'Diagnostic numérique',
  prendre_en_main_du_materiel: 'Prendre en main du matériel',
  maintenance_de_materiel: 'Maintenance de matériel',
  gere_ses_contenus_numeriques: 'Gérer ses contenus numériques',
  navigation_sur_internet: 'Navigation sur internet',
  email: 'E-mail',
  bureautique: 'Bureautique',
  reseaux_sociaux: 'Réseaux sociaux communication',
  sante: 'Santé',
  banque_et_achats_en_ligne: 'Banque et achats en ligne',
  entrepreneuriat: 'Accompagner un professionnel',
  insertion_professionnelle: 'Insertion professionnelle',
  securite_numerique: 'Prévention en sécurité numérique',
  parentalite: 'Parentalité',
  scolarite_et_numerique: 'Scolarité et numérique',
  creer_avec_le_numerique: 'Créer avec le numérique',
  culture_numerique: 'Culture numérique',
  intelligence_artificielle: 'Intelligence artificielle (IA)',
  aide_aux_demarches_administratives: 'Aide aux démarches administratives',
  // The administrative themes (our procedure categories) are themes in La Coop's list.
  papiers_elections_citoyennete: 'Papiers - Élections - Citoyenneté',
  famille_scolarite: 'Famille - Scolarité',
  social_sante: 'Social - Santé',
  travail_formation: 'Travail - Formation - Entreprise',
  logement: 'Logement',
  transports_mobilite: 'Transports - Mobilité',
  argent_impots: 'Argent - Impôts',
  justice: 'Justice',
  etrangers_europe: 'Étrangers - Europe',
  loisirs_sports_culture: 'Loisirs - Sports - Culture',
  associations: 'Associations',
};

export const COOP_AUTONOMY_STARS: Record<string, number> = { entierement_accompagne: 1, partiellement_autonome: 2, autonome: 3 };
export const COOP_LEVEL_STARS: Record<string, number> = { debutant: 1, intermediaire: 2, avance: 3 };

export const COOP_REDIRECTION: Record<string, string> = {
  administration: 'Administration (mairie, préfecture…)',
  mediation_numerique: 'Autre structure de médiation numérique',
  operateur_ou_organisme_en_charge: 'Opérateur ou organisme en charge de la démarche administrative',
  aide_sociale: 'Structure d’aide sociale (maison des solidarités, centre social…)',
  insertion_professionnelle: 'Structure d’insertion professionnelle (France Travail, mission locale, chambre de commerce…)',
  aide_aux_demarches_administratives: 'Structure d’aide aux démarches administratives (France Services…)',
  autre: 'Autre',
};

export const COOP_GENDER: Record<string, string> = { masculin: 'Masculin', feminin: 'Féminin', non_communique: 'Non communiqué' };

export const COOP_AGE_BRACKET: Record<string, string> = {
  soixante_dix_plus: '70 ans et plus',
  soixante_soixante_neuf: '60 - 69 ans',
  quarante_cinquante_neuf: '40 - 59 ans',
  vingt_cinq_trente_neuf: '25 - 39 ans',
  dix_huit_vingt_quatre: '18 - 24 ans',
  douze_dix_huit: '12 - 17 ans',
  moins_de_douze: 'Moins de 12 ans',
  non_communique: 'Non communiqué',
};

export const COOP_SOCIAL_STATUS: Record<string, string> = {
  retraite: 'Retraité',
  sans_emploi: 'Sans emploi',
  en_emploi: 'En emploi',
  scolarise: 'Scolarisé',
  non_communique: 'Non communiqué ou hétérogène',
};

/** A participant as La Coop describes a beneficiary. */
export interface CoopBeneficiary {
  name: string;
  /** "59400 Cambrai", or null when the commune is not known. */
  commune: string | null;
  gender: string | null;
  ageBracket: string | null;
  socialStatus: string | null;
}

export interface CoopWorkshop {
  kind: 'collectif';
  /** Paris calendar day. */
  date: string;
  title: string;
  place: string;
  durationMinutes: number;
  themes: string[];
  level: string | null;
  equipment: string[];
  participants: CoopBeneficiary[];
}

export interface CoopAccompaniment {
  kind: 'individuel';
  date: string;
  place: string;
  placeType: string;
  durationMinutes: number;
  themes: string[];
  procedureCategory: string | null;
  equipment: string[];
  autonomy: string | null;
  redirected: boolean;
  redirectStructure: string | null;
  beneficiary: CoopBeneficiary | null;
  notes: string | null;
}

export type CoopActivity = CoopWorkshop | CoopAccompaniment;

const BREAK = '\n';
const labels = (codes: readonly string[], table: Record<string, string>) => codes.map((c) => table[c] ?? c).join(BREAK);
/** La Coop's date cell, as its sheet shows it (dd/mm/yyyy). */
const frenchDate = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
const stars = (value: string | null, table: Record<string, number>) => (value && table[value] ? `${table[value]}/3` : '');
const each = (list: readonly CoopBeneficiary[], cell: (b: CoopBeneficiary) => string) => list.map(cell).join(BREAK);
const communeOf = (b: CoopBeneficiary) => b.commune ?? '-';
const genderOf = (b: CoopBeneficiary) => COOP_GENDER[b.gender ?? 'non_communique'] ?? COOP_GENDER.non_communique!;
const ageOf = (b: CoopBeneficiary) => COOP_AGE_BRACKET[b.ageBracket ?? 'non_communique'] ?? COOP_AGE_BRACKET.non_communique!;
const statusOf = (b: CoopBeneficiary) => COOP_SOCIAL_STATUS[b.socialStatus ?? 'non_communique'] ?? COOP_SOCIAL_STATUS.non_communique!;

/** One line of La Coop's sheet. */
export function coopRow(activity: CoopActivity): ExportCell[] {
  if (activity.kind === 'collectif') {
    const people = activity.participants;
    return [
      frenchDate(activity.date), COOP_TYPE.collectif, people.length, each(people, (b) => b.name), COOP_PLACE_TYPE.lieu_activite!, activity.place,
      activity.durationMinutes, activity.title, labels(activity.equipment, COOP_EQUIPMENT), labels(activity.themes, COOP_THEMES), '', '',
      stars(activity.level, COOP_LEVEL_STARS), '', '', each(people, communeOf), each(people, genderOf), each(people, ageOf), each(people, statusOf), '',
    ];
  }
  const people = activity.beneficiary ? [activity.beneficiary] : [];
  const themes = activity.procedureCategory ? [...activity.themes, activity.procedureCategory] : activity.themes;
  return [
    frenchDate(activity.date), COOP_TYPE.individuel, 1, each(people, (b) => b.name), COOP_PLACE_TYPE[activity.placeType] ?? activity.placeType, activity.place,
    activity.durationMinutes, '', labels(activity.equipment, COOP_EQUIPMENT), labels(themes, COOP_THEMES), '', '',
    stars(activity.autonomy, COOP_AUTONOMY_STARS), activity.redirected ? 'Oui' : 'Non', activity.redirectStructure ? (COOP_REDIRECTION[activity.redirectStructure] ?? activity.redirectStructure) : '',
    people.length ? each(people, communeOf) : '-', each(people, genderOf) || COOP_GENDER.non_communique!, each(people, ageOf) || COOP_AGE_BRACKET.non_communique!,
    each(people, statusOf) || COOP_SOCIAL_STATUS.non_communique!, activity.notes ?? '',
  ];
}

/** The whole sheet, activities in date order (as La Coop lists them, the latest last). */
export function coopTable(activities: readonly CoopActivity[]): ExportTable {
  const sorted = [...activities].sort((a, b) => a.date.localeCompare(b.date));
  return { name: COOP_SHEET, header: [...COOP_HEADER], rows: sorted.map(coopRow) };
}
