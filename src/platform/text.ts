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

// Characters no one types on purpose and that only cause harm once stored: control characters
// (NUL makes PostgreSQL refuse the whole statement; tab and line breaks are kept), the bidi
// controls that can make "fdp.exe" read "exe.pdf" (Trojan Source), the zero-width characters that
// make two identical-looking names different, and the byte-order mark pasted from some editors.
// A zero-width joiner between two emoji is kept: it builds one emoji (a family, a profession).
const UNWANTED = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]',
    '[\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]',
    '[\\u200B\\u200C\\u2060-\\u2064\\uFEFF]',
    '\\u200D(?!\\p{Extended_Pictographic})',
    '(?<![\\p{Extended_Pictographic}\\p{Emoji_Modifier}]\\uFE0F?)\\u200D',
  ].join('|'),
  'gu',
);
// Half of a UTF-16 surrogate pair, which JSON's \uXXXX escapes can produce: not a character,
// and the databases would store it as garbage. It becomes the replacement character.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const SUSPECT = new RegExp('[\\u0000-\\u001F\\u007F-\\u009F\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uD800-\\uDFFF\\uFEFF]');

/** Text as the user meant it: without invisible control, bidi or zero-width characters. */
export function cleanText(value: string): string {
  // Fast path: almost every input is plain text.
  if (!SUSPECT.test(value)) return value;
  return value.replace(LONE_SURROGATE, '\uFFFD').replace(UNWANTED, '');
}

/**
 * Cleans every string inside a parsed request part (body, query, params), in place where it can
 * and by returning the new value for a bare string. Depth is bounded by the body parsers.
 */
export function cleanTextDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = cleanTextDeep(value[i]);
    return value;
  }
  if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = cleanTextDeep(record[key]);
  }
  return value;
}
