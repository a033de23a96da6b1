/** Lower case without accents nor punctuation: what accent-insensitive search compares. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9@.+]+/g, ' ')
    .trim();
}

/** French phone numbers kept as digits only ("06 12 34 56 78" → "0612345678"). */
export function normalizePhone(value: string): string {
  const digits = value.replace(/[^\d+]/g, '');
  if (digits.startsWith('+33')) return `0${digits.slice(3)}`;
  if (digits.startsWith('0033')) return `0${digits.slice(4)}`;
  return digits;
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
