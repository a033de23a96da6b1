import { fr, type MessageKey } from './fr/index.ts';
import { en } from './en/index.ts';
import { withDe } from '../text.ts';

export type { MessageKey };
export type Locale = 'fr' | 'en';

/**
 * A message whose words depend on a number: the form is chosen by `Intl.PluralRules` from the
 * `count` parameter ("1 séance", "0 séance", "6 séances"), never written "séance(s)".
 */
export interface Plural {
  one: string;
  other: string;
}
export type Message = string | Plural;

const catalogues: Record<Locale, Partial<Record<string, Message>>> = { fr, en };

export type Params = Record<string, string | number | null | undefined>;

const pluralRules: Record<Locale, Intl.PluralRules> = { fr: new Intl.PluralRules('fr'), en: new Intl.PluralRules('en') };

function pick(locale: Locale, message: Message | undefined, params?: Params): string | undefined {
  if (message === undefined || typeof message === 'string') return message;
  const count = Number(params?.count);
  // French has a "many" form for millions ("1 000 000 de séances"): our texts use "other" there.
  return Number.isFinite(count) && pluralRules[locale].select(count) === 'one' ? message.one : message.other;
}

/**
 * Fills `{param}` placeholders. `{param|de}` writes the preposition "de" with French elision
 * before the value ("la fiche d’Odette", "la fiche de Marc"), so that any name reads right.
 */
function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)(?:\|(de))?\}/g, (whole, name: string, preposition?: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    return preposition === 'de' ? withDe(String(value)) : String(value);
  });
}

/** Translates a catalogue key; English falls back to French, which is always complete. */
export function t(locale: Locale, key: MessageKey, params?: Params): string {
  const message = catalogues[locale][key] !== undefined ? catalogues[locale][key] : fr[key];
  return interpolate(pick(locale, message, params) ?? key, params);
}

/**
 * Translates text that may be a catalogue key (error messages carried by Zod schemas and
 * AppError): a key is translated, anything else is returned as it is.
 */
export function translate(locale: Locale, keyOrText: string, params?: Params): string {
  const message = catalogues[locale][keyOrText] ?? (fr as Record<string, Message>)[keyOrText];
  return interpolate(pick(locale, message, params) ?? keyOrText, params);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(fr, value);
}

export type Translator = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translator {
  return (key, params) => t(locale, key, params);
}
