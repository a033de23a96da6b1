/**
 * What the centre's forms share: a commune given as typed text (pages) or as an INSEE code
 * (API, CLI), resolved through the platform's one commune resolver, a postal code settling
 * homonyms; a commune several communes could be is asked back with its candidates. Names are
 * required and bounded, free texts trimmed and bounded, opening hours valid OSM
 * `opening_hours` stored in the library's canonical spelling.
 */
import { communeByCode, resolveCommune, type Commune } from '../../platform/communes.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { normalizeOpeningHours } from './opening-hours.ts';

/** A commune is given either as typed text (pages) or as an INSEE code (API, CLI). */
export interface CommuneChoice {
  /** What a person typed: a name, "Name (59400)", a postal code or an INSEE code. */
  commune?: string | null;
  communeInsee?: string | null;
}


/**
 * Several communes match what was typed: the form asks which one. `candidates` lets a page
 * offer them as choices.
 */
export class AmbiguousCommuneError extends AppError {
  constructor(
    field: string,
    readonly candidates: Commune[],
  ) {
    super(422, 'invalid', 'errors.invalid', { [field]: 'admin.commune.ambiguous' });
  }
}

/**
 * Resolves a commune from typed text or an INSEE code. A postal code, when the form has one,
 * settles homonyms. Errors are raised on the field that carried the value.
 */
export function communeOfChoice(choice: CommuneChoice, postalCode?: string | null): Commune | null {
  if (choice.communeInsee !== undefined && choice.communeInsee !== null) {
    const commune = communeByCode(choice.communeInsee);
    if (!commune) throw invalid({ communeInsee: 'admin.commune.unknown' });
    return commune;
  }
  const resolved = resolveCommune(choice.commune, { postalCode });
  if (resolved.kind === 'empty') return null;
  if (resolved.kind === 'unknown') throw invalid({ commune: 'admin.commune.unknown' });
  if (resolved.kind === 'ambiguous') {
    throw new AmbiguousCommuneError('commune', [...resolved.candidates].sort((a, b) => a.code.localeCompare(b.code)));
  }
  return resolved.commune;
}

export function checkOpeningHours(value: string | null | undefined): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  const normalized = normalizeOpeningHours(value);
  if (!normalized) throw invalid({ openingHours: 'admin.centre.openingHoursInvalid' });
  return normalized;
}

export function requiredName(value: string | undefined, key: string, max = 120): string {
  const name = value?.trim() ?? '';
  if (!name) throw invalid({ name: key });
  if (name.length > max) throw invalid({ name: 'admin.tooLong' });
  return name;
}

export function cleanText(value: string | null | undefined, max: number, field: string): string | null {
  const text = value?.trim() ?? '';
  if (text.length > max) throw invalid({ [field]: 'admin.tooLong' });
  return text || null;
}

/**
 * A SIRET as typed ("123 456 789 00012"): 14 digits once spaces are dropped, with a valid
 * check digit — the Luhn sum over the 14 digits; La Poste's many establishments (SIREN
 * 356 000 000) are numbered so that their digits add up to a multiple of 5 instead. Answers
 * the 14 digits, or null when nothing was given; throws a field error otherwise.
 */
export function checkSiret(value: string | null | undefined): string | null {
  const digits = (value ?? '').replace(/[\s.]/g, '');
  if (digits === '') return null;
  if (!isSiret(digits)) throw invalid({ siret: 'admin.centre.siretInvalid' });
  return digits;
}

export function isSiret(digits: string): boolean {
  if (!/^\d{14}$/.test(digits)) return false;
  if (digits.startsWith('356000000') && [...digits].reduce((sum, d) => sum + Number(d), 0) % 5 === 0) return true;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    // From the right, every second digit is doubled (the 14th from the right is the first).
    let d = Number(digits[13 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
