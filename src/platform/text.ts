/** Lower case without accents nor punctuation: what accent-insensitive search compares. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9@.+]+/g, ' ')
    .trim();
}

// One collator for the whole app: French order ("Émile" between "Élodie" and "Eugène", not after
// "Zoé"; "de Villiers" among the D), numbers in numeric order ("Salle 2" before "Salle 10").
const frenchCollator = new Intl.Collator('fr', { numeric: true });

/** Compares two names or titles in French alphabetical order (for Array.prototype.sort). */
export function compareFrench(a: string, b: string): number {
  return frenchCollator.compare(a, b);
}

/** A copy of the list in French alphabetical order of the given text. */
export function sortFrench<T>(items: readonly T[], text: (item: T) => string): T[] {
  return [...items].sort((a, b) => frenchCollator.compare(text(a), text(b)));
}

/**
 * "de" before a name, with French elision: "d’Odette", "d’Hélène", "d’Yves", "de Marc",
 * "de Yann". A leading h is taken as mute (most first names: Hélène, Hugo, Henri); a leading y
 * elides only before a consonant, where it is sounded as a vowel.
 */
export function withDe(name: string): string {
  const folded = name.trimStart().normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const elides = /^[aeiouhœæ]/.test(folded) || /^y[^aeiouy]/.test(folded);
  return elides ? `d’${name.trimStart()}` : `de ${name}`;
}

/**
 * Joins the parts of a place ("Salle des fêtes", "2 place de l’Église", "Estourmel") with
 * commas, leaving out a part already said by an earlier one, whatever its case or accents:
 * "12 rue de l’Escaut, 59241 Masnières" is not followed by "Masnières" again.
 */
export function joinPlace(...parts: (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    const text = part?.trim();
    if (!text) continue;
    const folded = foldText(text);
    if (kept.some((earlier) => ` ${foldText(earlier)} `.includes(` ${folded} `))) continue;
    kept.push(text);
  }
  return kept.join(', ');
}

/** French phone numbers kept as digits only ("06 12 34 56 78" → "0612345678"). */
export function normalizePhone(value: string): string {
  const digits = value.replace(/[^\d+]/g, '');
  if (digits.startsWith('+33')) return `0${digits.slice(3)}`;
  if (digits.startsWith('0033')) return `0${digits.slice(4)}`;
  return digits;
}

/**
 * Whether an SMS can reach this French number: only 06 and 07 (+33 6, +33 7) are mobiles;
 * 01–05 and 09 are landlines, 08 special rates.
 */
export function isMobilePhone(value: string | null | undefined): boolean {
  return Boolean(value) && /^0[67]\d{8}$/.test(normalizePhone(value!));
}

export function formatPhone(digits: string | null | undefined): string {
  if (!digits) return '';
  return /^\d{10}$/.test(digits) ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : digits;
}

/** Escapes LIKE wildcards so that user text matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
