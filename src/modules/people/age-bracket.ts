/**
 * Age brackets of the national mediation vocabulary (La Coop de la médiation numérique).
 * Only the birth year is recorded (least data), so the age is the one reached during the
 * reference year: someone born in 2008 counts as 18 throughout 2026. The bracket is stored
 * beside the birth year so that statistics survive the erasure of the year itself.
 */
export const AGE_BRACKETS = [
  'moins_de_douze',
  'douze_dix_huit',
  'dix_huit_vingt_quatre',
  'vingt_cinq_trente_neuf',
  'quarante_cinquante_neuf',
  'soixante_soixante_neuf',
  'soixante_dix_plus',
  'non_communique',
] as const;
export type AgeBracket = (typeof AGE_BRACKETS)[number];

export const MIN_BIRTH_YEAR = 1900;

/** Lower bound (inclusive) of each bracket, youngest first. */
const LOWER_BOUNDS: readonly [number, AgeBracket][] = [
  [70, 'soixante_dix_plus'],
  [60, 'soixante_soixante_neuf'],
  [40, 'quarante_cinquante_neuf'],
  [25, 'vingt_cinq_trente_neuf'],
  [18, 'dix_huit_vingt_quatre'],
  [12, 'douze_dix_huit'],
  [0, 'moins_de_douze'],
];

/** The age reached during `referenceYear`, or null when unknown or impossible. */
export function ageInYear(birthYear: number | null | undefined, referenceYear: number): number | null {
  if (birthYear === null || birthYear === undefined || !Number.isInteger(birthYear)) return null;
  if (birthYear < MIN_BIRTH_YEAR || birthYear > referenceYear) return null;
  return referenceYear - birthYear;
}

export function ageBracket(birthYear: number | null | undefined, referenceYear: number): AgeBracket {
  const age = ageInYear(birthYear, referenceYear);
  if (age === null) return 'non_communique';
  for (const [lower, bracket] of LOWER_BOUNDS) if (age >= lower) return bracket;
  return 'moins_de_douze';
}

/**
 * Under 18 during the reference year: a parental authorisation is then required. Someone
 * turning 18 this year is treated as an adult, as the national brackets do.
 */
export function isMinor(birthYear: number | null | undefined, referenceYear: number): boolean {
  const age = ageInYear(birthYear, referenceYear);
  return age !== null && age < 18;
}
