import { fr, type MessageKey } from './fr/index.ts';
import { en } from './en/index.ts';

export type { MessageKey };
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

const catalogues: Record<Locale, Partial<Record<string, string>>> = { fr, en };

export type Params = Record<string, string | number | null | undefined>;

function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

/** Translates a catalogue key; English falls back to French, which is always complete. */
export function t(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(catalogues[locale][key] ?? fr[key], params);
}

/**
 * Translates text that may be a catalogue key (error messages carried by Zod schemas and
 * AppError): a key is translated, anything else is returned as it is.
 */
export function translate(locale: Locale, keyOrText: string, params?: Params): string {
  const text = catalogues[locale][keyOrText] ?? (fr as Record<string, string>)[keyOrText] ?? keyOrText;
  return interpolate(text, params);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(fr, value);
}

export type Translator = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => t(locale, key, params);
}
